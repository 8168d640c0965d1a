//! The templates: embedded defaults, overridden file by file from a user folder (as mdBook
//! does with themes).

use crate::diagnostic::{Diagnostic, Diagnostics, Kind, Position};
use crate::dialect::critic::Mark;
use crate::dialect::{FOOTER, FrontMatter, Markdown, cell};
use crate::domain::Classification;
use crate::domain::dates;
use crate::error::Error;
use crate::model::{Paper, PaperList};
use std::path::{Path, PathBuf};
use tera::{Context, Kwargs, State, Tera};

/// Default templates, by name, compiled into the binary.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("paper.md", include_str!("../../templates/paper.md")),
    ("index.md", include_str!("../../templates/index.md")),
    ("decisions.md", include_str!("../../templates/decisions.md")),
    ("style.css", include_str!("../../templates/style.css")),
    ("classification/white.md", include_str!("../../templates/classification/white.md")),
    ("classification/green.md", include_str!("../../templates/classification/green.md")),
    ("classification/amber.md", include_str!("../../templates/classification/amber.md")),
    ("classification/amber-strict.md", include_str!("../../templates/classification/amber-strict.md")),
    ("classification/red.md", include_str!("../../templates/classification/red.md")),
];

/// The templates of one run, each compiled when first used: a run that renders one paper
/// needs two of the eight (compiling them all was a sixth of a paper's run). A user's own
/// templates are compiled when loaded, so a broken one stops the run before any work.
pub struct Templates {
    /// Per template of [`EMBEDDED`], in its order: its source, and its engine once compiled.
    compiled: Vec<(&'static str, String, std::sync::OnceLock<Tera>)>,
    /// Template name → the user file that replaced the default, for error messages.
    overridden: Vec<(String, PathBuf)>,
}

impl Templates {
    /// The embedded defaults only.
    pub fn embedded() -> Templates {
        Templates::load(None).expect("embedded templates compile")
    }

    /// The defaults, with any file of the same name in `dir` taking precedence. `dir` must
    /// be a folder, and every file in it a template panelpaper has: a misnamed one
    /// (`papr.md`) would otherwise be ignored in silence.
    pub fn load(dir: Option<&Path>) -> Result<Templates, Error> {
        if let Some(dir) = dir {
            check_folder(dir)?;
        }
        let mut overridden = Vec::new();
        let mut compiled = Vec::with_capacity(EMBEDDED.len());
        for (name, default) in EMBEDDED {
            let user = dir.map(|d| d.join(name)).filter(|p| p.is_file());
            let text = match &user {
                Some(path) => {
                    let text =
                        std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.clone(), source })?;
                    overridden.push((name.to_string(), path.clone()));
                    text
                }
                None => default.to_string(),
            };
            compiled.push((*name, text, std::sync::OnceLock::new()));
        }
        let templates = Templates { compiled, overridden };
        for (name, _) in &templates.overridden {
            templates.engine(name)?;
        }
        Ok(templates)
    }

    /// The engine holding template `name`, compiled on first use.
    fn engine(&self, name: &str) -> Result<&Tera, Error> {
        let (_, source, cell) = self
            .compiled
            .iter()
            .find(|(n, _, _)| *n == name)
            .unwrap_or_else(|| panic!("{name} is one of the embedded templates"));
        if let Some(tera) = cell.get() {
            return Ok(tera);
        }
        let mut tera = Tera::new();
        tera.autoescape_on(Vec::<&str>::new());
        tera.register_filter("cell", |text: &str, _: Kwargs, _: &State| cell::write(text));
        tera.register_filter("quote", |text: &str, _: Kwargs, _: &State| {
            serde_json::to_string(text).expect("strings serialise")
        });
        tera.register_filter("css_string", |text: &str, _: Kwargs, _: &State| css_string(text));
        // A part's typed mark (the model's) written as the dialect writes it.
        tera.register_filter("portion_mark", |class: &str, _: Kwargs, _: &State| {
            Classification::parse(class).map(crate::dialect::portion_mark).unwrap_or_default()
        });
        // A part's anchor (the model names it) as the dialect's marker, which ends its line.
        tera.register_filter("anchor", |name: &str, _: Kwargs, _: &State| {
            format!(" {}", crate::dialect::anchor::marker(name))
        });
        tera.add_raw_template(name, source).map_err(|e| Templates::template_error(&self.overridden, e))?;
        // Two threads may compile it at once; either result is the same.
        Ok(cell.get_or_init(|| tera))
    }

    /// Renders template `name` with `context`.
    fn render(&self, name: &str, context: &Context) -> Result<String, Error> {
        self.engine(name)?.render(name, context).map_err(|e| Templates::template_error(&self.overridden, e))
    }

    /// The paper as Markdown.
    pub fn render_paper(&self, paper: &Paper) -> Result<Markdown, Error> {
        let mut context = Context::new();
        // One-line texts escaped, run-in headings set at their levels, and a redline's
        // typed values as it marks them.
        let escaped = super::one_line::escaped(paper);
        let view = super::levels::run_in_levels(&escaped);
        if paper.shown.is_empty() {
            context.insert("paper", &*view);
        } else {
            context.insert("paper", &super::levels::with_shown(&view));
        }
        let front = FrontMatter {
            reference: Some(paper.reference.to_string()),
            // A redline's metadata name its new draft's title and author.
            title: crate::dialect::critic::accepted(&paper.title).into_owned(),
            action: Some(paper.action.to_string()),
            classification: paper.marking,
            author: Some(crate::dialect::critic::accepted(&paper.author).into_owned()),
            date: Some(dates::uk_long(paper.date)),
            comparison: paper.comparison.clone(),
            old_classification: paper.remarked.map(|(old, _)| old),
            new_classification: paper.remarked.map(|(_, new)| new),
            // Never above the marking (an edition keeps no paper whose base it withholds).
            base_classification: (paper.comparison.is_none() && paper.classification != paper.marking)
                .then_some(paper.classification),
        };
        // A redline of drafts marked differently shows the old statement deleted and the
        // new one inserted, so that accepting or rejecting its changes leaves each draft's own.
        let statement = match paper.remarked {
            Some((old, new)) => {
                let marked = |mark: Mark, class| -> Result<String, Error> {
                    Ok(mark.wrap(&crate::dialect::critic::escape(&self.statement(class)?)))
                };
                Some(format!("{}\n\n{}", marked(Mark::Removed, old)?, marked(Mark::Added, new)?))
            }
            None => None,
        };
        self.render_document("paper.md", &front, context, statement)
    }

    /// A meeting's paper list as Markdown, marked `marking`: the list's own for
    /// `index.md`, the pack's for its cover.
    pub fn render_index(&self, list: &PaperList, marking: Classification) -> Result<Markdown, Error> {
        let mut context = Context::new();
        context.insert("meeting", list);
        context.insert("rows", &list.rows);
        let meeting = list;
        let front = FrontMatter {
            reference: Some(meeting.reference.to_string()),
            title: format!("{} meeting {}: papers", meeting.committee_name, meeting.meeting),
            action: None,
            classification: marking,
            author: Some(meeting.committee_name.clone()),
            date: Some(dates::uk_long(meeting.date)),
            comparison: None,
            old_classification: None,
            new_classification: None,
            base_classification: None,
        };
        self.render_document("index.md", &front, context, None)
    }

    /// A meeting's decision and action log as Markdown, marked by what it shows.
    pub fn render_decisions(&self, log: &crate::model::decisions::DecisionLog) -> Result<Markdown, Error> {
        let mut context = Context::new();
        context.insert("log", &super::decisions::escaped(log));
        let front = FrontMatter {
            reference: Some(log.reference.to_string()),
            title: format!("{} meeting {}: decisions and actions", log.committee_name, log.meeting),
            action: None,
            classification: log.marking,
            author: Some(log.committee_name.clone()),
            date: Some(dates::uk_long(log.date)),
            comparison: None,
            old_classification: None,
            new_classification: None,
            base_classification: None,
        };
        self.render_document("decisions.md", &front, context, None)
    }

    /// The HTML pages' stylesheet for a document of `meta` whose footer says `statement`.
    pub fn stylesheet(&self, meta: &FrontMatter, statement: &str) -> Result<String, Error> {
        let marking = meta.classification;
        let mut context = Context::new();
        context.insert("marking", marking.name());
        let (label, colour) = match marking.label_colour() {
            Some((r, g, b)) => (format!("TLP:{}", marking.name()), hex(r, g, b)),
            None => (String::new(), "#000".to_string()),
        };
        context.insert("label", &label);
        context.insert("label_colour", &colour);
        context.insert("statement", statement);
        context.insert("comparison", meta.comparison.as_deref().unwrap_or_default());
        self.render("style.css", &context)
    }

    /// The classification statement of `marking`, as every page's footer gives it.
    pub fn statement(&self, marking: Classification) -> Result<String, Error> {
        let mut context = Context::new();
        context.insert("marking", &marking);
        Ok(self.render(marking.statement_template(), &context)?.trim().to_string())
    }

    /// Renders `template` with its front matter (`front_matter`), its marking (`marking`)
    /// and that class's statement (`statement`). Both must be in what it makes, where every
    /// reader of the Markdown looks for them (first, and after the footer marker): a
    /// template that leaves either out is an error, never a document marked as nothing.
    fn render_document(
        &self,
        template: &str,
        front: &FrontMatter,
        mut context: Context,
        statement: Option<String>,
    ) -> Result<Markdown, Error> {
        let marking = front.classification;
        context.insert("marking", &marking);
        context.insert("front_matter", &front.write());
        let statement = match statement {
            Some(statement) => statement,
            None => self.render(marking.statement_template(), &context)?,
        };
        let statement = statement.trim();
        context.insert("statement", statement);
        let text = tidy(&self.render(template, &context)?);
        let footer = text.rfind(&format!("\n{FOOTER}\n")).map(|at| text[at + FOOTER.len() + 2..].trim());
        if footer != Some(tidy(statement).trim()) {
            return Err(self.left_out(
                template,
                format!("its last lines must be `{FOOTER}` and `{{{{ statement }}}}`: every page's footer is the classification statement"),
            ));
        }
        Markdown::new(text, front.clone()).map_err(|_| {
            self.left_out(template, "it must begin with `{{ front_matter }}`: every output is marked from it".into())
        })
    }

    /// A template that leaves out what every output needs, named as the file it came from.
    fn left_out(&self, template: &str, what: String) -> Error {
        let file = self.file_of(template);
        Error::Invalid(Diagnostics(vec![
            Diagnostic::error(
                Kind::Template,
                &file,
                format!("template `{template}` leaves out what every output needs: {what}"),
            )
            .with_hint("start from the embedded template: `panelpaper init DIR` writes it"),
        ]))
    }

    /// The user's template files that replace embedded ones.
    pub fn user_files(&self) -> impl Iterator<Item = &Path> {
        self.overridden.iter().map(|(_, path)| path.as_path())
    }

    /// The file a template came from: the user's, or the embedded one's name.
    fn file_of(&self, template: &str) -> PathBuf {
        self.overridden
            .iter()
            .find(|(n, _)| n == template)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| PathBuf::from(format!("templates/{template}")))
    }

    fn template_error(overridden: &[(String, PathBuf)], error: tera::Error) -> Error {
        let (name, message, position) = match error.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => (
                r.filename().to_string(),
                r.message().to_string(),
                Some(Position { line: r.span().start_line, column: r.span().start_col + 1 }),
            ),
            _ => (String::new(), error.to_string(), None),
        };
        let file = overridden
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| PathBuf::from(format!("templates/{name}")));
        Error::Invalid(Diagnostics(vec![
            Diagnostic::error(Kind::Template, &file, format!("template: {message}")).at(position),
        ]))
    }
}

/// Every file under `dir` must be one of [`EMBEDDED`]'s names; `dir` must be a folder.
fn check_folder(dir: &Path) -> Result<(), Error> {
    let names: Vec<&str> = EMBEDDED.iter().map(|(name, _)| *name).collect();
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(Error::Usage(format!("--templates {}: is a file, not a folder", dir.display()))),
        Err(source) => return Err(Error::Io { path: dir.to_path_buf(), source }),
    }
    let mut problems = Diagnostics::default();
    let mut found = Vec::new();
    collect(dir, dir, &mut found).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
    for (file, name) in found {
        if !names.contains(&name.as_str()) {
            let hint = match crate::diagnostic::suggest(&name, names.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? Templates: {}", names.join(", ")),
                None => format!("the templates are: {}", names.join(", ")),
            };
            problems.push(
                Diagnostic::error(Kind::Template, &file, format!("`{name}` is not a template panelpaper has"))
                    .with_hint(hint),
            );
        }
    }
    if problems.0.is_empty() { Ok(()) } else { Err(Error::Invalid(problems)) }
}

/// Every file below `dir`, with its name relative to `root` (`/`-separated).
fn collect(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, String)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            // Editors' backups and hidden files are not templates.
            if !name.rsplit('/').next().is_some_and(|n| n.starts_with('.') || n.ends_with('~')) {
                out.push((path, name));
            }
        }
    }
    out.sort();
    Ok(())
}

/// A colour as CSS writes it.
fn hex(r: f32, g: f32, b: f32) -> String {
    let byte = |c: f32| (c.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{:02x}{:02x}{:02x}", byte(r), byte(g), byte(b))
}

/// Text as a quoted CSS string: quotes, backslashes, line breaks and `<` escaped, so that
/// no text ends the string, or the `<style>` element around it.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\A "),
            '<' => out.push_str("\\3C "),
            c if c.is_control() => out.push_str(&format!("\\{:X} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// At most one blank line in a row and one newline at the end, whatever the templates'
/// whitespace, so reviewers' diffs see content changes only.
fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut blank_run = 0;
    for line in markdown.lines() {
        let line = line.trim_end_matches([' ', '\t']);
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    let trimmed = out.trim_end_matches('\n').trim_start_matches('\n');
    format!("{trimmed}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_template_compiles() {
        let templates = Templates::embedded();
        for (name, _) in EMBEDDED {
            templates.engine(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
