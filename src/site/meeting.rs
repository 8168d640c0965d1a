//! A meeting built: every paper its manifest lists, numbered and cross-referenced, its
//! paper list, and its pack.
//!
//! Afresh (`build`), each paper is rendered as soon as it is checked (in parallel, in the
//! caller's rayon pool) and its files go to the staging folder at once, its body then
//! freed: the batch holds neither outputs nor paper bodies; a paper with problems fails the
//! build with every problem of every paper, and a failed build changes nothing. Outputs
//! do not depend on the threads: results come in agenda order. Incrementally (a watch),
//! papers come from the cache while their text and the manifest's are unchanged, and only
//! what changed is laid out and written.

use super::cache::Made;
use super::{Built, Site, marking_note};
use crate::dialect::Markdown;
use crate::error::Error;
use crate::load::Input;
use crate::meeting::{self, PaperCache};
use crate::pipeline::{Checks, Prepared, RenderRequest};
use crate::writers::Format;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

pub(super) fn build(site: &mut Site, manifest: &Path) -> Result<Built, Error> {
    if manifest == Path::new("-") {
        return Err(Error::Usage("a meeting is read beside its papers: give its manifest's path, not -".into()));
    }
    if site.settings.pack && !site.settings.formats.contains(Format::Pdf) {
        return Err(Error::Usage("--pack needs PDF output: add pdf to -f".into()));
    }
    crate::output::check_owned(&site.settings.out, site.settings.ownership)?;
    if site.cache.is_some() { incremental(site, manifest) } else { afresh(site, manifest) }
}

fn checks(site: &Site) -> Checks {
    Checks {
        edition: site.settings.edition,
        paged: site.settings.formats.paged(),
        allow_outside: site.settings.allow_outside,
    }
}

fn request(site: &Site, keep_markdown: bool) -> RenderRequest<'_> {
    RenderRequest {
        out: &site.settings.out,
        formats: site.settings.formats,
        source_date_epoch: site.settings.source_date_epoch,
        keep_markdown,
    }
}

fn afresh(site: &mut Site, manifest: &Path) -> Result<Built, Error> {
    let settings = &site.settings;
    let request = request(site, settings.pack);
    // The papers are known only as the manifest is read: each joins the inputs no output
    // may replace when it is rendered.
    let staging = site.stage(std::slice::from_ref(&manifest.to_path_buf()))?;
    let done = AtomicUsize::new(0);
    let render = |p: &Prepared, total: usize| -> Result<(usize, Option<Markdown>), Error> {
        staging.add_input(&p.file)?;
        let rendered = crate::pipeline::render(p, &site.templates, &request)?;
        for file in &rendered.files {
            staging.add(file)?;
        }
        if let Some(progress) = &settings.progress {
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
        }
        Ok((rendered.pages, rendered.markdown))
    };
    let (meeting, rendered) = meeting::load_each(manifest, checks(site), settings.allow_outside, &render)?;
    // An edition leaves out papers wholly above its class: no file, no pack pages.
    let shown: Vec<&Prepared> = meeting.papers.iter().filter(|p| !p.is_withheld()).collect();
    for file in
        meeting::index_files(&meeting, &site.templates, settings.formats, &settings.out, settings.source_date_epoch)?
    {
        staging.add(&file)?;
    }
    // Issue #29: the committee's records are read like inputs; the meeting's decision log.
    for input in &meeting.records_read {
        staging.add_input(input)?;
    }
    let log = meeting::decisions_files(
        &meeting,
        &site.templates,
        settings.formats,
        &settings.out,
        settings.source_date_epoch,
    )?;
    for file in log {
        staging.add(&file)?;
    }
    let mut built = Built {
        shown: shown.len(),
        meeting: Some(meeting.reference.to_string()),
        pages: rendered.iter().map(|(pages, _)| pages).sum(),
        rendered: shown.iter().map(|p| p.paper.reference.to_string()).collect(),
        notes: shown.iter().filter_map(|p| marking_note(&p.paper)).collect(),
        warnings: meeting.warnings.clone(),
        ..Built::default()
    };
    if settings.pack {
        // Each paper's Markdown, kept from its rendering, is laid out again in the pack, one
        // at a time: only its text and page count wait for the others.
        let papers = shown
            .iter()
            .zip(rendered)
            .filter_map(|(p, (pages, markdown))| Some(meeting::PackPaper { prepared: p, markdown: markdown?, pages }))
            .collect();
        staging.add_written(&meeting::pack_path(&meeting, &settings.out), |out| {
            meeting::write_pack(&meeting, &site.templates, papers, out, settings.source_date_epoch)
        })?;
    }
    // Denied warnings fail the build here, before anything is put in place.
    site.deny(&meeting.warnings)?;
    site.read = std::iter::once(manifest.to_path_buf())
        .chain(meeting.papers.iter().map(|p| p.file.clone()))
        .chain(meeting.papers.iter().flat_map(|p| p.sources.iter().cloned()))
        .chain(records_read(&meeting))
        .map(|f| super::absolute(&f))
        .collect();
    site.commit(staging, &mut built)?;
    Ok(built)
}

fn incremental(site: &mut Site, manifest: &Path) -> Result<Built, Error> {
    let Input::Meeting(loaded) = site.load(manifest)? else {
        return Err(Error::Usage(format!("{} is a paper, not a meeting", manifest.display())));
    };
    let mut cache = site.cache.take().expect("an incremental site");
    let result = (|| {
        if cache.manifest_text.as_deref() != Some(loaded.text()) {
            // Numbers, references and defaults may all have moved: every paper is checked
            // again, and laid out again if its Markdown changed.
            cache.papers = PaperCache::default();
            cache.manifest_text = Some(loaded.text().to_string());
        }
        let meeting =
            meeting::prepare_reusing(&loaded, checks(site), site.settings.allow_outside, Some(&cache.papers))?;
        site.deny(&meeting.warnings)?;
        let fresh = cache.papers.take_fresh();
        site.read = std::iter::once(manifest.to_path_buf())
            .chain(meeting.papers.iter().map(|p| p.file.clone()))
            .chain(meeting.papers.iter().flat_map(|p| p.sources.iter().cloned()))
            .chain(records_read(&meeting))
            .map(|f| super::absolute(&f))
            .collect();
        let mut made = Made::default();
        let mut built = Built {
            warnings: meeting.warnings.clone(),
            meeting: Some(meeting.reference.to_string()),
            ..Built::default()
        };
        // The paper list is laid out again only when its Markdown changed.
        let index = site.templates.render_index(&meeting.paper_list(), meeting.marking)?;
        made.shown.push(meeting.manifest.clone());
        if !cache.same_markdown(&meeting.manifest, &index) {
            let settings = &site.settings;
            let files = meeting::index_files(
                &meeting,
                &site.templates,
                settings.formats,
                &settings.out,
                settings.source_date_epoch,
            )?;
            made.add(&meeting.manifest, index, files);
        }
        // Issue #29: the decision log, laid out again only when its Markdown changed.
        if let Some(log) = meeting.decision_log() {
            let source = meeting::folder_of(&meeting.manifest).join(crate::load::OUTCOMES_FILE);
            let markdown = site.templates.render_decisions(&log)?;
            made.shown.push(source.clone());
            if !cache.same_markdown(&source, &markdown) {
                let settings = &site.settings;
                let files = meeting::decisions_files(
                    &meeting,
                    &site.templates,
                    settings.formats,
                    &settings.out,
                    settings.source_date_epoch,
                )?;
                made.add(&source, markdown, files);
            }
        }
        let request = request(site, false);
        for paper in meeting.papers.iter().filter(|p| !p.is_withheld()) {
            built.shown += 1;
            built.notes.extend(marking_note(&paper.paper));
            made.shown.push(paper.file.clone());
            // A paper taken from the cache, under the same manifest and templates, has the
            // Markdown it had.
            if cache.markdown.contains_key(&paper.file) && !fresh.contains(&paper.file) {
                continue;
            }
            let markdown = site.templates.render_paper(&paper.paper)?;
            if cache.same_markdown(&paper.file, &markdown) {
                continue;
            }
            let rendered = crate::pipeline::render_markdown(paper, &site.templates, &request, markdown.clone())?;
            built.rendered.push(paper.paper.reference.to_string());
            built.pages += rendered.pages;
            made.add(&paper.file, markdown, rendered.files);
        }
        cache.commit(site, made, &mut built)?;
        Ok(built)
    })();
    site.cache = Some(cache);
    result
}

/// The committee's records a meeting read (its outcomes, and the earlier and later
/// meetings'), which a watch follows as it follows the papers (issue #29).
fn records_read(meeting: &meeting::Meeting) -> impl Iterator<Item = std::path::PathBuf> + '_ {
    let outcomes = meeting::folder_of(&meeting.manifest).join(crate::load::OUTCOMES_FILE);
    meeting.records_read.iter().cloned().chain(std::iter::once(outcomes))
}
