//! Working Days in author text, as a user meets them through `check` and `render`: the
//! count bounded and never a crash (issue 25, item 8), the bank holidays a manifest or a
//! paper adds, and a warning where a date falls outside the years the list covers.

use crate::common::{fixture, panelpaper, s, stderr};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The minimal paper with `body` as its only section's body and `extra` top-level lines,
/// written as `name` in `dir`.
fn paper(dir: &Path, name: &str, body: &str, extra: &str) -> PathBuf {
    let yaml = std::fs::read_to_string(fixture("minimal.yaml")).unwrap();
    assert!(yaml.contains("    body: Nothing else."));
    let yaml = yaml.replace("    body: Nothing else.", &format!("    body: {body}")) + extra;
    let file = dir.join(name);
    std::fs::write(&file, yaml).unwrap();
    file
}

fn count(days: &str) -> String {
    format!("Due {{{{ \"2020-01-31\" | add_working_days(days={days}) | uk_date }}}}.")
}

/// `check` of `file` as JSON diagnostics (one object per line, on stderr or stdout).
fn diagnostics(run: &std::process::Output) -> Vec<serde_json::Value> {
    let text = String::from_utf8_lossy(&run.stdout).into_owned() + &stderr(run);
    text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
}

#[test]
fn a_count_out_of_range_is_an_error_at_the_expression_never_a_crash_or_a_wait() {
    let dir = tempfile::tempdir().unwrap();
    for days in ["60000000", "70000000", "-600000", "10001", "-10001", "9223372036854775807"] {
        let file = paper(dir.path(), "far.yaml", &count(days), "");
        let started = Instant::now();
        let run = panelpaper(&["check", s(&file), "--message-format", "json"]);
        assert!(started.elapsed() < Duration::from_secs(5), "days={days}: {:?}", started.elapsed());
        assert_eq!(run.status.code(), Some(1), "days={days}: {}", stderr(&run));
        let found = diagnostics(&run);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!(d["code"], "PP040", "{d}");
        assert_eq!(d["field"], "sections[1].body");
        let message = d["message"].as_str().unwrap();
        assert!(message.contains(&format!("days={days} is out of range")) && message.contains("10000"), "{message}");
        // At the expression: its line, the column of `add_working_days` or the `{{` before it.
        let column = d["range"]["start"]["column"].as_u64().unwrap();
        let line = std::fs::read_to_string(&file).unwrap();
        let body_line = line.lines().position(|l| l.contains("add_working_days")).unwrap() + 1;
        assert_eq!(d["range"]["start"]["line"].as_u64().unwrap() as usize, body_line);
        assert!(column > "    body: Due ".len() as u64, "{d}");
    }
    // The largest count allowed is answered at once.
    let file = paper(dir.path(), "ok.yaml", &count("10000"), "");
    let started = Instant::now();
    let run = panelpaper(&["render", s(&file), "-o", "-", "-f", "md"]);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(String::from_utf8_lossy(&run.stdout).contains("Due 21\u{a0}August 2059."));
}

#[test]
fn a_date_past_the_list_is_a_warning_at_the_expression_until_a_day_of_its_year_is_added() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Due {{ \"2028-06-02\" | add_working_days(days=1) | uk_date }}.";
    let file = paper(dir.path(), "late.yaml", body, "");
    let run = panelpaper(&["check", s(&file), "--message-format", "json"]);
    assert!(run.status.success(), "a warning only: {}", stderr(&run));
    let found = diagnostics(&run);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "PP090");
    assert_eq!(found[0]["severity"], "warning");
    assert!(found[0]["message"].as_str().unwrap().starts_with("2028-06-02 is outside the years"), "{}", found[0]);
    assert_eq!(found[0]["field"], "sections[1].body");
    let column = found[0]["range"]["start"]["column"].as_u64().unwrap() as usize;
    let text = std::fs::read_to_string(&file).unwrap();
    let line = text.lines().nth(found[0]["range"]["start"]["line"].as_u64().unwrap() as usize - 1).unwrap();
    assert_eq!(line.chars().skip(column - 1).take(16).collect::<String>(), "add_working_days", "{line}");
    let md = panelpaper(&["render", s(&file), "-o", "-", "-f", "md"]);
    assert!(String::from_utf8_lossy(&md.stdout).contains("Due 5\u{a0}June 2028."));

    // The paper adds a bank holiday of that year (a coronation, say): counted, no warning.
    let added = paper(dir.path(), "added.yaml", body, "bank_holidays: [2028-06-05]\n");
    let run = panelpaper(&["check", s(&added), "--message-format", "json"]);
    assert!(run.status.success() && diagnostics(&run).is_empty(), "{}", stderr(&run));
    let md = panelpaper(&["render", s(&added), "-o", "-", "-f", "md"]);
    assert!(String::from_utf8_lossy(&md.stdout).contains("Due 6\u{a0}June 2028."), "the added day is skipped");

    // A day that is not a date is an error at its own item.
    let bad = paper(dir.path(), "bad.yaml", body, "bank_holidays: [2028-06-05, 5 June 2028]\n");
    let run = panelpaper(&["check", s(&bad), "--message-format", "json"]);
    assert_eq!(run.status.code(), Some(1));
    let found = diagnostics(&run);
    assert!(found.iter().any(|d| d["code"] == "PP010" && d["field"] == "bank_holidays[1]"), "{found:?}");
}

#[test]
fn a_manifest_adds_bank_holidays_for_its_date_and_its_papers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let manifest = crate::common::example_meeting_in(&d.join("m"));
    let text = std::fs::read_to_string(&manifest).unwrap();
    // The meeting moved to a day the manifest makes a bank holiday, in a year past the list.
    let moved = text.replacen("date: 2020-03-13", "date: 2028-03-14", 1);
    assert_ne!(moved, text);
    std::fs::write(&manifest, &moved).unwrap();
    let run = panelpaper(&["check", s(&manifest), "--message-format", "json"]);
    let found = diagnostics(&run);
    let date_line = moved.lines().position(|l| l.starts_with("date: 2028-03-14")).unwrap() as u64 + 1;
    let past = found.iter().find(|d| d["code"] == "PP090").unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!((past["field"].as_str(), past["range"]["start"]["line"].as_u64()), (Some("date"), Some(date_line)));

    std::fs::write(&manifest, moved.replacen("date: 2028-03-14", "date: 2028-03-14\nbank_holidays: [2028-03-14]", 1))
        .unwrap();
    let run = panelpaper(&["check", s(&manifest), "--message-format", "json"]);
    let found = diagnostics(&run);
    assert!(!found.iter().any(|d| d["code"] == "PP090"), "2028 is covered now: {found:?}");
    let lint = found.iter().find(|d| d["code"] == "PP039").unwrap_or_else(|| panic!("{found:?}"));
    assert!(lint["message"].as_str().unwrap().contains("the meeting is on a bank holiday"), "{lint}");
}
