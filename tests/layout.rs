//! Layout without a PDF: boxes stay in the text area and in their cells, headings keep with
//! what follows, no orphans or widows, tall rows split under a repeated header.

use crate::common::*;
use panelpaper::layout::theme::{MARGIN_X, PAGE_HEIGHT, TEXT_WIDTH};
use panelpaper::layout::{Finished, Item, layout_markdown};
use panelpaper::markdown::Templates;
use panelpaper::pipeline;
use std::path::Path;

fn paper_layout(yaml: &str) -> Finished {
    let prepared = pipeline::prepare_text(Path::new("paper.yaml"), yaml).unwrap();
    layout_markdown(&Templates::embedded().render_paper(&prepared.paper).unwrap()).unwrap().finish()
}

fn texts(items: &[Item]) -> impl Iterator<Item = (f32, f32, f32, f32, &str)> {
    items.iter().filter_map(|i| match i {
        Item::Text { x, y, size, width, text, .. } => Some((*x, *y, *size, *width, text.as_str())),
        _ => None,
    })
}

fn assert_inside_text_area_and_cells(layout: &Finished) {
    let body_bottom = layout.body_area.1;
    for (p, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            let (left, top, right, bottom) = item.bounds();
            assert!(left >= MARGIN_X - 0.01 && right <= MARGIN_X + TEXT_WIDTH + 0.01, "page {}: {item:?}", p + 1);
            assert!(top >= 20.0 && bottom <= PAGE_HEIGHT - 30.0, "page {}: {item:?}", p + 1);
            assert!(
                bottom <= body_bottom + 0.01 || top >= body_bottom,
                "page {}: straddles the footer: {item:?}",
                p + 1
            );
        }
        // No text crosses a column rule.
        let rules: Vec<(f32, f32, f32)> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Stroke { x1, y1, x2, y2, .. } if x1 == x2 => Some((*x1, y1.min(*y2), y1.max(*y2))),
                _ => None,
            })
            .collect();
        for (x, y, _, width, text) in texts(&page.items) {
            for (rx, top, bottom) in &rules {
                let crosses = *rx > x + 0.01 && *rx < x + width - 0.01 && y > *top && y < *bottom;
                assert!(!crosses, "page {}: {text:?} crosses the rule at x={rx}", p + 1);
            }
        }
    }
}

#[test]
fn seed_and_a_long_annex_stay_inside_the_text_area_and_their_cells() {
    assert_inside_text_area_and_cells(&paper_layout(&std::fs::read_to_string(SEED_TYPED).unwrap()));
    assert_inside_text_area_and_cells(&paper_layout(&panelpaper::sample::paper_with_annex(1, 150)));
}

/// The last text line in the body of each page, with its size.
fn last_body_lines(layout: &Finished) -> Vec<(f32, String)> {
    layout
        .pages
        .iter()
        .filter_map(|page| {
            texts(&page.items)
                .filter(|(_, y, ..)| *y < layout.body_area.1)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(_, _, size, _, text)| (size, text.to_string()))
        })
        .collect()
}

#[test]
fn a_heading_never_ends_a_page() {
    let filler = "A line of filler text that fits on one line.\n\n";
    for n in 30..75 {
        let md = format!("{}## 9. Heading\n\nFirst paragraph after the heading.\n", filler.repeat(n));
        let layout = layout_markdown(&markdown_of(&md)).unwrap().finish();
        for (size, text) in last_body_lines(&layout) {
            assert!(size <= 10.0, "n={n}: a page ends with the heading {text:?}");
        }
    }
}

#[test]
fn paragraphs_leave_no_orphans_or_widows() {
    let filler = "Filler.\n\n";
    let long = "word ".repeat(60); // about four lines
    for n in 35..70 {
        let md = format!("{}{}\n\nTail.\n", filler.repeat(n), long.trim());
        let layout = layout_markdown(&markdown_of(&md)).unwrap().finish();
        // Lines of the long paragraph on each page.
        let per_page: Vec<usize> = layout
            .pages
            .iter()
            .map(|p| texts(&p.items).filter(|(.., text)| text.starts_with("word")).count())
            .filter(|c| *c > 0)
            .collect();
        assert!(per_page.iter().all(|c| *c >= 2), "n={n}: a lone line of the paragraph: {per_page:?}");
    }
}

#[test]
fn a_row_taller_than_a_page_splits_and_the_header_repeats() {
    let bullets: Vec<String> = (1..=150).map(|i| format!("• item {i}")).collect();
    let md = format!("| Key | Items |\n| --- | --- |\n| one | {} |\n| two | short |\n", bullets.join("<br>"));
    let layout = layout_markdown(&markdown_of(&md)).unwrap().finish();
    assert!(layout.pages.len() >= 2, "{} pages", layout.pages.len());
    for (p, page) in layout.pages.iter().enumerate() {
        let first = texts(&page.items).min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.total_cmp(&b.0))).unwrap();
        assert_eq!(first.4, "Key", "page {} starts with the header row", p + 1);
        assert!(page.items.iter().any(|i| matches!(i, Item::Fill { .. })), "page {}: shaded header", p + 1);
    }
    let items: usize = layout.pages.iter().map(|p| texts(&p.items).filter(|t| t.4.starts_with("item ")).count()).sum();
    assert_eq!(items, 150, "every line of the split row is placed once");
    assert_inside_text_area_and_cells(&layout);
}

#[test]
fn an_annex_starts_on_a_new_page() {
    let layout = paper_layout(&panelpaper::sample::paper_with_annex(1, 2));
    assert_eq!(layout.pages.len(), 2);
    let first = texts(&layout.pages[1].items).min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    assert_eq!(first.4, "Annex A: Generated Reports");
}

#[test]
fn a_header_taller_than_a_page_still_ends() {
    let heading = "word ".repeat(3000);
    let md = format!("| {heading} | B |\n| --- | --- |\n| one | two |\n| three | four |\n");
    let layout = layout_markdown(&markdown_of(&md)).unwrap().finish();
    let text: String = layout.pages.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    for cell in ["one", "two", "three", "four"] {
        assert!(text.contains(cell), "{cell}");
    }
}

/// A paper whose Annex A has 40 rows of bullet lists (row 20 taller than a page).
fn forty_row_annex() -> String {
    let mut yaml = std::fs::read_to_string(root().join(fixture("minimal.yaml"))).unwrap();
    let annex = yaml.find("annexes:").unwrap();
    yaml.truncate(annex);
    yaml.push_str("annexes:\n  - title: Observations\n    columns: [\"#\", Report, Observations]\n    rows:\n");
    for row in 1..=40 {
        let bullets = if row == 20 { 90 } else { 3 + row % 7 };
        let items: String = (1..=bullets)
            .map(|i| format!("          - Row {row} item {i}: the measure stayed below its target this month.\n"))
            .collect();
        yaml.push_str(&format!(
            "      - - \"{row}\"\n        - |\n          **Report {row}**\n\n          Sets out the levels achieved.\n        - |\n          These were:\n\n{items}"
        ));
    }
    yaml
}

#[test]
fn annex_rows_that_fit_a_page_never_split_and_a_taller_one_repeats_its_key() {
    let prepared = pipeline::prepare_text(Path::new("forty.yaml"), &forty_row_annex()).unwrap();
    let pdf = crate::common::pdf::ReadPdf::new(&crate::pdf::render(&prepared, None));
    // Each page's text, read back from the PDF.
    let pages: Vec<String> = pdf.pages.iter().map(|lines| lines.join("\n")).collect();
    let on = |text: &str| -> Vec<usize> { (0..pages.len()).filter(|p| pages[*p].contains(text)).collect() };
    let mut met_page_end = 0;
    for row in 1..=40 {
        let item_pages: std::collections::BTreeSet<usize> =
            (1..=90).flat_map(|i| on(&format!("Row {row} item {i}:"))).collect();
        assert!(!item_pages.is_empty(), "row {row} is shown");
        for page in &item_pages {
            // Whatever part of a row a page holds, the page says which row it is.
            assert!(pages[*page].contains(&format!("Report {row}")), "row {row} on page {} without its key", page + 1);
        }
        if row == 20 {
            assert!(item_pages.len() > 1, "row 20 is taller than a page");
            for page in item_pages.iter().skip(1) {
                let lines = &pdf.pages[*page];
                let key = lines.iter().position(|l| l.starts_with("20 Report 20")).expect("the key again");
                assert!(lines[key..].iter().any(|l| l.contains("(continued)")), "page {}: {lines:?}", page + 1);
            }
        } else {
            assert_eq!(item_pages.len(), 1, "row {row} split across pages {item_pages:?}");
            // A row that ends a page: the next row starts the next page.
            let page = *item_pages.iter().next().unwrap();
            if row < 40 && on(&format!("Row {} item 1:", row + 1)).first() != Some(&page) {
                met_page_end += 1;
            }
        }
    }
    assert!(met_page_end >= 3, "several rows meet a page end ({met_page_end})");
    // Every continued part is marked, nothing else is.
    assert_eq!(pages.iter().map(|p| p.matches("(continued)").count()).sum::<usize>(), on("Row 20 item").len() - 1);
}

/// Smaller losses of issue 26, each read back from the layout: code blocks keep their
/// lines, indentation and monospaced face; a quote has a rule of its own; a `---:` column's
/// cells end at its right; a soft hyphen is never drawn mid-line; a reference such as
/// RAP-26-014 stays whole where its table has room.
#[test]
fn code_quotes_alignment_soft_hyphens_and_references_are_set_as_written() {
    let md = "- an item\n\n> quoted after the item\n\n```\nfn main() {\n    indented();\n}\n```\n\n\
              Ver\u{ad}waltung and Soft\u{ad}ware.\n\n\
              | Ref | Figure | Notes |\n| --- | ---: | --- |\n| RAP-26-014 | 12 | a note of several words that could take the room of the table |\n";
    let layout = layout_markdown(&markdown_of(md)).unwrap().finish();
    let page = &layout.pages[0];
    let text = page.text();
    // Each code line is a line of its own, its indentation kept (no-break spaces), in mono.
    let code: Vec<(&str, f32, bool)> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, x, style, .. } if text.contains("main") || text.contains("indented") || text == "}" => {
                Some((text.as_str(), *x, style.code))
            }
            _ => None,
        })
        .collect();
    assert_eq!(code.len(), 3, "{code:?}");
    assert!(code.iter().all(|(_, _, mono)| *mono), "{code:?}");
    assert!(code[1].0.starts_with("\u{a0}\u{a0}\u{a0}\u{a0}indented"), "{code:?}");
    // The quote's rule down its left, apart from the list item's text.
    let rule_x = MARGIN_X + panelpaper::layout::theme::QUOTE_RULE_INSET;
    assert!(
        page.items.iter().any(|i| matches!(i, Item::Stroke { x1, x2, .. } if (x1 - rule_x).abs() < 0.01 && x1 == x2))
    );
    // The soft hyphens are not drawn.
    assert!(text.contains("Verwaltung and Software."), "{text}");
    assert!(!text.contains('\u{ad}') && !text.contains("Ver-"), "{text}");
    // The reference whole, on one line.
    assert!(text.lines().any(|l| l.contains("RAP-26-014")), "{text}");
    // The figure ends at its column's right edge (its cell padding in).
    let figure = page.items.iter().find_map(|i| match i {
        Item::Text { text, x, width, .. } if text == "12" => Some(x + width),
        _ => None,
    });
    let rules: Vec<f32> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Stroke { x1, x2, y1, y2, .. } if x1 == x2 && y1 != y2 => Some(*x1),
            _ => None,
        })
        .collect();
    let figure = figure.expect("the figure");
    assert!(
        rules.iter().any(|r| (r - panelpaper::layout::theme::CELL_PADDING - figure).abs() < 0.05),
        "{figure} {rules:?}"
    );
}
