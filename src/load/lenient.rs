//! A paper read as far as it can be when its shape is wrong: each top-level field, each
//! list item, each section, row and recommendation on its own, so that a misspelt key or a
//! wrong type in one place does not hide the meaning problems of every other place. What
//! could not be read is left at its default and its path noted: the meaning checks say
//! nothing about it (the shape check already did).

use super::source::{
    AnnexSource, AttachmentSource, PaperSource, RecommendationSource, RecommendationsSource, RowSource, SectionSource,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Types the loader can read part by part when they do not deserialise whole.
pub trait Lenient: Sized {
    /// The value read part by part, and the paths of the parts left at their defaults;
    /// `None` where the type is not read that way.
    fn lenient(json: &Value) -> Option<(Self, Vec<String>)>;
}

impl Lenient for crate::load::MeetingSource {
    fn lenient(_: &Value) -> Option<(Self, Vec<String>)> {
        None
    }
}

/// Collects the paths of the parts that could not be read.
struct Reader {
    broken: Vec<String>,
}

impl Reader {
    /// `json[key]` as `T`, or `T::default()` noting `path` when absent or unreadable.
    fn field<T: DeserializeOwned + Default>(&mut self, json: &Value, key: &str, path: &str) -> T {
        self.value(json.get(key), path)
    }

    fn value<T: DeserializeOwned + Default>(&mut self, json: Option<&Value>, path: &str) -> T {
        match json.map(|v| serde_json::from_value::<T>(v.clone())) {
            Some(Ok(value)) => value,
            None if path_is_optional(path) => T::default(),
            _ => {
                self.broken.push(path.to_string());
                T::default()
            }
        }
    }

    /// A list read item by item, each with `item` (which falls back to a default).
    fn list<T>(
        &mut self,
        json: &Value,
        key: &str,
        path: &str,
        mut item: impl FnMut(&mut Self, &Value, &str) -> T,
    ) -> Vec<T> {
        match json.get(key) {
            Some(Value::Array(items)) => {
                items.iter().enumerate().map(|(i, v)| item(self, v, &format!("{path}[{i}]"))).collect()
            }
            None if path_is_optional(path) => Vec::new(),
            _ => {
                self.broken.push(path.to_string());
                Vec::new()
            }
        }
    }

    fn section(&mut self, json: &Value, path: &str) -> SectionSource {
        if let Ok(section) = serde_json::from_value::<SectionSource>(json.clone()) {
            return section;
        }
        SectionSource {
            id: self.field(json, "id", &format!("{path}.id")),
            heading: self.field(json, "heading", &format!("{path}.heading")),
            body: self.field(json, "body", &format!("{path}.body")),
            subsections: self.list(json, "subsections", &format!("{path}.subsections"), |r, v, p| r.section(v, p)),
            classification: self.field(json, "classification", &format!("{path}.classification")),
        }
    }

    fn whole<T: DeserializeOwned + Default>(&mut self, json: &Value, path: &str) -> T {
        self.value(Some(json), path)
    }
}

/// Keys that may be left out: their absence is no problem to note.
fn path_is_optional(path: &str) -> bool {
    let key = path.rsplit(['.', ']']).next().unwrap_or(path);
    !matches!(key, "title" | "action" | "classification" | "sections" | "recommendations" | "items" | "heading")
        || path.ends_with("].classification")
}

impl Lenient for PaperSource {
    fn lenient(json: &Value) -> Option<(Self, Vec<String>)> {
        if !json.is_object() {
            return None;
        }
        let mut r = Reader { broken: Vec::new() };
        let recommendations = match json.get("recommendations") {
            Some(rec) if rec.is_object() => RecommendationsSource {
                lead_in: r.field(rec, "lead_in", "recommendations.lead_in"),
                items: r.list(rec, "items", "recommendations.items", |r, v, p| r.whole::<RecommendationSource>(v, p)),
            },
            _ => {
                r.broken.push("recommendations".into());
                RecommendationsSource::default()
            }
        };
        let paper = PaperSource {
            committee: r.field(json, "committee", "committee"),
            meeting: r.field(json, "meeting", "meeting"),
            meeting_date: r.field(json, "meeting_date", "meeting_date"),
            number: r.field(json, "number", "number"),
            reference: r.field(json, "reference", "reference"),
            title: r.field(json, "title", "title"),
            action: r.field(json, "action", "action"),
            classification: r.field(json, "classification", "classification"),
            author: r.field(json, "author", "author"),
            team: r.field(json, "team", "team"),
            date: r.field(json, "date", "date"),
            bank_holidays: r.field(json, "bank_holidays", "bank_holidays"),
            portion_marks: r.field(json, "portion_marks", "portion_marks"),
            data: r.field(json, "data", "data"),
            sources: r.field(json, "sources", "sources"),
            sections: r.list(json, "sections", "sections", |r, v, p| r.section(v, p)),
            recommendations,
            attachments: r.list(json, "attachments", "attachments", |r, v, p| r.whole::<AttachmentSource>(v, p)),
            annexes: r.list(json, "annexes", "annexes", |r, v, p| {
                match serde_json::from_value::<AnnexSource>(v.clone()) {
                    Ok(annex) => annex,
                    Err(_) if v.get("actions").is_some() || v.get("forward_plan").is_some() => {
                        super::generated::read(v).unwrap_or_else(|| {
                            r.broken.push(p.to_string());
                            AnnexSource::default()
                        })
                    }
                    Err(_) => AnnexSource {
                        id: r.field(v, "id", &format!("{p}.id")),
                        title: r.field(v, "title", &format!("{p}.title")),
                        columns: r.field(v, "columns", &format!("{p}.columns")),
                        rows: r.list(v, "rows", &format!("{p}.rows"), |r, v, p| r.whole::<RowSource>(v, p)),
                        rows_from: r.field(v, "rows_from", &format!("{p}.rows_from")),
                        classification: r.field(v, "classification", &format!("{p}.classification")),
                        generated: None,
                    },
                }
            }),
        };
        Some((paper, r.broken))
    }
}
