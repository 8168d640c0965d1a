//! Every character of the author's text that the outputs cannot show, each at its own
//! position with its field path, found while checking, so that `check` refuses what
//! `render` would (the fonts are the outputs' business: their coverage is passed in).

use crate::diagnostic::{Diagnostics, Kind};
use crate::load::{Loaded, PaperSource};

/// Reports every character of every text field and `data` value of the paper for which
/// `shown` is false (a row read from a sheet is checked as printed, by [`text`]).
pub(crate) fn check(loaded: &Loaded<PaperSource>, shown: &dyn Fn(char) -> bool, problems: &mut Diagnostics) {
    let src = &loaded.value;
    let mut field = |path: &dyn std::fmt::Display, text: &str| self::text(loaded, path, text, shown, problems);
    for (path, _, text) in src.texts() {
        if let crate::load::TextField::Cell { annex, row, .. } = path
            && matches!(src.annexes[annex].rows.get(row), Some(crate::load::RowSource::Sheet(_)))
        {
            continue;
        }
        field(&path, text);
    }
    fn data(path: &str, value: &serde_yaml::Value, field: &mut impl FnMut(&dyn std::fmt::Display, &str)) {
        match value {
            serde_yaml::Value::String(text) => field(&path, text),
            serde_yaml::Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    data(&format!("{path}[{i}]"), item, field);
                }
            }
            serde_yaml::Value::Mapping(map) => {
                for (key, item) in map {
                    if let Some(key) = key.as_str() {
                        data(&format!("{path}.{key}"), item, field);
                    }
                }
            }
            _ => {}
        }
    }
    for (name, value) in &src.data {
        data(&format!("data.{name}"), value, &mut field);
    }
}

/// Printable ASCII, which every output shows.
fn plain(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7F).contains(&b) || matches!(b, b'\n' | b'\r' | b'\t'))
}

/// Reports every character of `text`, the field at `path` of any file, for which `shown`
/// is false, each at its own position.
pub(crate) fn text<T>(
    loaded: &Loaded<T>,
    path: &dyn std::fmt::Display,
    text: &str,
    shown: &dyn Fn(char) -> bool,
    problems: &mut Diagnostics,
) {
    if plain(text) {
        return;
    }
    // A control character is refused where it came in (the YAML's guard, a sheet's cell).
    let asked = |c: char| !(c.is_control() || c == ' ' || c.is_ascii_graphic());
    // The path is written out only for a character the fonts lack.
    for (offset, c) in text.char_indices().filter(|(_, c)| asked(*c) && !shown(*c)) {
        let path = path.to_string();
        problems.push(
            loaded
                .error_at(
                    Kind::UnsupportedCharacter,
                    &path,
                    match crate::fonts::shape::unshaped_complex(c) {
                        true => format!(
                            "character {c:?} (U+{:04X}) is of a script the PDF's fonts cannot set (its letters change shape with their neighbours)",
                            c as u32
                        ),
                        false => format!("character {c:?} (U+{:04X}) is in none of the PDF's fonts", c as u32),
                    },
                )
                .at(loaded.locate(&path, offset))
                .with_hint(crate::fonts::COVERAGE_HINT),
        );
    }
}
