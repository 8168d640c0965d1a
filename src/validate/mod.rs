//! Stage 2, validate: every semantic problem of a paper, found in one pass.
//!
//! The output, [`Checked`], holds parsed values (dates, classes, the action) and the author's
//! texts with their Tera expressions expanded, so the model stage cannot fail.

mod characters;
mod classes;
mod data;
#[cfg(test)]
mod edition_tests;
mod facts;
pub(crate) mod fields;
pub(crate) mod filters;
mod identity;
pub(crate) mod records;
mod records_outcomes;
mod refs;
mod structure;
mod text;

pub(crate) use identity::MeetingContext;
pub(crate) use text::TextEngine;

use crate::diagnostic::{Diagnostic, Diagnostics, Kind, suggest};
use crate::domain::edition::{withholds, withholds_unread};
use crate::domain::{Action, Classification, Verb};
use crate::load::{Loaded, PaperSource, SectionSource, TextField, TextKind};
use crate::model::{Checked, PartClasses, SectionClass};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Checks a loaded paper; `Err` lists every problem (warnings included), `Ok` carries the
/// warnings found alongside the checked paper.
///
/// `meeting` is the meeting the paper belongs to, if it is built as part of one: it then
/// supplies the reference parts and the sign-off defaults, and `papers` the references its
/// text may cite by key. With an `edition`, problems inside parts the edition withholds
/// are reported without their detail, so that not even an edition's error messages show
/// what it withholds (`check` of the full paper gives the detail). `shown` tells the
/// characters the outputs can show; every other one in the author's text is a problem.
pub(crate) fn check(
    loaded: &Loaded<PaperSource>,
    papers: Option<Arc<BTreeMap<String, String>>>,
    meeting: Option<&MeetingContext>,
    edition: Option<Classification>,
    shown: &dyn Fn(char) -> bool,
) -> Result<(Checked, Diagnostics), Diagnostics> {
    let mut problems = Diagnostics::default();
    let src = &loaded.value;
    let identity = identity::resolve(loaded, meeting, &mut problems);
    let classification = fields::class(loaded, "classification", &src.classification, &mut problems);
    data::check(loaded, &mut problems);
    let action = Action::parse(&src.action);
    if action.is_none() {
        problems.push(
            loaded
                .error_at(Kind::BadAction, "action", format!("`{}` is not an action", src.action))
                .with_hint("use For Information, For Decision or For Discussion"),
        );
    }
    let attachment_classes: Vec<_> = src
        .attachments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            fields::class(loaded, &format!("attachments[{i}].classification"), &a.classification, &mut problems)
        })
        .collect();

    let reference = identity.reference.clone();
    // Without a readable base class, the most restrictive one: no spurious data-class errors.
    let base = classification.unwrap_or(Classification::Red);
    let parts = classes::resolve(loaded, base, &mut problems);
    if let (Some(given), Some(computed)) = (&src.reference, &reference)
        && given.trim() != computed.to_string()
    {
        problems.push(
            loaded
                .error_at(Kind::ReferenceMismatch, "reference", format!("reference `{given}` does not match the paper's committee, meeting, meeting date and number, which give `{computed}`"))
                .with_hint("remove `reference` to have it computed"),
        );
    }

    if src.sections.is_empty() {
        problems.push(loaded.error_at(
            Kind::NothingToRender,
            "sections",
            "a paper needs at least one section before Recommendations",
        ));
    }
    check_sections(loaded, "sections", &src.sections, 1, &mut problems);
    if let Some(action) = &action {
        check_recommendations(loaded, action, &mut problems);
    }
    check_annexes(loaded, &mut problems);

    let added = fields::bank_holidays(loaded, "bank_holidays", &src.bank_holidays, &mut problems);
    let manifest_added = meeting.iter().flat_map(|m| m.bank_holidays.iter().copied());
    let calendar = crate::domain::working_days::Calendar::with_added(manifest_added.chain(added));
    let facts = facts::Facts::of(identity.reference.as_ref(), identity.sign_off.as_ref().map(|s| s.2), meeting);
    refs::check_ids(loaded, &mut problems);
    let targets = Arc::new(crate::model::refs::Targets::of(src, &parts));
    let texts = TextEngine::new(&src.data, base, papers)
        .for_edition(edition)
        .with_targets(targets)
        .with_calendar(calendar)
        .with_facts(&facts);
    let source = expand_texts(loaded, &texts, base, &parts, &attachment_classes, &mut problems);
    check_structure(loaded, &source, shown, &mut problems);
    characters::check(loaded, shown, &mut problems);
    if let Some(edition) = edition {
        redact_withheld(&mut problems, &withheld_fields(base, &parts, &attachment_classes, edition), edition);
    }

    // A cross-reference to a paper the meeting does not have shows the manifest's list too.
    if let Some(meeting) = meeting {
        let papers = meeting.positions.iter().find(|(f, _)| *f == "papers").map(|(_, p)| *p);
        for problem in
            problems.0.iter_mut().filter(|d| d.kind == Kind::TextTemplate && d.message.contains("no paper `"))
        {
            let label = "the meeting's papers, by key";
            *problem = problem.clone().with_related(&meeting.manifest, papers, label);
        }
    }
    match (reference, action, classification, identity.sign_off, problems.has_errors()) {
        (Some(reference), Some(action), Some(classification), Some((author, team, date)), false) => {
            let attachment_classes = attachment_classes.into_iter().flatten().collect();
            let portion_marks = source.portion_marks.or_else(|| meeting.and_then(|m| m.portion_marks)).unwrap_or(true);
            let checked = Checked {
                source,
                reference,
                action,
                classification,
                attachment_classes,
                parts,
                author,
                team,
                date,
                portion_marks,
            };
            Ok((checked, problems))
        }
        _ => Err(problems.sorted()),
    }
}

/// The deepest level of numbered sections the templates print (3.1.2).
const MAX_LEVEL: usize = 3;

fn check_sections(
    loaded: &Loaded<PaperSource>,
    path: &str,
    sections: &[SectionSource],
    level: usize,
    problems: &mut Diagnostics,
) {
    if level > MAX_LEVEL && !sections.is_empty() {
        problems.push(
            loaded
                .error_at(
                    Kind::TooManyLevels,
                    path,
                    "a fourth level of sections: numbered sections go three deep (3.1.2)",
                )
                .with_hint("make these paragraphs of their section, with #### run-in headings if needed"),
        );
        return;
    }
    for (i, section) in sections.iter().enumerate() {
        let here = format!("{path}[{i}]");
        let heading = section.heading.trim();
        if heading.is_empty() {
            problems.push(loaded.error_at(Kind::BadHeading, &format!("{here}.heading"), "a section needs a heading"));
        } else if heading.starts_with(|c: char| c.is_ascii_digit()) {
            problems.push(
                loaded
                    .error_at(
                        Kind::BadHeading,
                        &format!("{here}.heading"),
                        format!("heading `{heading}` starts with a number"),
                    )
                    .with_hint("section numbers are computed: write the heading without its number"),
            );
        } else if heading.eq_ignore_ascii_case("recommendations") {
            problems.push(
                loaded
                    .error_at(
                        Kind::BadHeading,
                        &format!("{here}.heading"),
                        "Recommendations is written under `recommendations`, not as a section",
                    )
                    .with_hint("move its items to `recommendations.items`"),
            );
        }
        check_sections(loaded, &format!("{here}.subsections"), &section.subsections, level + 1, problems);
    }
}

fn check_recommendations(loaded: &Loaded<PaperSource>, action: &Action, problems: &mut Diagnostics) {
    let items = &loaded.value.recommendations.items;
    if items.is_empty() {
        problems.push(
            loaded
                .error_at(Kind::EmptyRecommendation, "recommendations.items", "Recommendations has no items")
                .with_hint("add at least one item, e.g. `- verb: NOTE` with its `text`"),
        );
        return;
    }
    let mut verbs = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = format!("recommendations.items[{i}]");
        match Verb::parse(&item.verb) {
            Some(verb) => verbs.push(verb),
            None => {
                let mut d = loaded.error_at(
                    Kind::BadVerb,
                    &format!("{field}.verb"),
                    format!("`{}` is not a recommendation verb", item.verb),
                );
                d = match suggest(&item.verb, Verb::names()) {
                    Some(near) => d.with_hint(format!("did you mean `{near}`?")),
                    None => d.with_hint(format!("use one of: {}", Verb::names().collect::<Vec<_>>().join(", "))),
                };
                problems.push(d);
            }
        }
        if item.text.trim().is_empty() {
            problems.push(loaded.error_at(
                Kind::EmptyRecommendation,
                &format!("{field}.text"),
                "a recommendation needs its text after the verb",
            ));
        }
    }
    let lint = |message: &str, hint: &str| {
        Diagnostic::warning(Kind::ActionVerbs, &loaded.file, message)
            .at_field("recommendations.items")
            .at(loaded.positions().nearest("recommendations.items"))
            .with_hint(hint)
    };
    match action {
        Action::Information if verbs.iter().any(|v| *v != Verb::Note) => problems.push(lint(
            "a For Information paper only asks the committee to NOTE",
            "make the action For Decision or For Discussion, or the verbs NOTE",
        )),
        Action::Decision if !verbs.iter().any(|v| v.decides()) => problems.push(lint(
            "a For Decision paper needs at least one AGREE or APPROVE",
            "add the decision sought, or make the action For Information",
        )),
        _ => {}
    }
}

fn check_annexes(loaded: &Loaded<PaperSource>, problems: &mut Diagnostics) {
    for (a, annex) in loaded.value.annexes.iter().enumerate() {
        if let Some(generated) = annex.generated.as_ref().filter(|g| !g.filled) {
            problems.push(generated_annex(loaded, a, &generated.source));
            continue;
        }
        if annex.columns.is_empty() {
            problems.push(loaded.error_at(
                Kind::AnnexShape,
                &format!("annexes[{a}].columns"),
                "an annex needs at least one column",
            ));
        }
        use crate::dialect::{MAX_TABLE_CELLS, MAX_TABLE_COLUMNS};
        if annex.columns.len() > MAX_TABLE_COLUMNS {
            let message =
                format!("{} columns, more than the {MAX_TABLE_COLUMNS} an annex may have", annex.columns.len());
            let d = loaded.error_at(Kind::AnnexShape, &format!("annexes[{a}].columns"), message);
            problems.push(d.with_hint("split the annex, or send the table as an attachment"));
        } else if annex.columns.len() * annex.rows.len() > MAX_TABLE_CELLS {
            let message = format!(
                "{} rows of {} columns, more than the {MAX_TABLE_CELLS} cells a paper's tables may hold",
                annex.rows.len(),
                annex.columns.len()
            );
            let d = loaded.error_at(Kind::AnnexShape, &format!("annexes[{a}].rows"), message);
            problems.push(d.with_hint("split the annex, or send the table as an attachment"));
        }
        for (r, row) in annex.rows.iter().enumerate() {
            let row = row.cells();
            if row.len() != annex.columns.len() {
                problems.push(
                    loaded
                        .error_at(
                            Kind::AnnexShape,
                            &format!("annexes[{a}].rows[{r}]"),
                            format!(
                                "row has {} but the annex has {} columns",
                                plural(row.len(), "cell"),
                                annex.columns.len()
                            ),
                        )
                        .with_hint(format!("columns are: {}", annex.columns.join(" | "))),
                );
            }
        }
    }
}

/// Why an annex panelpaper writes was not written: it asks for nothing, or two things, or
/// the paper is read without its meeting, whose records it is written from.
fn generated_annex(loaded: &Loaded<PaperSource>, a: usize, source: &crate::load::GeneratedAnnexSource) -> Diagnostic {
    let path = format!("annexes[{a}]");
    let (message, hint) = match (source.actions, source.forward_plan) {
        (None, None) => (
            "an annex needs `columns` and `rows`, or asks panelpaper to write it: `actions: open` or `forward_plan: N`",
            "write the table, or `- actions: open` for the open actions",
        ),
        (Some(_), Some(_)) => {
            ("an annex lists the open actions or the forward plan, not both", "make them two annexes")
        }
        (None, Some(0)) => ("`forward_plan: 0` lists no meeting", "give the number of later meetings to list, e.g. 3"),
        _ => (
            "this annex is written from the meeting's records: the paper is read without its meeting",
            "render it with its meeting: a `meeting.yaml` beside it that lists it, or --meeting",
        ),
    };
    let field = match (source.actions, source.forward_plan) {
        (None, Some(0)) => format!("{path}.forward_plan"),
        _ => path,
    };
    loaded.error_at(Kind::GeneratedAnnex, &field, message).with_hint(hint)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// Every author text with its Tera expressions evaluated, each with the data its part's
/// class may print; each failure is a problem.
fn expand_texts(
    loaded: &Loaded<PaperSource>,
    texts: &TextEngine,
    base: Classification,
    parts: &PartClasses,
    attachment_classes: &[Option<Classification>],
    problems: &mut Diagnostics,
) -> PaperSource {
    let mut out = loaded.value.clone();
    // Most fields hold no template syntax: they are left as they are, and their paths are
    // written out only for those that do.
    let mut expand = |field: &dyn std::fmt::Display, text: &mut String, class: Classification| {
        if !TextEngine::has_template_syntax(text) {
            return;
        }
        let field = field.to_string();
        match texts.expand(loaded, &field, text, class) {
            Ok(expanded) => {
                problems.0.extend(texts.outside_calendar(loaded, &field, text));
                *text = expanded;
            }
            Err(d) => problems.push(*d),
        }
    };
    expand(&"title", &mut out.title, base);
    expand_sections(&mut expand, "sections", &mut out.sections, &parts.sections);
    if let Some(lead_in) = &mut out.recommendations.lead_in {
        expand(&"recommendations.lead_in", lead_in, base);
    }
    for (i, item) in out.recommendations.items.iter_mut().enumerate() {
        let class = parts.recommendations.get(i).copied().unwrap_or(base);
        expand(&format_args!("recommendations.items[{i}].text"), &mut item.text, class);
    }
    for (i, a) in out.attachments.iter_mut().enumerate() {
        expand(&format_args!("attachments[{i}].title"), &mut a.title, base);
        if let Some(d) = &mut a.description {
            let class = attachment_classes.get(i).copied().flatten().unwrap_or(Classification::Red).max(base);
            expand(&format_args!("attachments[{i}].description"), d, class);
        }
    }
    let mut from_sheets = Diagnostics::default();
    for (a, annex) in out.annexes.iter_mut().enumerate() {
        let Some(classes) = parts.annexes.get(a) else { continue };
        expand(&format_args!("annexes[{a}].title"), &mut annex.title, classes.class);
        for (r, row) in annex.rows.iter_mut().enumerate() {
            let class = classes.rows.get(r).copied().unwrap_or(classes.class);
            let classified = matches!(row, crate::load::RowSource::Classified(_));
            if let crate::load::RowSource::Sheet(sheet) = row {
                // A sheet's text is data, never a template; a `cells` template prints it.
                if annex.rows_from.as_ref().is_some_and(|f| f.cells.is_some()) {
                    sheet_cells(loaded, texts, a, r, sheet, class, &mut from_sheets);
                }
                continue;
            }
            for (c, cell) in row.cells_mut().iter_mut().enumerate() {
                expand(&TextField::Cell { annex: a, row: r, column: c, classified }, cell, class);
            }
        }
    }
    problems.extend(from_sheets);
    out
}

/// A row read from a sheet through the annex's `cells` templates: each cell expanded with
/// the row's values as `row`, at the row's class. A problem is placed in the template and
/// named by the annex cell (`annexes[0].rows[4][2]`), which the sources stage gives its cell.
fn sheet_cells(
    loaded: &Loaded<PaperSource>,
    texts: &TextEngine,
    a: usize,
    r: usize,
    sheet: &mut crate::load::SheetRow,
    class: Classification,
    problems: &mut Diagnostics,
) {
    let row = serde_json::Value::Object(sheet.values.clone().into_iter().collect());
    for (c, cell) in sheet.cells.iter_mut().enumerate() {
        let template = format!("annexes[{a}].rows_from.cells[{c}]");
        match texts.expand_row(loaded, &template, cell, class, &row) {
            Ok(expanded) => *cell = expanded,
            Err(mut d) => {
                d.field = Some(format!("annexes[{a}].rows[{r}][{c}]"));
                problems.push(*d);
            }
        }
    }
}

fn expand_sections(
    expand: &mut impl FnMut(&dyn std::fmt::Display, &mut String, Classification),
    path: &str,
    sections: &mut [SectionSource],
    classes: &[SectionClass],
) {
    for ((i, s), class) in sections.iter_mut().enumerate().zip(classes) {
        expand(&format_args!("{path}[{i}].heading"), &mut s.heading, class.class);
        expand(&format_args!("{path}[{i}].body"), &mut s.body, class.class);
        expand_sections(expand, &format!("{path}[{i}].subsections"), &mut s.subsections, &class.subsections);
    }
}

/// Author text, once expanded, as the Markdown will hold it: one-line fields on one line,
/// bodies without the document's own structure, cells with what a cell carries
/// ([`structure`]).
fn check_structure(
    loaded: &Loaded<PaperSource>,
    src: &PaperSource,
    shown: &dyn Fn(char) -> bool,
    problems: &mut Diagnostics,
) {
    // Figures can bring structure into a body only if some `data` text could start it.
    let data_is_plain = loaded.value.data.values().all(|v| {
        serde_yaml::to_string(v)
            .is_ok_and(|t| !t.trim_end().contains(['\n', '#', '<', '`', '=', '-', '>', '!', '[', '|', '~']))
    });
    // The same fields in the same order: as expanded, and as written.
    for ((at, kind, text), (_, _, raw)) in src.texts().into_iter().zip(loaded.value.texts()) {
        match kind {
            TextKind::OneLine => structure::single_line(loaded, &at.path(), text, problems),
            // Column headings are cells whose codec keeps them on one line.
            TextKind::Cell if matches!(at, TextField::Column { .. }) => {}
            // A sheet's cell as printed (its template expanded): the sheet is not the YAML.
            TextKind::Cell if is_sheet_row(src, &at) => {
                structure::cell(loaded, &at, text, problems);
                characters::text(loaded, &at.path(), text, shown, problems);
            }
            TextKind::Cell => structure::cell(loaded, &at, raw, problems),
            TextKind::Body => {
                let field = at.path();
                // As written, for exact positions; then as expanded, for what a figure
                // brings in (placed at the field: the expansion has no place in the file).
                structure::body(loaded, &field, raw, problems);
                if text != raw && !data_is_plain {
                    let mut brought = Diagnostics::default();
                    structure::body(loaded, &field, text, &mut brought);
                    for mut d in brought.0 {
                        if !problems.0.iter().any(|p| p.field == d.field && p.message == d.message) {
                            d.position = loaded.positions().value(&field).or(d.position);
                            problems.push(d);
                        }
                    }
                }
            }
        }
    }
    if src.title.trim().is_empty() {
        problems.push(loaded.error_at(Kind::NotOneLine, "title", "a paper needs a title"));
    }
    for (i, a) in src.attachments.iter().enumerate() {
        if a.title.trim().is_empty() {
            problems.push(loaded.error_at(
                Kind::NotOneLine,
                &format!("attachments[{i}].title"),
                "an attachment needs a title",
            ));
        }
    }
    for (a, annex) in src.annexes.iter().enumerate().filter(|(_, a)| a.generated.as_ref().is_none_or(|g| g.filled)) {
        if annex.title.trim().is_empty() {
            problems.push(loaded.error_at(Kind::NotOneLine, &format!("annexes[{a}].title"), "an annex needs a title"));
        }
    }
}

/// Whether `at` is a cell of a row read from a sheet.
fn is_sheet_row(src: &PaperSource, at: &TextField) -> bool {
    let TextField::Cell { annex, row, .. } = at else { return false };
    matches!(src.annexes.get(*annex).and_then(|a| a.rows.get(*row)), Some(crate::load::RowSource::Sheet(_)))
}

/// The field paths of the parts an edition for `edition` withholds (a part's path is the
/// prefix of every field inside it), and of the data entries above it.
fn withheld_fields(
    base: Classification,
    parts: &PartClasses,
    attachment_classes: &[Option<Classification>],
    edition: Classification,
) -> Vec<String> {
    let withheld = |class: Classification| withholds(Some(edition), class);
    if withheld(base) {
        return vec![String::new()];
    }
    let mut out = Vec::new();
    fn sections(path: &str, classes: &[SectionClass], edition: Classification, out: &mut Vec<String>) {
        for (i, class) in classes.iter().enumerate() {
            let here = format!("{path}[{i}]");
            if withholds(Some(edition), class.class) {
                out.push(here);
            } else {
                sections(&format!("{here}.subsections"), &class.subsections, edition, out);
            }
        }
    }
    sections("sections", &parts.sections, edition, &mut out);
    for (i, class) in parts.recommendations.iter().enumerate() {
        if withheld(*class) {
            out.push(format!("recommendations.items[{i}]"));
        }
    }
    for (i, class) in attachment_classes.iter().enumerate() {
        if withholds_unread(Some(edition), *class) {
            out.push(format!("attachments[{i}].description"));
        }
    }
    for (a, annex) in parts.annexes.iter().enumerate() {
        if withheld(annex.class) {
            out.push(format!("annexes[{a}]"));
            continue;
        }
        for (r, class) in annex.rows.iter().enumerate() {
            if withheld(*class) {
                out.push(format!("annexes[{a}].rows[{r}]"));
            }
        }
    }
    out
}

/// Replaces the detail of every error inside a withheld part with a pointer to `check`,
/// which reports it in full; warnings there are left to `check` too.
fn redact_withheld(problems: &mut Diagnostics, withheld: &[String], edition: Classification) {
    let inside = |field: &str, part: &str| {
        field.starts_with(part)
            && (part.is_empty() || matches!(field.as_bytes().get(part.len()), None | Some(b'.' | b'[')))
    };
    let hidden = |problem: &Diagnostic| {
        withheld.iter().find(|part| inside(problem.field.as_deref().unwrap_or_default(), part)).cloned()
    };
    problems.0.retain(|problem| problem.is_error() || hidden(problem).is_none());
    for problem in &mut problems.0 {
        if let Some(part) = hidden(problem) {
            problem.withhold(edition, &part);
        }
    }
}
