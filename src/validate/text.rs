//! Author text through Tera: `{{ data.cpm1_score }}` in any text field becomes its figure.
//!
//! Tera 2 gives each error a span inside the text; we add the field's line in the YAML so the
//! message points at the line the author must change.

use crate::diagnostic::{Diagnostic, suggest};
use crate::load::{Loaded, PaperSource};
use crate::model::{dates, working_days};
use std::collections::BTreeMap;
use std::sync::Arc;
use tera::{Context, Kwargs, State, Tera, TeraResult};

/// Expands author text with the paper's `data` (and, in a meeting, its cross-references).
pub struct TextEngine {
    tera: Tera,
    context: Context,
    data_keys: Vec<String>,
}

impl TextEngine {
    /// An engine for one paper's texts, with `data` in its context. `papers` maps the keys
    /// of a meeting's papers to their references, for `paper_ref(key="…")` and
    /// `"…" | paper_ref`; outside a meeting it is `None` and using them is an error.
    pub fn new(data: &BTreeMap<String, serde_yaml::Value>, papers: Option<Arc<BTreeMap<String, String>>>) -> Self {
        let mut context = Context::new();
        context.insert("data", data);
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
        register_date_filters(&mut tera);
        TextEngine { tera, context, data_keys: data.keys().cloned().collect() }
    }

    /// The text with its Tera expressions evaluated, or a diagnostic at the field's line.
    pub fn expand(&self, loaded: &Loaded<PaperSource>, field: &str, text: &str) -> Result<String, Box<Diagnostic>> {
        if !text.contains("{{") && !text.contains("{%") && !text.contains("{#") {
            return Ok(text.to_string());
        }
        self.tera.render_str(text, &self.context, false).map_err(|error| {
            let (message, line) = match error.kind() {
                tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                    (report.message().to_string(), Some(report.span().start_line))
                }
                _ => (error.to_string(), None),
            };
            let mut diagnostic = loaded.error_at(field, format!("in template text: {message}"));
            if let (Some(line), Some(start)) = (line, loaded.positions().text_start(field)) {
                diagnostic.position =
                    Some(crate::diagnostic::Position { line: start.line + line - 1, column: start.column });
            }
            if let Some(name) = undefined_field(&message) {
                diagnostic = match suggest(name, self.data_keys.iter().map(String::as_str)) {
                    Some(near) => diagnostic.with_hint(format!("did you mean `data.{near}`?")),
                    None => diagnostic.with_hint(format!(
                        "the paper's `data` has: {}",
                        if self.data_keys.is_empty() { "nothing".to_string() } else { self.data_keys.join(", ") }
                    )),
                };
            }
            Box::new(diagnostic)
        })
    }
}

/// `{{ "2020-01-31" | uk_date }}` → "31 January 2020";
/// `{{ "2020-01-31" | add_working_days(days=25) }}` → "2020-03-06" (SEC Working Days).
fn register_date_filters(tera: &mut Tera) {
    fn iso(text: &str) -> TeraResult<chrono::NaiveDate> {
        dates::parse_iso(text).ok_or_else(|| tera::Error::message(format!("`{text}` is not a date: write YYYY-MM-DD")))
    }
    tera.register_filter("uk_date", |text: &str, _: Kwargs, _: &State| iso(text).map(dates::uk_long));
    tera.register_filter("add_working_days", |text: &str, kwargs: Kwargs, _: &State| {
        let days = kwargs.must_get::<i64>("days")?;
        iso(text).map(|date| working_days::add_working_days(date, days).to_string())
    });
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
