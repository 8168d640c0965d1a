//! `panelpaper import PAPER.docx [-o paper.yaml] [--meeting FILE] [--reject]`: a Word
//! paper into the paper format.
//!
//! The YAML is checked as `check` would check it (with the meeting's manifest, when
//! given) and rendered to Markdown in memory before it is written, so a file that
//! `import` writes is one `check` accepts; on any error nothing is written.

use super::{Environment, ImportOptions, Outcome};
use crate::diagnostic::{Diagnostic, Diagnostics, Kind};
use crate::error::Error;
use crate::import::{self, MeetingFacts};
use crate::load::{self, MeetingSource, PaperSource};
use crate::markdown::Templates;
use crate::output::{OutputFile, refuse_inputs, write_all_with};
use crate::pipeline::Checks;
use std::io::Read;
use std::path::{Path, PathBuf};

pub(super) fn execute(options: &ImportOptions, env: &Environment) -> Result<Outcome, Error> {
    let limits = import::Limits::default();
    let bytes = read(&options.paper, limits.file_bytes)?;
    let out = options.out.clone().unwrap_or_else(|| options.paper.with_extension("yaml"));
    let to_stdout = out == Path::new("-");
    if !to_stdout && out.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
        return Err(Error::Usage(format!("{} is a Word document: -o names the YAML to write", out.display())));
    }
    // The meeting: the one named, or (as `render` and `check` take it) a `meeting.yaml`
    // beside the YAML that lists it.
    let manifest = options.meeting.clone().or_else(|| listing_manifest(&out, to_stdout));
    let meeting = match &manifest {
        Some(manifest) => Some(meeting_facts(manifest, &out, to_stdout)?),
        None => None,
    };
    let settings = import::Options { reject: options.reject, meeting, limits };
    let imported = import::import(&options.paper, &bytes, &settings)?;

    // Checked as `check` checks it, in the meeting when there is one, before it is written.
    let named = if to_stdout { options.paper.with_extension("yaml") } else { out.clone() };
    let mut warnings = imported.warnings;
    warnings.extend(self_check(&named, &imported.yaml, manifest.as_deref(), !imported.uncovered)?);
    let summary = format!(
        "imported {} into {}: {}",
        options.paper.display(),
        if to_stdout { "standard output".to_string() } else { out.display().to_string() },
        imported.summary
    );
    let count = warnings.0.len();
    let mut notes = Vec::new();
    if let Some(manifest) = manifest.as_ref().filter(|_| options.meeting.is_none()) {
        notes.push(format!(
            "{} lists the paper: its reference and sign-off defaults come from there",
            manifest.display()
        ));
    }
    if count > 0 {
        notes.push(format!(
            "{count} warning{} above: each names the paragraph (counted through the document, tables included) and what was done with it",
            if count == 1 { "" } else { "s" }
        ));
    }
    if to_stdout {
        return Ok(Outcome { stdout: imported.yaml, warnings, summary: Some(summary), notes, ..Outcome::default() });
    }
    let files = [OutputFile { path: out.clone(), bytes: imported.yaml.into_bytes() }];
    refuse_inputs(&files, std::slice::from_ref(&options.paper))?;
    write_all_with(&files, &env.write)?;
    Ok(Outcome { written: vec![out], warnings, summary: Some(summary), notes, ..Outcome::default() })
}

/// The Word file's bytes: a regular file within the limit, never read past it.
fn read(file: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    let io = |source| Error::Io { path: file.to_path_buf(), source };
    let metadata = std::fs::metadata(file).map_err(io)?;
    if !metadata.is_file() {
        return Err(Error::Usage(format!("{} is not a regular file: give a Word document (.docx)", file.display())));
    }
    let too_large = |size: u64| {
        Error::Invalid(Diagnostics(vec![
            Diagnostic::error(
                Kind::ImportTooLarge,
                file,
                format!("the file is {size} bytes, over the limit of {limit} bytes"),
            )
            .with_hint("a Word paper is a few megabytes: take out large pictures and embedded files"),
        ]))
    };
    if metadata.len() > limit {
        return Err(too_large(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(file).map_err(io)?.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A `meeting.yaml` beside `out` that lists it, if there is one (a paper file whose
/// manifest does not read or list it is imported on its own, as `check` would take it).
fn listing_manifest(out: &Path, to_stdout: bool) -> Option<PathBuf> {
    if to_stdout {
        return None;
    }
    let beside = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("meeting.yaml");
    let loaded: load::Loaded<MeetingSource> = load::load(&beside).ok()?;
    crate::meeting::listed_reference(&loaded, out).map(|_| beside)
}

/// What the manifest says of the paper that will be written to `out`: it must list it.
fn meeting_facts(manifest: &Path, out: &Path, to_stdout: bool) -> Result<MeetingFacts, Error> {
    let loaded: load::Loaded<MeetingSource> = load::load(manifest)?;
    if to_stdout {
        return Err(Error::Usage(
            "--meeting needs the paper's file (-o FILE), which the manifest lists: -o - cannot say which paper it is"
                .into(),
        ));
    }
    let reference = crate::meeting::listed_reference(&loaded, out).ok_or_else(|| {
        let listed = pathdiff(out, manifest);
        Error::Usage(format!(
            "{} does not list {}: add `- file: {listed}` to its papers, then import again (or import without --meeting)",
            manifest.display(),
            out.display()
        ))
    })?;
    let defaults = &loaded.value.defaults;
    Ok(MeetingFacts {
        reference: Some(reference.to_string()),
        author: defaults.author.clone(),
        team: defaults.team.clone(),
        sign_off: defaults.date.as_deref().and_then(crate::domain::dates::parse_iso),
    })
}

/// `path` as the manifest would name it (relative to its folder), when it is beside or
/// below it; else its file name.
fn pathdiff(path: &Path, manifest: &Path) -> String {
    let folder = manifest.parent().unwrap_or(Path::new(""));
    path.strip_prefix(folder)
        .ok()
        .or_else(|| path.file_name().map(Path::new))
        .map_or_else(|| path.display().to_string(), |p| p.display().to_string())
}

/// The imported YAML through every rule `check` applies (the PDF's fonts only when
/// `fonts`): its warnings, or its errors as trouble, since the importer wrote it.
fn self_check(file: &Path, yaml: &str, meeting: Option<&Path>, fonts: bool) -> Result<Diagnostics, Error> {
    let loaded: load::Loaded<PaperSource> = load::parse(file, yaml).map_err(Error::Invalid)?;
    let checks = Checks { edition: None, paged: fonts, allow_outside: false };
    let prepared = crate::meeting::prepare_paper(&loaded, checks, meeting);
    let result = prepared.and_then(|p| {
        let templates = Templates::load(None)?;
        let markdown = templates.render_paper(&p.paper)?;
        crate::writers::parse(&p.file, &markdown, fonts)?;
        Ok(p.warnings)
    });
    result.map_err(|error| match error {
        Error::Invalid(mut problems) => {
            let file = PathBuf::from(file);
            problems.0.insert(
                0,
                Diagnostic::error(
                    Kind::ImportNoStructure,
                    &file,
                    "the YAML imported does not pass panelpaper's checks, so it is not written",
                )
                .with_hint(
                    "the problems below say why; please report the Word document, as import should not write such YAML",
                ),
            );
            Error::Invalid(problems)
        }
        other => other,
    })
}
