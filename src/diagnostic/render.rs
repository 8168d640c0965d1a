//! Diagnostics as the user asked to see them: `human` (each with a code frame of its source
//! line, drawn by annotate-snippets, the renderer rustc uses), `short` (one
//! `file:line:col: severity[code]: message` line each, for editors' problem matchers),
//! `json` (one object per line) and `github` (workflow annotations).
//!
//! The library renders to a string; the binary prints it. Sources come through a loader so
//! that rendering never reads a file the caller has not chosen to.

use super::{Diagnostic, Diagnostics, Kind, Position, Severity, one_line, printable};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::fmt::Write as _;
use std::path::Path;

/// How diagnostics are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MessageFormat {
    /// For people: a header, the source line with the span underlined, the hint.
    #[default]
    Human,
    /// One line each: `file:line:col: severity[code]: field: message`.
    Short,
    /// One JSON object per line.
    Json,
    /// GitHub Actions workflow commands (`::error file=…::…`).
    Github,
}

/// Reads a diagnostic's file, for its code frame (`None`: no frame).
pub type Sources<'a> = &'a dyn Fn(&Path) -> Option<String>;

/// `diagnostics` in `format`, each ending with a line break, then (for people) the count
/// of errors.
pub fn render(diagnostics: &Diagnostics, format: MessageFormat, sources: Sources, colour: bool) -> String {
    let mut out = String::new();
    let mut cache: Vec<(&Path, Option<String>)> = Vec::new();
    for diagnostic in &diagnostics.0 {
        let source = match cache.iter().find(|(path, _)| *path == diagnostic.file.as_path()) {
            Some((_, source)) => source.clone(),
            None => {
                let source = sources(&diagnostic.file);
                cache.push((&diagnostic.file, source.clone()));
                source
            }
        };
        let span = source.as_deref().and_then(|s| span_of(diagnostic.kind, diagnostic.position, s));
        match format {
            MessageFormat::Human => {
                let related = diagnostic.related.as_ref().and_then(|r| {
                    // A place without a position (a spreadsheet's cell) has no line to show.
                    r.position?;
                    let source = sources(&r.file)?;
                    // The other place holds a value: its span is a value's.
                    let span = span_of(Kind::ManifestConflict, r.position, &source)?;
                    Some((source, span))
                });
                human(&mut out, diagnostic, source.as_deref(), span, related, colour)
            }
            MessageFormat::Short => {
                let _ = writeln!(out, "{}", short(diagnostic));
            }
            MessageFormat::Json => {
                let _ = writeln!(out, "{}", json(diagnostic, source.as_deref(), span));
            }
            MessageFormat::Github => {
                let _ = writeln!(out, "{}", github(diagnostic, source.as_deref(), span));
            }
        }
    }
    let errors = diagnostics.0.iter().filter(|d| d.is_error()).count();
    if errors > 0 && matches!(format, MessageFormat::Human | MessageFormat::Short) {
        let _ = writeln!(out, "{errors} error{} found", if errors == 1 { "" } else { "s" });
    }
    out
}

fn level_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `field: message`, or the message alone.
fn field_message(d: &Diagnostic) -> String {
    match d.field.as_deref().filter(|f| !f.is_empty()) {
        Some(field) => format!("{field}: {}", d.message),
        None => d.message.clone(),
    }
}

/// `file:line:col`, or the file alone.
fn location(d: &Diagnostic) -> String {
    match d.position {
        Some(Position { line, column }) => format!("{}:{line}:{column}", d.file.display()),
        None => d.file.display().to_string(),
    }
}

fn related_location(r: &super::Related) -> String {
    match r.position {
        Some(Position { line, column }) => format!("{}:{line}:{column}", r.file.display()),
        None => r.file.display().to_string(),
    }
}

fn short(d: &Diagnostic) -> String {
    let mut line = format!("{}: {}[{}]: {}", location(d), level_name(d.severity), d.kind.code(), field_message(d));
    if let Some(r) = &d.related {
        let _ = write!(line, " (see {}: {})", related_location(r), r.label);
    }
    // One line each, whatever a value or a file name holds.
    one_line(&line).into_owned()
}

fn human(
    out: &mut String,
    d: &Diagnostic,
    source: Option<&str>,
    span: Option<Span>,
    related: Option<(String, Span)>,
    colour: bool,
) {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    // The header keeps `file:line:col: field: message` whole, so a terminal or editor can
    // follow it; the frame below shows the line.
    let header = printable(&format!("{}: {}", location(d), field_message(d))).into_owned();
    let title = level.primary_title(header.as_str()).id(d.kind.code());
    let label = printable(d.field.as_deref().filter(|f| !f.is_empty()).unwrap_or("here")).into_owned();
    let frame = source.zip(span).map(|(source, span)| shown_line(source, span));
    let group = match &frame {
        Some((line, underlined)) => title.element(
            Snippet::source(line.as_str())
                .line_start(span.map_or(0, |s| s.line))
                .annotation(AnnotationKind::Primary.span(underlined.clone()).label(label.as_str())),
        ),
        None => Group::with_title(title),
    };
    // The other file's place, labelled, as rustc shows a note's span.
    let related_path = d.related.as_ref().map(|r| printable(&r.file.display().to_string()).into_owned());
    let related_label = d.related.as_ref().map(|r| printable(&r.label).into_owned()).unwrap_or_default();
    let related_frame = related.as_ref().map(|(source, span)| (shown_line(source, *span), span.line));
    let group = match (&d.related, &related_frame) {
        (Some(_), Some(((line, underlined), number))) => group.element(
            Snippet::source(line.as_str())
                .line_start(*number)
                .path(related_path.as_deref().unwrap_or_default())
                .annotation(AnnotationKind::Context.span(underlined.clone()).label(related_label.as_str())),
        ),
        (Some(r), None) => {
            group.element(Level::NOTE.message(printable(&format!("{}: {}", related_location(r), r.label)).into_owned()))
        }
        _ => group,
    };
    let hint = d.hint.as_deref().map(|hint| printable(hint).into_owned());
    let group = match &hint {
        Some(hint) => group.element(Level::HELP.with_name("hint").message(hint.as_str())),
        None => group,
    };
    let report = [group];
    let renderer = if colour { Renderer::styled() } else { Renderer::plain() };
    let _ = writeln!(out, "{}", renderer.render(&report));
}

fn json(d: &Diagnostic, source: Option<&str>, span: Option<Span>) -> serde_json::Value {
    let (start, end) = range(d, source, span);
    let point = |p: Option<Position>| p.map(|p| serde_json::json!({ "line": p.line, "column": p.column }));
    serde_json::json!({
        "file": d.file.display().to_string(),
        "range": start.map(|_| serde_json::json!({ "start": point(start), "end": point(end) })),
        "severity": level_name(d.severity),
        "code": d.kind.code(),
        "message": d.message,
        "hint": d.hint,
        "field": d.field.as_deref().filter(|f| !f.is_empty()),
        "related": d.related.as_ref().map(|r| serde_json::json!({
            "file": r.file.display().to_string(),
            "position": point(r.position),
            "label": r.label,
        })),
    })
}

fn github(d: &Diagnostic, source: Option<&str>, span: Option<Span>) -> String {
    // Workflow commands escape their data and, in properties, also `:` and `,`.
    let data = |s: &str| s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut line = format!("::{} file={}", level_name(d.severity), property(&d.file.display().to_string()));
    let (start, end) = range(d, source, span);
    if let (Some(start), Some(end)) = (start, end) {
        let _ = write!(line, ",line={},col={}", start.line, start.column);
        if end.line == start.line {
            let _ = write!(line, ",endColumn={}", end.column);
        }
    }
    let mut message = field_message(d);
    if let Some(r) = &d.related {
        let _ = write!(message, "\nsee {}: {}", related_location(r), r.label);
    }
    if let Some(hint) = &d.hint {
        let _ = write!(message, "\nhint: {hint}");
    }
    let _ = write!(line, ",title={}::{}", property(d.kind.code()), data(&message));
    printable(&line).into_owned()
}

/// The source line of `span` as a terminal may show it, and the span within it.
/// annotate-snippets draws C0 controls, DEL and the bidirectional overrides as symbols
/// (␛); the C1 controls (U+0080 to U+009F, which some terminals obey as escape sequences)
/// it leaves, so they are written out here (`\u{9b}`).
fn shown_line(source: &str, span: Span) -> (String, std::ops::Range<usize>) {
    let line = &source[span.line_start..span.line_end];
    let (start, end) = (span.start - span.line_start, span.end - span.line_start);
    let c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
    if !line.chars().any(c1) {
        return (line.to_string(), start..end);
    }
    let escape = |text: &str| {
        text.chars()
            .map(|c| if c1(c) { format!("\\u{{{:x}}}", u32::from(c)) } else { c.to_string() })
            .collect::<String>()
    };
    // Each offset moves by what the escapes before it added.
    let moved = |offset: usize| escape(&line[..offset]).len();
    (escape(line), moved(start)..moved(end))
}

/// The start and (exclusive) end of the diagnostic's span, as line and column.
fn range(d: &Diagnostic, source: Option<&str>, span: Option<Span>) -> (Option<Position>, Option<Position>) {
    match (d.position, source, span) {
        (Some(start), Some(source), Some(span)) => {
            let width = source[span.start..span.end].chars().count();
            (Some(start), Some(Position { line: start.line, column: start.column + width }))
        }
        (start, _, _) => (start, start),
    }
}

/// Where a diagnostic points in its source, in bytes: its line, and the span on it.
#[derive(Debug, Clone, Copy)]
struct Span {
    line: usize,
    line_start: usize,
    line_end: usize,
    start: usize,
    end: usize,
}

/// The span a diagnostic's position starts: one character for a character the fonts lack,
/// a key up to its colon, otherwise the value to the end of its line (a comment left out).
fn span_of(kind: Kind, position: Option<Position>, source: &str) -> Option<Span> {
    // A problem inside a withheld part is reported without its detail: no line either.
    if kind == Kind::Withheld {
        return None;
    }
    let Position { line, column } = position?;
    let line_start = source.split_inclusive('\n').take(line - 1).map(str::len).sum::<usize>();
    let text = source.get(line_start..)?.split('\n').next()?.trim_end_matches('\r');
    let line_end = line_start + text.len();
    let offset = text.char_indices().nth(column.saturating_sub(1)).map_or(text.len(), |(at, _)| at);
    let rest = &text[offset..];
    let length = match kind {
        Kind::UnsupportedCharacter => rest.chars().next().map_or(0, char::len_utf8),
        Kind::UnknownKey | Kind::DuplicateYamlKey => rest.find(':').unwrap_or(rest.len()),
        // A template expression: the name it uses (`data.incidnets`, `paper_ref`).
        Kind::TextTemplate | Kind::DataAboveClass | Kind::WholeContext | Kind::OutsideHolidayList => {
            match rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')) {
                Some(0) => rest.find(" #").unwrap_or(rest.len()),
                Some(end) => end,
                None => rest.len(),
            }
        }
        _ => rest.find(" #").unwrap_or(rest.len()),
    };
    let length = rest[..length].trim_end().len().max(rest.chars().next().map_or(0, char::len_utf8));
    Some(Span { line, line_start, line_end, start: line_start + offset, end: line_start + offset + length })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown_key() -> Diagnostics {
        let d = Diagnostic::error(Kind::UnknownKey, Path::new("paper.yaml"), "unknown key `titel`")
            .at(Some(Position { line: 2, column: 1 }))
            .with_hint("did you mean `title`?");
        Diagnostics(vec![Diagnostic { field: Some("titel".into()), ..d }])
    }

    fn source(_: &Path) -> Option<String> {
        Some("committee: SSC\ntitel: Metrics # typo\n".into())
    }

    #[test]
    fn a_c1_control_in_a_quoted_line_is_written_out_with_the_span_kept() {
        let d = unknown_key();
        let source = |_: &Path| Some("committee: SSC\ntitel: \u{9b}31mMetrics\n".to_string());
        let human = render(&d, MessageFormat::Human, &source, false);
        assert!(!human.contains('\u{9b}'), "{human}");
        assert!(human.contains("2 | titel: \\u{9b}31mMetrics") && human.contains("^^^^^ titel"), "{human}");
    }

    #[test]
    fn each_format_names_place_code_and_hint() {
        let d = unknown_key();
        let human = render(&d, MessageFormat::Human, &source, false);
        assert!(human.starts_with("error[PP003]: paper.yaml:2:1: titel: unknown key `titel`"), "{human}");
        assert!(human.contains("2 | titel: Metrics # typo") && human.contains("^^^^^ titel"), "{human}");
        assert!(human.contains("= hint: did you mean `title`?") && human.ends_with("1 error found\n"), "{human}");
        let short = render(&d, MessageFormat::Short, &source, false);
        assert_eq!(short, "paper.yaml:2:1: error[PP003]: titel: unknown key `titel`\n1 error found\n");
        let json: serde_json::Value = serde_json::from_str(&render(&d, MessageFormat::Json, &source, false)).unwrap();
        assert_eq!(json["range"]["end"]["column"], 6);
        assert_eq!(json["code"], "PP003");
        let github = render(&d, MessageFormat::Github, &source, false);
        assert_eq!(
            github,
            "::error file=paper.yaml,line=2,col=1,endColumn=6,title=PP003::titel: unknown key `titel`%0Ahint: did you mean `title`?\n"
        );
    }
}
