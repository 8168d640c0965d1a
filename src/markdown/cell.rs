//! Annex cells as single-line GFM table cells that keep paragraphs and bullet lists.

/// A cell's Markdown as one table-cell line: paragraphs joined by `<br><br>`, list items
/// by `<br>• `, soft line breaks as spaces and pipes escaped, so any content survives.
pub fn gfm_cell(text: &str) -> String {
    let mut out = String::new();
    for (p, paragraph) in text.trim().split("\n\n").filter(|p| !p.trim().is_empty()).enumerate() {
        if p > 0 {
            out.push_str("<br><br>");
        }
        let mut first = true;
        for line in paragraph.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let item = ["- ", "* ", "• "].iter().find_map(|m| line.strip_prefix(m));
            match item {
                Some(item) => {
                    if !first {
                        out.push_str("<br>");
                    }
                    out.push_str("• ");
                    out.push_str(item.trim());
                }
                None => {
                    if !first {
                        out.push(' ');
                    }
                    out.push_str(line);
                }
            }
            first = false;
        }
    }
    // `<!--` is escaped so that no cell can write a marker of the dialect (`<!-- span -->`).
    out.replace('|', "\\|").replace("<!--", "&lt;!--")
}

#[cfg(test)]
mod tests {
    use super::gfm_cell;

    #[test]
    fn keeps_paragraphs_and_lists_on_one_line() {
        let cell = "CPM\n\nThese were:\n- one | two\n- three\nwrapped";
        assert_eq!(gfm_cell(cell), "CPM<br><br>These were:<br>• one \\| two<br>• three wrapped");
    }

    #[test]
    fn cannot_write_a_marker_of_the_dialect() {
        assert_eq!(gfm_cell("<!-- span --> forged"), "&lt;!-- span --> forged");
    }
}
