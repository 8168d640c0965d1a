//! `panelpaper diff OLD NEW [-f text|md|pdf|html|docx] [-o FILE] [--edition CLASS] [--author NAME]`: exit 0 when the
//! drafts are the same, 1 when they differ, 2 on trouble (as diff(1)).
//!
//! A paper draft that a manifest lists is compared as its meeting's build would render it;
//! an old draft kept elsewhere (another folder, a git revision) that no manifest lists
//! takes the new draft's place in its meeting. `--rev REV` reads the old draft (a paper,
//! or a manifest and its papers) from a git revision, through [`super::Revisions`].
//!
//! With `--edition`, both drafts are first reduced to that edition and only what it shows
//! is compared: a paper the edition leaves out whole is named by its reference and nothing
//! else, and the exit code says only whether the two editions differ.

use super::{DiffFormat, DiffOptions, Environment, Outcome};
use crate::diff::Marks;
use crate::diff::paper::{Labels, file_label};
use crate::error::Error;
use crate::load::{Disk, Files, Input, Loaded, PaperSource, Unread};
use crate::markdown::Templates;
use crate::meeting::{self, Membership};
use crate::output::{OutputFile, refuse_inputs, write_all_with};
use crate::pipeline;
use crate::writers::{self, Formats};

pub(super) fn execute(args: &DiffOptions, env: &Environment) -> Result<Outcome, Error> {
    // Bytes for a reader, not text for a terminal, go to a file (or `-o -` on purpose).
    if matches!(args.format, DiffFormat::Redline(f) if !f.writer().text) && args.out.is_none() {
        return Err(Error::Usage(format!("a {} comparison needs -o FILE", args.format_name())));
    }
    let templates = Templates::load(args.templates.as_deref())?;
    let to_terminal = args.out.is_none() || args.out.as_deref() == Some(std::path::Path::new("-"));
    let marks = if env.colour && to_terminal { Marks::Colour } else { Marks::Plain };
    // What the comparison calls the drafts and who its changes are by are printed in it:
    // a control character there (no document can hold one) is refused, and a file name's
    // is written out.
    for (what, given) in
        [("--old-label", &args.old_label), ("--new-label", &args.new_label), ("--author", &Some(args.author.clone()))]
    {
        if let Some(c) =
            given.as_deref().and_then(|t| t.chars().find(|c| c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}')))
        {
            return Err(Error::Usage(format!(
                "{what} holds the control character U+{:04X}: no document can hold it",
                c as u32
            )));
        }
    }
    if args.rev.is_some() && args.new == std::path::Path::new("-") {
        return Err(Error::Usage("--rev reads the old draft from git: give the file's path, not -".into()));
    }
    // A meeting's outcomes are no paper: they compare with their meeting (issue #29).
    let drafts = if args.rev.is_some() { vec![&args.new] } else { vec![&args.old, &args.new] };
    if let Some(outcomes) = drafts.into_iter().find(|f| f.file_name().is_some_and(|n| n == crate::load::OUTCOMES_FILE))
    {
        let manifest = |file: &std::path::Path| file.with_file_name(meeting::MANIFEST_FILE).display().to_string();
        let how = match &args.rev {
            Some(rev) => format!("panelpaper diff --rev {rev} {}", manifest(outcomes)),
            None => format!("panelpaper diff {} {}", manifest(&args.old), manifest(&args.new)),
        };
        return Err(Error::Usage(format!(
            "{} is a meeting's record, not a paper: compare its meeting (`{how}`), which compares the outcomes and actions too",
            crate::diagnostic::printable(&outcomes.display().to_string())
        )));
    }
    let at_revision = match (&args.rev, &env.revisions) {
        (Some(rev), Some(revisions)) => Some(AtRevision { rev, revisions: revisions.as_ref() }),
        (Some(_), None) => return Err(Error::Usage("--rev needs git, which this program cannot run".into())),
        (None, _) => None,
    };
    let (old_path, old_files): (&std::path::Path, &dyn Files) = match &at_revision {
        Some(revision) => (&args.new, revision),
        None => (&args.old, &Disk),
    };
    // The old draft's problems name it as git does (`HEAD~1:paper.yaml`), not as the file
    // on disk, whose lines differ.
    let old_side = |error: Error| match &args.rev {
        Some(rev) => at_rev(rev, error),
        None => error,
    };
    let labels = default_labels(args);
    let redline = args.format != DiffFormat::Text;
    let paged = matches!(args.format, DiffFormat::Redline(f) if f.writer().paged);
    let checks = pipeline::Checks { edition: args.edition, paged, allow_outside: args.allow_outside };
    let old_input = match &at_revision {
        Some(revision) => crate::load::load_input_from(revision, old_path).map_err(old_side)?,
        None => super::load_input(old_path, env)?,
    };
    // Each input is read once; two manifests compare as meetings, anything else as papers.
    let compared = match (old_input, super::load_input(&args.new, env)?) {
        (Input::Meeting(old), Input::Meeting(new)) => {
            let old = meeting::prepare_from(&old, checks, args.allow_outside, old_files).map_err(old_side)?;
            let new = meeting::prepare(&new, checks, args.allow_outside)?;
            crate::diff::meeting::meetings(&old, &new, &labels, redline, &templates, marks)?
        }
        (old, new) => {
            let new = as_paper(new)?;
            let meeting = args.meeting.as_deref();
            let new_member = meeting::membership(&new.file, meeting, &Disk)?;
            if let (Membership::Unlisted(manifest), Some(_)) = (&new_member, meeting) {
                return Err(Error::Usage(format!("{} does not list {}", manifest.display(), new.file.display())));
            }
            let old = as_paper(old).map_err(old_side)?;
            // The old draft's own manifest where one lists it (a revision's, another
            // meeting's); otherwise it stands where the new draft stands.
            let old_meeting = meeting.filter(|m| old_files.is_file(m));
            // The manifest's sources are read where the manifest was; the paper's own where it was.
            let (old_member, manifest_files) =
                match meeting::membership(&old.file, old_meeting, old_files).map_err(old_side)? {
                    listed @ Membership::Listed { .. } => (listed, old_files),
                    _ => (new_member.clone(), &Disk as &dyn Files),
                };
            let old =
                meeting::prepare_member_from(&old, checks, &old_member, old_files, manifest_files).map_err(old_side)?;
            let new = meeting::prepare_member(&new, checks, &new_member)?;
            crate::diff::paper::papers(&old, &new, &labels, redline, &templates, marks)?
        }
    };
    let differs = compared.differs;
    let bytes = match (args.format, compared.redline) {
        (DiffFormat::Text, _) | (_, None) => compared.report.into_bytes(),
        (DiffFormat::Redline(format), Some(redline)) => {
            let file = args.out.as_deref().unwrap_or(std::path::Path::new("redline"));
            let dated = writers::Dated {
                date: redline.date,
                source_date_epoch: env.source_date_epoch,
                author: Some(&args.author),
            };
            let written = writers::write(Formats::of([format]), &redline.markdown, file, &templates, dated)?;
            written.files.into_iter().next().map(|(_, bytes)| bytes).unwrap_or_default()
        }
    };
    match args.out.as_deref() {
        // `-o -` is standard output, whatever the format.
        None => Ok(Outcome { stdout_bytes: bytes, differs, ..Outcome::default() }),
        Some(file) if file == std::path::Path::new("-") => {
            Ok(Outcome { stdout_bytes: bytes, differs, ..Outcome::default() })
        }
        // A device the user named (/dev/stdout) is written through, not replaced.
        Some(file) if crate::output::is_device(file) => {
            std::fs::write(file, &bytes).map_err(|source| Error::Io { path: file.to_path_buf(), source })?;
            Ok(Outcome { differs, ..Outcome::default() })
        }
        Some(file) => {
            let files = [OutputFile { path: file.to_path_buf(), bytes }];
            refuse_inputs(&files, &[args.old.clone(), args.new.clone()])?;
            write_all_with(&files, &env.write)?;
            Ok(Outcome { differs, ..Outcome::default() })
        }
    }
}

/// A paper, or the manifest read as one (which reports why it is not a paper).
fn as_paper(input: Input) -> Result<Loaded<PaperSource>, Error> {
    match input {
        Input::Paper(paper) => Ok(*paper),
        Input::Meeting(manifest) => manifest.reread_as().map_err(Error::Invalid),
    }
}

/// What the comparison calls the drafts unless told: their file names, with as many of
/// their last folders as tell two files of one name apart (`old/paper.yaml` and
/// `paper.yaml`), never more; a revision's draft is `paper.yaml at HEAD~1`.
fn default_labels(args: &DiffOptions) -> Labels {
    let (old, new) = match &args.rev {
        Some(rev) => {
            let name = input_label(&args.new);
            (format!("{name} at {rev}"), name)
        }
        None => {
            let (old, new) = crate::diff::paper::apart(&args.old, &args.new);
            let shown = |label: String| crate::diagnostic::printable(&label).into_owned();
            (shown(old), shown(new))
        }
    };
    Labels {
        old: args.old_label.clone().unwrap_or(old),
        new: args.new_label.clone().unwrap_or(new),
        revision: args.rev.clone(),
    }
}

/// A draft's default label: its file name, or what standard input is called.
fn input_label(path: &std::path::Path) -> String {
    if path == std::path::Path::new("-") {
        crate::load::STDIN_NAME.to_string()
    } else {
        crate::diagnostic::printable(&file_label(path)).into_owned()
    }
}

/// The files as git revision `rev` holds them.
struct AtRevision<'a> {
    rev: &'a str,
    revisions: &'a dyn super::Revisions,
}

impl Files for AtRevision<'_> {
    fn read(&self, file: &std::path::Path) -> Result<String, Error> {
        match self.revisions.read(self.rev, file) {
            Ok(Some(bytes)) => crate::load::guard::text_of(file, bytes),
            Ok(None) => Err(Error::Usage(format!(
                "{} is not in revision {}: name a revision that holds it (`git log -- {}` lists them)",
                file.display(),
                self.rev,
                file.display()
            ))),
            Err(message) => Err(Error::Usage(message)),
        }
    }

    fn is_file(&self, file: &std::path::Path) -> bool {
        matches!(self.revisions.read(self.rev, file), Ok(Some(_)))
    }

    fn bytes(&self, file: &std::path::Path, limit: u64) -> Result<Vec<u8>, Unread> {
        match self.revisions.read(self.rev, file) {
            Ok(Some(bytes)) if bytes.len() as u64 > limit => Err(Unread::TooLarge(bytes.len() as u64)),
            Ok(Some(bytes)) => Ok(bytes),
            Ok(None) => Err(Unread::Cannot(format!(
                "revision {} does not hold it (`git log -- {}` lists the revisions that do)",
                self.rev,
                file.display()
            ))),
            Err(message) => Err(Unread::Cannot(message)),
        }
    }
}

/// An error of the old draft read from revision `rev`, its files named as git names them.
fn at_rev(rev: &str, error: Error) -> Error {
    let name = |file: &mut std::path::PathBuf| *file = format!("{rev}:{}", file.display()).into();
    match error {
        Error::Invalid(mut problems) => {
            for d in &mut problems.0 {
                name(&mut d.file);
                if let Some(related) = &mut d.related {
                    name(&mut related.file);
                }
            }
            Error::Invalid(problems)
        }
        other => other,
    }
}
