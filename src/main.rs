//! The panelpaper binary: parse the command line, run the library, report.
//!
//! Everything that touches the process — the environment, the clock, the terminal — is
//! here; the library gets it passed in.

mod cli;
mod git;

use clap::Parser;
use cli::Cli;
use indicatif::{ProgressBar, ProgressStyle};
use panelpaper::commands::{Environment, Outcome, exit_code};
use panelpaper::diagnostic::render::{MessageFormat, render};
use panelpaper::diagnostic::{Diagnostics, printable, printable_path};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

/// The write phase as it runs, but for one test hook: `PANELPAPER_TEST_KILL_AT_RENAME=N`
/// ends the process abruptly before rename N (0-based) of the outputs, as a power cut or
/// SIGKILL would, so a test can show that the next run completes the write.
fn write_options() -> panelpaper::output::WriteOptions {
    let kill_at = std::env::var("PANELPAPER_TEST_KILL_AT_RENAME").ok().and_then(|n| n.parse::<usize>().ok());
    panelpaper::output::WriteOptions {
        before_rename: kill_at.map(|at| {
            Arc::new(move |n: usize| {
                if n == at {
                    std::process::abort();
                }
            }) as Arc<dyn Fn(usize) + Send + Sync>
        }),
        ..Default::default()
    }
}

/// glibc's malloc, set for a run that is short and allocates in waves (docs/performance.md):
/// - without its fast bins: a large document frees hundreds of thousands of small blocks
///   between stages, and each large block freed after them made malloc walk them all again
///   (`malloc_consolidate`, 7% of a 3,370-page annex);
/// - keeping what it frees instead of handing it back to the kernel (trim threshold), and
///   serving blocks up to 32 MiB from the heap (mmap threshold, fixed once the trim
///   threshold is set): memory one paper frees is the next paper's, not fresh pages the
///   kernel zeroes and faults in again. A 99-paper build took 3,000 page faults, now 1,000,
///   and 15% less time.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets malloc parameters; called before any other thread starts.
    unsafe {
        libc::mallopt(libc::M_MXFAST, 0);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
    }
}

fn main() -> ExitCode {
    tune_allocator();
    let started = Instant::now();
    let cli = Cli::parse();
    let (quiet, verbose) = (cli.quiet, cli.verbose);
    let format: MessageFormat = cli.message_format.into();
    let problem_colour = cli.color.colour(std::io::stderr().is_terminal());
    let stdout_colour = cli.color.colour(std::io::stdout().is_terminal());
    // No code frame in an edition's run (see `quoted_sources`).
    let quote = !cli.command.has_edition();
    // An input named `-` is standard input, read here once for the library.
    let stdin = cli.command.reads_stdin().then(read_stdin).transpose();
    let stdin_text = stdin.as_ref().ok().and_then(|s| s.as_deref()).map(|b| String::from_utf8_lossy(b).into_owned());
    // JSON lines go to stdout, as cargo's and ruff's do, unless the command's own output is
    // there; every other format is for people (stderr).
    let json_on_stdout = format == MessageFormat::Json && !cli.command.writes_stdout();
    let report = |diagnostics: &Diagnostics| {
        let text = render(diagnostics, format, &quoted_sources(quote, stdin_text.as_deref()), problem_colour);
        if json_on_stdout {
            print!("{text}");
        } else {
            eprint!("{text}");
        }
    };
    let deny_warnings = cli.deny_warnings;
    let bar = (std::io::stderr().is_terminal() && !quiet).then(|| {
        let bar = ProgressBar::hidden();
        bar.set_style(ProgressStyle::with_template("{bar:30} {pos}/{len} papers").expect("a valid template"));
        bar
    });
    let result = (|| -> Result<Outcome, panelpaper::Error> {
        let command = match cli.command.into_library() {
            Ok(command) => command,
            Err(own) => return describe_command_line(own),
        };
        let env = Environment {
            source_date_epoch: source_date_epoch()?,
            cores: std::thread::available_parallelism().ok().map(usize::from),
            write: write_options(),
            progress: bar.clone().map(|bar| {
                Arc::new(move |done: usize, total: usize| {
                    if done == 1 {
                        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                        bar.set_length(total as u64);
                    }
                    bar.set_position(done as u64);
                }) as panelpaper::commands::Progress
            }),
            colour: stdout_colour,
            stdin: stdin.map_err(|source| panelpaper::Error::Io {
                path: std::path::PathBuf::from(panelpaper::load::STDIN_NAME),
                source,
            })?,
            deny_warnings,
            revisions: Some(Arc::new(git::Git)),
        };
        if let panelpaper::commands::Command::Watch(options) = &command {
            let env = Environment { progress: None, ..env };
            return watch(options, &env, &report, quote, quiet, verbose).map(|()| Outcome::default());
        }
        panelpaper::commands::execute(command, &env)
    })();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    finish(result, &report, started, quiet, verbose)
}

/// The one end of every run: what the outcome has to say, on stdout and stderr, and the
/// exit code [`exit_code`] gives it (a failure to write stdout is trouble; a reader that
/// stops early, `| head`, is not).
fn finish(
    result: Result<Outcome, panelpaper::Error>,
    report: &dyn Fn(&Diagnostics),
    started: Instant,
    quiet: bool,
    verbose: bool,
) -> ExitCode {
    let result = result.and_then(|outcome| {
        if !outcome.warnings.0.is_empty() {
            report(&outcome.warnings);
        }
        let mut out = std::io::stdout().lock();
        let written = out
            .write_all(outcome.stdout.as_bytes())
            .and_then(|()| out.write_all(&outcome.stdout_bytes))
            .and_then(|()| out.flush());
        match written {
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => return Ok(Outcome::default()),
            Err(source) => return Err(panelpaper::Error::Io { path: "standard output".into(), source }),
            Ok(()) => {}
        }
        if verbose {
            for path in &outcome.written {
                eprintln!("wrote {}", printable_path(path));
            }
        }
        if !quiet {
            if let Some(summary) = &outcome.summary {
                eprintln!("{} in {:.2} s", printable(summary), started.elapsed().as_secs_f64());
            }
            for note in &outcome.notes {
                eprintln!("note: {}", printable(note));
            }
        }
        Ok(outcome)
    });
    if let Err(error) = &result {
        report_error(error, report);
    }
    ExitCode::from(exit_code(&result))
}

/// `SOURCE_DATE_EPOCH`, if set: whole seconds since 1970.
fn source_date_epoch() -> Result<Option<i64>, panelpaper::Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(_) => Ok(None),
        Ok(text) => text.trim().parse::<i64>().map(Some).map_err(|_| {
            panelpaper::Error::Usage(format!(
                "SOURCE_DATE_EPOCH is `{text}`: it must be whole seconds since 1970, e.g. 1583452800"
            ))
        }),
    }
}

/// Reads a diagnostic's file for its code frame: the author's YAML only (or standard
/// input's text, `stdin`), never another kind of file a manifest names, and nothing when
/// `quote` is off (an edition's run: a line may hold what it withholds).
fn quoted_sources(quote: bool, stdin: Option<&str>) -> impl Fn(&std::path::Path) -> Option<String> {
    move |path| {
        if path == std::path::Path::new(panelpaper::load::STDIN_NAME) {
            return stdin.filter(|_| quote).map(str::to_string);
        }
        let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        (quote && yaml).then(|| std::fs::read_to_string(path).ok()).flatten()
    }
}

/// Standard input, up to one byte past the input size limit (the library refuses more).
fn read_stdin() -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin().lock().take(panelpaper::load::guard::MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A failed run on stderr: its diagnostics as asked (each carries its own "error:"), or one
/// "error:" line and the chain of causes.
fn report_error(error: &panelpaper::Error, report: &dyn Fn(&Diagnostics)) {
    let diagnostics = match error {
        panelpaper::Error::Invalid(d) => Some(d),
        panelpaper::Error::Trouble(inner) => match &**inner {
            panelpaper::Error::Invalid(d) => Some(d),
            _ => None,
        },
        _ => None,
    };
    match diagnostics {
        Some(diagnostics) => report(diagnostics),
        None => eprintln!("error: {}", printable(&error.to_string())),
    }
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        eprintln!("  caused by: {}", printable(&inner.to_string()));
        cause = inner.source();
    }
}

/// `watch`: each build reported as it ends, timed from the save that started it; runs until
/// stopped (Ctrl-C) or the watcher fails.
fn watch(
    options: &panelpaper::commands::WatchOptions,
    env: &Environment,
    report: &dyn Fn(&Diagnostics),
    quote: bool,
    quiet: bool,
    verbose: bool,
) -> Result<(), panelpaper::Error> {
    use panelpaper::watch::Event;
    // The page overlay shows problems as a terminal without colour would.
    let overlay = |error: &panelpaper::Error| match error {
        panelpaper::Error::Invalid(diagnostics) => {
            render(diagnostics, MessageFormat::Human, &quoted_sources(quote, None), false)
        }
        other => format!("error: {other}\n"),
    };
    let mut since = Instant::now();
    let mut first = true;
    let mut on_event = |event: Event| match event {
        Event::Serving(url) => eprintln!("serving {url} (this machine only; Ctrl-C stops)"),
        Event::Note(note) => eprintln!("note: {note}"),
        Event::Changed(_) => since = Instant::now(),
        Event::Built(built) => {
            if !built.warnings.0.is_empty() {
                report(&built.warnings);
            }
            if verbose {
                for path in &built.written {
                    eprintln!("wrote {}", printable_path(path));
                }
            }
            if !quiet {
                let ms = since.elapsed().as_secs_f64() * 1000.0;
                let what = if first { "built" } else { "rebuilt" };
                match built.written.len() {
                    0 => eprintln!("{what}: nothing changed, nothing written ({ms:.1} ms)"),
                    n => eprintln!(
                        "{what} {} in {ms:.1} ms: {n} file{} written; watching for changes",
                        if built.rendered.is_empty() {
                            "the index".to_string()
                        } else {
                            printable(&built.rendered.join(", ")).into_owned()
                        },
                        if n == 1 { "" } else { "s" }
                    ),
                }
            }
            first = false;
        }
        Event::Failed(error) => {
            report_error(&error, report);
            eprintln!("the outputs are left as they were; watching for changes");
            first = false;
        }
    };
    panelpaper::commands::watch(options, env, &overlay, &mut on_event)
}

/// `completions` and `man`: the command line describing itself (clap_complete,
/// clap_mangen), as the outcome's standard output.
fn describe_command_line(asked: cli::SelfDescription) -> Result<Outcome, panelpaper::Error> {
    use clap::CommandFactory;
    let mut cli = Cli::command();
    let mut out = Vec::new();
    match asked {
        cli::SelfDescription::Completions(shell) => clap_complete::generate(shell, &mut cli, "panelpaper", &mut out),
        cli::SelfDescription::Man(command) => {
            let page = match command {
                None => cli,
                Some(name) => cli
                    .find_subcommand(&name)
                    .cloned()
                    .map(|c| {
                        let full = format!("panelpaper-{name}");
                        c.name(full).version(env!("CARGO_PKG_VERSION"))
                    })
                    .ok_or_else(|| panelpaper::Error::Usage("no command of that name: see panelpaper --help".into()))?,
            };
            clap_mangen::Man::new(page).render(&mut out).expect("writing to memory cannot fail");
        }
    }
    Ok(Outcome { stdout_bytes: out, ..Outcome::default() })
}
