//! One file per subcommand, each with an `execute` that returns what to print.

mod build;
mod check;
mod diff;
mod init;
mod render;

use crate::cli::Command;
use crate::diagnostic::Diagnostics;
use crate::error::Error;

/// What a successful command has to say: output for stdout, lints for stderr, exit code.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Printed on stdout.
    pub stdout: String,
    /// A one-line summary, to which the binary adds the time taken.
    pub summary: Option<String>,
    /// Lines that explain the summary (why a paper is marked as it is), for stderr.
    pub notes: Vec<String>,
    /// Warnings, printed on stderr.
    pub warnings: Diagnostics,
    /// 0 unless the command's own convention says otherwise (`diff`).
    pub exit_code: u8,
}

/// "SSC_95_2602_12 marked RED (base WHITE) by section 3, Annex B": why a paper is marked
/// above its base class, for the run's summary; `None` when it is not.
fn marking_note(paper: &crate::model::Paper) -> Option<String> {
    (!paper.marked_by.is_empty()).then(|| {
        format!(
            "{} marked {} (base {}) by {}",
            paper.reference,
            paper.marking,
            paper.classification,
            paper.marked_by.join(", ")
        )
    })
}

/// Told after each paper of a build: (papers done, papers in all).
pub type Progress = std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>;

/// What the binary passes in from the process environment (the library never reads it).
#[derive(Clone, Default)]
pub struct Environment {
    /// `SOURCE_DATE_EPOCH`: the PDF creation date, for reproducible builds.
    pub source_date_epoch: Option<i64>,
    /// Where a long build reports progress (a terminal's progress bar), if anywhere.
    pub progress: Option<Progress>,
    /// Whether standard output is a terminal that shows colour.
    pub colour: bool,
}

/// Runs one subcommand.
pub fn execute(command: Command, env: &Environment) -> Result<Outcome, Error> {
    match command {
        Command::Render(args) => render::execute(&args, env),
        Command::Build(args) => build::execute(&args, env),
        Command::Diff(args) => diff::execute(&args, env).map_err(|e| match e {
            // For diff, exit 1 means "different": an invalid draft is trouble (2).
            Error::Invalid(_) => Error::Trouble(Box::new(e)),
            other => other,
        }),
        Command::Check(args) => check::execute(&args),
        Command::Init { dir } => init::execute(&dir),
        Command::Schema => Ok(Outcome {
            stdout: serde_json::to_string_pretty(&crate::load::schema_for::<crate::load::PaperSource>())
                .expect("a schema serialises")
                + "\n",
            ..Outcome::default()
        }),
    }
}
