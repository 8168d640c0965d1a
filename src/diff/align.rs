//! Matching the parts of two drafts: by key (heading, wording, key column) with a
//! longest-common-subsequence diff, then unmatched neighbours paired when their text is
//! alike (an edited part), and equal keys found far apart marked as moved.

use super::words::alike;
use similar::{Algorithm, DiffOp, capture_diff_slices};
use std::hash::Hash;

/// How an old and a new part correspond.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pair {
    /// Only in the old draft.
    Old(usize),
    /// Only in the new draft.
    New(usize),
    /// The same part in both (perhaps edited).
    Both(usize, usize),
    /// The same part, moved: old index, new index.
    Moved(usize, usize),
}

/// Aligns parts by `key`; `text` decides whether an unmatched old and new part at the same
/// place are one part edited.
pub(super) fn align<K: Hash + Eq + Ord>(
    old_keys: &[K],
    new_keys: &[K],
    text: impl Fn(Side, usize) -> String,
) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, old_keys, new_keys) {
        match op {
            DiffOp::Equal { old_index, new_index, len } => {
                pairs.extend((0..len).map(|k| Pair::Both(old_index + k, new_index + k)));
            }
            DiffOp::Delete { old_index, old_len, .. } => pairs.extend((old_index..old_index + old_len).map(Pair::Old)),
            DiffOp::Insert { new_index, new_len, .. } => pairs.extend((new_index..new_index + new_len).map(Pair::New)),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                let mut news = new_index..new_index + new_len;
                for o in old_index..old_index + old_len {
                    let old_text = text(Side::Old, o);
                    match news.clone().position(|n| alike(&old_text, &text(Side::New, n))) {
                        Some(at) => {
                            pairs.extend(news.by_ref().take(at).map(Pair::New));
                            pairs.push(Pair::Both(o, news.next().expect("found above")));
                        }
                        None => pairs.push(Pair::Old(o)),
                    }
                }
                pairs.extend(news.map(Pair::New));
            }
        }
    }
    mark_moves(pairs, old_keys, new_keys)
}

/// Which draft an index refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// The old draft.
    Old,
    /// The new draft.
    New,
}

/// An old part and a new part with the same key, both unmatched: one part, moved.
fn mark_moves<K: Eq>(pairs: Vec<Pair>, old_keys: &[K], new_keys: &[K]) -> Vec<Pair> {
    let mut pairs = pairs;
    let olds: Vec<usize> = pairs.iter().filter_map(|p| if let Pair::Old(o) = p { Some(*o) } else { None }).collect();
    for o in olds {
        let found = pairs.iter().position(|p| matches!(p, Pair::New(n) if new_keys[*n] == old_keys[o]));
        if let Some(at) = found {
            let Pair::New(n) = pairs[at] else { unreachable!("matched above") };
            pairs[at] = Pair::Moved(o, n);
            pairs.retain(|p| *p != Pair::Old(o));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserted_parts_do_not_disturb_the_others() {
        let old = ["a", "b", "c"];
        let new = ["a", "x", "b", "c"];
        let pairs = align(&old, &new, |_, _| String::new());
        assert_eq!(pairs, [Pair::Both(0, 0), Pair::New(1), Pair::Both(1, 2), Pair::Both(2, 3)]);
    }

    #[test]
    fn reordered_parts_are_moves() {
        let old = ["a", "b", "c"];
        let new = ["c", "a", "b"];
        let pairs = align(&old, &new, |_, _| String::new());
        assert!(pairs.contains(&Pair::Moved(2, 0)), "{pairs:?}");
        assert!(pairs.contains(&Pair::Both(0, 1)) && pairs.contains(&Pair::Both(1, 2)));
    }

    #[test]
    fn an_edited_part_is_paired_by_its_text() {
        let old = ["Costs"];
        let new = ["Cost estimate"];
        let texts = |side: Side, _: usize| match side {
            Side::Old => "The DCC estimates costs of £85,000 and a lead time of six months.".to_string(),
            Side::New => "The DCC estimates costs of £95,000 and a lead time of six months.".to_string(),
        };
        assert_eq!(align(&old, &new, texts), [Pair::Both(0, 0)]);
    }
}
