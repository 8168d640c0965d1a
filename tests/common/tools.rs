//! The programs some tests read outputs back with (poppler, the PDF/UA checkers, Chromium
//! and the npm harness, LibreOffice, node): found, or the test is skipped, visibly.
//!
//! libtest has no "ignored" decided at run time, so a test that cannot run says so itself,
//! through [`tool`] or [`ready`]:
//! - `skipped: chromium missing (html::…)` is written straight to the process's stderr, past
//!   the harness's output capture, so that a plain `cargo test` shows it;
//! - every skip is listed again after the harness's closing line (an `atexit` handler: libtest
//!   has no hook of its own there), and appended to the file `PANELPAPER_TEST_SKIPS` names,
//!   which `.ci/run` counts;
//! - under `CI` the skip also fails its test: CI never passes a test it did not run.

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Mutex, Once};

/// The skips of this process: (test, what is missing).
static SKIPS: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

/// `name` from the PDF checkers' venv (`PANELPAPER_PDF_CHECKERS`) or the `PATH`; `None`, and
/// the test skipped (see the module's notes), where it is not installed.
pub(crate) fn tool(name: &str) -> Option<PathBuf> {
    let venv = std::env::var_os("PANELPAPER_PDF_CHECKERS").map(|dir| PathBuf::from(dir).join(name));
    let found = venv.filter(|p| p.is_file()).or_else(|| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file())
    });
    ready(name, found.is_some()).then_some(found).flatten()
}

/// `is_ready`, or the test skipped for `what` (see the module's notes) and `false`.
pub(crate) fn ready(what: &str, is_ready: bool) -> bool {
    if !is_ready {
        skip(what);
    }
    is_ready
}

fn skip(what: &str) {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test").to_string();
    let line = format!("skipped: {what} missing ({test})");
    // Straight to the file descriptor: `eprintln!` would be captured with the test's output.
    let _ = writeln!(std::io::stderr().lock(), "{line}");
    if let Some(log) = std::env::var_os("PANELPAPER_TEST_SKIPS") {
        let file = std::fs::OpenOptions::new().create(true).append(true).open(log);
        let _ = file.and_then(|mut f| writeln!(f, "{test}\t{what}"));
    }
    SKIPS.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((test, what.to_string()));
    static SUMMARY: Once = Once::new();
    // SAFETY: registers a plain function that only formats and writes to stderr.
    SUMMARY.call_once(|| unsafe {
        libc::atexit(summary);
    });
    assert!(std::env::var_os("CI").is_none(), "{line}: under CI every test must run (.ci/run installs what it needs)");
}

/// After the harness's own closing line: how many tests were skipped, and each one's cause.
extern "C" fn summary() {
    let Ok(skips) = SKIPS.try_lock() else { return };
    let mut tests: Vec<&str> = skips.iter().map(|(test, _)| test.as_str()).collect();
    tests.sort_unstable();
    tests.dedup();
    let mut text = format!(
        "\n{} test{} skipped, tools missing (.ci/run installs them):\n",
        tests.len(),
        if tests.len() == 1 { "" } else { "s" }
    );
    for (test, what) in skips.iter() {
        text.push_str(&format!("  skipped: {what} missing ({test})\n"));
    }
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Run only by [`a_missing_tool_is_a_visible_skip`], as a child process.
#[test]
#[ignore = "a fixture: a_missing_tool_is_a_visible_skip runs it in a child process"]
fn probe_a_missing_tool() {
    assert_eq!(tool("panelpaper-no-such-tool"), None);
}

#[test]
fn a_missing_tool_is_a_visible_skip() {
    let dir = tempfile::tempdir().unwrap();
    let run = |ci: bool| {
        let log = dir.path().join(if ci { "ci.txt" } else { "local.txt" });
        let mut child = std::process::Command::new(std::env::current_exe().unwrap());
        child.args(["--ignored", "--exact", "common::tools::probe_a_missing_tool"]);
        child.env("PANELPAPER_TEST_SKIPS", &log).env_remove("CI");
        if ci {
            child.env("CI", "true");
        }
        let output = child.output().unwrap();
        (output, std::fs::read_to_string(log).unwrap_or_default())
    };
    let said = "skipped: panelpaper-no-such-tool missing (common::tools::probe_a_missing_tool)";

    // Without CI: the test passes, and says so without --nocapture, then in the summary.
    let (local, log) = run(false);
    let stderr = String::from_utf8_lossy(&local.stderr);
    assert!(local.status.success(), "{stderr}");
    assert_eq!(stderr.matches(said).count(), 2, "once as it happens, once after the closing line: {stderr}");
    let closing = String::from_utf8_lossy(&local.stdout);
    assert!(closing.contains("test result: ok. 1 passed"), "{closing}");
    assert!(stderr.contains("1 test skipped, tools missing"), "{stderr}");
    assert_eq!(log, "common::tools::probe_a_missing_tool\tpanelpaper-no-such-tool\n");

    // Under CI: the same skip fails the test, and is still counted.
    let (ci, log) = run(true);
    assert!(!ci.status.success());
    let stdout = String::from_utf8_lossy(&ci.stdout);
    assert!(stdout.contains("under CI every test must run") && stdout.contains("1 failed"), "{stdout}");
    assert_eq!(log.lines().count(), 1);
}
