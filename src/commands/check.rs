//! `panelpaper check FILE.yaml...`: every problem of every file; writes nothing.

use super::{Outcome, prepare_all};
use crate::cli::CheckArgs;
use crate::error::Error;

pub(super) fn execute(args: &CheckArgs) -> Result<Outcome, Error> {
    let (prepared, warnings) = prepare_all(&args.files, None)?;
    let stdout = prepared
        .iter()
        .zip(&args.files)
        .map(|(p, file)| format!("ok: {} ({})\n", file.display(), p.paper.reference))
        .collect();
    Ok(Outcome { stdout, warnings, ..Outcome::default() })
}
