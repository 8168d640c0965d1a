//! Sources: figures from the spreadsheets they arrive in. A paper (or its meeting's
//! manifest) declares `sources:` (XLSX, XLSM, XLS, ODS, CSV); a `data` entry may read a
//! cell (`{source: pmr, cell: C4}`, or a column's cell in the row a look-up finds) and an
//! annex its rows (`rows_from`).
//!
//! This stage runs between load and validate: it reads the files, bounded
//! (`bounds`), and writes what it read into the paper as if typed in YAML — a `data`
//! entry as `{value: …, classification: …}`, a row as [`crate::load::SheetRow`] with its
//! class — so that portion marking, editions, the per-class contexts of author text and
//! every later stage treat a figure from a sheet exactly as one from YAML. Each problem
//! names the YAML place and the cell (`dcc-pmr.xlsx: CPM!C7`); a problem in a figure or
//! row above an edition is reported without its detail.

mod bounds;
mod cells;
mod compound;
mod csv;
mod locate;
mod open;
mod read;
mod resolve;
mod sheet;
mod value;

pub use bounds::{MAX_CELLS, MAX_ENTRIES, MAX_INFLATED};
pub use cells::{Range, cell_name, column_name, parse_cell};
pub use read::{Format, MAX_SOURCE_BYTES};
pub use resolve::{Resolved, resolve};
pub use sheet::{Sheet, Source};
pub use value::{NumberStyle, Value};

use crate::diagnostic::Diagnostics;
use crate::load::{Loaded, MeetingSource};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The sources a meeting's manifest gives its papers, each read once for the whole meeting.
#[derive(Debug, Clone, Default)]
pub struct Shared {
    /// By name: the source, or `None` when it could not be read (the manifest's problems
    /// say why).
    sources: BTreeMap<String, Option<Arc<Source>>>,
    /// The files they are read from.
    files: Vec<PathBuf>,
}

impl Shared {
    /// Opens every source `manifest` declares, read from `files` (where the manifest was
    /// read); each problem is the manifest's, in `problems`.
    pub fn open(
        manifest: &Loaded<MeetingSource>,
        allow_outside: bool,
        files: &dyn crate::load::Files,
        problems: &mut Diagnostics,
    ) -> Shared {
        let mut shared = Shared::default();
        for (name, spec) in &manifest.value.sources {
            shared.files.push(open::path_of(manifest, spec));
            let source = match open::open(manifest, name, spec, allow_outside, files) {
                Ok(source) => Some(Arc::new(source)),
                Err(found) => {
                    problems.0.extend(found);
                    None
                }
            };
            shared.sources.insert(name.clone(), source);
        }
        shared
    }

    /// Whether the manifest declares no source.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }
}

/// The files an input's `sources:` name (a paper's, or a manifest's), read or not: what a
/// watch must see saved even while the paper fails.
pub fn declared(input: &crate::load::Input) -> Vec<PathBuf> {
    match input {
        crate::load::Input::Paper(paper) => paper.value.sources.values().map(|s| open::path_of(paper, s)).collect(),
        crate::load::Input::Meeting(manifest) => {
            manifest.value.sources.values().map(|s| open::path_of(manifest, s)).collect()
        }
    }
}
