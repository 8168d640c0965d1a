//! `panelpaper build MEETING.yaml [-o DIR] [-f md,pdf] [-j N] [--pack]`.
//!
//! Every paper is checked, then every output is rendered in memory (in parallel, in a
//! rayon pool of N threads), then all files are written together: a failed build changes
//! nothing in DIR. Outputs do not depend on N: each paper is rendered independently and
//! results are collected in agenda order.

use super::{Environment, Outcome};
use crate::cli::{BuildArgs, Format};
use crate::dialect::FrontMatter;
use crate::error::Error;
use crate::layout::{self, Layout};
use crate::markdown::Templates;
use crate::meeting::{self, Meeting};
use crate::output::{OutputFile, write_all};
use crate::pipeline::{self, Prepared};
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One paper's outputs, and its pages for the pack.
struct Rendered {
    files: Vec<OutputFile>,
    layout: Option<Layout>,
    pages: usize,
}

pub(super) fn execute(args: &BuildArgs, env: &Environment) -> Result<Outcome, Error> {
    if args.pack && !args.output.wants(Format::Pdf) {
        return Err(Error::Usage("--pack needs PDF output: add pdf to -f".into()));
    }
    let templates = Templates::load(args.output.templates.as_deref())?;
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = args.jobs {
        builder = builder.num_threads(jobs.max(1));
    }
    let pool =
        builder.build().map_err(|e| Error::Usage(format!("cannot start {} threads: {e}", args.jobs.unwrap_or(0))))?;
    pool.install(|| build(args, env, &templates))
}

fn build(args: &BuildArgs, env: &Environment, templates: &Templates) -> Result<Outcome, Error> {
    let meeting = meeting::load(&args.meeting, args.output.edition)?;
    let done = AtomicUsize::new(0);
    // An edition leaves out papers wholly above its class: no file, no pack pages.
    let shown: Vec<&Prepared> = meeting.papers.iter().filter(|p| !p.is_withheld()).collect();
    let total = shown.len();
    let rendered: Vec<Rendered> = shown
        .par_iter()
        .map(|p| {
            let result = render_paper(p, args, env, templates);
            if let Some(progress) = &env.progress {
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            }
            result
        })
        .collect::<Result<_, _>>()?;

    let mut files: Vec<OutputFile> = Vec::new();
    let index_markdown = templates.render_index(&meeting, meeting.marking)?;
    if args.output.wants(Format::Pdf) {
        let layout = pipeline::layout(&meeting.manifest, &index_markdown)?;
        files.push(OutputFile {
            path: args.output.out.join("index.pdf"),
            bytes: pipeline::numbered_pdf(layout, meeting.date, env.source_date_epoch),
        });
    }
    if args.output.wants(Format::Md) {
        files.push(OutputFile { path: args.output.out.join("index.md"), bytes: index_markdown.into_bytes() });
    }
    let pages: usize = rendered.iter().map(|r| r.pages).sum();
    let mut layouts = Vec::new();
    for r in rendered {
        files.extend(r.files);
        layouts.extend(r.layout);
    }
    if args.pack {
        // The cover is the pack's first page: it carries the pack's marking, which may be
        // above the paper list's own.
        let cover = pipeline::layout(&meeting.manifest, &templates.render_index(&meeting, meeting.pack_marking())?)?;
        let pack = pack(&meeting, &shown, cover, layouts);
        let name = format!("{}.pdf", meeting.reference.pack_file_stem());
        files.push(OutputFile {
            path: args.output.out.join(name),
            bytes: pipeline::pdf_of(&pack, meeting.date, env.source_date_epoch),
        });
    }
    write_all(&files)?;
    let stdout = files.iter().map(|f| format!("wrote {}\n", f.path.display())).collect();
    let pages = if args.output.wants(Format::Pdf) { format!(" ({pages} pages)") } else { String::new() };
    let summary = format!("built {total} papers of {}{pages} into {}", meeting.reference, args.output.out.display());
    let notes = shown.iter().filter_map(|p| super::marking_note(&p.paper)).collect();
    Ok(Outcome { stdout, summary: Some(summary), notes, warnings: meeting.warnings.clone(), exit_code: 0 })
}

fn render_paper(p: &Prepared, args: &BuildArgs, env: &Environment, templates: &Templates) -> Result<Rendered, Error> {
    let markdown = pipeline::markdown(&p.paper, templates)?;
    let stem = args.output.out.join(p.paper.reference.file_stem());
    let mut files = Vec::new();
    let mut kept = None;
    let mut pages = 0;
    if args.output.wants(Format::Pdf) {
        let layout = pipeline::layout(&p.file, &markdown)?;
        pages = layout.pages.len();
        if args.pack {
            kept = Some(layout.clone());
        }
        files.push(OutputFile {
            path: stem.with_extension("pdf"),
            bytes: pipeline::numbered_pdf(layout, p.paper.date, env.source_date_epoch),
        });
    }
    if args.output.wants(Format::Md) {
        files.push(OutputFile { path: stem.with_extension("md"), bytes: markdown.into_bytes() });
    }
    Ok(Rendered { files, layout: kept, pages })
}

/// The meeting pack: the cover (paper list), then every paper, pages numbered through the
/// pack, each page keeping its own paper's classification footer.
fn pack(meeting: &Meeting, shown: &[&Prepared], cover: Layout, papers: Vec<Layout>) -> Layout {
    let total = cover.pages.len() + papers.iter().map(|l| l.pages.len()).sum::<usize>();
    let mut parts = Vec::with_capacity(papers.len() + 1);
    let mut first = 1;
    for (title, mut layout) in std::iter::once(("Papers".to_string(), cover))
        .chain(shown.iter().map(|p| format!("{} {}", p.paper.reference, p.paper.title)).zip(papers))
    {
        let pages = layout.pages.len();
        layout.stamp(first, total);
        first += pages;
        parts.push((title, layout));
    }
    let meta = FrontMatter {
        reference: Some(meeting.reference.to_string()),
        title: format!("{} meeting {}: pack", meeting.committee_name, meeting.meeting),
        classification: meeting.pack_marking(),
        author: Some(meeting.committee_name.clone()),
        ..FrontMatter::default()
    };
    layout::concatenate(parts, meta)
}
