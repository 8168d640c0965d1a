//! `diff --rev`: files as a git revision holds them, read by running git (the library
//! spawns no process; it is handed this reader).

use std::path::Path;
use std::process::{Command, Stdio};

/// Reads files from the git repository that holds them.
pub(crate) struct Git;

impl panelpaper::commands::Revisions for Git {
    fn read(&self, rev: &str, file: &Path) -> Result<Option<Vec<u8>>, String> {
        // git resolves `REV:./name` from the folder it runs in: the file's own, or the
        // nearest that is there today (a revision's workbook may lie in a folder since removed).
        let mut folder = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        while !folder.is_dir() && folder != Path::new(".") {
            folder = folder.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        }
        let name = file.strip_prefix(folder).unwrap_or(file);
        if file.file_name().is_none() || name.as_os_str().is_empty() {
            return Err(format!("{} names no file", file.display()));
        }
        if rev.starts_with('-') || rev.contains(':') {
            return Err(format!("`{rev}` is not a revision: give a commit, a branch, a tag or HEAD~N"));
        }
        let git = |args: &[&str]| {
            Command::new("git")
                .arg("-C")
                .arg(folder)
                .args(args)
                .stdin(Stdio::null())
                .stderr(Stdio::null())
                .output()
                .map_err(|e| format!("--rev runs git, which could not be started ({e}): install git or put it on PATH"))
        };
        if !git(&["rev-parse", "--git-dir"])?.status.success() {
            return Err(format!(
                "{} is not in a git repository: --rev compares with a git revision (or give both drafts' files)",
                folder.display()
            ));
        }
        if !git(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])?.status.success() {
            return Err(format!(
                "`{rev}` is not a revision of the repository at {}: `git log --oneline` lists its commits",
                folder.display()
            ));
        }
        let object = format!("{rev}:./{}", name.to_string_lossy());
        if !git(&["cat-file", "-e", &object])?.status.success() {
            return Ok(None);
        }
        let shown = git(&["cat-file", "blob", &object])?;
        match shown.status.success() {
            true => Ok(Some(shown.stdout)),
            false => Err(format!("git could not read {object} in {}", folder.display())),
        }
    }
}
