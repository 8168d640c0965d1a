//! `panelpaper watch PAPER.yaml|MEETING.yaml [-o DIR] [-f …] [--serve [ADDR]]`: the
//! drafting loop, reporting each build as it ends.

use super::{Environment, WatchOptions};
use crate::error::Error;
use crate::site::{Inputs, Site};
use crate::watch::{self, Event, Server};
use crate::writers::Format;

/// Renders `options.input`, then renders again on every save until the watcher fails;
/// `report` hears of every build, `problems` renders a failed build for the page overlay.
pub fn watch(
    options: &WatchOptions,
    env: &Environment,
    problems: &dyn Fn(&Error) -> String,
    report: &mut dyn FnMut(Event),
) -> Result<(), Error> {
    let output = &options.output;
    if env.deny_warnings {
        return Err(Error::Usage(
            "--deny-warnings fails a one-off run (render, build, check): watch shows warnings and keeps going".into(),
        ));
    }
    if output.out == std::path::Path::new("-") {
        return Err(Error::Usage("watch writes a folder of files: give -o DIR".into()));
    }
    let mut formats = output.formats;
    // The preview shows the HTML pages.
    if options.serve.is_some() {
        formats = formats.with(Format::Html);
    }
    let mut templates = output.templates.clone();
    if let Some(note) = super::templates_folder(&mut templates, Some(&options.input)) {
        report(Event::Note(note));
    }
    let mut settings = super::site_settings(output, env);
    settings.formats = formats;
    settings.templates = templates;
    settings.meeting = options.meeting.clone();
    settings.allow_outside = options.allow_outside;
    let site = Site::new(settings, Inputs::Either(options.input.clone()))?.incremental();
    let server = match &options.serve {
        Some(address) => {
            crate::output::check_owned(&output.out, output.ownership())?;
            Some(Server::start(watch::loopback_address(Some(address))?, &output.out)?)
        }
        None => None,
    };
    watch::run(site, &options.input, server, problems, report)
}
