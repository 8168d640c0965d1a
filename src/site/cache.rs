//! What an incremental site (a watch) keeps between builds: each paper's Markdown as last
//! laid out, the outputs each source made, and each output's digest as last written, so a
//! build lays out only what changed and writes only the files whose bytes did.

use super::{Built, Site};
use crate::dialect::Markdown;
use crate::error::Error;
use crate::meeting::PaperCache;
use crate::output::OutputFile;
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// An incremental site's memory of its earlier builds.
#[derive(Default)]
pub(super) struct Cache {
    /// The manifest's text the paper cache was filled under.
    pub(super) manifest_text: Option<String>,
    /// Papers prepared under that manifest.
    pub(super) papers: PaperCache,
    /// Each source's Markdown (a paper's, or the manifest's paper list) as last laid out.
    pub(super) markdown: HashMap<PathBuf, Markdown>,
    /// Each output's digest as last written or found on disk.
    written: HashMap<PathBuf, [u8; 32]>,
    /// The outputs each source last made.
    outputs: HashMap<PathBuf, Vec<PathBuf>>,
}

/// What one incremental build laid out, before it is compared with what is there.
#[derive(Default)]
pub(super) struct Made {
    /// The files of every source laid out again.
    pub(super) files: Vec<OutputFile>,
    /// Each source laid out again, with its Markdown and the paths of its outputs.
    pub(super) sources: Vec<(PathBuf, Markdown, Vec<PathBuf>)>,
    /// Every source this build shows (laid out again or not).
    pub(super) shown: Vec<PathBuf>,
}

impl Made {
    /// A source laid out again: its Markdown and its files.
    pub(super) fn add(&mut self, source: &Path, markdown: Markdown, files: Vec<OutputFile>) {
        self.sources.push((source.to_path_buf(), markdown, files.iter().map(|f| f.path.clone()).collect()));
        self.files.extend(files);
    }
}

impl Cache {
    /// Forgets every Markdown (the templates changed): everything is laid out again.
    pub(super) fn forget_markdown(&mut self) {
        self.markdown.clear();
    }

    /// Whether `source`'s Markdown is `markdown` as last laid out.
    pub(super) fn same_markdown(&self, source: &Path, markdown: &Markdown) -> bool {
        self.markdown.get(source) == Some(markdown)
    }

    /// Writes the files of `made` whose bytes changed, keeps the outputs of every source
    /// shown, removes what no source makes any more, and remembers it all.
    pub(super) fn commit(&mut self, site: &Site, made: Made, built: &mut Built) -> Result<(), Error> {
        let mut changed = Vec::new();
        let mut digests = Vec::new();
        for file in made.files {
            let digest: [u8; 32] = Sha256::digest(&file.bytes).into();
            let before = self.written.get(&file.path).copied().or_else(|| on_disk_digest(&file.path));
            if before == Some(digest) {
                built.unchanged += 1;
            } else {
                digests.push((file.path.clone(), digest));
                changed.push(file);
            }
        }
        // Every output this build makes: what it laid out, and what it kept from before.
        let mut outputs: HashMap<PathBuf, Vec<PathBuf>> = made
            .shown
            .iter()
            .filter_map(|source| self.outputs.get(source).map(|paths| (source.clone(), paths.clone())))
            .collect();
        let mut markdown = Vec::new();
        for (source, text, paths) in made.sources {
            outputs.insert(source.clone(), paths);
            markdown.push((source, text));
        }
        let staging = site.stage(&site.read.iter().cloned().collect::<Vec<_>>())?;
        let new: BTreeSet<&PathBuf> = changed.iter().map(|f| &f.path).collect();
        for path in outputs.values().flatten().filter(|p| !new.contains(p)) {
            staging.keep(path)?;
        }
        for file in &changed {
            staging.add(file)?;
        }
        let committed = site.commit(staging, built)?;
        for removed in &committed.removed {
            self.written.remove(removed);
        }
        self.written.extend(digests);
        self.markdown.extend(markdown);
        self.outputs = outputs;
        Ok(())
    }
}

fn on_disk_digest(path: &Path) -> Option<[u8; 32]> {
    std::fs::read(path).ok().map(|bytes| Sha256::digest(&bytes).into())
}
