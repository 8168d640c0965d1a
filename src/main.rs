//! The panelpaper binary: parse the command line, run the library, report.

use clap::Parser;
use panelpaper::cli::Cli;
use panelpaper::commands::Environment;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let env =
        Environment { source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse().ok()) };
    match panelpaper::commands::execute(cli.command, &env) {
        Ok(outcome) => {
            for warning in outcome.warnings.0.iter() {
                eprintln!("{warning}");
            }
            print!("{}", outcome.stdout);
            ExitCode::from(outcome.exit_code)
        }
        Err(error) => {
            eprintln!("{error}");
            let mut cause = std::error::Error::source(&error);
            while let Some(inner) = cause {
                eprintln!("  caused by: {inner}");
                cause = inner.source();
            }
            ExitCode::from(error.exit_code())
        }
    }
}
