//! Author text through Tera: `{{ data.cpm1_score }}` in any text field becomes its figure.
//!
//! Tera 2 gives each error a span inside the text; we add the field's line in the YAML so the
//! message points at the line the author must change.

use crate::diagnostic::{Diagnostic, suggest};
use crate::load::{Loaded, PaperSource};
use std::collections::BTreeMap;
use tera::{Context, Tera};

/// Expands author text with the paper's `data` (and, in a meeting, its cross-references).
pub struct TextEngine {
    tera: Tera,
    context: Context,
    data_keys: Vec<String>,
}

impl TextEngine {
    /// An engine for one paper's texts, with `data` in its context.
    pub fn new(data: &BTreeMap<String, serde_yaml::Value>, tera: Tera) -> Self {
        let mut context = Context::new();
        context.insert("data", data);
        TextEngine { tera, context, data_keys: data.keys().cloned().collect() }
    }

    /// Adds a value that every text of this paper can use by name.
    pub fn insert(&mut self, name: &'static str, value: &impl serde::Serialize) {
        self.context.insert(name, value);
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

/// The name in Tera's "Field `x` is not defined" / "Variable `x` not found" messages.
fn undefined_field(message: &str) -> Option<&str> {
    if !(message.contains("not defined") || message.contains("not found")) {
        return None;
    }
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(&message[start..end])
}
