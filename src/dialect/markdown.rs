//! A document of the dialect as it leaves the Markdown stage: its text, inert (see
//! [`super::inert()`]), and its front matter as the typed value the model gave.
//!
//! The writers take the marking and the rest of the front matter from [`Markdown::front`],
//! never from the text: a template that drops or forges the front matter cannot change
//! what a PDF, HTML page or Word document says it is. The text must begin with exactly
//! that front matter, so the `.md` file says the same.

use super::FrontMatter;

/// A finished document's Markdown and its typed front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct Markdown {
    text: String,
    front: FrontMatter,
}

/// The Markdown does not begin with the front matter it was made for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the Markdown does not begin with its front matter (`{{{{ front_matter }}}}` first, as written)")]
pub struct MissingFrontMatter;

impl Markdown {
    /// `text`, made inert, as the document `front` describes; an error unless `text`
    /// begins with `front` as [`FrontMatter::write`] writes it.
    pub fn new(text: String, front: FrontMatter) -> Result<Markdown, MissingFrontMatter> {
        let head = front.write();
        let begins = text.strip_prefix(head.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('\n'));
        if !begins {
            return Err(MissingFrontMatter);
        }
        let text = match super::inert(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(inert) => inert,
        };
        Ok(Markdown { text, front })
    }

    /// The text, front matter first.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// What the document is: reference, title, marking…
    pub fn front(&self) -> &FrontMatter {
        &self.front
    }

    /// The text after the front matter.
    pub fn body(&self) -> &str {
        &self.text[self.front.write().len()..]
    }

    /// The text, for the `.md` file.
    pub fn into_text(self) -> String {
        self.text
    }

    /// `block` (Markdown, made inert) put right after the front matter, which stays first.
    pub fn insert_after_front(&mut self, block: &str) {
        let end = self.front.write().len();
        let rest = self.text[end..].trim_start_matches('\n');
        self.text = format!("{}\n\n{}\n\n{rest}", &self.text[..end], super::inert(block).trim_end());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Classification;

    #[test]
    fn the_text_must_begin_with_its_front_matter() {
        let front = FrontMatter::new("T", Classification::Amber);
        assert_eq!(Markdown::new("# T\n".into(), front.clone()), Err(MissingFrontMatter));
        let forged = "---\ntitle: \"T\"\nclassification: \"WHITE\"\n---\n";
        assert_eq!(Markdown::new(forged.into(), front.clone()), Err(MissingFrontMatter));
        let made = Markdown::new(format!("{}\n\n# T\n", front.write()), front.clone()).unwrap();
        assert_eq!(made.front().classification, Classification::Amber);
    }

    #[test]
    fn a_block_goes_after_the_front_matter_inert() {
        let front = FrontMatter::new("T", Classification::White);
        let mut made = Markdown::new(format!("{}\n\n# T\n", front.write()), front.clone()).unwrap();
        made.insert_after_front("> **Comparison of <b>a</b>**\n");
        assert_eq!(made.text(), format!("{}\n\n> **Comparison of &lt;b>a&lt;/b>**\n\n# T\n", front.write()));
    }
}
