//! The paper as its author writes it: the YAML format, before any check or numbering.
//!
//! Scalars that need semantic checks (dates, classes, actions) stay strings here so that the
//! validate stage can report every bad one at once, with its field path and line.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One paper's YAML file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperSource {
    /// Committee code, e.g. `SECP` (SEC Panel), `SSC`, `OPSG`. In a meeting, from its manifest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee: Option<String>,
    /// Meeting number within the committee, e.g. 78. In a meeting, from its manifest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<u32>,
    /// Meeting date, `YYYY-MM-DD`; gives the DDMM part of the reference. In a meeting, from
    /// its manifest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_date: Option<String>,
    /// Paper number within the meeting's pack, 1–99 (printed with two digits). In a meeting,
    /// from its manifest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// The paper reference, e.g. `SECP_78_1303_29`. Computed when absent; checked when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The paper's title.
    pub title: String,
    /// `For Information`, `For Decision`, `For Discussion`, or another `For …` action.
    pub action: String,
    /// TLP class of the paper: WHITE (or CLEAR), GREEN, AMBER, AMBER+STRICT, RED.
    pub classification: String,
    /// Who signs the paper off. In a meeting, defaults to the manifest's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The author's team, e.g. `SECAS Team`. In a meeting, defaults to the manifest's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Sign-off date, `YYYY-MM-DD`; printed in UK long form. In a meeting, defaults to the
    /// manifest's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Bank holidays to add to the bundled England & Wales list, `YYYY-MM-DD` (a substitute
    /// day, a coronation, a year the list does not cover yet), for the Working Days this
    /// paper's text counts; in a meeting, added to its manifest's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bank_holidays: Vec<String>,
    /// Whether each part classed otherwise than what contains it shows its class (`[AMBER]`
    /// after a heading, before a recommendation, in a row's first cell); default true, or
    /// the manifest's `portion_marks`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portion_marks: Option<bool>,
    /// Free-form figures and words that the paper's text uses through Tera: `{{ data.x }}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_keys")]
    #[schemars(with = "BTreeMap<String, serde_json::Value>")]
    pub data: BTreeMap<String, serde_yaml::Value>,
    /// Spreadsheets and CSV files that `data` entries (`{source: pmr, cell: C4}`) and annex
    /// rows (`rows_from`) are read from, by name; a meeting's manifest may give more.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_keys")]
    pub sources: BTreeMap<String, super::SourceFile>,
    /// Numbered sections, in order; numbers are computed.
    pub sections: Vec<SectionSource>,
    /// The last numbered section: what the committee is asked to do.
    pub recommendations: RecommendationsSource,
    /// Separate documents sent with the paper, listed (never inlined) with their class.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<AttachmentSource>,
    /// Tables inside the paper, lettered A, B, C… after the sign-off; an annex may be one
    /// panelpaper writes from the committee's records (`{actions: open}`, `{forward_plan: 3}`).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::generated::deserialize",
        serialize_with = "super::generated::serialize"
    )]
    #[schemars(with = "Vec<super::generated::AnnexEntry>")]
    pub annexes: Vec<AnnexSource>,
}

/// A mapping of names (`data`, `sources`) as written, refusing a key given twice (a map
/// would keep the last in silence; the loader then finds both places).
pub(super) fn unique_keys<'de, D: serde::Deserializer<'de>, V: serde::Deserialize<'de>>(
    d: D,
) -> Result<BTreeMap<String, V>, D::Error> {
    struct Entries<V>(std::marker::PhantomData<V>);
    impl<'de, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for Entries<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a mapping of names to values")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, V>()? {
                if out.insert(key.clone(), value).is_some() {
                    return Err(serde::de::Error::custom(format!("key `{key}` is given twice")));
                }
            }
            Ok(out)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(BTreeMap::new())
        }
    }
    d.deserialize_map(Entries(std::marker::PhantomData))
}

/// How a text the author wrote is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// On one line: a title, a heading, a list entry.
    OneLine,
    /// A block of Markdown: a section body.
    Body,
    /// A table cell (an annex cell or column heading).
    Cell,
}

/// Where a text is in a paper. An annex cell's path is written out only when a problem
/// names it: an annex of a thousand rows has thousands of cells, nearly all without one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextField {
    /// A path written out already (titles, sections, recommendations, attachments).
    Path(String),
    /// `annexes[a].columns[c]`, a column heading.
    Column {
        /// The annex.
        annex: usize,
        /// The column.
        column: usize,
    },
    /// `annexes[a].rows[r][c]`, or `annexes[a].rows[r].cells[c]` in a classified row.
    Cell {
        /// The annex.
        annex: usize,
        /// The row.
        row: usize,
        /// The column.
        column: usize,
        /// Whether the row is classified (a mapping with `cells`).
        classified: bool,
    },
}

impl TextField {
    /// The field path.
    pub fn path(&self) -> std::borrow::Cow<'_, str> {
        match self {
            TextField::Path(path) => std::borrow::Cow::Borrowed(path),
            other => std::borrow::Cow::Owned(other.to_string()),
        }
    }
}

impl std::fmt::Display for TextField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextField::Path(path) => f.write_str(path),
            TextField::Column { annex, column } => write!(f, "annexes[{annex}].columns[{column}]"),
            TextField::Cell { annex, row, column, classified: false } => {
                write!(f, "annexes[{annex}].rows[{row}][{column}]")
            }
            TextField::Cell { annex, row, column, classified: true } => {
                write!(f, "annexes[{annex}].rows[{row}].cells[{column}]")
            }
        }
    }
}

impl PaperSource {
    /// Every text the author wrote (not `data`), with its field and how it is printed, in
    /// reading order.
    pub fn texts(&self) -> Vec<(TextField, TextKind, &str)> {
        fn sections<'a>(path: &str, list: &'a [SectionSource], out: &mut Vec<(TextField, TextKind, &'a str)>) {
            for (i, s) in list.iter().enumerate() {
                out.push((TextField::Path(format!("{path}[{i}].heading")), TextKind::OneLine, &s.heading));
                out.push((TextField::Path(format!("{path}[{i}].body")), TextKind::Body, &s.body));
                sections(&format!("{path}[{i}].subsections"), &s.subsections, out);
            }
        }
        let named = |path: &str| TextField::Path(path.to_string());
        let mut out = vec![(named("title"), TextKind::OneLine, self.title.as_str())];
        for (name, value) in [("author", &self.author), ("team", &self.team)] {
            if let Some(value) = value {
                out.push((named(name), TextKind::OneLine, value));
            }
        }
        sections("sections", &self.sections, &mut out);
        if let Some(lead_in) = &self.recommendations.lead_in {
            out.push((named("recommendations.lead_in"), TextKind::OneLine, lead_in));
        }
        for (i, item) in self.recommendations.items.iter().enumerate() {
            out.push((TextField::Path(format!("recommendations.items[{i}].text")), TextKind::OneLine, &item.text));
        }
        for (i, a) in self.attachments.iter().enumerate() {
            out.push((TextField::Path(format!("attachments[{i}].title")), TextKind::OneLine, &a.title));
            if let Some(d) = &a.description {
                out.push((TextField::Path(format!("attachments[{i}].description")), TextKind::OneLine, d));
            }
        }
        for (a, annex) in self.annexes.iter().enumerate() {
            out.push((TextField::Path(format!("annexes[{a}].title")), TextKind::OneLine, &annex.title));
            for (c, column) in annex.columns.iter().enumerate() {
                out.push((TextField::Column { annex: a, column: c }, TextKind::Cell, column));
            }
            for (c, cell) in annex.rows_from.iter().flat_map(|f| f.cells.iter().flatten()).enumerate() {
                out.push((TextField::Path(format!("annexes[{a}].rows_from.cells[{c}]")), TextKind::Cell, cell));
            }
            for (r, row) in annex.rows.iter().enumerate() {
                let classified = matches!(row, RowSource::Classified(_));
                for (c, cell) in row.cells().iter().enumerate() {
                    out.push((TextField::Cell { annex: a, row: r, column: c, classified }, TextKind::Cell, cell));
                }
            }
        }
        out
    }
}

/// A numbered section or subsection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionSource {
    /// A name author text refers to it by, `{{ ref(id="…") }}`: letters, digits, `-` and
    /// `_`, starting with a letter; unique in the paper.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The heading text, without a number.
    pub heading: String,
    /// Markdown: paragraphs; bullet and numbered lists to any depth; **bold**, *italic*,
    /// ~~struck~~, `code`, links and web addresses; block quotes, code blocks, tables,
    /// rules, hard breaks and `####` run-in headings (set one level below the section).
    #[serde(default)]
    pub body: String,
    /// Subsections, numbered 3.1, 3.2…
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subsections: Vec<SectionSource>,
    /// Its own class, above or below the paper's base class (default: its container's); only
    /// editions of that class or higher show it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
}

/// The Recommendations section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationsSource {
    /// The sentence the items complete; defaults to "The Panel is requested to".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_in: Option<String>,
    /// What is asked, each starting with a verb.
    pub items: Vec<RecommendationSource>,
}

/// One recommendation: a verb (NOTE, AGREE, …) and the rest of its sentence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationSource {
    /// A name author text refers to it by, `{{ ref(id="…") }}`: letters, digits, `-` and
    /// `_`, starting with a letter; unique in the paper.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// NOTE, AGREE, APPROVE, CONSIDER, DISCUSS, ENDORSE or PROVIDE.
    pub verb: String,
    /// The rest of the sentence after the verb.
    pub text: String,
    /// Its own class, above or below the paper's base class (default: the base class).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
}

/// A separate document sent with the paper.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachmentSource {
    /// A name author text refers to it by, `{{ ref(id="…") }}`: letters, digits, `-` and
    /// `_`, starting with a letter; unique in the paper.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The attachment's title.
    pub title: String,
    /// Its own TLP class (required), which may be above the paper's.
    pub classification: String,
    /// What it is, shown after the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A table inside the paper.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnexSource {
    /// A name author text refers to it by, `{{ ref(id="…") }}`: letters, digits, `-` and
    /// `_`, starting with a letter; unique in the paper. Its rows are referred
    /// to by their first cell: `{{ ref(id="…", row="7") }}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The annex title, after "Annex A:".
    pub title: String,
    /// Column headings, left to right.
    pub columns: Vec<String>,
    /// Rows of cells, one per column; a cell is Markdown (paragraphs and bullet lists).
    #[serde(default)]
    pub rows: Vec<RowSource>,
    /// Instead of `rows`: the rows of a source (a spreadsheet or CSV file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows_from: Option<super::RowsFrom>,
    /// Its own class, above or below the paper's base class (default: the base class).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    /// For an annex panelpaper writes (`{actions: open}`): what was asked for.
    #[serde(skip)]
    pub generated: Option<super::Generated>,
}

/// An annex row: its cells, or its cells with a class of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RowSource {
    /// Just the cells.
    Cells(Vec<String>),
    /// Cells with a class of their own, above or below the annex's.
    Classified(ClassifiedRow),
    /// A row read from a source (`rows_from`): data, never a template. Never in YAML.
    #[serde(skip)]
    #[schemars(skip)]
    Sheet(super::SheetRow),
}

/// A row with its own class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassifiedRow {
    /// One cell per column.
    pub cells: Vec<String>,
    /// The row's class.
    pub classification: String,
}

impl Default for RowSource {
    fn default() -> Self {
        RowSource::Cells(Vec::new())
    }
}

impl RowSource {
    /// The row's cells.
    pub fn cells(&self) -> &[String] {
        match self {
            RowSource::Cells(cells)
            | RowSource::Classified(ClassifiedRow { cells, .. })
            | RowSource::Sheet(super::SheetRow { cells, .. }) => cells,
        }
    }

    /// The row's cells, to change.
    pub fn cells_mut(&mut self) -> &mut Vec<String> {
        match self {
            RowSource::Cells(cells)
            | RowSource::Classified(ClassifiedRow { cells, .. })
            | RowSource::Sheet(super::SheetRow { cells, .. }) => cells,
        }
    }

    /// The row's own class, as written (or as its source gives it).
    pub fn classification(&self) -> Option<&str> {
        match self {
            RowSource::Cells(_) => None,
            RowSource::Classified(row) => Some(&row.classification),
            RowSource::Sheet(row) => row.classification.as_deref(),
        }
    }
}
