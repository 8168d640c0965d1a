//! Matching the parts of two drafts: by key (heading, wording, key column) with a
//! longest-common-subsequence diff, then unmatched neighbours paired when their text is
//! alike (an edited part), and equal keys found far apart marked as moved.

use super::lcs::{Op, diff};
use super::words::alike;
use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::Hash;

/// How far along the new parts of a replaced stretch an old part looks for its edited
/// self: an edit stays near its place, and the look costs a word diff each.
const EDIT_WINDOW: usize = 8;

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
    // Parts whose key is on both sides but not in order are moves: never paired by text.
    let old_set: HashSet<&K> = old_keys.iter().collect();
    let new_set: HashSet<&K> = new_keys.iter().collect();
    for op in diff(old_keys, new_keys) {
        match op {
            Op::Equal { old, new, len } => pairs.extend((0..len).map(|k| Pair::Both(old + k, new + k))),
            Op::Delete { old, len } => pairs.extend((old..old + len).map(Pair::Old)),
            Op::Insert { new, len } => pairs.extend((new..new + len).map(Pair::New)),
            Op::Replace { old: old_index, old_len, new: new_index, new_len } => {
                let mut news = new_index..new_index + new_len;
                for (o, key) in old_keys.iter().enumerate().skip(old_index).take(old_len) {
                    if new_set.contains(key) {
                        pairs.push(Pair::Old(o));
                        continue;
                    }
                    let old_text = text(Side::Old, o);
                    let edited = news
                        .clone()
                        .filter(|n| !old_set.contains(&new_keys[*n]))
                        .take(EDIT_WINDOW)
                        .find(|n| alike(&old_text, &text(Side::New, *n)))
                        .map(|n| n - news.start);
                    match edited {
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

/// An old part and a new part with the same key, both unmatched: one part, moved (each old
/// part, in order, with the first such new part; found through an index, not a scan).
fn mark_moves<K: Hash + Eq>(pairs: Vec<Pair>, old_keys: &[K], new_keys: &[K]) -> Vec<Pair> {
    let mut pairs = pairs;
    let mut unmatched: HashMap<&K, VecDeque<usize>> = HashMap::new();
    for (at, pair) in pairs.iter().enumerate() {
        if let Pair::New(n) = pair {
            unmatched.entry(&new_keys[*n]).or_default().push_back(at);
        }
    }
    let olds: Vec<usize> = pairs.iter().filter_map(|p| if let Pair::Old(o) = p { Some(*o) } else { None }).collect();
    let mut moved = HashSet::new();
    for o in olds {
        if let Some(at) = unmatched.get_mut(&old_keys[o]).and_then(VecDeque::pop_front) {
            let Pair::New(n) = pairs[at] else { unreachable!("indexed above") };
            pairs[at] = Pair::Moved(o, n);
            moved.insert(o);
        }
    }
    pairs.retain(|p| !matches!(p, Pair::Old(o) if moved.contains(o)));
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
