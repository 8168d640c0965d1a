//! The command line, as README.md's Commands fix it: clap stays here, in the binary, and each
//! subcommand's arguments become the library's plain option structs.

use clap::{Parser, Subcommand, ValueEnum};
use panelpaper::commands::{
    self, BuildOptions, CheckOptions, DiffOptions, ImportOptions, NextOptions, OutputOptions, RenderOptions,
    WatchOptions,
};
use panelpaper::domain::Classification;
use panelpaper::writers;
use std::path::PathBuf;

/// Numbered SEC Panel papers, as Markdown, tagged PDF, HTML and Word, from YAML.
#[derive(Debug, Parser)]
#[command(name = "panelpaper", version, about)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
    /// Print only problems: no summary, notes or progress.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// Also name every file written.
    #[arg(short, long, global = true)]
    pub(crate) verbose: bool,
    /// How problems are written: for people, one line each, JSON lines (on stdout, unless
    /// the command's own output goes there), or GitHub annotations.
    #[arg(long, global = true, value_enum, default_value = "human")]
    pub(crate) message_format: MessageFormat,
    /// Warnings fail the run as errors do (exit 1, nothing written): for CI.
    #[arg(long, global = true)]
    pub(crate) deny_warnings: bool,
    /// Colour: on a terminal unless NO_COLOR is set (auto), always, or never.
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub(crate) color: ColorChoice,
}

/// `--message-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum MessageFormat {
    /// A header, the source line with the span underlined, the hint.
    Human,
    /// One `file:line:col: severity[code]: message` line each.
    Short,
    /// One JSON object per line.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

impl From<MessageFormat> for panelpaper::diagnostic::render::MessageFormat {
    fn from(format: MessageFormat) -> Self {
        use panelpaper::diagnostic::render::MessageFormat as Library;
        match format {
            MessageFormat::Human => Library::Human,
            MessageFormat::Short => Library::Short,
            MessageFormat::Json => Library::Json,
            MessageFormat::Github => Library::Github,
        }
    }
}

/// `schema`'s file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SchemaArg {
    /// A paper's YAML.
    Paper,
    /// A meeting manifest (`meeting.yaml`).
    Meeting,
    /// A meeting's outcomes (`outcomes.yaml`).
    Outcomes,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream that is (or is not) a terminal.
    pub(crate) fn colour(self, terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Render papers to DIR/REFERENCE.md, .pdf, .html and .docx (as -f asks).
    #[command(
        after_help = "Examples:\n  panelpaper render paper.yaml -o out\n  panelpaper render paper.yaml -f pdf --edition GREEN -o green"
    )]
    Render(RenderArgs),
    /// Build every paper of a meeting, its index and optionally its pack.
    #[command(
        after_help = "Examples:\n  panelpaper build meeting.yaml -o out --pack\n  panelpaper build meeting.yaml -f pdf -j 4 --edition GREEN -o green"
    )]
    Build(BuildArgs),
    /// Show what changed between two drafts of a paper, or two manifests of a meeting.
    #[command(
        after_help = "Examples:\n  panelpaper diff old/paper.yaml paper.yaml\n  panelpaper diff --rev HEAD~1 paper.yaml -f pdf -o redline.pdf"
    )]
    Diff(DiffArgs),
    /// Render a paper or a meeting, then again on every save; with --serve, preview it in a browser.
    #[command(
        after_help = "Examples:\n  panelpaper watch paper.yaml -o out\n  panelpaper watch meeting.yaml -o out --serve"
    )]
    Watch(WatchArgs),
    /// Check paper files and report every problem; writes nothing.
    #[command(
        after_help = "Examples:\n  panelpaper check paper.yaml\n  panelpaper check meeting.yaml *.yaml --templates templates"
    )]
    Check(CheckArgs),
    /// Read a Word paper (.docx) into a paper's YAML, reporting what it cannot map.
    #[command(
        after_help = "Examples:\n  panelpaper import SECP_78_1303_29.docx -o dcc-reporting.yaml\n  panelpaper import draft.docx -o meeting/draft.yaml --meeting meeting/meeting.yaml --reject"
    )]
    Import(ImportArgs),
    /// Draft the next meeting: its folder, manifest and recurring papers, dated by the schedule.
    #[command(
        after_help = "Examples:\n  panelpaper next meetings/secp-78/meeting.yaml\n  panelpaper next meetings/secp-78/meeting.yaml --date 2020-04-17 -o meetings/secp-79"
    )]
    Next(NextArgs),
    /// Write the example meeting and the default templates into DIR, to start from.
    #[command(
        after_help = "Examples:\n  panelpaper init my-meeting\n  panelpaper init . && panelpaper build meeting.yaml -o out"
    )]
    Init {
        /// A new or empty folder.
        dir: PathBuf,
    },
    /// Print the JSON Schema (draft-07) of papers or of meeting manifests, for editors.
    #[command(
        after_help = "Examples:\n  panelpaper schema paper > paper.schema.json\n  panelpaper schema meeting > meeting.schema.json"
    )]
    Schema {
        /// Which file format.
        #[arg(value_enum, default_value = "paper")]
        kind: SchemaArg,
    },
    /// Explain a diagnostic code (PP003…): what it means, a bad example and its fix.
    #[command(
        after_help = "Examples:\n  panelpaper explain PP003\n  panelpaper check paper.yaml --message-format short | cut -d[ -f2 | cut -d] -f1 | sort -u"
    )]
    Explain {
        /// The code, e.g. PP003.
        code: String,
    },
    /// Print a shell's completion script for panelpaper.
    #[command(
        after_help = "Examples:\n  panelpaper completions bash > ~/.local/share/bash-completion/completions/panelpaper\n  panelpaper completions zsh > ~/.zfunc/_panelpaper"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of panelpaper or of one of its commands.
    #[command(after_help = "Examples:\n  panelpaper man | man -l -\n  panelpaper man render > panelpaper-render.1")]
    Man {
        /// A command (default: the page of panelpaper itself).
        command: Option<String>,
    },
}

/// Where and how `render` and `build` write.
#[derive(Debug, clap::Args)]
pub(crate) struct OutputArgs {
    /// Output folder.
    #[arg(short = 'o', long = "out", default_value = "out")]
    pub(crate) out: PathBuf,
    /// Formats to write, comma-separated.
    #[arg(short = 'f', long = "format", value_delimiter = ',', default_value = "md,pdf", value_parser = FormatParser)]
    pub(crate) formats: Vec<writers::Format>,
    /// The edition for this audience's class: parts (and papers) above it are withheld.
    #[arg(long, value_parser = ClassParser)]
    pub(crate) edition: Option<Classification>,
    /// Folder of templates that override the embedded ones, file by file.
    #[arg(long)]
    pub(crate) templates: Option<PathBuf>,
    /// Write into a folder that holds files panelpaper did not write there, leaving them as
    /// they are (a run owns its output folder: it removes what an earlier run wrote that it
    /// does not make, and otherwise refuses a folder holding anyone else's files).
    #[arg(long)]
    pub(crate) force: bool,
}

impl From<OutputArgs> for OutputOptions {
    fn from(args: OutputArgs) -> Self {
        let formats = writers::Formats::of(args.formats);
        OutputOptions { out: args.out, formats, edition: args.edition, templates: args.templates, force: args.force }
    }
}

/// What the command line says about itself.
pub(crate) enum SelfDescription {
    /// A shell's completion script.
    Completions(clap_complete::Shell),
    /// The manual page of panelpaper or of one command.
    Man(Option<String>),
}

impl Command {
    /// Whether an input path is `-`: standard input, which the binary reads for the library.
    pub(crate) fn reads_stdin(&self) -> bool {
        let dash = |p: &PathBuf| p.as_os_str() == "-";
        match self {
            Command::Render(a) => a.papers.iter().any(dash),
            Command::Check(a) => a.files.iter().any(dash),
            Command::Diff(a) => dash(&a.old) || a.new.as_ref().is_some_and(dash),
            _ => false,
        }
    }

    /// Whether the command's own output goes to standard output (`-o -`, a comparison's
    /// report), which then carries nothing else.
    pub(crate) fn writes_stdout(&self) -> bool {
        let dash = |p: &PathBuf| p.as_os_str() == "-";
        match self {
            Command::Render(a) => dash(&a.output.out),
            Command::Diff(a) => a.out.as_ref().is_none_or(dash),
            Command::Schema { .. } | Command::Explain { .. } | Command::Completions { .. } | Command::Man { .. } => {
                true
            }
            _ => false,
        }
    }

    /// Whether the run is for an edition (what it withholds must not show, even in a
    /// quoted source line).
    pub(crate) fn has_edition(&self) -> bool {
        match self {
            Command::Render(a) => a.output.edition.is_some(),
            Command::Build(a) => a.output.edition.is_some(),
            Command::Diff(a) => a.edition.is_some(),
            Command::Watch(a) => a.output.edition.is_some(),
            _ => false,
        }
    }

    /// The library's command, or the command back for what the binary answers itself
    /// (completions, manual pages: they describe the command line, which lives here).
    pub(crate) fn into_library(self) -> Result<commands::Command, SelfDescription> {
        Ok(match self {
            Command::Render(a) => commands::Command::Render(RenderOptions {
                papers: a.papers,
                output: a.output.into(),
                meeting: a.meeting,
                allow_outside: a.allow_outside,
            }),
            Command::Build(a) => commands::Command::Build(BuildOptions {
                meeting: a.meeting,
                output: a.output.into(),
                jobs: a.jobs,
                pack: a.pack,
                allow_outside: a.allow_outside,
            }),
            // With --rev the one file given is the new draft; the old is its revision.
            Command::Diff(a) => commands::Command::Diff(DiffOptions {
                new: a.new.clone().unwrap_or_else(|| a.old.clone()),
                old: a.old,
                rev: a.rev,
                format: a.format,
                out: a.out,
                edition: a.edition,
                templates: a.templates,
                old_label: a.old_label,
                new_label: a.new_label,
                allow_outside: a.allow_outside,
                meeting: a.meeting,
                author: a.author,
            }),
            Command::Check(a) => commands::Command::Check(CheckOptions {
                files: a.files,
                allow_outside: a.allow_outside,
                templates: a.templates,
                meeting: a.meeting,
            }),
            Command::Watch(a) => commands::Command::Watch(WatchOptions {
                input: a.input,
                output: a.output.into(),
                serve: a.serve,
                meeting: a.meeting,
                allow_outside: a.allow_outside,
            }),
            Command::Next(a) => commands::Command::Next(NextOptions {
                meeting: a.meeting,
                date: a.date,
                out: a.out,
                allow_outside: a.allow_outside,
            }),
            Command::Init { dir } => commands::Command::Init { dir },
            Command::Import(a) => commands::Command::Import(ImportOptions {
                paper: a.paper,
                out: a.out,
                meeting: a.meeting,
                reject: a.reject,
            }),
            Command::Schema { kind } => commands::Command::Schema(match kind {
                SchemaArg::Paper => panelpaper::load::SchemaKind::Paper,
                SchemaArg::Meeting => panelpaper::load::SchemaKind::Meeting,
                SchemaArg::Outcomes => panelpaper::load::SchemaKind::Outcomes,
            }),
            Command::Explain { code } => commands::Command::Explain { code },
            Command::Completions { shell } => return Err(SelfDescription::Completions(shell)),
            Command::Man { command } => return Err(SelfDescription::Man(command)),
        })
    }
}

/// Arguments of `next`.
#[derive(Debug, clap::Args)]
pub(crate) struct NextArgs {
    /// The manifest of the meeting before (`meeting.yaml`).
    pub(crate) meeting: PathBuf,
    /// The next meeting's date, YYYY-MM-DD (default: the manifest's `schedule`).
    #[arg(long)]
    pub(crate) date: Option<String>,
    /// The new meeting's folder, which must not exist (default: beside this meeting's,
    /// named as it is with the next number: secp-78 → secp-79).
    #[arg(short = 'o', long = "out")]
    pub(crate) out: Option<PathBuf>,
    /// Let the manifest name papers, and it and its papers sources, outside their own
    /// folders (as `build --allow-outside`; such a source is read where it is, not copied).
    #[arg(long)]
    pub(crate) allow_outside: bool,
}

/// Arguments of `render`.
#[derive(Debug, clap::Args)]
pub(crate) struct RenderArgs {
    /// Paper YAML files.
    #[arg(required = true)]
    pub(crate) papers: Vec<PathBuf>,
    /// Output options.
    #[command(flatten)]
    pub(crate) output: OutputArgs,
    /// The meeting manifest the papers belong to (default: a meeting.yaml beside each that lists it).
    #[arg(long, value_name = "FILE")]
    pub(crate) meeting: Option<PathBuf>,
    /// Let papers read sources (spreadsheets, CSV) outside their own folders.
    #[arg(long)]
    pub(crate) allow_outside: bool,
}

/// Arguments of `build`.
#[derive(Debug, clap::Args)]
pub(crate) struct BuildArgs {
    /// The meeting manifest.
    pub(crate) meeting: PathBuf,
    /// Output options.
    #[command(flatten)]
    pub(crate) output: OutputArgs,
    /// Papers rendered at once (default: one per core).
    #[arg(short = 'j', long = "jobs")]
    pub(crate) jobs: Option<usize>,
    /// Also write COMMITTEE_MEETING_pack.pdf: a cover with the paper list, then every paper.
    #[arg(long)]
    pub(crate) pack: bool,
    /// Let the manifest name papers, and it and its papers sources, outside their own folders.
    #[arg(long)]
    pub(crate) allow_outside: bool,
}

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub(crate) struct DiffArgs {
    /// The old draft (a paper, or a meeting manifest); with --rev, the one file compared
    /// with its revision.
    pub(crate) old: PathBuf,
    /// The new draft (not given with --rev).
    #[arg(required_unless_present = "rev", conflicts_with = "rev")]
    pub(crate) new: Option<PathBuf>,
    /// Compare the file with itself at this git revision (`HEAD~1`, a tag, a commit): a
    /// paper, or a meeting manifest with its papers as the revision holds them.
    #[arg(long, value_name = "REV")]
    pub(crate) rev: Option<String>,
    /// Output format: `text`, a compact report (coloured on a terminal), or a redline in
    /// any output format (`md`: the new draft with CriticMarkup; `docx`: the differences as
    /// tracked changes, "Accept all" giving the new draft and "Reject all" the old one).
    #[arg(short = 'f', long = "format", default_value = "text", value_parser = DiffFormatParser)]
    pub(crate) format: commands::DiffFormat,
    /// Write to this file instead of standard output (required for PDF and DOCX).
    #[arg(short = 'o', long = "out")]
    pub(crate) out: Option<PathBuf>,
    /// Who a DOCX redline's tracked changes are by.
    #[arg(long, value_name = "NAME", default_value = panelpaper::docx::DocxOptions::AUTHOR)]
    pub(crate) author: String,
    /// Compare the editions for this class: what it withholds is not compared.
    #[arg(long, value_parser = ClassParser)]
    pub(crate) edition: Option<Classification>,
    /// Folder of templates that override the embedded ones, file by file.
    #[arg(long)]
    pub(crate) templates: Option<PathBuf>,
    /// What the comparison calls the old draft (default: its file name, with the folders that
    /// tell it from the new one; `NAME at REV` with --rev).
    #[arg(long)]
    pub(crate) old_label: Option<String>,
    /// What the comparison calls the new draft (default: its file name, with the folders that
    /// tell it from the old one).
    #[arg(long)]
    pub(crate) new_label: Option<String>,
    /// Let manifests name papers, and them and papers sources, outside their own folders.
    #[arg(long)]
    pub(crate) allow_outside: bool,
    /// The meeting manifest the drafts belong to (default: a meeting.yaml beside each that lists it).
    #[arg(long, value_name = "FILE")]
    pub(crate) meeting: Option<PathBuf>,
}

/// Arguments of `watch`.
#[derive(Debug, clap::Args)]
pub(crate) struct WatchArgs {
    /// A paper's YAML, or a meeting manifest.
    pub(crate) input: PathBuf,
    /// Output options.
    #[command(flatten)]
    pub(crate) output: OutputArgs,
    /// Serve the HTML pages on this machine only (127.0.0.1, a free port unless given) and
    /// reload the open page when it is rebuilt; adds html to -f.
    #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = "")]
    pub(crate) serve: Option<String>,
    /// The meeting manifest a paper belongs to (default: a meeting.yaml beside it that lists it).
    #[arg(long, value_name = "FILE")]
    pub(crate) meeting: Option<PathBuf>,
    /// Let a manifest name papers, and it and its papers sources, outside their own folders.
    #[arg(long)]
    pub(crate) allow_outside: bool,
}

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// The Word document (.docx).
    pub(crate) paper: PathBuf,
    /// The YAML to write (default: the document's name with .yaml; - for standard output).
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
    /// The meeting manifest that lists the paper: its reference and sign-off defaults come
    /// from there and are left out of the YAML.
    #[arg(long, value_name = "FILE")]
    pub(crate) meeting: Option<PathBuf>,
    /// Take the old text of tracked changes (reject them) instead of the new.
    #[arg(long)]
    pub(crate) reject: bool,
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Paper YAML files and meeting manifests.
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// Let manifests name papers, and them and papers sources, outside their own folders.
    #[arg(long)]
    pub(crate) allow_outside: bool,
    /// Folder of templates that override the embedded ones, file by file.
    #[arg(long)]
    pub(crate) templates: Option<PathBuf>,
    /// The meeting manifest the papers belong to (default: a meeting.yaml beside each that lists it).
    #[arg(long, value_name = "FILE")]
    pub(crate) meeting: Option<PathBuf>,
}

/// `--edition`'s parser: any name [`parse_class`] takes, while help and completions offer
/// each of the five classes once, by its own name.
#[derive(Clone)]
struct ClassParser;

/// `-f` values: the writers' names (`md`, `pdf`, `html`, `docx`), from the one table of
/// writers, so a new writer is offered, completed and documented without a line here.
#[derive(Clone)]
struct FormatParser;

impl clap::builder::TypedValueParser for FormatParser {
    type Value = writers::Format;

    fn parse_ref(
        &self,
        _: &clap::Command,
        _: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<writers::Format, clap::Error> {
        let text = value.to_string_lossy();
        writers::Format::named(&text).ok_or_else(|| {
            let names: Vec<&str> = writers::WRITERS.iter().map(|w| w.name).collect();
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!("unknown format `{text}`: the formats are {}\n", names.join(", ")),
            )
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(writers::WRITERS.iter().map(|w| clap::builder::PossibleValue::new(w.name).help(w.about))))
    }
}

/// `diff -f` values: `text`, or any writer's name.
#[derive(Clone)]
struct DiffFormatParser;

impl clap::builder::TypedValueParser for DiffFormatParser {
    type Value = commands::DiffFormat;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<commands::DiffFormat, clap::Error> {
        if value.to_string_lossy().trim().eq_ignore_ascii_case("text") {
            return Ok(commands::DiffFormat::Text);
        }
        FormatParser.parse_ref(command, arg, value).map(commands::DiffFormat::Redline)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let text = clap::builder::PossibleValue::new("text").help("a compact report of the changes");
        Some(Box::new(std::iter::once(text).chain(FormatParser.possible_values()?)))
    }
}

impl clap::builder::TypedValueParser for ClassParser {
    type Value = Classification;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Classification, clap::Error> {
        parse_class.parse_ref(command, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let classes = [
            Classification::White,
            Classification::Green,
            Classification::Amber,
            Classification::AmberStrict,
            Classification::Red,
        ];
        Some(Box::new(classes.into_iter().map(|c| clap::builder::PossibleValue::new(c.name()))))
    }
}

/// `--edition` values: any TLP class name, in any case (CLEAR is WHITE).
fn parse_class(name: &str) -> Result<Classification, String> {
    Classification::parse(name)
        .ok_or_else(|| format!("unknown classification `{name}`: valid classes are {}", Classification::valid_names()))
}
