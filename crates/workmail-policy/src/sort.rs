//! Sorting with two instances of the standard library's sorts, whatever the element types.
//!
//! Every `sort_by_key` on a new element type or key closure instantiates the whole stable sort
//! again (about 3 KiB of WebAssembly each). [`sort_by_key`] sorts positions instead, through one
//! comparison behind a `dyn`, and then swaps the items into that order: the result is exactly
//! the standard stable sort's. The integer sorts go through [`sort_u64`].

use std::cmp::Ordering;

/// The positions `0..len` in the stable order that `compare` defines.
#[inline(never)]
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Sorts `values` in ascending order: the one instance of the standard unstable sort, which the
/// integer sorts share (equal integers cannot be told apart, so any sort gives the same result).
#[inline(never)]
pub(crate) fn sort_u64(values: &mut [u64]) {
    values.sort_unstable();
}

/// Sorts `items` by `key` exactly as `items.sort_by_key(key)` does (stable: items with equal keys
/// keep their order).
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    let mut order = stable_order(items.len(), &|a, b| {
        items.get(a).map(&key).cmp(&items.get(b).map(&key))
    });
    // Position `at` takes the item at `order[at]`: follow each cycle of the permutation,
    // swapping, and mark the positions done (`order[at] == at`).
    for start in 0..order.len() {
        let mut at = start;
        while let Some(from) = order.get_mut(at).map(|from| std::mem::replace(from, at)) {
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for len in [0usize, 1, 2, 3, 7, 20, 21, 64, 300, 1000] {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|at| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    ((state % 5) as u8, at)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            let mut sorted = items;
            sort_by_key(&mut sorted, |item| item.0);
            assert_eq!(sorted, expected);
        }
    }

    #[test]
    fn sorts_integers() {
        let mut values = vec![5, u64::MAX, 0, 5, 1 << 40, 3];
        sort_u64(&mut values);
        assert_eq!(values, [0, 3, 5, 5, 1 << 40, u64::MAX]);
    }
}
