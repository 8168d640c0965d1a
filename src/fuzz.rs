//! Entry points for the fuzzers (`fuzz/`) and for the test that replays their corpus on
//! every CI run: whole stages from bytes, which must never panic, hang or run away, only
//! succeed or report problems.

use crate::diff::{Alignment, Marks, compare, paper_report, redline};
use crate::docx::DocxOptions;
use crate::domain::Classification;
use crate::load::{self, MeetingSource};
use crate::markdown::Templates;
use crate::pdf::{self, PdfOptions};
use crate::pipeline;
use std::path::Path;

/// A paper from `bytes` through every stage: check, Markdown, layout, PDF and DOCX, in full and
/// as its GREEN edition.
pub fn render_paper(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let templates = Templates::embedded();
    for edition in [None, Some(Classification::Green)] {
        let Ok(prepared) =
            pipeline::prepare_text_with(Path::new("fuzz.yaml"), text, pipeline::Checks { edition, pdf: true })
        else {
            return;
        };
        if prepared.is_withheld() {
            continue;
        }
        let Ok(markdown) = templates.render_paper(&prepared.paper) else { return };
        if let Ok(layout) = pipeline::layout(&prepared.file, &markdown) {
            pdf::write(&layout.finish(), &PdfOptions::dated(prepared.paper.date, Some(0)));
        }
        let _ = pipeline::docx(&markdown, &DocxOptions::dated(prepared.paper.date, Some(0)));
    }
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
    if let Ok(markdown) = Templates::embedded().render_paper(&redlined) {
        if let Ok(layout) = pipeline::layout(Path::new("redline"), &markdown) {
            pdf::write(&layout.finish(), &PdfOptions::dated(redlined.date, Some(0)));
        }
        let _ = pipeline::docx(&markdown, &DocxOptions::dated(redlined.date, Some(0)));
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
