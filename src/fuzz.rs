//! Entry points for the fuzzers (`fuzz/`) and for the test that replays their corpus on
//! every CI run: whole stages from bytes, which must never panic, hang or run away, only
//! succeed or report problems.

use crate::dialect::{FrontMatter, Markdown};
use crate::diff::{Alignment, Marks, compare, paper_report, redline};
use crate::domain::Classification;
use crate::load::{self, MeetingSource};
use crate::markdown::Templates;
use crate::pipeline;
use crate::writers::{self, Format, Formats};
use std::path::Path;

/// A paper from `bytes` through every stage: check, Markdown, layout, PDF and DOCX, in full and
/// as its GREEN edition.
pub fn render_paper(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let templates = Templates::embedded();
    for edition in [None, Some(Classification::Green)] {
        let Ok(prepared) = pipeline::prepare_text_with(
            Path::new("fuzz.yaml"),
            text,
            pipeline::Checks { edition, paged: true, allow_outside: false },
        ) else {
            return;
        };
        if prepared.is_withheld() {
            continue;
        }
        let Ok(markdown) = templates.render_paper(&prepared.paper) else { return };
        every_writer(&markdown, &templates, prepared.paper.date);
    }
}

/// Every writer of the table on `markdown`; where a character stops the paged ones, the
/// others still.
fn every_writer(markdown: &Markdown, templates: &Templates, date: chrono::NaiveDate) {
    let dated = writers::Dated { date, source_date_epoch: Some(0), author: None };
    let file = Path::new("fuzz.yaml");
    if writers::write(Formats::ALL, markdown, file, templates, dated).is_err() {
        let unpaged = Formats::of(writers::WRITERS.iter().filter(|w| !w.paged).map(|w| w.format));
        let _ = writers::write(unpaged, markdown, file, templates, dated);
    }
}

/// Markdown from `bytes` as a document of the dialect (made inert) and its HTML page: the
/// page, for its invariants. The inert text stays as it is when made inert again, and the
/// page holds no element of the author's.
pub fn html_page(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let front = FrontMatter::new("fuzz", Classification::Amber);
    let markdown = Markdown::new(format!("{}\n\n{text}", front.write()), front).ok()?;
    assert_eq!(crate::dialect::inert(markdown.text()), markdown.text(), "inert text is inert");
    let doc = crate::dialect::parse(markdown.text(), markdown.front(), |_| None).ok()?;
    let page = crate::html::write(&doc, "");
    for forbidden in ["<script", "<iframe", "<img", "<svg", "<object"] {
        assert!(!page.contains(forbidden), "{forbidden} in the page");
    }
    for href in page.split("href=\"").skip(1).filter_map(|rest| rest.split('"').next()) {
        assert!(followable_in_a_browser(href), "href=\"{href}\" in the page");
    }
    Some(page)
}

/// Whether a browser follows `href` (as written in the page) only to a web, mail or
/// telephone address, an anchor or a relative path: its entities decoded and the tabs and
/// line breaks a browser strips taken out, whatever scheme it names is one of those
/// (`javascript*alert(1)` is a relative path; `java&#9;script:` is not).
fn followable_in_a_browser(href: &str) -> bool {
    let mut decoded = String::new();
    let mut rest = href;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        let entity = &rest[at..];
        let Some(end) = entity.find(';') else {
            decoded.push_str(entity);
            rest = "";
            break;
        };
        let name = &entity[1..end];
        let c = match name {
            "amp" => Some('&'),
            "colon" => Some(':'),
            "Tab" => Some('\t'),
            "NewLine" => Some('\n'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => decoded.push(c),
            None => decoded.push_str(&entity[..=end]),
        }
        rest = &entity[end + 1..];
    }
    decoded.push_str(rest);
    let url: String =
        decoded.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    match url.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            ["http", "https", "mailto", "tel"].iter().any(|s| scheme.eq_ignore_ascii_case(s))
        }
        _ => true,
    }
}

/// Splits `bytes` at [`DRAFT_SEPARATOR`] into two texts.
fn drafts(bytes: &[u8]) -> Option<(&str, &str)> {
    let at = bytes.windows(DRAFT_SEPARATOR.len()).position(|w| w == DRAFT_SEPARATOR)?;
    Some((std::str::from_utf8(&bytes[..at]).ok()?, std::str::from_utf8(&bytes[at + DRAFT_SEPARATOR.len()..]).ok()?))
}

/// A redline as a Word document by the author and between the labels that `bytes` give on
/// their first three lines, of the two drafts after them (split at [`DRAFT_SEPARATOR`]):
/// the document, whose every part must be well-formed XML whatever the names.
pub fn docx_labels(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut lines = bytes.splitn(4, |b| *b == b'\n');
    let mut name = || String::from_utf8_lossy(lines.next().unwrap_or_default()).into_owned();
    let (author, old_label, new_label) = (name(), name(), name());
    let (old, new) = drafts(lines.next()?)?;
    let (old, new) = (
        pipeline::prepare_text(Path::new("old.yaml"), old).ok()?,
        pipeline::prepare_text(Path::new("new.yaml"), new).ok()?,
    );
    let labels = crate::diff::paper::Labels { old: old_label, new: new_label, revision: None };
    let compared = crate::diff::paper::papers(&old, &new, &labels, true, &Templates::embedded(), Marks::Plain).ok()?;
    let redline = compared.redline?;
    let dated = writers::Dated { date: redline.date, source_date_epoch: Some(0), author: Some(&author) };
    let written = writers::write(
        Formats::of([Format::Docx]),
        &redline.markdown,
        Path::new("new.yaml"),
        &Templates::embedded(),
        dated,
    )
    .ok()?;
    written.files.into_iter().next().map(|(_, bytes)| bytes)
}

/// Two drafts (split at [`DRAFT_SEPARATOR`]) compared as their GREEN edition, in every
/// format: the report and the redline's Markdown, for the leak checks of the replay test.
pub fn diff_edition(bytes: &[u8]) -> Option<(String, String)> {
    let (old, new) = drafts(bytes)?;
    let checks = pipeline::Checks { edition: Some(Classification::Green), paged: true, allow_outside: false };
    let (old, new) = (
        pipeline::prepare_text_with(Path::new("old.yaml"), old, checks).ok()?,
        pipeline::prepare_text_with(Path::new("new.yaml"), new, checks).ok()?,
    );
    let labels = crate::diff::paper::Labels { old: "old".into(), new: "new".into(), revision: None };
    let templates = Templates::embedded();
    let compared = crate::diff::paper::papers(&old, &new, &labels, true, &templates, Marks::Plain).ok()?;
    let redline = compared.redline?;
    every_writer(&redline.markdown, &templates, redline.date);
    Some((compared.report, redline.markdown.into_text()))
}

/// Starts each file of a [`build_meeting`] input after the manifest: `\n#--8<-- NAME\n`.
pub const FILE_SEPARATOR: &[u8] = b"\n#--8<-- ";

/// A meeting from `bytes` (its manifest, then each paper after a [`FILE_SEPARATOR`] line
/// that names its file) written into a temporary folder and built there, every format and
/// the pack, in full and as the GREEN edition.
pub fn build_meeting(bytes: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let mut parts = split_at_separator(bytes, FILE_SEPARATOR);
    let manifest = parts.remove(0);
    if std::fs::write(dir.path().join("meeting.yaml"), manifest).is_err() {
        return;
    }
    for part in parts {
        let Some(end) = part.iter().position(|b| *b == b'\n') else { continue };
        let name = String::from_utf8_lossy(&part[..end]);
        // Names of plain files in the folder only.
        if name.is_empty() || name.contains(['/', '\\', '\0']) || name.starts_with('.') {
            continue;
        }
        let _ = std::fs::write(dir.path().join(name.as_ref()), &part[end + 1..]);
    }
    for (edition, out) in [(None, "out"), (Some(Classification::Green), "green")] {
        let output = crate::commands::OutputOptions {
            out: dir.path().join(out),
            formats: Formats::ALL,
            edition,
            templates: None,
            force: false,
        };
        let build = crate::commands::BuildOptions {
            meeting: dir.path().join("meeting.yaml"),
            output,
            jobs: Some(1),
            pack: true,
            allow_outside: false,
        };
        let _ =
            crate::commands::execute(crate::commands::Command::Build(build), &crate::commands::Environment::default());
    }
}

fn split_at_separator<'a>(bytes: &'a [u8], separator: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut rest = bytes;
    while let Some(at) = rest.windows(separator.len()).position(|w| w == separator) {
        parts.push(&rest[..at]);
        rest = &rest[at + separator.len()..];
    }
    parts.push(rest);
    parts
}

/// The byte that separates the two drafts in a [`diff_papers`] input.
pub const DRAFT_SEPARATOR: &[u8] = b"\n#--8<--\n";

/// Two drafts (split at [`DRAFT_SEPARATOR`]) compared: the report, and the redline laid out
/// and written as DOCX.
pub fn diff_papers(bytes: &[u8]) {
    let Some(at) = bytes.windows(DRAFT_SEPARATOR.len()).position(|w| w == DRAFT_SEPARATOR) else { return };
    let (Ok(old), Ok(new)) =
        (std::str::from_utf8(&bytes[..at]), std::str::from_utf8(&bytes[at + DRAFT_SEPARATOR.len()..]))
    else {
        return;
    };
    let (Ok(old), Ok(new)) =
        (pipeline::prepare_text(Path::new("old.yaml"), old), pipeline::prepare_text(Path::new("new.yaml"), new))
    else {
        return;
    };
    let alignment = Alignment::of(&old.paper, &new.paper);
    let changes = compare(&old.paper, &new.paper, &alignment);
    paper_report("fuzz", &changes, Marks::Plain);
    let redlined = redline(&old.paper, &new.paper, &alignment, "old and new");
    let templates = Templates::embedded();
    if let Ok(markdown) = templates.render_paper(&redlined) {
        every_writer(&markdown, &templates, redlined.date);
    }
}

/// A meeting manifest from `bytes`, loaded and checked (its papers are looked for beside a
/// manifest in a folder that does not exist, so none is read).
pub fn load_manifest(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let Ok(loaded) = load::parse::<MeetingSource>(Path::new("/nonexistent-panelpaper-fuzz/meeting.yaml"), text) else {
        return;
    };
    let _ = crate::meeting::prepare(&loaded, pipeline::Checks::default(), false);
}
