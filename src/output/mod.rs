//! Stage 6, write: a run's files change all together or not at all, and a run owns its
//! output folder.
//!
//! Under a lock on the output folder, every file is first written into a staging folder
//! and made durable; then a journal listing the steps is written (the commit point); then
//! each target is moved aside and its new file renamed into place, and outputs of an
//! earlier run that this one does not make are removed; then the journal goes. A failure
//! while renaming rolls back what was already replaced; a run killed after the commit point
//! is completed by the next run (every staged file was whole before the journal was
//! written), and one killed before it leaves only a staging folder, which the next run
//! removes. A target that is not a regular file is never replaced.
//!
//! A run into a folder ([`Staging::begin_owned`]) keeps a record of what it wrote there
//! (`record`), so the next run removes what it does not make again and refuses a folder
//! holding files that are not panelpaper's.

mod journal;
mod record;

use crate::error::Error;
use journal::{JOURNAL, RECORD, Step};
use record::Record;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

/// One output file's path and content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Where it goes.
    pub path: PathBuf,
    /// What it holds.
    pub bytes: Vec<u8>,
}

/// How a write goes; the default is the real thing.
#[derive(Clone, Default)]
pub struct WriteOptions {
    /// For tests: fail just before the rename of target number `n` (0-based), as a full
    /// disk or a folder removed under the run would, to show the rollback.
    pub fail_before_rename: Option<usize>,
    /// For tests: called with each rename's number before it is made (the binary uses it
    /// to kill the process at a chosen rename).
    pub before_rename: Option<std::sync::Arc<dyn Fn(usize) + Send + Sync>>,
}

impl std::fmt::Debug for WriteOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriteOptions").field("fail_before_rename", &self.fail_before_rename).finish_non_exhaustive()
    }
}

const STAGE: &str = ".panelpaper-stage";

/// Whether a run owns its output folder, and how it treats files that are not its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownership {
    /// Files written where asked (`diff -o FILE`, `init`): nothing is recorded or removed.
    None,
    /// The folder is the run's: earlier outputs it does not make again are removed, and a
    /// file panelpaper did not write there stops the run.
    Owned,
    /// As `Owned`, but files panelpaper did not write are left beside the outputs
    /// (`--force`).
    Beside,
}

/// What a commit did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Committed {
    /// The files put in place, in order.
    pub written: Vec<PathBuf>,
    /// Outputs of an earlier run that this one does not make, removed.
    pub removed: Vec<PathBuf>,
}

/// Writes every file, all or none (files where asked: nothing recorded or removed).
pub fn write_all(files: &[OutputFile]) -> Result<(), Error> {
    write_all_with(files, &WriteOptions::default())
}

/// [`write_all`], with test hooks.
pub fn write_all_with(files: &[OutputFile], options: &WriteOptions) -> Result<(), Error> {
    if files.is_empty() {
        return Ok(());
    }
    let staging = Staging::begin(&common_folder(files), &[])?;
    for file in files {
        staging.add(file)?;
    }
    staging.commit(options).map(|_| ())
}

/// Writes a run's files into its output folder `root`, which it owns as `ownership` says;
/// `inputs` are files no output may replace.
pub fn write_folder(
    root: &Path,
    files: &[OutputFile],
    inputs: &[PathBuf],
    ownership: Ownership,
    options: &WriteOptions,
) -> Result<Committed, Error> {
    let staging = Staging::begin_owned(root, inputs, ownership)?;
    for file in files {
        staging.add(file)?;
    }
    staging.commit(options)
}

/// Refuses, before any work, a folder that holds files panelpaper did not write there
/// (unless `ownership` writes beside them). [`Staging::begin_owned`] checks again, under
/// the folder's lock.
pub fn check_owned(root: &Path, ownership: Ownership) -> Result<(), Error> {
    check_folder(root)?;
    if ownership != Ownership::Owned || !root.exists() {
        return Ok(());
    }
    let record = Record::read(root).map_err(|why| record_error(root, &why))?.unwrap_or_default();
    let foreign = record::foreign(root, &record)?;
    if foreign.is_empty() { Ok(()) } else { Err(record::foreign_error(root, &foreign)) }
}

fn record_error(root: &Path, why: &str) -> Error {
    Error::Usage(format!(
        "{}: {why}, so what panelpaper wrote there is not known: write into a new folder (-o), or give --force \
         to write beside what is there (nothing of it is removed)",
        root.display()
    ))
}

/// A run's files written into the staging folder as they are made, so that a batch holds
/// no finished file in memory, and put in place all together by [`Staging::commit`]. A
/// staging dropped before its commit removes what it wrote, and the output folder too if
/// it made it and it is empty: a failed run leaves nothing.
pub struct Staging {
    root: PathBuf,
    stage: PathBuf,
    /// The folders [`Staging::begin`] made, deepest first.
    made: Vec<PathBuf>,
    lock: Option<File>,
    /// Inputs and targets under one lock, so that one added while the other is checked
    /// cannot slip past.
    files: std::sync::Mutex<Files>,
    /// For a run that owns its folder: what the folder's record says panelpaper wrote
    /// there, and how files it did not write are treated.
    owned: Option<(Record, Ownership)>,
    committed: bool,
}

/// Sets, not lists: a meeting's build adds hundreds of each, every one checked against all
/// the others.
#[derive(Default)]
struct Files {
    /// The run's inputs, canonical: no output may replace one.
    inputs: HashSet<PathBuf>,
    targets: Vec<Target>,
    /// The targets' paths as given, and as canonical, to find a clash at once.
    paths: HashSet<PathBuf>,
    canonical: HashMap<PathBuf, usize>,
    /// Outputs this run makes whose bytes are in place already (a watch's unchanged files),
    /// by name, with their hashes.
    kept: BTreeMap<String, u128>,
}

impl Staging {
    /// Locks `root` (made if missing), completes or clears an earlier run's leftovers and
    /// opens the staging folder. `inputs` are files no output may replace.
    pub fn begin(root: &Path, inputs: &[PathBuf]) -> Result<Staging, Error> {
        let made: Vec<PathBuf> =
            root.ancestors().take_while(|p| !p.as_os_str().is_empty() && !p.exists()).map(Path::to_path_buf).collect();
        fs::create_dir_all(root).map_err(|source| Error::Io { path: root.to_path_buf(), source })?;
        let mut staging = Staging {
            root: root.to_path_buf(),
            stage: root.join(STAGE),
            made,
            lock: None,
            files: std::sync::Mutex::new(Files {
                inputs: inputs.iter().filter_map(|p| canonical(p)).collect(),
                ..Files::default()
            }),
            owned: None,
            committed: false,
        };
        staging.lock = Some(lock(root)?);
        recover(root)?;
        fs::create_dir_all(&staging.stage).map_err(|source| Error::Io { path: staging.stage.clone(), source })?;
        Ok(staging)
    }

    /// [`Staging::begin`] for a run that owns `root` as `ownership` says (see the module):
    /// with [`Ownership::Owned`], a folder holding files panelpaper did not write, or whose
    /// record does not verify, is refused before anything is written.
    pub fn begin_owned(root: &Path, inputs: &[PathBuf], ownership: Ownership) -> Result<Staging, Error> {
        let mut staging = Staging::begin(root, inputs)?;
        if ownership == Ownership::None {
            return Ok(staging);
        }
        let record = match Record::read(root) {
            Ok(record) => record.unwrap_or_default(),
            Err(why) if ownership == Ownership::Owned => return Err(record_error(root, &why)),
            // Written beside: what the unverified record claimed is treated as not ours.
            Err(_) => Record::default(),
        };
        if ownership == Ownership::Owned {
            let foreign = record::foreign(root, &record)?;
            if !foreign.is_empty() {
                return Err(record::foreign_error(root, &foreign));
            }
        }
        staging.owned = Some((record, ownership));
        Ok(staging)
    }

    /// Writes `file` into the staging folder, after the checks a target must pass.
    pub fn add(&self, file: &OutputFile) -> Result<(), Error> {
        let hash = self.owned.is_some().then(|| record::hash(&file.bytes));
        let index = self.reserve(&file.path, hash)?;
        let io = |source| Error::Io { path: file.path.clone(), source };
        let mut out = stage_file(&self.stage, index, &file.path)?;
        out.write_all(&file.bytes).map_err(io)
    }

    /// [`Staging::add`] for a file written as it is made (a meeting's pack, too large to
    /// hold): `write` writes its bytes into the staged file.
    pub fn add_written(
        &self,
        path: &Path,
        write: impl FnOnce(&mut dyn Write) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let index = self.reserve(path, None)?;
        let file = stage_file(&self.stage, index, path)?;
        let mut out = Hashing { inner: std::io::BufWriter::new(file), hash: xxhash_rust::xxh3::Xxh3::new() };
        write(&mut out)?;
        out.inner.flush().map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        if self.owned.is_some() {
            let mut files = self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            files.targets[index].hash = Some(out.hash.digest128());
        }
        Ok(())
    }

    /// Checks `path` as a target and gives it its number in the staging folder.
    fn reserve(&self, path: &Path, hash: Option<u128>) -> Result<usize, Error> {
        check_target(path)?;
        if self.owned.is_some() && !self.directly_inside(path) {
            return Err(Error::Usage(format!("{}: an output goes directly in its folder", path.display())));
        }
        let canonical = canonical(path);
        let mut files = self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if canonical.as_ref().is_some_and(|c| files.inputs.contains(c)) {
            return Err(input_error(path));
        }
        if !files.paths.insert(path.to_path_buf()) {
            return Err(Error::Usage(format!("two outputs of this run would both be {}", path.display())));
        }
        let index = files.targets.len();
        if let Some(c) = canonical {
            files.canonical.insert(c, index);
        }
        files.targets.push(Target { index, path: path.to_path_buf(), hash });
        Ok(index)
    }

    /// Marks `path`, an output this run makes, as already in place with its bytes (a watch
    /// writes only what changed): it is not removed as an earlier run's, and stays recorded.
    pub fn keep(&self, path: &Path) -> Result<(), Error> {
        let Some((record, _)) = &self.owned else { return Ok(()) };
        let Some(name) = self.name_of(path) else { return Ok(()) };
        let hash = match record.files.get(&name) {
            Some(hash) => *hash,
            None => record::hash(&fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?),
        };
        self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner).kept.insert(name, hash);
        Ok(())
    }

    /// Adds an input found during the run (a meeting's paper, once read): refused if an
    /// output already staged would replace it, and no later output may.
    pub fn add_input(&self, input: &Path) -> Result<(), Error> {
        let Some(input) = canonical(input) else { return Ok(()) };
        let mut files = self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&index) = files.canonical.get(&input) {
            return Err(input_error(&files.targets[index].path));
        }
        files.inputs.insert(input);
        Ok(())
    }

    /// Makes every staged file durable and puts them all in place (in the order of their
    /// paths, so the same run renames alike), removing what an earlier run wrote that this
    /// one does not make; says what it did.
    pub fn commit(mut self, options: &WriteOptions) -> Result<Committed, Error> {
        let files = std::mem::take(self.files.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner));
        let mut targets = files.targets;
        targets.sort_by(|a, b| a.path.cmp(&b.path));
        let mut removals = Vec::new();
        if let Some((record, ownership)) = &self.owned {
            let mut next = Record { files: files.kept };
            for target in &targets {
                let name = self.name_of(&target.path).expect("checked when added");
                next.files.insert(name, target.hash.expect("hashed when added"));
            }
            for (name, hash) in &record.files {
                if next.files.contains_key(name) {
                    continue;
                }
                if record::unchanged(&self.root, name, *hash) {
                    removals.push(name.clone());
                } else if self.root.join(name).exists() && *ownership == Ownership::Owned {
                    return Err(Error::Usage(format!(
                        "{} was written by an earlier run and changed since: it is not removed. Move it \
                         out of {}, or give --force to leave it there",
                        self.root.join(name).display(),
                        self.root.display()
                    )));
                }
            }
            // The record goes in place with the outputs, in the same commit; nothing to do
            // when nothing changes.
            if !(targets.is_empty() && removals.is_empty() && next == *record) {
                // The staged files are numbered 0..n; the record is n.
                let index = targets.len();
                let file = OutputFile { path: self.root.join(RECORD), bytes: next.text().into_bytes() };
                let io = |source| Error::Io { path: file.path.clone(), source };
                stage_file(&self.stage, index, &file.path)?.write_all(&file.bytes).map_err(io)?;
                targets.push(Target { index, path: file.path, hash: None });
            }
        }
        sync_staged(&self.stage, targets.len()).map_err(|source| Error::Io { path: self.stage.clone(), source })?;
        sync_folder(&self.stage);
        // From here the journal, not this value, says what becomes of the staged files.
        self.committed = true;
        commit(&self.root, &targets, &removals, options)?;
        Ok(Committed {
            written: targets.into_iter().filter(|t| t.hash.is_some() || self.owned.is_none()).map(|t| t.path).collect(),
            removed: removals.iter().map(|name| self.root.join(name)).collect(),
        })
    }

    /// A path's name in the output folder, if it is directly there.
    fn name_of(&self, path: &Path) -> Option<String> {
        let name = path.file_name()?.to_str()?;
        self.directly_inside(path).then(|| name.to_string())
    }

    fn directly_inside(&self, path: &Path) -> bool {
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let root = if self.root.as_os_str().is_empty() { Path::new(".") } else { self.root.as_path() };
        parent == root || canonical(parent).is_some_and(|p| canonical(root).is_some_and(|r| p == r))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let _ = fs::remove_dir_all(&self.stage);
        drop(self.lock.take());
        for folder in &self.made {
            if fs::remove_dir(folder).is_err() {
                break;
            }
        }
    }
}

/// Whether `path` leads to a device or a pipe (`/dev/stdout`, `/dev/null`, a FIFO): written
/// through when the user names one, never replaced.
pub fn is_device(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        fs::metadata(path).is_ok_and(|m| m.file_type().is_char_device() || m.file_type().is_fifo())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// The output folder `dir` can take files: it is a folder, or does not exist yet.
pub fn check_folder(dir: &Path) -> Result<(), Error> {
    match fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => {
            Err(Error::Usage(format!("`{}` is a file, not a folder: -o names the output folder", dir.display())))
        }
        _ => Ok(()),
    }
}

/// Refuses, before anything is written, an output that would replace one of the run's
/// inputs (`diff -o NEW.yaml`, a paper named like its own output).
pub fn refuse_inputs(files: &[OutputFile], inputs: &[PathBuf]) -> Result<(), Error> {
    let inputs: HashSet<PathBuf> = inputs.iter().filter_map(|p| canonical(p)).collect();
    match files.iter().find(|file| canonical(&file.path).is_some_and(|c| inputs.contains(&c))) {
        Some(file) => Err(input_error(&file.path)),
        None => Ok(()),
    }
}

fn input_error(path: &Path) -> Error {
    Error::Usage(format!("{} is an input of this run: it is not overwritten", path.display()))
}

/// The path with its links resolved, or its folder's when the file is not there yet.
fn canonical(path: &Path) -> Option<PathBuf> {
    if let Ok(c) = path.canonicalize() {
        return Some(c);
    }
    let parent = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Some(parent.canonicalize().ok()?.join(path.file_name()?))
}

/// One target may be replaced: its path is UTF-8 and nothing is there but a regular file.
fn check_target(path: &Path) -> Result<(), Error> {
    if path.to_str().is_none() {
        return Err(Error::Usage(format!("{}: output paths must be UTF-8", path.display())));
    }
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_file() => {
            let what = if meta.is_dir() {
                "a folder"
            } else if meta.file_type().is_symlink() {
                "a symbolic link"
            } else {
                "not a regular file"
            };
            Err(Error::Usage(format!("{} is {what}: it is not replaced", path.display())))
        }
        _ => Ok(()),
    }
}

/// The deepest folder that holds every target (where the lock, journal and staging go).
fn common_folder(files: &[OutputFile]) -> PathBuf {
    let mut root = files[0].path.parent().unwrap_or(Path::new("")).to_path_buf();
    for file in &files[1..] {
        while !file.path.starts_with(&root) && root.pop() {}
    }
    if root.as_os_str().is_empty() { PathBuf::from(".") } else { root }
}

/// Holds the folder's lock while alive (a lock on the folder itself, so no lock file is
/// left behind): a second run into the same folder waits for the first.
fn lock(root: &Path) -> Result<File, Error> {
    let io = |source| Error::Io { path: root.to_path_buf(), source };
    #[cfg(unix)]
    let held = File::open(root).map_err(io)?;
    // Windows opens no folder as a file: the lock is a file of its own there (its name
    // outside `.panelpaper-*`, which `recover` clears).
    #[cfg(not(unix))]
    let held =
        File::options().create(true).write(true).truncate(false).open(root.join(".panelpaper.lock")).map_err(io)?;
    held.lock().map_err(io)?;
    Ok(held)
}

/// Completes a run that was killed after its commit point (see `journal`), and removes
/// what a run killed before it left behind (its staging folder, temporary files of older
/// versions).
fn recover(root: &Path) -> Result<(), Error> {
    journal::recover(root)?;
    let stage = root.join(STAGE);
    if fs::symlink_metadata(&stage).is_ok() {
        // A link is removed as a link, never followed.
        let removed = if fs::symlink_metadata(&stage).is_ok_and(|m| m.is_dir()) {
            fs::remove_dir_all(&stage)
        } else {
            fs::remove_file(&stage)
        };
        removed.map_err(|source| Error::Io { path: stage, source })?;
    }
    // Temporary files of earlier versions of panelpaper, which staged beside the targets.
    if let Ok(entries) = fs::read_dir(root) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(".panelpaper-")
                && name != JOURNAL
                && name != RECORD
                && entry.file_type().is_ok_and(|t| t.is_file())
            {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// A target: its index in the staging folder, its path, and (for a run that owns its
/// folder) the hash of its bytes, for the record.
struct Target {
    index: usize,
    path: PathBuf,
    hash: Option<u128>,
}

/// The staging folder's file number `index`, for the output at `path` (made durable at the
/// commit).
fn stage_file(stage: &Path, index: usize, path: &Path) -> Result<File, Error> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|source| Error::Io { path: parent.to_path_buf(), source })?;
    }
    let staged = stage.join(index.to_string());
    let out = File::create(&staged).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    #[cfg(unix)]
    {
        // Outputs are ordinary documents, readable by others as the umask allows.
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(&staged, fs::Permissions::from_mode(0o644));
    }
    Ok(out)
}

/// A writer that hashes what passes through it, for the record of a file written as made.
struct Hashing<W> {
    inner: W,
    hash: xxhash_rust::xxh3::Xxh3,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.hash.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Journal, renames and removals, and the journal's removal; on a failed rename, rolls back.
fn commit(root: &Path, targets: &[Target], removals: &[String], options: &WriteOptions) -> Result<(), Error> {
    if targets.is_empty() && removals.is_empty() {
        let _ = fs::remove_dir_all(root.join(STAGE));
        return Ok(());
    }
    let relative = |path: &Path| -> String {
        path.strip_prefix(root).unwrap_or(path).to_str().expect("checked: UTF-8").to_string()
    };
    let steps: Vec<Step> = targets
        .iter()
        .map(|t| Step::Put { index: t.index, name: relative(&t.path) })
        .chain(removals.iter().map(|name| Step::Remove { name: name.clone() }))
        .collect();
    journal::write(root, &steps)?;

    let stage = root.join(STAGE);
    let mut done: Vec<(&Target, bool)> = Vec::new();
    for (n, target) in targets.iter().enumerate() {
        let step = (|| {
            if let Some(hook) = &options.before_rename {
                hook(n);
            }
            if options.fail_before_rename == Some(n) {
                return Err(Error::Io {
                    path: target.path.clone(),
                    source: std::io::Error::other("injected failure (test hook)"),
                });
            }
            let had_old = target.path.exists();
            if had_old {
                rename(&target.path, &stage.join(format!("{}.old", target.index)))?;
            }
            if let Err(error) = rename(&stage.join(target.index.to_string()), &target.path) {
                if had_old {
                    let _ = fs::rename(stage.join(format!("{}.old", target.index)), &target.path);
                }
                return Err(error);
            }
            Ok(had_old)
        })();
        match step {
            Ok(had_old) => done.push((target, had_old)),
            Err(error) => {
                roll_back(&stage, &done);
                let _ = fs::remove_file(root.join(JOURNAL));
                let _ = fs::remove_dir_all(&stage);
                sync_folder(root);
                return Err(error);
            }
        }
    }
    // Past every rename, the removals cannot fail the run: the journal finishes them.
    for name in removals {
        let _ = fs::remove_file(root.join(name));
    }
    for folder in targets.iter().filter_map(|t| t.path.parent()).collect::<std::collections::BTreeSet<_>>() {
        sync_folder(if folder.as_os_str().is_empty() { Path::new(".") } else { folder });
    }
    journal::remove(root)?;
    let _ = fs::remove_dir_all(&stage);
    Ok(())
}

/// Puts back every replaced target, newest first, and removes the new ones that had none.
fn roll_back(stage: &Path, done: &[(&Target, bool)]) {
    for (target, had_old) in done.iter().rev() {
        if *had_old {
            let _ = fs::rename(stage.join(format!("{}.old", target.index)), &target.path);
        } else {
            let _ = fs::remove_file(&target.path);
        }
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let mut file = File::create(path).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.sync_all().map_err(io)
}

fn rename(from: &Path, to: &Path) -> Result<(), Error> {
    fs::rename(from, to).map_err(|source| Error::Io { path: to.to_path_buf(), source })
}

/// Makes the `count` files staged in `stage` durable. One file is fsynced; many are
/// flushed with the filesystem in one `syncfs`, a single journal commit where an fsync
/// per file made ext4 commit once for each (a 99-paper build on ext4: 193 to 133 ms).
fn sync_staged(stage: &Path, count: usize) -> std::io::Result<()> {
    #[cfg(not(target_os = "linux"))]
    let _ = count;
    #[cfg(target_os = "linux")]
    if count > 1 {
        use std::os::fd::AsRawFd;
        let folder = File::open(stage)?;
        // SAFETY: syncfs only reads the descriptor, which `folder` keeps open.
        return match unsafe { libc::syncfs(folder.as_raw_fd()) } {
            0 => Ok(()),
            _ => Err(std::io::Error::last_os_error()),
        };
    }
    for entry in fs::read_dir(stage)? {
        File::open(entry?.path())?.sync_all()?;
    }
    Ok(())
}

/// Makes a folder's entries durable (renames into it); best effort where unsupported.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path, text: &str, n: usize) -> Vec<OutputFile> {
        (0..n).map(|i| OutputFile { path: dir.join(format!("f{i}.md")), bytes: text.as_bytes().to_vec() }).collect()
    }

    fn contents(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), fs::read_to_string(e.path()).unwrap_or_default()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_failure_at_any_rename_leaves_every_output_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        write_all(&files(dir.path(), "old", 4)).unwrap();
        let before = contents(dir.path());
        let mut new = files(dir.path(), "new", 5); // one target more than before
        new.rotate_left(2);
        for n in 0..5 {
            let result = write_all_with(&new, &WriteOptions { fail_before_rename: Some(n), ..Default::default() });
            assert!(result.is_err());
            assert_eq!(contents(dir.path()), before, "after a failure at rename {n}");
        }
        write_all(&new).unwrap();
        assert!(contents(dir.path()).iter().filter(|(n, _)| n.ends_with(".md")).all(|(_, t)| t == "new"));
    }

    #[test]
    fn a_run_killed_after_its_commit_point_is_completed_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        write_all(&files(dir.path(), "old", 3)).unwrap();
        // What a run killed between its renames leaves: journal, staged files, one done.
        let stage = dir.path().join(STAGE);
        fs::create_dir_all(&stage).unwrap();
        for i in 0..3 {
            fs::write(stage.join(i.to_string()), "new").unwrap();
        }
        fs::rename(dir.path().join("f0.md"), stage.join("0.old")).unwrap();
        fs::rename(stage.join("0"), dir.path().join("f0.md")).unwrap();
        let steps: Vec<Step> = (0..3).map(|i| Step::Put { index: i, name: format!("f{i}.md") }).collect();
        journal::write(dir.path(), &steps).unwrap();
        write_all(&[OutputFile { path: dir.path().join("other.md"), bytes: b"x".to_vec() }]).unwrap();
        let after = contents(dir.path());
        let names: Vec<&str> = after.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["f0.md", "f1.md", "f2.md", "other.md"]);
        assert!(after.iter().filter(|(n, _)| n.starts_with('f')).all(|(_, t)| t == "new"));
    }

    #[test]
    fn a_staging_dropped_before_its_commit_leaves_nothing_not_even_the_folder_it_made() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new/out");
        let staging = Staging::begin(&out, &[]).unwrap();
        for file in files(&out, "new", 3) {
            staging.add(&file).unwrap();
        }
        assert_eq!(contents(&out.join(STAGE)).len(), 3, "written as they come");
        drop(staging);
        assert!(!dir.path().join("new").exists());

        write_all(&files(dir.path(), "old", 2)).unwrap();
        let before = contents(dir.path());
        let staging = Staging::begin(dir.path(), &[]).unwrap();
        staging.add(&files(dir.path(), "new", 1)[0]).unwrap();
        drop(staging);
        assert_eq!(contents(dir.path()), before);
    }

    #[test]
    fn a_staging_refuses_an_input_and_a_second_file_for_one_path() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("f0.md");
        fs::write(&input, "input").unwrap();
        let staging = Staging::begin(dir.path(), std::slice::from_ref(&input)).unwrap();
        let error = staging.add(&files(dir.path(), "new", 1)[0]).unwrap_err();
        assert!(error.to_string().contains("is an input of this run"), "{error}");
        let other = &files(dir.path(), "new", 2)[1];
        staging.add(other).unwrap();
        let error = staging.add(other).unwrap_err();
        assert!(error.to_string().contains("would both be"), "{error}");
        let written = staging.commit(&WriteOptions::default()).unwrap();
        assert_eq!(written.written, [dir.path().join("f1.md")]);
        assert_eq!(fs::read_to_string(&input).unwrap(), "input");

        // An input found during the run (a meeting's paper) is refused as a target whether
        // it comes before or after the output that would replace it.
        let staging = Staging::begin(dir.path(), &[]).unwrap();
        staging.add_input(&input).unwrap();
        let error = staging.add(&files(dir.path(), "new", 1)[0]).unwrap_err();
        assert!(error.to_string().contains("is an input of this run"), "{error}");
        staging.add(other).unwrap();
        let error = staging.add_input(&other.path).unwrap_err();
        assert!(error.to_string().contains("is an input of this run"), "{error}");
    }

    #[test]
    fn targets_that_are_not_regular_files_are_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("f0.md")).unwrap();
        let error = write_all(&files(dir.path(), "new", 2)).unwrap_err();
        assert!(error.to_string().contains("is a folder: it is not replaced"), "{error}");
        assert!(!dir.path().join("f1.md").exists(), "nothing is written");
        #[cfg(unix)]
        {
            let other = dir.path().join("elsewhere");
            fs::write(&other, "keep").unwrap();
            std::os::unix::fs::symlink(&other, dir.path().join("link.md")).unwrap();
            let link = [OutputFile { path: dir.path().join("link.md"), bytes: b"x".to_vec() }];
            assert!(write_all(&link).unwrap_err().to_string().contains("symbolic link"));
            assert_eq!(fs::read_to_string(&other).unwrap(), "keep");
        }
    }
}
