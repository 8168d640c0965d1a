//! A declared source opened: its path kept inside its folder, its size bounded, its file
//! read ([`super::read`]) and seen through its declaration ([`Source`]). Every problem is
//! placed at the declaration's field in the YAML.

use super::cells::Range;
use super::read::{self, Format, MAX_SOURCE_BYTES, Problem};
use super::sheet::{NoColumn, Source};
use crate::diagnostic::{Diagnostic, Kind, suggest};
use crate::domain::Classification;
use crate::load::{Files, Loaded, SourceFile, Unread};
use std::path::{Path, PathBuf};

/// The most header rows a source may have.
const MAX_HEADER_ROWS: u32 = 3;

/// Opens the source `name` that `loaded` declares as `spec`, its file read from `files`
/// (where `loaded` was read: a git revision's paper reads the revision's workbook): `Err`
/// with its problems, each at its field (`sources.pmr.file`).
pub(super) fn open<T>(
    loaded: &Loaded<T>,
    name: &str,
    spec: &SourceFile,
    allow_outside: bool,
    files: &dyn Files,
) -> Result<Source, Vec<Diagnostic>> {
    let at = |key: &str| format!("sources.{name}.{key}");
    let error = |kind: Kind, key: &str, problem: Problem| {
        let d = loaded.error_at(kind, &at(key), problem.message);
        vec![match problem.hint {
            Some(hint) => d.with_hint(hint),
            None => d,
        }]
    };
    let folder = loaded.file.parent().unwrap_or(Path::new(""));
    let path = folder.join(&spec.file);
    let shown = path.display().to_string();
    if !allow_outside && !inside(folder, Path::new(&spec.file)) {
        let problem = Problem::new(
            Kind::SourceOutside,
            format!("`{}` is outside the folder of {}", spec.file, loaded.file.display()),
            Some("copy the file beside it, or pass --allow-outside".into()),
        );
        return Err(error(Kind::SourceOutside, "file", problem));
    }
    let Some(format) = Format::of(&spec.file) else {
        let problem = Problem::new(
            Kind::SourceUnreadable,
            format!("`{}` is not a kind of file panelpaper reads figures from", spec.file),
            Some("give a workbook (.xlsx, .xlsm, .xls, .ods) or a CSV file (.csv, .tsv, .txt)".into()),
        );
        return Err(error(Kind::SourceUnreadable, "file", problem));
    };
    let bytes = read_bounded(files, &path).map_err(|p| error(p.kind, "file", p))?;
    let sheet = read::read(bytes, format, spec).map_err(|p| {
        let key = match p.kind {
            Kind::UnknownSheet => "sheet",
            Kind::SourceSettings if spec.delimiter.is_some() && format == Format::Csv => "delimiter",
            Kind::SourceSettings if spec.sheet.is_some() && format == Format::Csv => "sheet",
            Kind::SourceSettings | Kind::SourceEncoding if spec.encoding.is_some() => "encoding",
            _ => "file",
        };
        let problem = Problem { message: format!("{shown}: {}", p.message), ..p.clone() };
        error(p.kind, key, problem)
    })?;
    let mut problems = Vec::new();
    let range = match spec.range.as_deref() {
        None => Range::ALL,
        Some(text) => Range::parse(text).unwrap_or_else(|| {
            problems.extend(error(
                Kind::BadCell,
                "range",
                Problem::new(
                    Kind::BadCell,
                    format!("`{text}` is not a range"),
                    Some("write it as A1:F14, or A:F for whole columns".into()),
                ),
            ));
            Range::ALL
        }),
    };
    let header = spec.header.map_or(1, crate::load::Header::rows);
    if header > MAX_HEADER_ROWS {
        problems.extend(error(
            Kind::SourceSettings,
            "header",
            Problem::new(
                Kind::SourceSettings,
                format!("{header} header rows: a source has 0 to {MAX_HEADER_ROWS}"),
                None,
            ),
        ));
    }
    let class = spec.classification.as_deref().and_then(|text| {
        let class = Classification::parse(text);
        if class.is_none() {
            let hint = format!("valid classes: {}", Classification::valid_names());
            problems.push(
                loaded
                    .error_at(Kind::UnknownClass, &at("classification"), format!("unknown classification `{text}`"))
                    .with_hint(hint),
            );
        }
        class
    });
    let mut source = Source::new(path, sheet, range, header.min(MAX_HEADER_ROWS), class);
    if let Some(column) = &spec.class_column {
        match source.column(column) {
            Ok(c) => source.class_column = Some(c),
            Err(missing) => problems.push(no_column(loaded, &at("class_column"), &source, column, &missing)),
        }
    }
    if problems.is_empty() { Ok(source) } else { Err(problems) }
}

/// A column the source does not have, at `field`, with the nearest header.
pub(super) fn no_column<T>(
    loaded: &Loaded<T>,
    field: &str,
    source: &Source,
    name: &str,
    missing: &NoColumn,
) -> Diagnostic {
    // The header rows are the place in the workbook.
    let (top, rows) = (source.range.start.0, source.header.max(1));
    let header =
        source.range_label(Range { start: (top, source.range.start.1), end: (top + rows - 1, source.range.end.1) });
    let problem = match missing {
        NoColumn::Ambiguous(columns) => loaded
            .error_at(Kind::UnknownColumn, field, format!("columns {} are all headed `{name}`", columns.join(", ")))
            .with_hint("give each a distinct header in the workbook"),
        NoColumn::Unknown => {
            let names = source.column_names();
            let hint = match suggest(name, names.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("its columns are: {}", names.join(", ")),
            };
            loaded.error_at(Kind::UnknownColumn, field, format!("no column is headed `{name}`")).with_hint(hint)
        }
    };
    problem.with_related(&source.file, None, header)
}

/// The file's bytes from `files` (the disk, or the revision a comparison reads): a regular
/// file of at most [`MAX_SOURCE_BYTES`], read no further.
fn read_bounded(files: &dyn Files, path: &Path) -> Result<Vec<u8>, Problem> {
    let shown = path.display();
    files.bytes(path, MAX_SOURCE_BYTES).map_err(|unread| match unread {
        Unread::TooLarge(size) => Problem::new(
            Kind::SourceTooLarge,
            format!("{shown} is {size} bytes, over the limit of {MAX_SOURCE_BYTES} bytes (16 MiB)"),
            Some("keep the figures a paper needs in a smaller workbook".into()),
        ),
        Unread::Cannot(why) => Problem::new(Kind::SourceUnreadable, format!("cannot read {shown}: {why}"), None),
    })
}

/// Whether `relative`, named in a file in `base`, lies in `base` or below: no absolute
/// path, no `..`, and no link that leads out.
fn inside(base: &Path, relative: &Path) -> bool {
    use std::path::Component;
    if !relative.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
        return false;
    }
    let base = if base.as_os_str().is_empty() { Path::new(".") } else { base };
    match (base.join(relative).canonicalize(), base.canonicalize()) {
        (Ok(file), Ok(base)) => file.starts_with(base),
        // A file that does not exist is reported when it is read.
        _ => true,
    }
}

/// The source files a list of declarations names, for watching.
pub(super) fn path_of<T>(loaded: &Loaded<T>, spec: &SourceFile) -> PathBuf {
    loaded.file.parent().unwrap_or(Path::new("")).join(&spec.file)
}
