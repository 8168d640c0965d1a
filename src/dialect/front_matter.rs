//! The front matter every document of the dialect starts with: written from typed values,
//! and never read back from text (the writers take it from [`super::Markdown`]), so no
//! template, author or reader can change what a document says it is.

use crate::domain::Classification;

/// The name of the custom document property in which a Word paper records its base class
/// ([`FrontMatter::base_classification`]): written by the DOCX writer, read by import.
pub const BASE_CLASS_PROPERTY: &str = "panelpaper:base-class";

/// What a document says about itself: its metadata and the class it is marked with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// `SECP_78_1303_29` (a meeting's: `SECP_78_1303`).
    pub reference: Option<String>,
    /// The title.
    pub title: String,
    /// The action line, for a paper.
    pub action: Option<String>,
    /// The marking: the class every page carries.
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
    pub old_classification: Option<Classification>,
    /// In a comparison of drafts marked differently, the new draft's marking.
    pub new_classification: Option<Classification>,
    /// A paper's base class (the class of its unmarked parts), when it differs from the
    /// marking; not written in the text, but recorded where a format can keep it (a Word
    /// paper's custom property), so that import reads the parts' marks back against it.
    pub base_classification: Option<Classification>,
}

impl FrontMatter {
    /// A document titled `title` and marked `classification`, nothing else said.
    pub fn new(title: &str, classification: Classification) -> FrontMatter {
        FrontMatter {
            reference: None,
            title: title.to_string(),
            action: None,
            classification,
            author: None,
            date: None,
            comparison: None,
            old_classification: None,
            new_classification: None,
            base_classification: None,
        }
    }

    /// The `---` block, one `key: "JSON string"` line per field that has a value.
    pub fn write(&self) -> String {
        let mut out = String::from("---\n");
        let mut line = |key: &str, value: &str| {
            out.push_str(key);
            out.push_str(": ");
            // `<` and `>` as JSON escapes: a viewer that does not know front matter shows these
            // lines as a heading, where they would open raw HTML.
            let quoted = serde_json::to_string(value).expect("strings serialise");
            out.push_str(&quoted.replace('<', "\\u003c").replace('>', "\\u003e"));
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_one_json_string_a_line() {
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
            base_classification: Some(Classification::White),
        };
        let text = front.write();
        assert_eq!(text.lines().count(), 11, "{text}");
        assert!(text.contains("title: \"A \\\"quoted\\\": title\\nwith a newline\"\n"), "{text}");
        assert!(text.contains("classification: \"AMBER+STRICT\"\n"), "{text}");
        let tagged = FrontMatter::new("A <b>bold</b> claim", Classification::White).write();
        assert!(tagged.contains("title: \"A \\u003cb\\u003ebold\\u003c/b\\u003e claim\""), "{tagged}");
    }
}
