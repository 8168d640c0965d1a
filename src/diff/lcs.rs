//! A diff of two sequences (parts by key, lines, words) in O(n log n), whatever they hold.
//!
//! Patience diff: the elements found once in each side anchor the alignment (their longest
//! run in the same order), and the stretches between anchors are aligned the same way, a
//! few levels deep; a stretch with no such element (every key repeated) is matched greedily
//! in order. Myers' algorithm, which `similar` falls back to inside a stretch, takes time in
//! the product of the sizes and the differences: 32,000 reordered annex rows took seconds.
//! The same input always gives the same alignment.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::ops::Range;

/// How deep stretches between anchors are aligned again before the greedy match.
const MAX_DEPTH: usize = 8;

/// One run of a diff, as `similar` names them: an equal run, a deletion, an insertion, or a
/// deletion and an insertion at one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    /// `len` elements the same from `old` and `new`.
    Equal { old: usize, new: usize, len: usize },
    /// Old elements `old..old + len` only.
    Delete { old: usize, len: usize },
    /// New elements `new..new + len` only.
    Insert { new: usize, len: usize },
    /// Old `old..old + old_len` replaced by new `new..new + new_len`.
    Replace { old: usize, old_len: usize, new: usize, new_len: usize },
}

/// One element's fate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Same(usize, usize),
    Old(usize),
    New(usize),
}

/// The runs that turn `old` into `new`, in order.
pub(super) fn diff<K: Hash + Eq>(old: &[K], new: &[K]) -> Vec<Op> {
    let mut steps = Vec::with_capacity(old.len().max(new.len()));
    walk(old, new, 0..old.len(), 0..new.len(), 0, &mut steps);
    runs(&steps)
}

/// The number of elements a diff keeps, for a likeness ratio (2 × kept / all).
pub(super) fn kept(ops: &[Op]) -> usize {
    ops.iter().map(|op| if let Op::Equal { len, .. } = op { *len } else { 0 }).sum()
}

fn walk<K: Hash + Eq>(old: &[K], new: &[K], o: Range<usize>, n: Range<usize>, depth: usize, out: &mut Vec<Step>) {
    // Equal ends first: most edits leave them.
    let head = old[o.clone()].iter().zip(&new[n.clone()]).take_while(|(a, b)| a == b).count();
    out.extend((0..head).map(|k| Step::Same(o.start + k, n.start + k)));
    let (o, n) = (o.start + head..o.end, n.start + head..n.end);
    let tail = old[o.clone()].iter().rev().zip(new[n.clone()].iter().rev()).take_while(|(a, b)| a == b).count();
    let (o, n) = (o.start..o.end - tail, n.start..n.end - tail);
    if o.is_empty() || n.is_empty() {
        out.extend(o.clone().map(Step::Old));
        out.extend(n.clone().map(Step::New));
    } else {
        let anchors = if depth < MAX_DEPTH { anchors(old, new, o.clone(), n.clone()) } else { Vec::new() };
        if anchors.is_empty() {
            greedy(old, new, o.clone(), n.clone(), out);
        } else {
            let (mut next_o, mut next_n) = (o.start, n.start);
            for (ao, an) in anchors {
                walk(old, new, next_o..ao, next_n..an, depth + 1, out);
                out.push(Step::Same(ao, an));
                (next_o, next_n) = (ao + 1, an + 1);
            }
            walk(old, new, next_o..o.end, next_n..n.end, depth + 1, out);
        }
    }
    out.extend((0..tail).map(|k| Step::Same(o.end + k, n.end + k)));
}

/// The elements found exactly once in each stretch, in their longest run that keeps the
/// same order on both sides (patience sorting: O(k log k)).
fn anchors<K: Hash + Eq>(old: &[K], new: &[K], o: Range<usize>, n: Range<usize>) -> Vec<(usize, usize)> {
    // Per element: how often, and where last, in the old stretch and the new.
    let mut seen: HashMap<&K, (u32, usize, u32, usize)> = HashMap::new();
    for i in o.clone() {
        let entry = seen.entry(&old[i]).or_insert((0, 0, 0, 0));
        entry.0 += 1;
        entry.1 = i;
    }
    for j in n {
        if let Some(entry) = seen.get_mut(&new[j]) {
            entry.2 += 1;
            entry.3 = j;
        }
    }
    let unique: Vec<(usize, usize)> = o
        .filter_map(|i| match seen.get(&old[i]) {
            Some(&(1, at, 1, j)) if at == i => Some((i, j)),
            _ => None,
        })
        .collect();
    // The longest run of increasing new positions, and of those the one that takes the
    // earliest old elements (a swap keeps the first in place and moves the second): the
    // length of the longest run starting at each element (patience sorting from the back),
    // then the first element that can start the rest, again and again.
    let mut tops: Vec<usize> = Vec::new();
    let mut from = vec![0usize; unique.len()];
    for (k, &(_, j)) in unique.iter().enumerate().rev() {
        let pile = tops.partition_point(|&t| t > j);
        from[k] = pile + 1;
        if pile == tops.len() {
            tops.push(j);
        } else {
            tops[pile] = j;
        }
    }
    let mut need = tops.len();
    let mut run = Vec::with_capacity(need);
    for (k, &(i, j)) in unique.iter().enumerate() {
        if need > 0 && from[k] == need && run.last().is_none_or(|&(_, last)| j > last) {
            run.push((i, j));
            need -= 1;
        }
    }
    run
}

/// A stretch without anchors: each old element matched with the first equal new one after
/// the last match, in order.
fn greedy<K: Hash + Eq>(old: &[K], new: &[K], o: Range<usize>, n: Range<usize>, out: &mut Vec<Step>) {
    let mut places: HashMap<&K, VecDeque<usize>> = HashMap::new();
    for j in n.clone() {
        places.entry(&new[j]).or_default().push_back(j);
    }
    let mut next = n.start;
    for i in o {
        let found = places.get_mut(&old[i]).and_then(|queue| {
            while queue.front().is_some_and(|&j| j < next) {
                queue.pop_front();
            }
            queue.pop_front()
        });
        match found {
            Some(j) => {
                out.extend((next..j).map(Step::New));
                out.push(Step::Same(i, j));
                next = j + 1;
            }
            None => out.push(Step::Old(i)),
        }
    }
    out.extend((next..n.end).map(Step::New));
}

/// Steps as runs: equal runs, and between them the deleted and inserted elements together.
fn runs(steps: &[Step]) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut k = 0;
    while k < steps.len() {
        if let Step::Same(o, n) = steps[k] {
            let len = steps[k..].iter().enumerate().take_while(|(d, s)| **s == Step::Same(o + d, n + d)).count();
            ops.push(Op::Equal { old: o, new: n, len });
            k += len;
            continue;
        }
        let end = k + steps[k..].iter().take_while(|s| !matches!(s, Step::Same(..))).count();
        let olds: Vec<usize> =
            steps[k..end].iter().filter_map(|s| if let Step::Old(o) = s { Some(*o) } else { None }).collect();
        let news: Vec<usize> =
            steps[k..end].iter().filter_map(|s| if let Step::New(n) = s { Some(*n) } else { None }).collect();
        ops.push(match (olds.first(), news.first()) {
            (Some(&old), Some(&new)) => Op::Replace { old, old_len: olds.len(), new, new_len: news.len() },
            (Some(&old), None) => Op::Delete { old, len: olds.len() },
            (None, Some(&new)) => Op::Insert { new, len: news.len() },
            (None, None) => unreachable!("a run of changes has one"),
        });
        k = end;
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies `ops` to `old`, taking inserted elements from `new`: must give `new`.
    fn apply<'a>(ops: &[Op], old: &[&'a str], new: &[&'a str]) -> Vec<&'a str> {
        let mut out = Vec::new();
        for op in ops {
            match *op {
                Op::Equal { old: o, len, .. } => out.extend_from_slice(&old[o..o + len]),
                Op::Insert { new: n, len } | Op::Replace { new: n, new_len: len, .. } => {
                    out.extend_from_slice(&new[n..n + len])
                }
                Op::Delete { .. } => {}
            }
        }
        out
    }

    #[test]
    fn aligns_like_a_patience_diff() {
        let old = ["a", "b", "c", "d", "e"];
        let new = ["a", "x", "c", "d", "b", "e"];
        let ops = diff(&old, &new);
        assert_eq!(apply(&ops, &old, &new), new);
        assert_eq!(ops[0], Op::Equal { old: 0, new: 0, len: 1 });
        assert_eq!(kept(&ops), 4, "{ops:?}");
    }

    #[test]
    fn repeated_and_reordered_elements_are_aligned_in_time_in_their_number() {
        let old: Vec<String> = (0..64_000).map(|i| format!("row {i}")).collect();
        let mut new = old.clone();
        new.reverse();
        let (old, new): (Vec<&str>, Vec<&str>) =
            (old.iter().map(String::as_str).collect(), new.iter().map(String::as_str).collect());
        let ops = diff(&old, &new);
        assert_eq!(apply(&ops, &old, &new), new);
        let same = vec!["x"; 50_000];
        let fewer = vec!["x"; 30_000];
        let ops = diff(&same, &fewer);
        assert_eq!(kept(&ops), 30_000);
    }
}
