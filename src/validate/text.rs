//! Author text through Tera: `{{ data.cpm1_score }}` in any text field becomes its figure.
//!
//! Tera 2 gives each error a span inside the text; we add the field's line in the YAML so the
//! message points at the line the author must change.

use crate::diagnostic::{Diagnostic, Kind, suggest};
use crate::domain::edition::withholds;
use crate::domain::working_days::Calendar;
use crate::domain::{Classification, dates};
use crate::load::{Loaded, PaperSource};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use tera::{Context, Kwargs, State, Tera, TeraResult};

/// Expands author text with the paper's `data` (and, in a meeting, its cross-references).
///
/// `data` is classified: an entry written `{value: …, classification: RED}` carries its own
/// class, every other entry the paper's base class. A part's text is expanded with only
/// the entries at or below the part's own class in its context, so nothing above a part
/// can be printed by it, whatever the template does (dumping the whole context included).
pub(crate) struct TextEngine {
    tera: Tera,
    /// One context per class that changes what is visible, lowest first, holding the data
    /// that class may print.
    contexts: Vec<(Classification, Context)>,
    /// Every entry's name and class, for messages.
    entries: BTreeMap<String, Classification>,
    /// The edition being rendered, if any: messages then never name an entry above it.
    edition: Option<Classification>,
    /// The meeting and paper author text may print.
    facts: super::facts::Facts,
    /// Dates `add_working_days` counted outside the years its bank-holiday list covers,
    /// since [`TextEngine::outside_calendar`] last took them.
    outside: Arc<Mutex<Vec<(NaiveDate, i32)>>>,
}

/// A `data` entry with its own class: `{value: …, classification: …}`, exactly those keys,
/// the class a string (any other shape with a class is refused by `data::check`).
pub(super) fn classified_entry(value: &serde_yaml::Value) -> Option<(&serde_yaml::Value, &str)> {
    let map = value.as_mapping()?;
    if map.len() != 2 {
        return None;
    }
    let inner = map.get("value")?;
    let class = map.get("classification")?.as_str()?;
    Some((inner, class))
}

impl TextEngine {
    /// An engine for one paper's texts, with `data` in its context; unclassified entries
    /// have the paper's `base` class, and an entry whose class cannot be read counts as RED
    /// (the validate stage reports it). `papers` maps the keys of a meeting's papers to
    /// their references, for `paper_ref(key="…")` and `"…" | paper_ref`; outside a meeting
    /// it is `None` and using them is an error.
    pub(crate) fn new(
        data: &BTreeMap<String, serde_yaml::Value>,
        base: Classification,
        papers: Option<Arc<BTreeMap<String, String>>>,
    ) -> Self {
        let mut entries = BTreeMap::new();
        let mut values = BTreeMap::new();
        for (name, value) in data {
            let (value, class) = match classified_entry(value) {
                Some((inner, class)) => (inner, Classification::parse(class).unwrap_or(Classification::Red)),
                None => (value, base),
            };
            entries.insert(name.clone(), class);
            values.insert(name.clone(), value);
        }
        // A part's class is never below the base class, and only the classes that some
        // entry carries change what is visible: one context for each of those.
        let mut classes: Vec<Classification> = entries.values().copied().filter(|c| *c > base).collect();
        classes.push(base);
        classes.sort();
        classes.dedup();
        let contexts = classes
            .into_iter()
            .map(|class| {
                // A value keyed by a fraction or nothing (refused at load, PP005) would stop
                // the template engine: it is left out, its problem already told.
                let visible: BTreeMap<&String, &serde_yaml::Value> = values
                    .iter()
                    .filter(|(name, value)| entries[*name] <= class && templatable(value))
                    .map(|(n, v)| (n, *v))
                    .collect();
                let mut context = Context::new();
                context.insert("data", &visible);
                (class, context)
            })
            .collect();
        let mut tera = Tera::new();
        let lookup = move |key: &str| -> TeraResult<String> {
            let Some(papers) = &papers else {
                return Err(tera::Error::message("paper_ref is only available when the paper is built in a meeting"));
            };
            papers.get(key).cloned().ok_or_else(|| {
                let keys: Vec<&str> = papers.keys().map(String::as_str).collect();
                tera::Error::message(format!("no paper `{key}` in this meeting; its papers are: {}", keys.join(", ")))
            })
        };
        let filter_lookup = lookup.clone();
        tera.register_function("paper_ref", move |kwargs: Kwargs, _: &State| {
            lookup(&kwargs.must_get::<String>("key")?)
        });
        tera.register_filter("paper_ref", move |key: &str, _: Kwargs, _: &State| filter_lookup(key));
        let outside = Arc::new(Mutex::new(Vec::new()));
        register_date_filters(&mut tera, Arc::new(Calendar::default()), outside.clone());
        register_bounded_builtins(&mut tera);
        super::filters::register(&mut tera);
        super::refs::register(&mut tera, Arc::default(), None);
        TextEngine { tera, contexts, entries, edition: None, facts: Default::default(), outside }
    }

    /// The same engine resolving `ref(id="…")` to `targets`, for the edition it was given
    /// ([`TextEngine::for_edition`] first).
    pub(crate) fn with_targets(mut self, targets: Arc<crate::model::refs::Targets>) -> Self {
        super::refs::register(&mut self.tera, targets, self.edition);
        self
    }

    /// The same engine counting Working Days against `calendar` (the bank holidays its
    /// meeting or paper adds).
    pub(crate) fn with_calendar(mut self, calendar: Calendar) -> Self {
        register_date_filters(&mut self.tera, Arc::new(calendar), self.outside.clone());
        self
    }

    /// A warning (PP090) at `field`'s `add_working_days` when the text just expanded
    /// counted Working Days past the years the bank-holiday list covers.
    pub(crate) fn outside_calendar(&self, loaded: &Loaded<PaperSource>, field: &str, text: &str) -> Option<Diagnostic> {
        let dates = std::mem::take(&mut *self.outside.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        let (date, last) = dates.into_iter().next()?;
        let position = text.find("add_working_days").and_then(|at| loaded.locate(field, at));
        Some(super::fields::outside_calendar(loaded, field, position, date, last))
    }

    /// The same engine with the meeting and the paper (`meeting.date`, `paper.reference`…)
    /// in every part's context.
    pub(crate) fn with_facts(mut self, facts: &super::facts::Facts) -> Self {
        for (_, context) in &mut self.contexts {
            facts.insert_into(context);
        }
        self.facts = facts.clone();
        self
    }

    /// The same engine for an edition's run: its messages name no data entry above `edition`.
    pub(crate) fn for_edition(mut self, edition: Option<Classification>) -> Self {
        self.edition = edition;
        self
    }

    /// Whether `text` holds anything Tera would evaluate (an expression, a statement or a
    /// comment); text without it expands to itself.
    pub(crate) fn has_template_syntax(text: &str) -> bool {
        text.contains("{{") || text.contains("{%") || text.contains("{#")
    }

    /// The text of a part classified `class`, with its Tera expressions evaluated, or a
    /// diagnostic at the field's line. Printing data above `class` is an error naming the
    /// entry (it was never in the context).
    pub(crate) fn expand(
        &self,
        loaded: &Loaded<PaperSource>,
        field: &str,
        text: &str,
        class: Classification,
    ) -> Result<String, Box<Diagnostic>> {
        self.expand_with(loaded, field, text, class, None)
    }

    /// [`TextEngine::expand`] of an annex's `cells` template for one row read from a
    /// sheet, its values as `row`.
    pub(crate) fn expand_row(
        &self,
        loaded: &Loaded<PaperSource>,
        field: &str,
        text: &str,
        class: Classification,
        row: &serde_json::Value,
    ) -> Result<String, Box<Diagnostic>> {
        self.expand_with(loaded, field, text, class, Some(row))
    }

    fn expand_with(
        &self,
        loaded: &Loaded<PaperSource>,
        field: &str,
        text: &str,
        class: Classification,
        row: Option<&serde_json::Value>,
    ) -> Result<String, Box<Diagnostic>> {
        if !Self::has_template_syntax(text) {
            return Ok(text.to_string());
        }
        if let Err(statement) = only_allowed_statements(text) {
            return Err(Box::new(
                loaded
                    .error_at(Kind::TextLimit, field, format!("author text cannot use `{{% {statement} %}}`"))
                    .with_hint(
                        "author text takes expressions (`{{ data.x }}`) and `{% if %}`; lists belong in the YAML",
                    ),
            ));
        }
        if text.contains("__tera_context") {
            return Err(Box::new(
                loaded
                    .error_at(
                        Kind::WholeContext,
                        field,
                        "author text cannot print the whole template context (`__tera_context`)",
                    )
                    .with_hint("print the entries you mean, e.g. `{{ data.cpm1_score }}`"),
            ));
        }
        // The context of the highest class at or below the part's (the base's at least).
        let mut context = &self.contexts.iter().rev().find(|(c, _)| *c <= class).unwrap_or(&self.contexts[0]).1;
        let with_row;
        if let Some(row) = row {
            let mut own = context.clone();
            own.insert("row", row);
            with_row = own;
            context = &with_row;
        }
        let mut output = Bounded { bytes: Vec::new() };
        let rendered = self.tera.render_str_to(text, context, false, &mut output);
        if output.bytes.len() >= MAX_FIELD_OUTPUT {
            return Err(Box::new(loaded.error_at(
                Kind::TextLimit,
                field,
                "its template text expands to more than 1 MiB: the limit for one field",
            )));
        }
        rendered.map(|()| String::from_utf8_lossy(&output.bytes).into_owned()).map_err(|error| {
            let (message, line) = match error.kind() {
                tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                    let span = report.span();
                    (report.message().to_string(), Some((span.start_line, span.start_col + 1)))
                }
                _ => (error.to_string(), None),
            };
            if let Some(mut diagnostic) = super::refs::diagnostic(loaded, field, &message) {
                if let Some((line, column)) = line {
                    diagnostic = diagnostic.at(loaded.locate_line(field, text, line, column));
                }
                return Box::new(diagnostic);
            }
            if let Some((offset, name, what)) = super::filters::unknown_name(&message, text) {
                let names = super::filters::names_of(what);
                let hint = match suggest(name, names.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the {what}s author text may use are listed in docs/paper-format.md"),
                };
                let message = format!("in template text: unknown {what} `{name}`");
                return Box::new(
                    loaded
                        .error_at(Kind::TextTemplate, field, message)
                        .at(loaded.locate(field, offset))
                        .with_hint(hint),
                );
            }
            let named = undefined_field(&message)
                .and_then(|name| name.strip_prefix("data.").or(Some(name)))
                .and_then(|name| self.entries.get_key_value(name.split('.').next().unwrap_or(name)))
                .filter(|(_, entry)| **entry > class);
            // An entry above the part passed to a filter fails in the filter ("expected
            // text, got undefined"): the text names it.
            let written = if named.is_none() { self.written_above(text, class) } else { None };
            let above = named.or(written.map(|(_, name, entry)| (name, entry)));
            let mut diagnostic = match above {
                Some((_, entry)) if withholds(self.edition, *entry) => loaded
                    .error_at(
                        Kind::DataAboveClass,
                        field,
                        format!("prints a `data` entry classified above the part's {class}"),
                    )
                    .with_hint("run `panelpaper check` on the paper to see which"),
                Some((name, entry)) => loaded
                    .error_at(
                        Kind::DataAboveClass,
                        field,
                        format!("prints `data.{name}`, classified {entry}, above the part's {class}"),
                    )
                    .with_hint(format!(
                        "classify the part {entry} or higher, or lower the class of `data.{name}` if it allows"
                    )),
                None => loaded.error_at(Kind::TextTemplate, field, format!("in template text: {message}")),
            };
            if let Some((offset, ..)) = written {
                diagnostic = diagnostic.at(loaded.locate(field, offset));
            } else if let Some((line, column)) = line {
                diagnostic = diagnostic.at(loaded.locate_line(field, text, line, column));
            }
            if above.is_none()
                && let Some(name) = undefined_field(&message)
            {
                let keys: Vec<&str> =
                    self.entries.iter().filter(|(_, c)| **c <= class).map(|(n, _)| n.as_str()).collect();
                // The whole dotted name written there (`meeting.comittee`): Tera names only
                // its last part.
                let written = line.and_then(|(l, c)| dotted_name_at(text, l, c)).unwrap_or(name);
                diagnostic = match super::facts::hint(written, &self.facts) {
                    Some(hint) => diagnostic.with_hint(hint),
                    None => match suggest(name, keys.iter().copied()) {
                        Some(near) => diagnostic.with_hint(format!("did you mean `data.{near}`?")),
                        None => diagnostic.with_hint(format!(
                            "the paper's `data` has: {}",
                            if keys.is_empty() { "nothing".to_string() } else { keys.join(", ") }
                        )),
                    },
                };
            }
            Box::new(diagnostic)
        })
    }
}

impl TextEngine {
    /// The first `data.name` (or `data["name"]`) `text` writes whose entry is classified
    /// above `class`: its byte offset, name and class.
    fn written_above(&self, text: &str, class: Classification) -> Option<(usize, &String, &Classification)> {
        text.match_indices("data").find_map(|(at, _)| {
            if text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                return None;
            }
            let rest = &text[at + 4..];
            let name = match rest.strip_prefix('.') {
                Some(rest) => &rest[..rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len())],
                None => {
                    let rest = rest.strip_prefix('[')?.trim_start();
                    let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
                    &rest[1..rest[1..].find(quote)? + 1]
                }
            };
            let (name, entry) = self.entries.get_key_value(name)?;
            (*entry > class).then_some((at, name, entry))
        })
    }
}

/// The most one field's author text may expand to, in bytes.
pub(crate) const MAX_FIELD_OUTPUT: usize = 1 << 20;

/// Where a field's expansion is written: refuses bytes past [`MAX_FIELD_OUTPUT`], which
/// stops the template engine there (work and memory stay bounded, whatever the template).
struct Bounded {
    bytes: Vec<u8>,
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() >= MAX_FIELD_OUTPUT {
            self.bytes.resize(MAX_FIELD_OUTPUT, 0);
            return Err(std::io::Error::other("the field's output limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Author text is sentences with figures, not a program: of the statements only `if`
/// (with `elif`, `else`) and `raw` are taken, so no loop or assignment can make the work
/// grow past the text. `Err` names the first other statement.
fn only_allowed_statements(text: &str) -> Result<(), String> {
    let mut rest = text;
    let mut in_raw = false;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let end = after.find("%}").unwrap_or(after.len());
        let inner = after[..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let word = inner.split_whitespace().next().unwrap_or_default();
        match (in_raw, word) {
            (true, "endraw") => in_raw = false,
            (true, _) => {}
            (false, "raw") => in_raw = true,
            (false, "if" | "elif" | "else" | "endif") => {}
            (false, other) => return Err(other.to_string()),
        }
        rest = &after[end.min(after.len())..];
    }
    Ok(())
}

/// The built-ins that could multiply the size of a text, bounded: `range` is not there
/// (nothing loops), and `replace`, `join` and `indent` give at most [`MAX_FIELD_OUTPUT`].
fn register_bounded_builtins(tera: &mut Tera) {
    fn bounded(out: String) -> TeraResult<String> {
        if out.len() > MAX_FIELD_OUTPUT {
            Err(tera::Error::message("the result is over 1 MiB, the limit for one field"))
        } else {
            Ok(out)
        }
    }
    tera.register_function("range", |_: Kwargs, _: &State| -> TeraResult<String> {
        Err(tera::Error::message("`range` is not available in author text"))
    });
    tera.register_filter("replace", |text: &str, kwargs: Kwargs, _: &State| {
        let (from, to) = (kwargs.must_get::<String>("from")?, kwargs.must_get::<String>("to")?);
        let grows = to.len().saturating_sub(from.len());
        let count = if from.is_empty() { text.chars().count() + 1 } else { text.matches(from.as_str()).count() };
        if text.len().saturating_add(count.saturating_mul(grows)) > MAX_FIELD_OUTPUT {
            return Err(tera::Error::message("the result is over 1 MiB, the limit for one field"));
        }
        Ok(text.replace(from.as_str(), &to))
    });
    tera.register_filter("join", |items: Vec<tera::Value>, kwargs: Kwargs, _: &State| {
        let sep = kwargs.get::<String>("sep")?.unwrap_or_default();
        let mut out = String::new();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(&sep);
            }
            if !item.is_undefined() {
                out.push_str(&item.to_string());
            }
            if out.len() > MAX_FIELD_OUTPUT {
                return bounded(out);
            }
        }
        Ok(out)
    });
    tera.register_filter("indent", |_: &str, _: Kwargs, _: &State| -> TeraResult<String> {
        Err(tera::Error::message("`indent` is not available in author text"))
    });
}

/// `{{ "2020-01-31" | uk_date }}` → "31 January 2020";
/// `{{ "2020-01-31" | add_working_days(days=25) }}` → "2020-03-06" (SEC Working Days).
///
/// A count is bounded ([`crate::domain::working_days::MAX_WORKING_DAYS`]) and made against
/// `calendar`; a date it starts or ends on outside the years the calendar covers is put in
/// `outside`.
fn register_date_filters(tera: &mut Tera, calendar: Arc<Calendar>, outside: Arc<Mutex<Vec<(NaiveDate, i32)>>>) {
    fn iso(text: &str) -> TeraResult<chrono::NaiveDate> {
        dates::parse_iso(text).ok_or_else(|| tera::Error::message(format!("`{text}` is not a date: write YYYY-MM-DD")))
    }
    tera.register_filter("uk_date", |text: &str, _: Kwargs, _: &State| iso(text).map(dates::uk_long_bound));
    tera.register_filter("add_working_days", move |text: &str, kwargs: Kwargs, _: &State| {
        let days = kwargs.must_get::<i64>("days")?;
        let date = iso(text)?;
        let counted = calendar
            .add_working_days(date, days)
            .map_err(|e| tera::Error::message(format!("add_working_days: {e}")))?;
        if let Some(beyond) = [date, counted].into_iter().find(|d| !calendar.covers(*d)) {
            outside.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((beyond, calendar.last_year()));
        }
        Ok(counted.to_string())
    });
}

/// The dotted name (`meeting.date`) around `line`, character `column` (1-based) of `text`.
fn dotted_name_at(text: &str, line: usize, column: usize) -> Option<&str> {
    let line = text.split('\n').nth(line.checked_sub(1)?)?;
    let at = line.char_indices().nth(column.checked_sub(1)?)?.0;
    let part = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let start = line[..at].rfind(|c: char| !part(c)).map_or(0, |i| i + 1);
    let end = at + line[at..].find(|c: char| !part(c)).unwrap_or(line.len() - at);
    (end > start).then(|| line[start..end].trim_matches('.'))
}

/// The name in Tera's "Field `x` is not defined" / "Variable `x` not found" messages.
fn undefined_field(message: &str) -> Option<&str> {
    if !(message.contains("not defined") || message.contains("not found")) {
        return None;
    }
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(&message[start..end])
}

/// Whether every mapping key in `value` is one a template can hold (text, an integer or a
/// boolean), so that putting it in a context cannot fail.
pub(super) fn templatable(value: &serde_yaml::Value) -> bool {
    use serde_yaml::Value;
    match value {
        Value::Sequence(items) => items.iter().all(templatable),
        Value::Mapping(map) => map.iter().all(|(key, value)| {
            let key_ok = match key {
                Value::String(_) | Value::Bool(_) => true,
                Value::Number(n) => n.is_i64() || n.is_u64(),
                _ => false,
            };
            key_ok && templatable(value)
        }),
        Value::Tagged(tagged) => templatable(&tagged.value),
        _ => true,
    }
}
