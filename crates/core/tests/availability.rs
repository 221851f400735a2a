//! Scenario tests of the availability engine: rules, overrides, blocks, buffers, groups, limits,
//! conflicts and classification. DST lives in dst.rs, properties in properties.rs.

mod common;

use coachbook_core::availability::{
    Block, Calendar, CalendarError, Conflict, ConflictError, DateOverride, PolicyReason,
    QueryError, StartClass,
};
use coachbook_core::policy::BookingPolicy;
use coachbook_core::time::{Buffers, Interval, SessionId, TimeWindow};
use common::*;
use jiff::civil::Weekday;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

fn london() -> TimeZone {
    tz("Europe/London")
}

/// Monday 2026-06-01 in London (BST, +01:00).
fn monday(hm: &str) -> Timestamp {
    local(&london(), &format!("2026-06-01T{hm}"))
}

fn monday_query(
    cal: &Calendar,
    spec: coachbook_core::availability::SessionTypeSpec,
) -> Vec<String> {
    let q = query(
        spec,
        ts("2026-05-01T00:00:00Z"),
        monday("00:00"),
        local(&london(), "2026-06-02T00:00"),
    );
    labels(
        &london(),
        cal.availability(&q)
            .expect("valid query")
            .slots
            .iter()
            .map(|s| s.start),
    )
}

fn nine_to_five(
    sessions: Vec<coachbook_core::availability::ExistingSession>,
    blocks: Vec<Block>,
    busy: Vec<Interval>,
) -> Calendar {
    calendar(&london(), weekdays_nine_to_five(), sessions, blocks, busy)
}

fn half_hours(from: &str, to: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut m, end) = (minutes_of(from), minutes_of(to));
    while m < end {
        out.push(format!("{:02}:{:02}", m / 60, m % 60));
        m += 30;
    }
    out
}

fn minutes_of(hm: &str) -> i64 {
    let (h, m) = hm.split_once(':').unwrap();
    h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()
}

#[test]
fn slots_follow_the_weekly_rule_on_the_wall_clock_grid() {
    let cal = nine_to_five(vec![], vec![], vec![]);
    assert_eq!(monday_query(&cal, spec(60)), half_hours("09:00", "16:30"));
}

#[test]
fn slot_ends_are_start_plus_the_real_duration() {
    let cal = nine_to_five(vec![], vec![], vec![]);
    let q = query(
        spec(45),
        ts("2026-05-01T00:00:00Z"),
        monday("00:00"),
        monday("23:00"),
    );
    for slot in cal.availability(&q).unwrap().slots {
        assert_eq!(slot.end.duration_since(slot.start), mins(45));
        assert_eq!(slot.seats_left, 1);
        assert_eq!(slot.session_id, None);
    }
}

#[test]
fn weekend_without_rules_has_no_slots() {
    let cal = nine_to_five(vec![], vec![], vec![]);
    let q = query(
        spec(60),
        ts("2026-05-01T00:00:00Z"),
        local(&london(), "2026-06-06T00:00"),
        local(&london(), "2026-06-08T00:00"),
    );
    assert!(cal.availability(&q).unwrap().slots.is_empty());
}

#[test]
fn booking_inside_minimum_notice_is_not_offered() {
    let cal = nine_to_five(vec![], vec![], vec![]);
    let mut q = query(
        spec(60),
        monday("08:00"),
        monday("00:00"),
        local(&london(), "2026-06-02T00:00"),
    );
    q.policy.min_notice = SignedDuration::from_hours(3);
    let slots = cal.availability(&q).unwrap().slots;
    assert_eq!(
        labels(&london(), slots.iter().map(|s| s.start)),
        half_hours("11:00", "16:30")
    );
}

#[test]
fn slots_beyond_the_horizon_are_not_offered() {
    let cal = nine_to_five(vec![], vec![], vec![]);
    let now = local(&london(), "2026-05-31T12:00");
    let mut q = query(
        spec(60),
        now,
        monday("00:00"),
        local(&london(), "2026-06-03T00:00"),
    );
    q.policy.max_days_ahead = 1;
    let slots = cal.availability(&q).unwrap().slots;
    // Horizon is now + 24 h = Monday 12:00; a slot starting exactly then is still offered.
    assert_eq!(
        labels(&london(), slots.iter().map(|s| s.start)),
        half_hours("09:00", "12:30")
    );
}

#[test]
fn existing_session_removes_overlapping_slots_of_every_type() {
    let mut other_type = session(1, monday("11:00"), 60);
    other_type.session_type_id = DISCOVERY;
    let cal = nine_to_five(vec![other_type], vec![], vec![]);
    let got = monday_query(&cal, spec(60));
    assert!(!got.contains(&"10:30".to_string()));
    assert!(!got.contains(&"11:00".to_string()));
    assert!(!got.contains(&"11:30".to_string()));
    assert!(got.contains(&"10:00".to_string()));
    assert!(got.contains(&"12:00".to_string()));
}

#[test]
fn new_slot_buffers_may_not_overlap_an_existing_session() {
    let cal = nine_to_five(vec![session(1, monday("12:00"), 60)], vec![], vec![]);
    let mut s = spec(60);
    s.buffer_after = mins(15);
    s.buffer_before = mins(15);
    let got = monday_query(&cal, s);
    // 11:00–12:00 would need 12:00–12:15 free; 13:00 would need 12:45–13:00 free.
    assert!(!got.contains(&"11:00".to_string()));
    assert!(!got.contains(&"13:00".to_string()));
    assert!(got.contains(&"10:30".to_string()));
    assert!(got.contains(&"13:30".to_string()));
}

#[test]
fn new_slot_may_not_start_inside_an_existing_sessions_buffer() {
    let mut existing = session(1, monday("12:00"), 60);
    existing.buffer_after = mins(30);
    existing.buffer_before = mins(30);
    let cal = nine_to_five(vec![existing], vec![], vec![]);
    let got = monday_query(&cal, spec(60));
    assert!(!got.contains(&"11:00".to_string()));
    assert!(!got.contains(&"13:00".to_string()));
    assert!(got.contains(&"10:30".to_string()));
    assert!(got.contains(&"13:30".to_string()));
}

#[test]
fn buffers_may_overlap_each_other() {
    let mut existing = session(1, monday("12:00"), 60);
    existing.buffer_after = mins(30);
    let cal = nine_to_five(vec![existing], vec![], vec![]);
    let mut s = spec(60);
    s.buffer_before = mins(30);
    let got = monday_query(&cal, s);
    // 13:30 starts right after the existing buffer; its own buffer (13:00–13:30) overlaps that
    // buffer only, which is allowed.
    assert!(got.contains(&"13:30".to_string()));
    assert!(!got.contains(&"13:00".to_string()));
}

#[test]
fn buffers_may_not_overlap_a_block() {
    let block = Block::OneOff {
        start: monday("13:00"),
        end: monday("14:00"),
    };
    let cal = nine_to_five(vec![], vec![block], vec![]);
    let mut s = spec(60);
    s.buffer_after = mins(15);
    let got = monday_query(&cal, s);
    assert!(
        !got.contains(&"12:00".to_string()),
        "buffer 13:00–13:15 would fall into time off"
    );
    assert!(got.contains(&"11:30".to_string()));
    assert!(got.contains(&"14:00".to_string()));
}

#[test]
fn whole_day_block_closes_the_day() {
    let block = Block::Days {
        from: date("2026-06-01"),
        until: date("2026-06-01"),
    };
    let cal = nine_to_five(vec![], vec![block], vec![]);
    assert!(monday_query(&cal, spec(60)).is_empty());
}

#[test]
fn whole_day_block_until_the_end_of_the_calendar_closes_everything_after() {
    let block = Block::Days {
        from: date("2026-06-02"),
        until: date("9999-12-31"),
    };
    let cal = nine_to_five(vec![], vec![block], vec![]);
    assert_eq!(monday_query(&cal, spec(60)).len(), 15);
    let q = query(
        spec(60),
        ts("2026-05-01T00:00:00Z"),
        monday("00:00"),
        local(&london(), "2026-09-01T00:00"),
    );
    assert!(cal
        .availability(&q)
        .unwrap()
        .slots
        .iter()
        .all(|s| s.start < local(&london(), "2026-06-02T00:00")));
}

#[test]
fn weekly_block_takes_every_friday_afternoon_off() {
    let block = Block::Weekly {
        weekdays: vec![Weekday::Friday],
        start: time("12:00"),
        end: time("00:00"),
        from: date("2026-01-01"),
        until: None,
    };
    let cal = nine_to_five(vec![], vec![block], vec![]);
    let friday = |hm: &str| local(&london(), &format!("2026-06-05T{hm}"));
    let q = query(
        spec(60),
        ts("2026-05-01T00:00:00Z"),
        friday("00:00"),
        friday("23:00"),
    );
    let got = labels(
        &london(),
        cal.availability(&q).unwrap().slots.iter().map(|s| s.start),
    );
    assert_eq!(got, half_hours("09:00", "11:30"));
    // Monday is untouched.
    assert_eq!(monday_query(&cal, spec(60)).len(), 15);
}

#[test]
fn external_busy_time_removes_slots_and_shows_as_busy() {
    let busy = interval(monday("10:00"), monday("10:20"));
    let cal = nine_to_five(vec![], vec![], vec![busy]);
    let got = monday_query(&cal, spec(30));
    assert!(!got.contains(&"10:00".to_string()));
    assert!(got.contains(&"10:30".to_string()));
    let q = query(
        spec(30),
        ts("2026-05-01T00:00:00Z"),
        monday("00:00"),
        monday("23:00"),
    );
    assert_eq!(cal.availability(&q).unwrap().busy, vec![busy]);
}

#[test]
fn busy_time_merges_sessions_with_buffers_blocks_and_external_busy() {
    let mut s = session(1, monday("10:00"), 60);
    s.buffer_after = mins(15);
    let block = Block::OneOff {
        start: monday("11:15"),
        end: monday("12:00"),
    };
    let busy = interval(monday("15:00"), monday("16:00"));
    let cal = nine_to_five(vec![s], vec![block], vec![busy]);
    let q = query(
        spec(30),
        ts("2026-05-01T00:00:00Z"),
        monday("00:00"),
        monday("23:00"),
    );
    let got = cal.availability(&q).unwrap().busy;
    assert_eq!(got, vec![interval(monday("10:00"), monday("12:00")), busy]);
}

#[test]
fn busy_time_is_clipped_to_the_query_range() {
    let cal = nine_to_five(vec![session(1, monday("10:00"), 120)], vec![], vec![]);
    let q = query(
        spec(30),
        ts("2026-05-01T00:00:00Z"),
        monday("11:00"),
        monday("23:00"),
    );
    assert_eq!(
        cal.availability(&q).unwrap().busy,
        vec![interval(monday("11:00"), monday("12:00"))]
    );
}

#[test]
fn date_override_replaces_the_rules_of_that_day() {
    let o = DateOverride {
        date: date("2026-06-01"),
        windows: vec![TimeWindow::new(time("18:00"), time("20:00")).unwrap()],
        session_type_ids: vec![],
    };
    let cal = Calendar::new(
        schedule(&london(), weekdays_nine_to_five(), vec![o]),
        vec![],
        vec![],
        vec![],
    )
    .unwrap();
    assert_eq!(monday_query(&cal, spec(60)), half_hours("18:00", "19:30"));
}

#[test]
fn empty_date_override_closes_the_day() {
    let o = DateOverride {
        date: date("2026-06-01"),
        windows: vec![],
        session_type_ids: vec![],
    };
    let cal = Calendar::new(
        schedule(&london(), weekdays_nine_to_five(), vec![o]),
        vec![],
        vec![],
        vec![],
    )
    .unwrap();
    assert!(monday_query(&cal, spec(60)).is_empty());
}

#[test]
fn rule_limited_to_a_session_type_offers_only_that_type() {
    let mut discovery_only = rule(Weekday::Monday, "18:00", "19:00");
    discovery_only.session_type_ids = vec![DISCOVERY];
    let mut rules = weekdays_nine_to_five();
    rules.push(discovery_only);
    let cal = calendar(&london(), rules, vec![], vec![], vec![]);
    assert!(!monday_query(&cal, spec(30)).contains(&"18:00".to_string()));
    let mut discovery = spec(30);
    discovery.id = DISCOVERY;
    assert!(monday_query(&cal, discovery).contains(&"18:30".to_string()));
}

#[test]
fn rule_validity_dates_are_respected() {
    let mut summer = rule(Weekday::Monday, "09:00", "10:00");
    summer.valid_from = Some(date("2026-06-02"));
    let cal = calendar(&london(), vec![summer.clone()], vec![], vec![], vec![]);
    assert!(monday_query(&cal, spec(30)).is_empty());
    summer.valid_from = Some(date("2026-06-01"));
    summer.valid_until = Some(date("2026-06-01"));
    let cal = calendar(&london(), vec![summer], vec![], vec![], vec![]);
    assert_eq!(monday_query(&cal, spec(30)), vec!["09:00", "09:30"]);
}

#[test]
fn overlapping_and_touching_rules_merge_without_duplicate_slots() {
    let rules = vec![
        rule(Weekday::Monday, "09:00", "11:00"),
        rule(Weekday::Monday, "10:00", "12:00"),
        rule(Weekday::Monday, "12:00", "13:00"),
    ];
    let cal = calendar(&london(), rules, vec![], vec![], vec![]);
    assert_eq!(monday_query(&cal, spec(60)), half_hours("09:00", "12:30"));
}

#[test]
fn window_ending_at_midnight_runs_to_the_end_of_the_day() {
    let cal = calendar(
        &london(),
        vec![rule(Weekday::Monday, "22:00", "00:00")],
        vec![],
        vec![],
        vec![],
    );
    assert_eq!(
        monday_query(&cal, spec(60)),
        vec!["22:00", "22:30", "23:00"]
    );
}

#[test]
fn rule_starting_off_grid_starts_slots_at_the_next_grid_line() {
    let cal = calendar(
        &london(),
        vec![rule(Weekday::Monday, "09:10", "11:00")],
        vec![],
        vec![],
        vec![],
    );
    assert_eq!(
        monday_query(&cal, spec(30)),
        vec!["09:30", "10:00", "10:30"]
    );
}

fn group_spec() -> coachbook_core::availability::SessionTypeSpec {
    let mut s = spec(90);
    s.id = GROUP;
    s.capacity = 8;
    s
}

fn group_session(
    id: i64,
    start: Timestamp,
    booked: u32,
) -> coachbook_core::availability::ExistingSession {
    let mut s = session(id, start, 90);
    s.session_type_id = GROUP;
    s.capacity = 8;
    s.booked = booked;
    s
}

#[test]
fn non_full_group_session_is_offered_at_its_own_time_with_seats_left() {
    let cal = nine_to_five(vec![group_session(7, monday("10:10"), 5)], vec![], vec![]);
    let q = query(
        group_spec(),
        ts("2026-05-01T00:00:00Z"),
        monday("00:00"),
        monday("23:00"),
    );
    let slots = cal.availability(&q).unwrap().slots;
    let join = slots
        .iter()
        .find(|s| s.session_id.is_some())
        .expect("join slot");
    assert_eq!(
        join.start,
        monday("10:10"),
        "offered off-grid, at the session's own time"
    );
    assert_eq!(join.seats_left, 3);
    assert_eq!(join.session_id, Some(SessionId(7)));
    assert!(slots
        .iter()
        .filter(|s| s.session_id.is_none())
        .all(|s| s.seats_left == 8));
}

#[test]
fn full_group_session_is_not_offered() {
    let cal = nine_to_five(vec![group_session(7, monday("10:00"), 8)], vec![], vec![]);
    let q = query(
        group_spec(),
        ts("2026-05-01T00:00:00Z"),
        monday("00:00"),
        monday("23:00"),
    );
    let slots = cal.availability(&q).unwrap().slots;
    assert!(slots.iter().all(|s| s.session_id.is_none()));
    assert!(slots.iter().all(|s| s.start != monday("10:00")));
}

#[test]
fn overbooked_group_session_is_not_offered() {
    let cal = nine_to_five(vec![group_session(7, monday("10:00"), 11)], vec![], vec![]);
    let q = query(
        group_spec(),
        ts("2026-05-01T00:00:00Z"),
        monday("00:00"),
        monday("23:00"),
    );
    assert!(cal
        .availability(&q)
        .unwrap()
        .slots
        .iter()
        .all(|s| s.session_id.is_none()));
}

#[test]
fn group_session_is_busy_time_for_other_session_types() {
    let cal = nine_to_five(vec![group_session(7, monday("10:00"), 2)], vec![], vec![]);
    let got = monday_query(&cal, spec(60));
    assert!(!got.contains(&"10:00".to_string()));
    assert!(!got.contains(&"11:00".to_string()));
}

#[test]
fn daily_limit_reached_closes_the_day_for_new_sessions() {
    let cal = nine_to_five(
        vec![
            session(1, monday("09:00"), 60),
            session(2, monday("15:00"), 60),
        ],
        vec![],
        vec![],
    );
    let mut q = query(
        spec(60),
        ts("2026-05-01T00:00:00Z"),
        monday("00:00"),
        local(&london(), "2026-06-03T00:00"),
    );
    q.policy.max_sessions_per_day = Some(2);
    let slots = cal.availability(&q).unwrap().slots;
    assert!(slots
        .iter()
        .all(|s| s.start >= local(&london(), "2026-06-02T00:00")));
    assert!(!slots.is_empty(), "Tuesday is still open");
}

#[test]
fn joining_a_group_session_is_allowed_when_the_daily_limit_is_reached() {
    let cal = nine_to_five(
        vec![
            group_session(7, monday("10:00"), 2),
            session(1, monday("15:00"), 60),
        ],
        vec![],
        vec![],
    );
    let mut q = query(
        group_spec(),
        ts("2026-05-01T00:00:00Z"),
        monday("00:00"),
        monday("23:00"),
    );
    q.policy.max_sessions_per_day = Some(2);
    let slots = cal.availability(&q).unwrap().slots;
    assert_eq!(slots.len(), 1);
    assert_eq!(slots[0].session_id, Some(SessionId(7)));
}

#[test]
fn weekly_limit_counts_the_iso_week_in_the_coach_zone() {
    // Two sessions on Monday and Wednesday of the week of 2026-06-01.
    let sessions = vec![
        session(1, monday("09:00"), 60),
        session(2, local(&london(), "2026-06-03T09:00"), 60),
    ];
    let cal = nine_to_five(sessions, vec![], vec![]);
    let mut q = query(
        spec(60),
        ts("2026-05-01T00:00:00Z"),
        monday("00:00"),
        local(&london(), "2026-06-15T00:00"),
    );
    q.policy.max_sessions_per_week = Some(2);
    let slots = cal.availability(&q).unwrap().slots;
    let next_monday = local(&london(), "2026-06-08T00:00");
    assert!(
        slots.iter().all(|s| s.start >= next_monday),
        "the first week is full"
    );
    assert!(slots
        .iter()
        .any(|s| s.start < local(&london(), "2026-06-15T00:00")));
}

#[test]
fn rescheduling_frees_the_sessions_own_time() {
    let cal = nine_to_five(vec![session(1, monday("10:00"), 60)], vec![], vec![]);
    let mut q = query(
        spec(60),
        ts("2026-05-01T00:00:00Z"),
        monday("00:00"),
        monday("23:00"),
    );
    q.exclude_session = Some(SessionId(1));
    let got = labels(
        &london(),
        cal.availability(&q).unwrap().slots.iter().map(|s| s.start),
    );
    assert!(got.contains(&"10:00".to_string()));
}

#[test]
fn query_range_longer_than_a_year_is_refused() {
    let cal = nine_to_five(vec![], vec![], vec![]);
    let q = query(
        spec(60),
        ts("2026-01-01T00:00:00Z"),
        ts("2026-01-01T00:00:00Z"),
        ts("2027-01-03T00:00:00Z"),
    );
    assert_eq!(cal.availability(&q), Err(QueryError::RangeTooLong));
}

#[test]
fn reversed_or_empty_query_range_is_refused() {
    let cal = nine_to_five(vec![], vec![], vec![]);
    let q = query(spec(60), monday("00:00"), monday("12:00"), monday("11:00"));
    assert_eq!(cal.availability(&q), Err(QueryError::EmptyRange));
    let q = query(spec(60), monday("00:00"), monday("12:00"), monday("12:00"));
    assert_eq!(cal.availability(&q), Err(QueryError::EmptyRange));
}

#[test]
fn zero_duration_session_type_is_refused() {
    let cal = nine_to_five(vec![], vec![], vec![]);
    let q = query(spec(0), monday("00:00"), monday("00:00"), monday("12:00"));
    assert_eq!(cal.availability(&q), Err(QueryError::Duration));
}

#[test]
fn query_at_the_ends_of_time_does_not_panic() {
    let cal = nine_to_five(vec![session(1, monday("10:00"), 60)], vec![], vec![]);
    let q = query(
        spec(60),
        Timestamp::MAX,
        Timestamp::MIN,
        Timestamp::MIN
            .checked_add(SignedDuration::from_hours(24 * 300))
            .unwrap(),
    );
    assert!(cal.availability(&q).is_ok());
    let q = query(
        spec(60),
        Timestamp::MIN,
        Timestamp::MAX
            .checked_sub(SignedDuration::from_hours(24 * 300))
            .unwrap(),
        Timestamp::MAX,
    );
    assert!(cal.availability(&q).is_ok());
}

#[test]
fn data_window_holds_everything_that_can_change_the_answer() {
    // Sessions outside the data window of a query cannot change its answer, limits included.
    let far_past = session(1, local(&london(), "2026-05-20T10:00"), 60);
    let same_week = session(2, local(&london(), "2026-05-25T10:00"), 60);
    let window = coachbook_core::availability::data_window(
        monday("00:00"),
        local(&london(), "2026-06-02T00:00"),
    );
    assert!(!window.overlaps(&far_past.core()));
    assert!(window.overlaps(&same_week.core()));
    let mut q = query(
        spec(60),
        ts("2026-05-01T00:00:00Z"),
        monday("00:00"),
        local(&london(), "2026-06-02T00:00"),
    );
    q.policy.max_sessions_per_week = Some(1);
    let with = nine_to_five(vec![far_past.clone()], vec![], vec![])
        .availability(&q)
        .unwrap();
    let without = nine_to_five(vec![], vec![], vec![])
        .availability(&q)
        .unwrap();
    assert_eq!(with, without);
}

#[test]
fn calendar_refuses_a_session_that_ends_before_it_starts() {
    let mut s = session(1, monday("10:00"), 60);
    s.end = monday("09:00");
    let err =
        Calendar::new(schedule(&london(), vec![], vec![]), vec![s], vec![], vec![]).unwrap_err();
    assert!(matches!(
        err,
        CalendarError::Session {
            id: SessionId(1),
            ..
        }
    ));
}

#[test]
fn calendar_refuses_the_same_session_twice() {
    let s = session(1, monday("10:00"), 60);
    let err = Calendar::new(
        schedule(&london(), vec![], vec![]),
        vec![s.clone(), s],
        vec![],
        vec![],
    )
    .unwrap_err();
    assert_eq!(err, CalendarError::DuplicateSession(SessionId(1)));
}

#[test]
fn calendar_refuses_a_rule_that_ends_before_it_starts() {
    let err = Calendar::new(
        schedule(
            &london(),
            vec![rule(Weekday::Monday, "17:00", "09:00")],
            vec![],
        ),
        vec![],
        vec![],
        vec![],
    )
    .unwrap_err();
    assert!(matches!(err, CalendarError::Rule { index: 0, .. }));
}

#[test]
fn calendar_drops_empty_busy_intervals_but_refuses_reversed_ones() {
    let empty = Interval {
        start: monday("10:00"),
        end: monday("10:00"),
    };
    assert!(Calendar::new(
        schedule(&london(), vec![], vec![]),
        vec![],
        vec![],
        vec![empty]
    )
    .is_ok());
    let reversed = Interval {
        start: monday("10:00"),
        end: monday("09:00"),
    };
    assert!(matches!(
        Calendar::new(
            schedule(&london(), vec![], vec![]),
            vec![],
            vec![],
            vec![reversed]
        ),
        Err(CalendarError::Busy { index: 0, .. })
    ));
}

#[test]
fn conflict_check_names_the_session_it_collides_with() {
    let cal = nine_to_five(vec![session(4, monday("10:00"), 60)], vec![], vec![]);
    let err = cal
        .check_conflict(
            interval(monday("10:30"), monday("11:30")),
            Buffers::NONE,
            None,
        )
        .unwrap_err();
    assert_eq!(
        err,
        ConflictError::Conflict(Conflict::Session {
            session_id: SessionId(4),
            interval: interval(monday("10:00"), monday("11:00"))
        })
    );
}

#[test]
fn conflict_check_allows_back_to_back_sessions_without_buffers() {
    let cal = nine_to_five(vec![session(4, monday("10:00"), 60)], vec![], vec![]);
    assert_eq!(
        cal.check_conflict(
            interval(monday("11:00"), monday("12:00")),
            Buffers::NONE,
            None
        ),
        Ok(())
    );
}

#[test]
fn conflict_check_applies_the_buffers_of_both_sides() {
    let mut existing = session(4, monday("10:00"), 60);
    existing.buffer_after = mins(10);
    let cal = nine_to_five(vec![existing], vec![], vec![]);
    assert!(cal
        .check_conflict(
            interval(monday("11:00"), monday("12:00")),
            Buffers::NONE,
            None
        )
        .is_err());
    assert!(cal
        .check_conflict(
            interval(monday("11:10"), monday("12:00")),
            Buffers::minutes(10, 0),
            None
        )
        .is_ok());
    assert!(cal
        .check_conflict(
            interval(monday("12:00"), monday("13:00")),
            Buffers::minutes(61, 0),
            None
        )
        .is_err());
}

#[test]
fn conflict_check_names_blocks_and_busy_time_without_people() {
    let block = Block::OneOff {
        start: monday("12:00"),
        end: monday("13:00"),
    };
    let busy = interval(monday("14:00"), monday("15:00"));
    let cal = nine_to_five(vec![], vec![block], vec![busy]);
    assert_eq!(
        cal.check_conflict(
            interval(monday("12:30"), monday("13:30")),
            Buffers::NONE,
            None
        ),
        Err(ConflictError::Conflict(Conflict::Block {
            interval: interval(monday("12:00"), monday("13:00"))
        }))
    );
    assert_eq!(
        cal.check_conflict(
            interval(monday("15:00"), monday("15:30")),
            Buffers::minutes(5, 0),
            None
        ),
        Err(ConflictError::Conflict(Conflict::Busy { interval: busy }))
    );
}

#[test]
fn conflict_check_ignores_the_session_being_rescheduled() {
    let cal = nine_to_five(vec![session(4, monday("10:00"), 60)], vec![], vec![]);
    assert_eq!(
        cal.check_conflict(
            interval(monday("10:30"), monday("11:30")),
            Buffers::NONE,
            Some(SessionId(4))
        ),
        Ok(())
    );
}

#[test]
fn conflict_check_refuses_an_empty_proposal() {
    let cal = nine_to_five(vec![], vec![], vec![]);
    let bad = Interval {
        start: monday("10:00"),
        end: monday("10:00"),
    };
    assert!(matches!(
        cal.check_conflict(bad, Buffers::NONE, None),
        Err(ConflictError::InvalidInterval(_))
    ));
}

#[test]
fn conflict_check_sees_weekly_blocks() {
    let block = Block::Weekly {
        weekdays: vec![Weekday::Monday],
        start: time("12:00"),
        end: time("13:00"),
        from: date("2026-01-05"),
        until: None,
    };
    let cal = nine_to_five(vec![], vec![block], vec![]);
    assert!(matches!(
        cal.check_conflict(
            interval(monday("12:30"), monday("14:00")),
            Buffers::NONE,
            None
        ),
        Err(ConflictError::Conflict(Conflict::Block { .. }))
    ));
}

fn classify(
    cal: &Calendar,
    policy: &BookingPolicy,
    now: Timestamp,
    start: Timestamp,
) -> StartClass {
    cal.classify_start(&spec(60), policy, now, start, None)
        .unwrap()
}

#[test]
fn offered_start_is_classified_as_offered() {
    let cal = nine_to_five(vec![], vec![], vec![]);
    let got = classify(
        &cal,
        &open_policy(),
        ts("2026-05-01T00:00:00Z"),
        monday("10:00"),
    );
    assert!(
        matches!(got, StartClass::Offered(slot) if slot.start == monday("10:00") && slot.end == monday("11:00"))
    );
    assert!(cal
        .is_offered(
            &spec(60),
            &open_policy(),
            ts("2026-05-01T00:00:00Z"),
            monday("10:00"),
            None
        )
        .unwrap());
}

#[test]
fn start_inside_minimum_notice_becomes_a_request() {
    let cal = nine_to_five(vec![], vec![], vec![]);
    let got = classify(
        &cal,
        &BookingPolicy::default(),
        monday("08:00"),
        monday("10:00"),
    );
    assert_eq!(
        got,
        StartClass::OutsidePolicy(PolicyReason::TooLittleNotice)
    );
}

#[test]
fn start_beyond_the_horizon_becomes_a_request() {
    let cal = nine_to_five(vec![], vec![], vec![]);
    let got = classify(
        &cal,
        &BookingPolicy::default(),
        ts("2026-01-01T00:00:00Z"),
        monday("10:00"),
    );
    assert_eq!(got, StartClass::OutsidePolicy(PolicyReason::TooFarAhead));
}

#[test]
fn start_outside_hours_or_off_the_grid_becomes_a_request() {
    let cal = nine_to_five(vec![], vec![], vec![]);
    let now = ts("2026-05-01T00:00:00Z");
    assert_eq!(
        classify(&cal, &open_policy(), now, monday("19:00")),
        StartClass::OutsidePolicy(PolicyReason::OutsideHours)
    );
    assert_eq!(
        classify(&cal, &open_policy(), now, monday("10:10")),
        StartClass::OutsidePolicy(PolicyReason::OutsideHours)
    );
    assert_eq!(
        classify(&cal, &open_policy(), now, monday("16:30")),
        StartClass::OutsidePolicy(PolicyReason::OutsideHours)
    );
}

#[test]
fn start_on_a_full_day_becomes_a_request() {
    let cal = nine_to_five(vec![session(1, monday("09:00"), 60)], vec![], vec![]);
    let policy = BookingPolicy {
        max_sessions_per_day: Some(1),
        ..open_policy()
    };
    assert_eq!(
        classify(&cal, &policy, ts("2026-05-01T00:00:00Z"), monday("14:00")),
        StartClass::OutsidePolicy(PolicyReason::DailyLimitReached)
    );
}

#[test]
fn start_that_collides_is_a_hard_conflict_even_outside_policy() {
    let cal = nine_to_five(vec![session(3, monday("19:00"), 60)], vec![], vec![]);
    let got = classify(
        &cal,
        &open_policy(),
        ts("2026-05-01T00:00:00Z"),
        monday("19:30"),
    );
    assert!(matches!(
        got,
        StartClass::Conflict(Conflict::Session {
            session_id: SessionId(3),
            ..
        })
    ));
}

#[test]
fn joining_a_full_group_session_is_a_conflict() {
    let cal = nine_to_five(vec![group_session(7, monday("10:00"), 8)], vec![], vec![]);
    let got = cal
        .classify_start(
            &group_spec(),
            &open_policy(),
            ts("2026-05-01T00:00:00Z"),
            monday("10:00"),
            None,
        )
        .unwrap();
    assert!(matches!(
        got,
        StartClass::Conflict(Conflict::Session {
            session_id: SessionId(7),
            ..
        })
    ));
}

#[test]
fn joining_a_group_session_inside_notice_becomes_a_request() {
    let cal = nine_to_five(vec![group_session(7, monday("10:00"), 2)], vec![], vec![]);
    let got = cal
        .classify_start(
            &group_spec(),
            &BookingPolicy::default(),
            monday("08:00"),
            monday("10:00"),
            None,
        )
        .unwrap();
    assert_eq!(
        got,
        StartClass::OutsidePolicy(PolicyReason::TooLittleNotice)
    );
    let got = cal
        .classify_start(
            &group_spec(),
            &open_policy(),
            monday("08:00"),
            monday("10:00"),
            None,
        )
        .unwrap();
    assert!(
        matches!(got, StartClass::Offered(slot) if slot.session_id == Some(SessionId(7)) && slot.seats_left == 6)
    );
}
