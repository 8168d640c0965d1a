//! The walk through the document: page furniture and the title block first, then every
//! block in order, each given its place — a section heading, a body, the
//! Recommendations, the sign-off, the attachments list, an annex — or kept, reported, in
//! the body it follows.

use super::front::{self, Front};
use super::items::{Item, Para};
use super::structure::{Builder, Zone, is_attachments, is_recommendations};
use super::styles::Role;
use super::tail::SignOff;
use super::{Finding, Kind, Place, patterns};

/// What the walk found.
pub(super) struct Walked<'a> {
    pub(super) builder: Builder<'a>,
    /// The title paragraph, if the document has one.
    pub(super) title: Option<Para>,
    pub(super) sign_off: SignOff,
}

/// Walks `items` (the body's top-level blocks); `furniture` is each header and footer
/// paragraph's text with the part it is in.
pub(super) fn walk<'a>(
    items: Vec<Item>,
    links: &'a [String],
    furniture: &[(String, &str)],
    document_title: Option<&str>,
) -> Walked<'a> {
    let mut builder = Builder::new(links);
    for (text, part) in furniture {
        if !builder.front.furniture(text, part) {
            builder.findings.push(Finding {
                kind: Kind::ImportUnmapped,
                place: Place::Furniture((*part).to_string()),
                message: format!(
                    "“{}” is not imported: panelpaper writes every page's furniture itself",
                    super::report::first_words(text)
                ),
                hint: None,
            });
        }
    }
    // Furniture repeated in the body, and a table of contents, are not text of the paper.
    let mut contents = None;
    let items: Vec<Item> = items
        .into_iter()
        .filter(|item| match item {
            Item::Para(p) if p.role == Role::Contents => {
                contents.get_or_insert(p.number);
                false
            }
            Item::Para(p) => !front::body_furniture(p, &mut builder.front),
            Item::Table(_) => true,
        })
        .collect();
    if let Some(number) = contents {
        builder.findings.push(Finding {
            kind: Kind::ImportUnmapped,
            place: Place::Paragraph(number),
            message: "the table of contents is left out: panelpaper's outputs make their own".into(),
            hint: None,
        });
    }
    let title_at = front::find_title(&items, document_title);
    let title = title_at.and_then(|at| match &items[at] {
        Item::Para(p) => Some(p.clone()),
        Item::Table(_) => None,
    });
    // Section levels start below the title's when the title is a heading.
    let after_title = title_at.map_or(0, |t| t + 1);
    let heading_levels = items[after_title..].iter().filter_map(|i| match i {
        Item::Para(p) if !p.text().is_empty() => match p.role {
            Role::Heading(level) => Some(level),
            _ => None,
        },
        _ => None,
    });
    builder.top = heading_levels.clone().min().unwrap_or(1);
    builder.typed = items[after_title..].iter().any(|i| match i {
        Item::Para(p) => {
            p.role == Role::Heading(builder.top)
                && patterns::section_number(&p.text()).is_some_and(|(n, _)| n.len() == 1)
        }
        Item::Table(_) => false,
    });
    builder.weak = heading_levels.count() == 0
        && !items.iter().any(|i| matches!(i, Item::Para(p) if p.role == Role::Normal && p.list.is_none() && patterns::section_number(&p.text()).is_some_and(|(n, _)| n == [1])));

    let mut sign_off = SignOff::default();
    let mut front = std::mem::take(&mut builder.front);
    let mut at = 0;
    // The front: the title block before (and just after) the title, up to the first section.
    while at < items.len() && (Some(at) == title_at || builder.heading(&items, at).is_none()) {
        match &items[at] {
            _ if Some(at) == title_at => {}
            Item::Para(p) if p.text().is_empty() => {}
            Item::Para(p) if front.label(&p.text()) => {}
            Item::Table(t) if t.rows.iter().all(|row| label_row(row, &mut front.clone())) => {
                for row in &t.rows {
                    label_row(row, &mut front);
                }
            }
            item => builder.before.push(item.clone()),
        }
        at += 1;
    }
    builder.front = front;
    for item in std::mem::take(&mut builder.before) {
        builder.keep(item, "is before the first section");
    }
    while at < items.len() {
        at += step(&mut builder, &items, at, &mut sign_off);
    }
    Walked { builder, title, sign_off }
}

/// A title-block table row: label and value in two cells, or "Label: value" in one.
fn label_row(row: &[Vec<Item>], front: &mut Front) -> bool {
    let text: Vec<String> = row
        .iter()
        .map(|cell| {
            cell.iter()
                .filter_map(|i| if let Item::Para(p) = i { Some(p.text()) } else { None })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|t| !t.is_empty())
        .collect();
    match text.as_slice() {
        [one] => front.label(one),
        [label, value] => front.label(&format!("{}: {value}", label.trim_end_matches(':'))),
        _ => false,
    }
}

/// Places `items[at]` (and what belongs with it); how many items it took.
fn step(b: &mut Builder, items: &[Item], at: usize, sign_off: &mut SignOff) -> usize {
    let item = &items[at];
    if let Item::Para(p) = item
        && p.text().is_empty()
        && !p.rule
    {
        return 1;
    }
    // What may start anywhere: an annex, a section heading, the attachments list.
    if b.annex_start(items, at) {
        return 1;
    }
    if let Item::Para(p) = item {
        if b.zone != Zone::Annex
            && let Some((level, text)) = b.heading(items, at)
        {
            let plain = crate::dialect::plain_text(&text);
            if is_recommendations(&plain) {
                if b.recommendations.found {
                    b.keep(item.clone(), "is a second Recommendations heading");
                }
                b.recommendations.found = true;
                b.zone = Zone::Recommendations;
                return 1;
            }
            if level <= 3 && b.zone == Zone::Body
                || level <= 3 && b.zone != Zone::Attachments && !matches!(p.role, Role::Normal)
            {
                if b.zone != Zone::Body {
                    b.findings.push(Finding {
                        kind: Kind::ImportUnmapped,
                        place: Place::Paragraph(p.number),
                        message: format!("the section “{}” comes after the Recommendations: it is placed before them, as every paper's sections are", super::report::first_words(&plain)),
                        hint: None,
                    });
                    b.zone = Zone::Body;
                }
                let mut heading = text;
                let class = b.take_marking(&mut heading);
                b.open(level, heading, class);
                return 1;
            }
            if level > 3 && b.zone == Zone::Body {
                let mut run_in = p.clone();
                run_in.role = Role::Heading(level);
                run_in.inlines = text;
                b.body(Item::Para(run_in));
                return 1;
            }
        }
        // "Recommendations" on a line of its own, in whatever style: the heading.
        if b.zone == Zone::Body && !b.sections.is_empty() && p.list.is_none() && is_recommendations(&p.text()) {
            b.recommendations.found = true;
            b.zone = Zone::Recommendations;
            return 1;
        }
        if is_attachments(p) && b.zone != Zone::Annex {
            b.zone = Zone::Attachments;
            return 1;
        }
    }
    match b.zone {
        Zone::Body => {
            if let Item::Para(p) = item {
                if !b.sections.is_empty() && b.lead_in(p) {
                    b.zone = Zone::Recommendations;
                    return 1;
                }
                if !b.sections.is_empty()
                    && let Some((found, taken)) = b.sign_off(items, at, false)
                {
                    *sign_off = found;
                    b.zone = Zone::Tail;
                    return taken;
                }
            }
            b.body(item.clone());
            1
        }
        Zone::Recommendations => {
            if let Item::Para(p) = item {
                if b.recommendations.lead_in.is_none() && b.recommendations.items.is_empty() && b.lead_in(p) {
                    return 1;
                }
                if let Some((found, taken)) = b.sign_off(items, at, true) {
                    *sign_off = found;
                    b.zone = Zone::Tail;
                    return taken;
                }
                match b.item(p) {
                    Ok(()) => return 1,
                    Err(Some(word)) => {
                        let verbs = crate::domain::Verb::names().collect::<Vec<_>>().join(", ");
                        b.keep(
                            item.clone(),
                            &format!("starts with `{word}`, which is not a recommendation verb ({verbs})"),
                        );
                        return 1;
                    }
                    Err(None) if b.lead_in(p) => return 1,
                    Err(None) => {}
                }
            }
            b.keep(
                item.clone(),
                "is in the Recommendations but is not a recommendation (a verb such as NOTE or AGREE, then its text)",
            );
            1
        }
        Zone::Attachments => {
            if let Item::Para(p) = item
                && b.attachment(p)
            {
                return 1;
            }
            b.zone = Zone::Tail;
            step(b, items, at, sign_off)
        }
        Zone::Tail | Zone::Annex => {
            match item {
                Item::Table(table) if b.annex_table(table) => {}
                Item::Para(p)
                    if b.zone == Zone::Annex
                        && b.annexes.last().is_some_and(|a| a.title.is_empty() && a.columns.is_none()) =>
                {
                    let annex = b.annexes.last_mut().expect("an annex");
                    annex.title = patterns::trim(&p.inlines);
                }
                Item::Para(_) if b.zone == Zone::Tail && sign_off.date.is_none() => {
                    if let Some((found, taken)) = b.sign_off(items, at, true) {
                        *sign_off = found;
                        return taken;
                    }
                    b.keep(item.clone(), "comes after the Recommendations");
                }
                _ => b.keep(
                    item.clone(),
                    if b.zone == Zone::Annex {
                        "is in an annex, which holds only its table"
                    } else {
                        "comes after the sign-off"
                    },
                ),
            }
            1
        }
    }
}
