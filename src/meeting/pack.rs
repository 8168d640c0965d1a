//! A meeting's own documents: its paper list (`index.md`, `index.pdf`) and its pack (a
//! cover with the paper list, then every paper, pages numbered through).

use super::Meeting;
use crate::dialect::FrontMatter;
use crate::error::Error;
use crate::layout::{self, Layout, LinkTarget};
use crate::markdown::Templates;
use crate::output::OutputFile;
use crate::pdf::{self, PdfOptions};
use crate::pipeline::{self, Format, Prepared};
use std::path::Path;

/// `index.pdf`, `index.html`, `index.docx` and `index.md` in `out`, as `formats` asks, marked by what the list shows.
pub fn index_files(
    meeting: &Meeting,
    templates: &Templates,
    formats: &[Format],
    out: &Path,
    source_date_epoch: Option<i64>,
) -> Result<Vec<OutputFile>, Error> {
    let markdown = templates.render_index(&meeting.paper_list(), meeting.marking)?;
    let mut files = Vec::new();
    if formats.contains(&Format::Pdf) {
        let layout = pipeline::layout(&meeting.manifest, &markdown)?;
        let options = PdfOptions::dated(meeting.date, source_date_epoch);
        files.push(OutputFile { path: out.join("index.pdf"), bytes: pdf::write(&layout.finish(), &options) });
    }
    if formats.contains(&Format::Html) {
        files.push(OutputFile { path: out.join("index.html"), bytes: pipeline::html(templates, &markdown)? });
    }
    if formats.contains(&Format::Docx) {
        let options = crate::docx::DocxOptions::dated(meeting.date, source_date_epoch);
        files.push(OutputFile { path: out.join("index.docx"), bytes: pipeline::docx(&markdown, &options)? });
    }
    if formats.contains(&Format::Md) {
        files.push(OutputFile { path: out.join("index.md"), bytes: markdown.into_text().into_bytes() });
    }
    Ok(files)
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
    let mut cover = pipeline::layout(&meeting.manifest, &templates.render_index(&meeting.paper_list(), marking)?)?;
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
