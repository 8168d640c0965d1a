//! A meeting's own documents: its paper list (`index.md`, `index.pdf`) and its pack (a
//! cover with the paper list, then every paper, pages numbered through).

use super::Meeting;
use crate::dialect::{FrontMatter, Markdown};
use crate::error::Error;
use crate::layout::{self, LinkTarget};
use crate::markdown::Templates;
use crate::output::OutputFile;
use crate::pdf::{PackWriter, PdfOptions};
use crate::pipeline::Prepared;
use crate::writers::{self, Formats};
use std::io::Write;
use std::path::{Path, PathBuf};

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
    let written = writers::write(formats, &markdown, &meeting.manifest, templates, dated)?;
    Ok(written
        .files
        .into_iter()
        .map(|(format, bytes)| OutputFile { path: out.join("index").with_extension(format.extension()), bytes })
        .collect())
}

/// The pack's path, `COMMITTEE_MEETING_pack.pdf` in `out`.
pub fn pack_path(meeting: &Meeting, out: &Path) -> PathBuf {
    out.join(format!("{}.pdf", meeting.reference.pack_file_stem()))
}

/// One paper of a pack.
pub struct PackPaper<'a> {
    /// The paper (its reference and title name its part).
    pub prepared: &'a Prepared,
    /// Its Markdown, laid out again for the pack.
    pub markdown: Markdown,
    /// Its page count, from its own layout.
    pub pages: usize,
}

/// Writes the pack into `out`: the cover (the paper list, marked as the pack is), then every
/// paper shown with its pages, numbered through the pack, each page keeping its own
/// paper's footer and marking. One part is laid out at a time and written at once, so the
/// pack's memory is its largest part's, not the meeting's.
pub fn write_pack(
    meeting: &Meeting,
    templates: &Templates,
    papers: Vec<PackPaper<'_>>,
    out: &mut dyn Write,
    source_date_epoch: Option<i64>,
) -> Result<(), Error> {
    // The cover is the pack's first page: it carries the pack's marking, which may be
    // above the paper list's own.
    let marking = meeting.pack_marking();
    let cover_markdown = templates.render_index(&meeting.paper_list(), marking)?;
    let mut cover = layout::layout(&writers::parse_made_with(&meeting.manifest, templates, &cover_markdown, true)?);
    let total = cover.pages.len() + papers.iter().map(|p| p.pages).sum::<usize>();
    // The list links each paper's file; inside the pack, its first page.
    let mut first_pages = std::collections::HashMap::new();
    let mut page = cover.pages.len();
    for paper in &papers {
        first_pages.insert(format!("{}.pdf", paper.prepared.paper.reference.file_stem()), page);
        page += paper.pages;
    }
    for link in &mut cover.links {
        if let LinkTarget::File(file) = link
            && let Some(first) = first_pages.get(file.as_str())
        {
            *link = LinkTarget::Page(*first);
        }
    }
    let options = PdfOptions::dated(meeting.date, source_date_epoch);
    let io = |source| Error::Io { path: pack_path(meeting, Path::new("")), source };
    let mut pack = PackWriter::new(out, total).map_err(io)?;
    let mut first = 1 + cover.pages.len();
    pack.add_part("Papers", &cover.stamp(1, total), &options).map_err(io)?;
    for paper in papers {
        let layout = writers::pages(&paper.prepared.file, &paper.markdown)?;
        debug_assert_eq!(layout.pages.len(), paper.pages, "a paper lays out alike every time");
        let pages = layout.pages.len();
        let title = format!("{} {}", paper.prepared.paper.reference, paper.prepared.paper.title);
        pack.add_part(&title, &layout.stamp(first, total), &options).map_err(io)?;
        first += pages;
    }
    let title = format!("{} meeting {}: pack", meeting.committee_name, meeting.meeting);
    let meta = FrontMatter {
        reference: Some(meeting.reference.to_string()),
        author: Some(meeting.committee_name.clone()),
        ..FrontMatter::new(&title, marking)
    };
    pack.finish(&meta, &options).map_err(io)?;
    Ok(())
}
