//! A static interval index: intervals sorted by start with an implicit augmented binary tree
//! over them, so "what overlaps [a, b)" costs O(log n + k) however much history there is and
//! however long any one interval is (a single year-long block does not degrade the search, as it
//! would with a "maximum length" window).

use jiff::Timestamp;

use crate::time::Interval;

#[derive(Debug, Clone)]
pub(crate) struct IntervalIndex<T> {
    /// Sorted by (start, end).
    items: Vec<(Interval, T)>,
    /// For the subtree whose root is position `mid` of a `[lo, hi)` range (mid = (lo + hi) / 2),
    /// the latest end in that subtree.
    max_end: Vec<Timestamp>,
}

impl<T> IntervalIndex<T> {
    pub fn new(mut items: Vec<(Interval, T)>) -> Self {
        items.sort_by_key(|item| item.0);
        let mut max_end = vec![Timestamp::MIN; items.len()];
        build(&items, &mut max_end, 0, items.len());
        Self { items, max_end }
    }

    /// Calls `f` for every item overlapping `[range.start, range.end)`, in start order.
    pub fn for_each_overlapping<'a>(
        &'a self,
        range: Interval,
        mut f: impl FnMut(&'a Interval, &'a T),
    ) {
        self.visit(0, self.items.len(), range, &mut f);
    }

    fn visit<'a>(
        &'a self,
        lo: usize,
        hi: usize,
        range: Interval,
        f: &mut impl FnMut(&'a Interval, &'a T),
    ) {
        if lo >= hi {
            return;
        }
        let mid = lo + (hi - lo) / 2;
        if self.max_end[mid] <= range.start {
            return;
        }
        self.visit(lo, mid, range, f);
        let (interval, payload) = &self.items[mid];
        if interval.start >= range.end {
            return;
        }
        if interval.end > range.start {
            f(interval, payload);
        }
        self.visit(mid + 1, hi, range, f);
    }
}

fn build<T>(items: &[(Interval, T)], max_end: &mut [Timestamp], lo: usize, hi: usize) -> Timestamp {
    if lo >= hi {
        return Timestamp::MIN;
    }
    let mid = lo + (hi - lo) / 2;
    let left = build(items, max_end, lo, mid);
    let right = build(items, max_end, mid + 1, hi);
    let own = items[mid].0.end;
    let max = own.max(left).max(right);
    max_end[mid] = max;
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(a: i64, b: i64) -> Interval {
        Interval {
            start: Timestamp::from_second(a).unwrap(),
            end: Timestamp::from_second(b).unwrap(),
        }
    }

    #[test]
    fn index_finds_exactly_the_overlapping_intervals() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as i64
        };
        let items: Vec<(Interval, usize)> = (0..500)
            .map(|i| {
                let a = next() % 10_000;
                let len = if i % 50 == 0 { 5_000 } else { 1 + next() % 100 };
                (iv(a, a + len), i)
            })
            .collect();
        let index = IntervalIndex::new(items.clone());
        for _ in 0..200 {
            let a = next() % 11_000 - 500;
            let range = iv(a, a + 1 + next() % 300);
            let mut found = Vec::new();
            index.for_each_overlapping(range, |_, &i| found.push(i));
            found.sort_unstable();
            let mut expected: Vec<usize> = items
                .iter()
                .filter(|(i, _)| i.overlaps(&range))
                .map(|(_, p)| *p)
                .collect();
            expected.sort_unstable();
            assert_eq!(found, expected);
        }
    }
}
