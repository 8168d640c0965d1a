//! The front matter every document of the dialect starts with: typed when written, typed
//! when read, so no reader matches class names as strings.

use crate::domain::Classification;
use serde::Deserialize;

/// What a document says about itself: its metadata and the class it is marked with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct FrontMatter {
    /// `SECP_78_1303_29` (a meeting's: `SECP_78_1303`).
    pub reference: Option<String>,
    /// The title.
    pub title: String,
    /// The action line, for a paper.
    pub action: Option<String>,
    /// The marking: the class every page carries (WHITE if unreadable).
    #[serde(deserialize_with = "lenient_class")]
    pub classification: Classification,
    /// Who signs it (a meeting's documents: the committee).
    pub author: Option<String>,
    /// Its date, in UK long form.
    pub date: Option<String>,
    /// "Comparison of … and …": the document is a comparison, its text carries CriticMarkup,
    /// and every page is headed with this.
    pub comparison: Option<String>,
    /// In a comparison of drafts marked differently, the old draft's marking
    /// (`classification` is then the higher of the two, and the footer shows the change).
    #[serde(deserialize_with = "lenient_optional_class")]
    pub old_classification: Option<Classification>,
    /// In a comparison of drafts marked differently, the new draft's marking.
    #[serde(deserialize_with = "lenient_optional_class")]
    pub new_classification: Option<Classification>,
}

impl FrontMatter {
    /// The `---` block, one `key: "JSON string"` line per field that has a value.
    pub fn write(&self) -> String {
        let mut out = String::from("---\n");
        let mut line = |key: &str, value: &str| {
            out.push_str(key);
            out.push_str(": ");
            out.push_str(&serde_json::to_string(value).expect("strings serialise"));
            out.push('\n');
        };
        if let Some(reference) = &self.reference {
            line("reference", reference);
        }
        line("title", &self.title);
        if let Some(action) = &self.action {
            line("action", action);
        }
        line("classification", self.classification.name());
        if let Some(author) = &self.author {
            line("author", author);
        }
        if let Some(date) = &self.date {
            line("date", date);
        }
        if let Some(comparison) = &self.comparison {
            line("comparison", comparison);
        }
        if let Some(old) = self.old_classification {
            line("old_classification", old.name());
        }
        if let Some(new) = self.new_classification {
            line("new_classification", new.name());
        }
        out.push_str("---");
        out
    }

    /// Reads the block's text (without its `---` lines). Values are JSON strings as
    /// [`FrontMatter::write`] gives them (bare text is taken as written); unknown keys are
    /// ignored and an unreadable class is WHITE's.
    pub fn read(text: &str) -> FrontMatter {
        let fields: serde_json::Map<String, serde_json::Value> = text
            .lines()
            .filter_map(|line| line.split_once(':'))
            .map(|(key, value)| {
                let value = value.trim();
                let value = serde_json::from_str::<String>(value).unwrap_or_else(|_| value.to_string());
                (key.trim().to_string(), serde_json::Value::String(value))
            })
            .collect();
        serde_json::from_value(serde_json::Value::Object(fields)).expect("every field is an optional string")
    }
}

/// A class name, or none when it is not one.
fn lenient_optional_class<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Classification>, D::Error> {
    Ok(Classification::parse(&String::deserialize(d)?))
}

/// A class name, or WHITE's default when it is none (a user template's own front matter).
fn lenient_class<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Classification, D::Error> {
    Ok(Classification::parse(&String::deserialize(d)?).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes() {
        let front = FrontMatter {
            reference: Some("SECP_78_1303_29".into()),
            title: "A \"quoted\": title\nwith a newline".into(),
            action: Some("For Information".into()),
            classification: Classification::AmberStrict,
            author: Some("Huw Exley".into()),
            date: Some("6 March 2020".into()),
            comparison: Some("Comparison of A and B".into()),
            old_classification: Some(Classification::Green),
            new_classification: Some(Classification::AmberStrict),
        };
        let text = front.write();
        assert_eq!(text.lines().count(), 11, "{text}");
        let inner = text.trim_start_matches("---\n").trim_end_matches("---");
        assert_eq!(FrontMatter::read(inner), front);
    }
}
