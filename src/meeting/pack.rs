//! A meeting's own documents: its paper list (`index.md`, `index.pdf`) and its pack (a
//! cover with the paper list, then every paper, pages numbered through).

use super::Meeting;
use crate::dialect::FrontMatter;
use crate::error::Error;
use crate::layout::{self, Layout, LinkTarget};
use crate::markdown::Templates;
use crate::output::OutputFile;
use crate::pdf::{self, PdfOptions};
use crate::pipeline::Prepared;
use crate::writers::{self, Formats};
use std::path::Path;

/// `index.md`, `index.pdf` … in `out`, as `formats` asks, marked by what the list shows.
pub fn index_files(
    meeting: &Meeting,
    templates: &Templates,
    formats: Formats,
    out: &Path,
    source_date_epoch: Option<i64>,
) -> Result<Vec<OutputFile>, Error> {
    let markdown = templates.render_index(&meeting.paper_list(), meeting.marking)?;
    let dated = writers::Dated { date: meeting.date, source_date_epoch, author: None };
    let written = writers::write(formats, &markdown, &meeting.manifest, templates, dated, false)?;
    Ok(written
        .files
        .into_iter()
        .map(|(format, bytes)| OutputFile { path: out.join("index").with_extension(format.extension()), bytes })
        .collect())
}

/// The pack `COMMITTEE_MEETING_pack.pdf` in `out`: the cover (the paper list, marked as the
/// pack is), then every paper shown with its pages, numbered through the pack, each page
/// keeping its own paper's footer and marking.
pub fn pack_file(
    meeting: &Meeting,
    templates: &Templates,
    papers: Vec<(&Prepared, Layout)>,
    out: &Path,
    source_date_epoch: Option<i64>,
) -> Result<OutputFile, Error> {
    // The cover is the pack's first page: it carries the pack's marking, which may be
    // above the paper list's own.
    let marking = meeting.pack_marking();
    let cover_markdown = templates.render_index(&meeting.paper_list(), marking)?;
    let mut cover = layout::layout(&writers::parse_made_with(&meeting.manifest, templates, &cover_markdown, true)?);
    let total = cover.pages.len() + papers.iter().map(|(_, l)| l.pages.len()).sum::<usize>();
    // The list links each paper's file; inside the pack, its first page.
    let mut first_pages = std::collections::HashMap::new();
    let mut page = cover.pages.len();
    for (p, layout) in &papers {
        first_pages.insert(format!("{}.pdf", p.paper.reference.file_stem()), page);
        page += layout.pages.len();
    }
    for link in &mut cover.links {
        if let LinkTarget::File(file) = link
            && let Some(first) = first_pages.get(file.as_str())
        {
            *link = LinkTarget::Page(*first);
        }
    }
    let mut parts = Vec::with_capacity(papers.len() + 1);
    let mut first = 1;
    let titled = papers.into_iter().map(|(p, layout)| (format!("{} {}", p.paper.reference, p.paper.title), layout));
    for (title, layout) in std::iter::once(("Papers".to_string(), cover)).chain(titled) {
        let pages = layout.pages.len();
        parts.push((title, layout.stamp(first, total)));
        first += pages;
    }
    let title = format!("{} meeting {}: pack", meeting.committee_name, meeting.meeting);
    let meta = FrontMatter {
        reference: Some(meeting.reference.to_string()),
        author: Some(meeting.committee_name.clone()),
        ..FrontMatter::new(&title, marking)
    };
    let bytes = pdf::write(&layout::concatenate(parts, meta), &PdfOptions::dated(meeting.date, source_date_epoch));
    Ok(OutputFile { path: out.join(format!("{}.pdf", meeting.reference.pack_file_stem())), bytes })
}
