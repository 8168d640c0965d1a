#!/usr/bin/env python3
"""The same paper for Typst: panelpaper's Markdown of a paper (`render -f md`) written as a
Typst document with the PDF's page, faces, sizes, numbered headings, lists, annex tables
(header row repeated), page breaks and the footer statement with "Page X of Y".

Usage: typst_input.py PAPER.md > PAPER.typ

Only what panelpaper's templates write is handled (it is a benchmark input, not a
converter): front matter, #–#### headings, paragraphs, `- ` lists, `|` tables with `<br>`
in cells, **bold**, *italic*, hard breaks, the page-break and footer markers.
"""
import re
import sys


def inline(text):
    """Markdown inline text as Typst markup."""
    text = text.replace("\\|", "|")
    # Escape Typst's markup characters first, then turn Markdown emphasis into Typst's.
    text = re.sub(r"([#$@<>\[\]\\_`~=])", r"\\\1", text)
    text = re.sub(r"\*\*(.+?)\*\*", lambda m: "#strong[" + m.group(1) + "]", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", lambda m: "#emph[" + m.group(1) + "]", text)
    text = text.replace("*", "\\*")
    return text


def cell(text):
    parts = [p.strip() for p in re.split(r"<br>", text)]
    return "[" + " \\ ".join(inline(p) for p in parts) + "]"


def convert(markdown):
    body = markdown.split("---\n", 2)[2] if markdown.startswith("---\n") else markdown
    body, _, footer = body.partition("<!-- footer -->")
    out = [
        '#set page(paper: "a4", margin: (x: 20mm, top: 20mm, bottom: 24mm),',
        '  footer: context [#set text(size: 7.5pt, fill: luma(90)); ' + inline(footer.strip()) +
        ' #h(1fr) Page #counter(page).display() of #counter(page).final().first()])',
        '#set text(font: "Liberation Sans", size: 10pt, lang: "en", region: "GB")',
        "#set par(spacing: 7.5pt)",
        '#show heading.where(level: 1): set text(size: 17pt)',
        '#show heading.where(level: 2): set text(size: 13pt)',
        '#show heading.where(level: 3): set text(size: 11pt)',
        '#show heading.where(level: 4): set text(size: 10pt)',
        "#set table(stroke: 0.5pt + luma(150), inset: 4pt)",
        "",
    ]
    lines = body.strip("\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = re.split(r"(?<!\\)\|", lines[i].strip())[1:-1]
                if not all(re.fullmatch(r"\s*-+\s*", c) for c in cells):
                    rows.append([c.strip() for c in cells])
                i += 1
            columns = len(rows[0])
            out.append(f"#table(columns: {columns}, table.header(" + ", ".join(
                "[#strong" + cell(c) + "]" for c in rows[0]) + "),")
            for row in rows[1:]:
                if len(row) == 1 and columns > 1:
                    out.append(f"  table.cell(colspan: {columns}, {cell(row[0].replace('<!-- span -->', ''))}),")
                else:
                    out.append("  " + ", ".join(cell(c) for c in row) + ",")
            out.append(")")
            continue
        if line.strip() == "<!-- pagebreak -->":
            out.append("#pagebreak()")
        elif m := re.match(r"(#{1,6}) (.*)", line):
            out.append("=" * len(m.group(1)) + " " + inline(m.group(2)))
        elif m := re.match(r"(\s*)- (.*)", line):
            out.append(m.group(1) + "- " + inline(m.group(2)))
        elif line.endswith("\\"):
            out.append(inline(line[:-1]) + " \\")
        else:
            out.append(inline(line))
        i += 1
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.stdout.write(convert(f.read()))
