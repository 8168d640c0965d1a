//! The commit journal: what a run is about to put in place and remove, written before the
//! first rename so that a run killed halfway is completed by the next.
//!
//! The journal lies in a folder others may write to, so the next run trusts it only as far
//! as it verifies: its own checksum, and names of files directly in the output folder.
//! Recovery never acts through a link or on anything but a regular file, and a journal that
//! does not verify is refused with an error, never followed.

use super::{STAGE, rename, sync_folder, write_synced};
use crate::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

/// The journal's file name in the output folder.
pub(super) const JOURNAL: &str = ".panelpaper-journal";
/// The file that records what panelpaper wrote in the folder (see `record`).
pub(super) const RECORD: &str = ".panelpaper-outputs";
const HEADER: &str = "panelpaper-journal 2";

/// One step of a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    /// Staged file `index` goes in place as `name`.
    Put {
        /// Its number in the staging folder.
        index: usize,
        /// Its name in the output folder.
        name: String,
    },
    /// `name`, an output of an earlier run that this one does not make, goes.
    Remove {
        /// Its name in the output folder.
        name: String,
    },
}

/// Whether `name` may be acted on: one file directly in the output folder, an output's name
/// or the record's, never a path that leads elsewhere.
pub(super) fn valid_name(name: &str) -> bool {
    let mut components = Path::new(name).components();
    matches!(components.next(), Some(std::path::Component::Normal(_)))
        && components.next().is_none()
        && !name.contains(['/', '\\', '\0'])
        && (!name.starts_with('.') || name == RECORD)
}

/// The journal's text for `steps`, with its checksum last.
fn text(steps: &[Step]) -> String {
    let mut out = format!("{HEADER}\n");
    for step in steps {
        let line = match step {
            Step::Put { index, name } => format!("put\t{index}\t{}\n", quoted(name)),
            Step::Remove { name } => format!("remove\t{}\n", quoted(name)),
        };
        out.push_str(&line);
    }
    let sum = checksum(&out);
    out.push_str(&format!("end\t{sum}\n"));
    out
}

fn quoted(name: &str) -> String {
    serde_json::to_string(name).expect("strings serialise")
}

/// A hex checksum of `text` (XXH3-128: torn or altered lines show).
pub(super) fn checksum(text: &str) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
}

/// The steps of a journal's text, or why it cannot be trusted.
fn read(text: &str) -> Result<Vec<Step>, &'static str> {
    let body_end = text.rfind("end\t").ok_or("it has no end line (a run killed while writing it, or not ours)")?;
    let (body, end) = text.split_at(body_end);
    if end.trim_end() != format!("end\t{}", checksum(body)) {
        return Err("its checksum does not match its lines");
    }
    let mut lines = body.lines();
    if lines.next() != Some(HEADER) {
        return Err("it is not a journal of this version of panelpaper");
    }
    let name = |quoted: &str| -> Result<String, &'static str> {
        let name: String = serde_json::from_str(quoted).map_err(|_| "a name in it is not quoted")?;
        if valid_name(&name) { Ok(name) } else { Err("it names a file outside the output folder") }
    };
    lines
        .map(|line| match line.split('\t').collect::<Vec<_>>()[..] {
            ["put", index, quoted] => Ok(Step::Put {
                index: index.parse().map_err(|_| "a step's number is not a number")?,
                name: name(quoted)?,
            }),
            ["remove", quoted] => Ok(Step::Remove { name: name(quoted)? }),
            _ => Err("a line of it is not a step"),
        })
        .collect()
}

/// Writes the journal of `steps` into `root`, made durable: the commit point.
pub(super) fn write(root: &Path, steps: &[Step]) -> Result<(), Error> {
    let journal = root.join(JOURNAL);
    let temporary = root.join(format!("{JOURNAL}.tmp"));
    write_synced(&temporary, text(steps).as_bytes())?;
    rename(&temporary, &journal)?;
    sync_folder(root);
    Ok(())
}

/// Removes the journal: the commit is complete.
pub(super) fn remove(root: &Path) -> Result<(), Error> {
    let journal = root.join(JOURNAL);
    fs::remove_file(&journal).map_err(|source| Error::Io { path: journal, source })?;
    sync_folder(root);
    Ok(())
}

/// Why the folder's journal is not followed.
fn refused(root: &Path, why: &str) -> Error {
    Error::Usage(format!(
        "{} holds a journal that panelpaper will not follow: {why}. If no panelpaper run was \
         stopped while writing there, delete {JOURNAL} and run again",
        root.display()
    ))
}

/// Completes a commit whose run was killed after its commit point: every staged file put
/// in place, every stale output removed. Nothing outside `root`, and nothing that is not a
/// regular file, is touched; a journal that does not verify stops the run.
pub(super) fn recover(root: &Path) -> Result<(), Error> {
    let journal = root.join(JOURNAL);
    let Ok(meta) = fs::symlink_metadata(&journal) else { return Ok(()) };
    if !meta.is_file() {
        return Err(refused(root, "it is not a regular file"));
    }
    let text = fs::read_to_string(&journal).map_err(|_| refused(root, "it cannot be read as text"))?;
    let steps = read(&text).map_err(|why| refused(root, why))?;
    let stage = root.join(STAGE);
    if fs::symlink_metadata(&stage).is_ok_and(|m| !m.is_dir()) {
        return Err(refused(root, "its staging folder is not a folder"));
    }
    // Every step is checked before any is taken.
    let regular_or_absent = |path: &PathBuf| fs::symlink_metadata(path).map_or(true, |m| m.is_file());
    for step in &steps {
        let name = match step {
            Step::Put { name, .. } | Step::Remove { name } => name,
        };
        if !regular_or_absent(&root.join(name)) {
            return Err(refused(root, &format!("`{name}` is a link or a folder, which it would replace")));
        }
    }
    for step in steps {
        match step {
            Step::Put { index, name } => {
                let staged = stage.join(index.to_string());
                if !fs::symlink_metadata(&staged).is_ok_and(|m| m.is_file()) {
                    continue; // already in place
                }
                let target = root.join(&name);
                let backup = stage.join(format!("{index}.old"));
                if target.exists() && !backup.exists() {
                    rename(&target, &backup)?;
                }
                rename(&staged, &target)?;
            }
            Step::Remove { name } => {
                let target = root.join(&name);
                if target.exists() {
                    fs::remove_file(&target).map_err(|source| Error::Io { path: target, source })?;
                }
            }
        }
    }
    sync_folder(root);
    remove(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes_and_refuses_what_does_not_verify() {
        let steps = vec![Step::Put { index: 3, name: "A.pdf".into() }, Step::Remove { name: "B.md".into() }];
        let written = text(&steps);
        assert_eq!(read(&written), Ok(steps));
        assert!(read(&written.replace("A.pdf", "C.pdf")).is_err(), "an altered line");
        assert!(read(&written[..written.len() - 5]).is_err(), "a torn end");
        for bad in ["../x", "sub/x", "/etc/passwd", ".hidden", "", "a\\b"] {
            let forged = text(&[Step::Remove { name: bad.into() }]);
            assert!(read(&forged).is_err(), "{bad:?}");
        }
        assert!(read("0\t\"a.md\"\n").is_err(), "an older journal");
    }
}
