//! One file per subcommand, each with an `execute` that wires the stages together and
//! returns what to print; [`exit_code`] is the one exit policy.
//!
//! Commands take plain option structs: the command line (clap) stays in the binary.

mod build;
mod check;
mod diff;
mod import;
mod init;
mod next;
mod render;
mod watch;

pub use watch::watch;

use crate::diagnostic::Diagnostics;
use crate::domain::Classification;
use crate::error::Error;
use crate::writers::{Format, Formats};
use std::path::PathBuf;

/// A subcommand with its options.
#[derive(Debug, Clone)]
pub enum Command {
    /// Render papers.
    Render(RenderOptions),
    /// Build a meeting.
    Build(BuildOptions),
    /// Compare two drafts.
    Diff(DiffOptions),
    /// Check files, writing nothing.
    Check(CheckOptions),
    /// Render, then render again on every save (run by [`watch()`]: it reports as it goes).
    Watch(WatchOptions),
    /// Draft the next meeting's folder.
    Next(NextOptions),
    /// Write the example meeting and the templates into a folder.
    Init {
        /// A new or empty folder.
        dir: PathBuf,
    },
    /// Print the editor JSON Schema (draft-07) of papers or meeting manifests.
    Schema(crate::load::SchemaKind),
    /// Read a Word paper into the paper format.
    Import(ImportOptions),
    /// Print the entry of a diagnostic code from `docs/errors.md`.
    Explain {
        /// The code, e.g. `PP003` (any case, `3` or `003` too).
        code: String,
    },
}

/// Where and how `render` and `build` write.
#[derive(Debug, Clone)]
pub struct OutputOptions {
    /// Output folder.
    pub out: PathBuf,
    /// Formats to write.
    pub formats: Formats,
    /// The edition for this audience's class, if any.
    pub edition: Option<Classification>,
    /// Folder of templates that override the embedded ones.
    pub templates: Option<PathBuf>,
    /// Write beside files in the folder that panelpaper did not write (`--force`),
    /// leaving them as they are; otherwise such a folder is refused.
    pub force: bool,
}

impl OutputOptions {
    /// How the run owns its output folder.
    pub fn ownership(&self) -> crate::output::Ownership {
        if self.force { crate::output::Ownership::Beside } else { crate::output::Ownership::Owned }
    }
}

/// Options of `render`.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Paper files.
    pub papers: Vec<PathBuf>,
    /// Output options.
    pub output: OutputOptions,
    /// The manifest the papers belong to (default: a `meeting.yaml` beside each that lists it).
    pub meeting: Option<PathBuf>,
    /// Let papers read sources outside their own folders.
    pub allow_outside: bool,
}

/// Options of `build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The meeting manifest.
    pub meeting: PathBuf,
    /// Output options.
    pub output: OutputOptions,
    /// Papers rendered at once (default: one per core).
    pub jobs: Option<usize>,
    /// Also write the pack.
    pub pack: bool,
    /// Let the manifest name papers outside its folder.
    pub allow_outside: bool,
}

/// Formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    /// A compact report.
    Text,
    /// The redline in an output format: the new draft with the differences marked (in
    /// Markdown as CriticMarkup, in Word as tracked changes).
    Redline(Format),
}

/// Options of `diff`.
#[derive(Debug, Clone)]
pub struct DiffOptions {
    /// The old draft (a paper or a manifest).
    pub old: PathBuf,
    /// The new draft.
    pub new: PathBuf,
    /// Output format.
    pub format: DiffFormat,
    /// Where to write; standard output if `None`.
    pub out: Option<PathBuf>,
    /// Compare the editions for this class.
    pub edition: Option<Classification>,
    /// Folder of templates that override the embedded ones.
    pub templates: Option<PathBuf>,
    /// What the comparison calls the old draft (default: its file name, told apart from the
    /// new one's).
    pub old_label: Option<String>,
    /// What the comparison calls the new draft (default: its file name).
    pub new_label: Option<String>,
    /// Let manifests name papers outside their folders.
    pub allow_outside: bool,
    /// The manifest two paper drafts belong to (default: a `meeting.yaml` beside each).
    pub meeting: Option<PathBuf>,
    /// Who a DOCX redline's tracked changes are by.
    pub author: String,
    /// Compare `new` with the same file at this git revision (`old` is then unused): read
    /// through [`Environment::revisions`].
    pub rev: Option<String>,
}

/// Options of `watch`.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// A paper or a meeting manifest.
    pub input: PathBuf,
    /// Output options.
    pub output: OutputOptions,
    /// Serve the HTML outputs at this loopback address (empty: 127.0.0.1 and a free port).
    pub serve: Option<String>,
    /// The manifest a paper belongs to (default: a `meeting.yaml` beside it).
    pub meeting: Option<PathBuf>,
    /// Let a manifest name papers outside its folder.
    pub allow_outside: bool,
}

/// Options of `check`.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Paper files and meeting manifests.
    pub files: Vec<PathBuf>,
    /// Let manifests name papers outside their folders.
    pub allow_outside: bool,
    /// Folder of templates that override the embedded ones: checked, and used.
    pub templates: Option<PathBuf>,
    /// The manifest the papers belong to (default: a `meeting.yaml` beside each that lists it).
    pub meeting: Option<PathBuf>,
}

/// Options of `next`.
#[derive(Debug, Clone)]
pub struct NextOptions {
    /// The manifest of the meeting before.
    pub meeting: PathBuf,
    /// The next meeting's date, as given (`YYYY-MM-DD`); default the schedule's.
    pub date: Option<String>,
    /// The new folder; default beside the meeting's, named with the next number.
    pub out: Option<PathBuf>,
    /// Let the manifest name papers, and it and its papers sources, outside their folders.
    pub allow_outside: bool,
}

/// Options of `import`.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The Word document (`.docx`).
    pub paper: PathBuf,
    /// Where to write the YAML (default: the document's path with `.yaml`; `-`: standard
    /// output).
    pub out: Option<PathBuf>,
    /// The manifest of the meeting the paper belongs to: it must list `out`.
    pub meeting: Option<PathBuf>,
    /// Take the old text of tracked changes instead of the new.
    pub reject: bool,
}

/// What a successful command has to say: output for stdout, lints for stderr, its verdict.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Printed on stdout.
    pub stdout: String,
    /// Written to stdout as they are, after `stdout` (`-o -`: a PDF, say).
    pub stdout_bytes: Vec<u8>,
    /// The files written, in order (the binary names them when asked to be verbose).
    pub written: Vec<std::path::PathBuf>,
    /// A one-line summary, to which the binary adds the time taken.
    pub summary: Option<String>,
    /// Lines that explain the summary (why a paper is marked as it is), for stderr.
    pub notes: Vec<String>,
    /// Warnings, printed on stderr.
    pub warnings: Diagnostics,
    /// `diff`'s verdict: the drafts differ.
    pub differs: bool,
}

/// The exit code of a run: 0 success (or "the same" for `diff`), 1 invalid input (or
/// "different" for `diff`), 2 usage or I/O trouble (and an invalid draft for `diff`).
pub fn exit_code(result: &Result<Outcome, Error>) -> u8 {
    match result {
        Ok(outcome) => u8::from(outcome.differs),
        Err(Error::Invalid(_)) => 1,
        Err(Error::Io { .. } | Error::Usage(_) | Error::Trouble(_)) => 2,
    }
}

/// Told after each paper of a build: (papers done, papers in all).
pub type Progress = crate::site::Progress;

/// The settings of a site that writes as `output` says, with what the binary passes in.
fn site_settings(output: &OutputOptions, env: &Environment) -> crate::site::Settings {
    crate::site::Settings {
        edition: output.edition,
        templates: output.templates.clone(),
        ownership: output.ownership(),
        source_date_epoch: env.source_date_epoch,
        stdin: env.stdin.clone(),
        deny_warnings: env.deny_warnings,
        write: env.write.clone(),
        ..crate::site::Settings::new(&output.out, output.formats)
    }
}

/// What the binary passes in from the process environment (the library never reads it).
#[derive(Clone, Default)]
pub struct Environment {
    /// `SOURCE_DATE_EPOCH`: the PDF creation date, for reproducible builds.
    pub source_date_epoch: Option<i64>,
    /// Where a long build reports progress (a terminal's progress bar), if anywhere.
    pub progress: Option<Progress>,
    /// Whether standard output is a terminal that shows colour.
    pub colour: bool,
    /// How many cores the machine has (`build -j` is capped there); `None` if unknown.
    pub cores: Option<usize>,
    /// How the outputs are written (tests inject failures through it).
    pub write: crate::output::WriteOptions,
    /// Standard input's bytes, read by the binary when an input path is `-`.
    pub stdin: Option<Vec<u8>>,
    /// `--deny-warnings`: a warning fails the run as an error would, before anything is
    /// written.
    pub deny_warnings: bool,
    /// Reads files as a git revision holds them (`diff --rev`): the binary runs git.
    pub revisions: Option<std::sync::Arc<dyn Revisions>>,
}

/// Files as a version-control revision holds them, read for `diff --rev` by the binary
/// (the library spawns no process).
pub trait Revisions: Send + Sync {
    /// The bytes of `file` (a path as given, relative to the working folder or absolute)
    /// at revision `rev`; `Ok(None)` when the revision does not hold it; `Err` a message
    /// that says what to fix (not a repository, no such revision).
    fn read(&self, rev: &str, file: &std::path::Path) -> Result<Option<Vec<u8>>, String>;
}

/// Reads an input path as [`crate::load::load_input`] does, `-` being standard input
/// (named [`crate::load::STDIN_NAME`] in messages).
fn load_input(file: &std::path::Path, env: &Environment) -> Result<crate::load::Input, Error> {
    if file != std::path::Path::new("-") {
        return crate::load::load_input(file);
    }
    let name = std::path::Path::new(crate::load::STDIN_NAME);
    let bytes = env.stdin.clone().ok_or_else(|| Error::Usage("`-` reads standard input, which was not read".into()))?;
    crate::load::load_input_text(name, crate::load::guard::text_of(name, bytes)?)
}

/// `warnings` as errors when the run denies them (`--deny-warnings`): the run then fails,
/// before it writes, with every warning reported as an error.
fn deny_warnings(env: &Environment, warnings: &Diagnostics) -> Result<(), Error> {
    if !env.deny_warnings || warnings.0.is_empty() {
        return Ok(());
    }
    let denied = warnings
        .0
        .iter()
        .map(|w| crate::diagnostic::Diagnostic { severity: crate::diagnostic::Severity::Error, ..w.clone() })
        .collect();
    Err(Error::Invalid(Diagnostics(denied)))
}

/// Runs one subcommand.
pub fn execute(command: Command, env: &Environment) -> Result<Outcome, Error> {
    let edition = command.edition();
    let result = run(command, env);
    match edition {
        Some(edition) => told_for(edition, result),
        None => result,
    }
}

/// A run's problems as an edition's run may tell them: nothing of a part it withholds
/// (see [`crate::load::redact`]), whichever stage found them.
pub fn told_for(edition: Classification, result: Result<Outcome, Error>) -> Result<Outcome, Error> {
    match result {
        Ok(mut outcome) => {
            crate::load::redact(&mut outcome.warnings, edition);
            Ok(outcome)
        }
        Err(error) => Err(error_told_for(edition, error)),
    }
}

/// An edition's run's error, told as [`told_for`] says.
pub fn error_told_for(edition: Classification, error: Error) -> Error {
    match error {
        Error::Invalid(mut problems) => {
            crate::load::redact(&mut problems, edition);
            Error::Invalid(problems)
        }
        Error::Trouble(inner) => Error::Trouble(Box::new(error_told_for(edition, *inner))),
        other => other,
    }
}

impl DiffOptions {
    /// The name of the comparison's format, as `-f` gives it.
    pub fn format_name(&self) -> &'static str {
        match self.format {
            DiffFormat::Text => "text",
            DiffFormat::Redline(format) => format.writer().name,
        }
    }
}

impl Command {
    /// The edition the command makes, if any.
    pub fn edition(&self) -> Option<Classification> {
        match self {
            Command::Render(o) => o.output.edition,
            Command::Build(o) => o.output.edition,
            Command::Watch(o) => o.output.edition,
            Command::Diff(o) => o.edition,
            Command::Check(_)
            | Command::Import(_)
            | Command::Next(_)
            | Command::Init { .. }
            | Command::Schema(_)
            | Command::Explain { .. } => None,
        }
    }
}

/// The templates folder a run uses: the one `--templates` names, else a `templates/`
/// folder beside `input` (the paper or manifest given first), as `init` writes it; and a
/// note naming it, so that no run uses a folder of templates in silence.
pub(super) fn templates_folder(given: &mut Option<PathBuf>, input: Option<&std::path::Path>) -> Option<String> {
    if given.is_none() {
        let beside = input.map(|i| i.parent().unwrap_or(std::path::Path::new("")).join("templates"));
        *given = beside.filter(|dir| dir.is_dir());
        return given.as_ref().map(|dir| {
            format!("templates from {} (the folder beside the input; --templates names another)", dir.display())
        });
    }
    given.as_ref().map(|dir| format!("templates from {}", dir.display()))
}

fn run(command: Command, env: &Environment) -> Result<Outcome, Error> {
    let mut command = command;
    let note = match &mut command {
        Command::Render(o) => templates_folder(&mut o.output.templates, o.papers.first().map(PathBuf::as_path)),
        Command::Build(o) => templates_folder(&mut o.output.templates, Some(o.meeting.as_path())),
        Command::Check(o) => templates_folder(&mut o.templates, o.files.first().map(PathBuf::as_path)),
        _ => None,
    };
    let mut result = dispatch(command, env);
    if let (Ok(outcome), Some(note)) = (&mut result, note) {
        outcome.notes.insert(0, note);
    }
    result
}

fn dispatch(command: Command, env: &Environment) -> Result<Outcome, Error> {
    match command {
        Command::Render(options) => render::execute(&options, env),
        Command::Build(options) => build::execute(&options, env),
        Command::Diff(options) => diff::execute(&options, env).map_err(|e| match e {
            // For diff, exit 1 means "different": an invalid draft is trouble (2).
            Error::Invalid(_) => Error::Trouble(Box::new(e)),
            other => other,
        }),
        Command::Check(options) => check::execute(&options, env),
        Command::Watch(_) => Err(Error::Usage("watch runs until stopped: call commands::watch".into())),
        Command::Next(options) => next::execute(&options, env),
        Command::Init { dir } => init::execute(&dir),
        Command::Import(options) => import::execute(&options, env),
        Command::Explain { code } => {
            crate::diagnostic::explain(&code).map(|entry| Outcome { stdout: entry, ..Outcome::default() }).ok_or_else(
                || Error::Usage(format!("no diagnostic code `{code}`: the codes are listed in docs/errors.md")),
            )
        }
        Command::Schema(kind) => Ok(Outcome {
            stdout: serde_json::to_string_pretty(&crate::load::editor_schema(kind)).expect("a schema serialises")
                + "\n",
            ..Outcome::default()
        }),
    }
}
