//! Property tests of tiered prices: totals, per-session prices, bundle savings, for any input in
//! range (no overflow, no panic).

use coachbook_core::pricing::{
    bundle_saving, next_session_price, total_for_client, Currency, TierInput, TieredPrice,
    MAX_MINOR, MAX_TIERS, MAX_TIER_FROM,
};
use proptest::prelude::*;

fn eur() -> Currency {
    Currency::parse("currency", "EUR").unwrap()
}

/// Valid tiers: the first from 1, then strictly increasing starts, prices in range.
fn tiered() -> impl Strategy<Value = TieredPrice> {
    (
        prop::collection::vec((1u32..500, 0i64..=MAX_MINOR), 0..MAX_TIERS),
        0i64..=MAX_MINOR,
    )
        .prop_map(|(rest, first)| {
            let mut input = vec![TierInput {
                from: 1,
                unit_minor: first,
                currency: None,
            }];
            let mut from = 1i64;
            for (gap, unit) in rest {
                from = (from + i64::from(gap)).min(i64::from(MAX_TIER_FROM));
                if from <= input.last().map_or(0, |t| t.from) {
                    break;
                }
                input.push(TierInput {
                    from,
                    unit_minor: unit,
                    currency: None,
                });
            }
            TieredPrice::new(eur(), &input).expect("generated tiers are valid")
        })
}

/// Tiers whose unit prices never go up.
fn non_increasing() -> impl Strategy<Value = TieredPrice> {
    tiered().prop_map(|p| {
        let mut unit = MAX_MINOR;
        let input: Vec<TierInput> = p
            .tiers()
            .iter()
            .map(|t| {
                unit = unit.min(t.unit_minor);
                TierInput {
                    from: i64::from(t.from),
                    unit_minor: unit,
                    currency: None,
                }
            })
            .collect();
        TieredPrice::new(eur(), &input).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn a_total_is_the_sum_of_its_sessions_prices(p in tiered(), had in 0u32..2_000, k in 0u32..300) {
        let by_session: i64 = (1..=k).map(|i| p.unit_price(had + i)).sum();
        prop_assert_eq!(p.total(had, k), by_session);
    }

    #[test]
    fn buying_more_sessions_never_costs_less(p in tiered(), had in 0u32..20_000, k in 0u32..5_000, more in 0u32..5_000) {
        prop_assert!(p.total(had, k) <= p.total(had, k + more));
        prop_assert!(p.total(had, k) >= 0);
    }

    #[test]
    fn totals_split_at_any_point(p in tiered(), had in 0u32..20_000, a in 0u32..5_000, b in 0u32..5_000) {
        prop_assert_eq!(p.total(had, a) + p.total(had + a, b), p.total(had, a + b));
    }

    #[test]
    fn falling_tiers_never_make_a_later_session_dearer(p in non_increasing(), n in 1u32..20_000, later in 0u32..5_000) {
        prop_assert!(p.unit_price(n + later) <= p.unit_price(n));
        let next = next_session_price(&p, None, n - 1);
        prop_assert_eq!(next.unit_minor, p.unit_price(n));
    }

    #[test]
    fn a_saving_is_never_negative_and_its_percent_is_whole(p in tiered(), sessions in 0u32..200, bundle in 0i64..=MAX_MINOR) {
        if let Some(s) = bundle_saving(&p, sessions, bundle, eur()) {
            prop_assert!(s.amount_minor > 0);
            prop_assert!(s.percent <= 100);
            prop_assert_eq!(s.amount_minor + bundle, p.total(0, sessions));
            prop_assert_eq!(i64::from(s.percent), s.amount_minor * 100 / s.single_total_minor);
        } else {
            prop_assert!(sessions == 0 || bundle >= p.total(0, sessions));
        }
    }

    #[test]
    fn no_input_in_range_overflows(p in tiered(), had in any::<u32>(), k in any::<u32>(), client in proptest::option::of(0i64..=MAX_MINOR), bundle in any::<i64>()) {
        let total = total_for_client(&p, client, had, k);
        prop_assert!(total >= 0);
        prop_assert!(total <= MAX_MINOR * i64::from(u32::MAX));
        let _ = next_session_price(&p, client, had);
        let _ = bundle_saving(&p, k, bundle, eur());
    }

    #[test]
    fn any_tiers_sent_are_refused_or_accepted_without_panic(list in prop::collection::vec((any::<i64>(), any::<i64>()), 0..14)) {
        let input: Vec<TierInput> = list.iter().map(|&(from, unit_minor)| TierInput { from, unit_minor, currency: None }).collect();
        match TieredPrice::new(eur(), &input) {
            Ok(p) => {
                prop_assert_eq!(p.tiers()[0].from, 1);
                prop_assert!(p.tiers().windows(2).all(|w| w[0].from < w[1].from));
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }
}
