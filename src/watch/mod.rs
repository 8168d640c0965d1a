//! The drafting loop: an incremental [`Site`] built once, then again on every save of an
//! input (the `notify` crate), laying out only the papers whose Markdown changed and
//! writing only the files whose bytes changed; with `serve`, a preview server that reloads
//! the open page. The library reports through a callback and never prints; the binary
//! times and prints what it is told.

mod serve;

pub use serve::{Hub, MAX_CONNECTIONS, Server, loopback_address};

use crate::error::Error;
use crate::site::{Built, Site};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What [`run`] tells its caller.
#[derive(Debug)]
pub enum Event {
    /// The preview server listens at this address (`http://…/`).
    Serving(String),
    /// Files changed: a build starts (the caller may time it).
    Changed(Vec<PathBuf>),
    /// A build finished.
    Built(Built),
    /// A build failed: the outputs are as they were.
    Failed(Error),
    /// Something the run says once, before building (the templates folder it uses).
    Note(String),
}

/// Builds, then rebuilds on every change until the watcher fails. With `server`, pages
/// are served and reloaded as they are rebuilt; `problems` renders a failure's diagnostics
/// as the page's overlay shows them.
pub fn run(
    mut session: Site,
    input: &Path,
    server: Option<Server>,
    problems: &dyn Fn(&Error) -> String,
    report: &mut dyn FnMut(Event),
) -> Result<(), Error> {
    use notify::{RecursiveMode, Watcher};
    let hub = server.as_ref().map(Server::hub);
    if let Some(server) = &server {
        report(Event::Serving(server.url()));
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender).map_err(watch_error)?;
    if let Some(templates) = session.templates_dir() {
        watcher.watch(templates, RecursiveMode::Recursive).map_err(watch_error)?;
    }
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    let mut changed: Vec<PathBuf> = vec![input.to_path_buf()];
    loop {
        let outcome = session.build(&changed);
        // Folders, not files: editors save by renaming a new file over the old one.
        let folders: BTreeSet<PathBuf> =
            std::iter::once(absolute(input)).chain(session.inputs().iter().cloned()).map(|f| folder_of(&f)).collect();
        for folder in folders {
            if !watched.contains(&folder) && watcher.watch(&folder, RecursiveMode::NonRecursive).is_ok() {
                watched.insert(folder);
            }
        }
        match outcome {
            Ok(built) => {
                if let Some(hub) = &hub {
                    hub.rebuilt(&built.written);
                }
                report(Event::Built(built));
            }
            Err(error) => {
                if let Some(hub) = &hub {
                    hub.problems(&problems(&error));
                }
                report(Event::Failed(error));
            }
        }
        changed = next_changes(&receiver, &session)?;
        report(Event::Changed(changed.clone()));
    }
}

/// Waits for changes that concern the session, then gathers those that follow within a
/// few milliseconds (one save is often several events).
fn next_changes(
    receiver: &std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    session: &Site,
) -> Result<Vec<PathBuf>, Error> {
    let relevant = |event: notify::Result<notify::Event>| -> Result<Vec<PathBuf>, Error> {
        let event = event.map_err(watch_error)?;
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return Ok(Vec::new());
        }
        Ok(event.paths.into_iter().filter(|p| session.concerns(p)).collect())
    };
    let mut changed = Vec::new();
    while changed.is_empty() {
        let event = receiver.recv().map_err(|_| Error::Usage("the file watcher stopped".into()))?;
        changed.extend(relevant(event)?);
    }
    while let Ok(event) = receiver.recv_timeout(std::time::Duration::from_millis(5)) {
        changed.extend(relevant(event)?);
    }
    changed.sort();
    changed.dedup();
    Ok(changed)
}

/// `path` from the root, as the watcher names files in folders it was given so.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn folder_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn watch_error(error: notify::Error) -> Error {
    Error::Usage(format!("cannot watch the input files: {error}"))
}
