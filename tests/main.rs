//! The integration tests, one binary (one link, one process start-up per run): each file
//! beside this one is a module, and `common/` holds what they share.

/// insta's named snapshot, filed as it was when each file was its own test binary
/// (`diff__md_figure.snap`): the name is prefixed with the module's own name only.
macro_rules! assert_snapshot {
    ($name:expr, $value:expr) => {{
        let module = module_path!().rsplit("::").next().expect("a module path");
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!(format!("{module}__{}", $name), $value));
    }};
}

mod accessibility;
mod architecture;
mod bad_input;
mod calendar;
mod checker;
mod classification;
mod command_line;
mod common;
mod conventions;
mod corpus;
mod cycle;
mod cycle_leaks;
mod diff;
mod diff_history;
mod figures;
mod fuzz_corpus;
mod hardening;
mod hostile;
mod html;
mod import;
mod install;
mod layout;
mod layout_properties;
mod markdown;
mod marks;
mod meeting;
mod pdf;
mod schemas;
mod sources;
mod watch;
mod word;
mod writes;
mod xrefs;
