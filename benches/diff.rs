//! Comparison benchmarks: two drafts of the seed paper (one figure changed) and two papers
//! with 600-row annexes (one row changed, one inserted). `cargo bench --bench diff`.

use criterion::{Criterion, criterion_group, criterion_main};
use panelpaper::diff::{Alignment, Marks, compare, paper_report, redline};
use panelpaper::markdown::Templates;
use panelpaper::pipeline::{self, Prepared};
use std::hint::black_box;
use std::path::Path;

fn prepare(name: &str, yaml: &str) -> Prepared {
    pipeline::prepare_text(Path::new(name), yaml).unwrap()
}

fn bench_pair(c: &mut Criterion, name: &str, old: &Prepared, new: &Prepared) {
    let templates = Templates::embedded();
    c.bench_function(&format!("{name}: text report"), |b| {
        b.iter(|| {
            let alignment = Alignment::of(black_box(&old.paper), black_box(&new.paper));
            paper_report("comparison", &compare(&old.paper, &new.paper, &alignment), Marks::Plain)
        })
    });
    c.bench_function(&format!("{name}: redline Markdown and PDF"), |b| {
        b.iter(|| {
            let markdown = templates
                .render_paper(&redline(&old.paper, &new.paper, &Alignment::of(&old.paper, &new.paper), "old and new"))
                .unwrap();
            let layout = panelpaper::writers::pages(Path::new("redline"), &markdown).unwrap();
            panelpaper::pdf::write(&layout.finish(), &panelpaper::pdf::PdfOptions::dated(new.paper.date, None))
        })
    });
}

fn seed(c: &mut Criterion) {
    let yaml = std::fs::read_to_string("data/meetings/secp-78/dcc-reporting.yaml").unwrap();
    let old = prepare("old.yaml", &yaml);
    let new = prepare("new.yaml", &yaml.replace("cpm1_score: 95.40%", "cpm1_score: 96.10%"));
    bench_pair(c, "seed", &old, &new);
}

fn annex600(c: &mut Criterion) {
    let yaml = panelpaper::sample::paper_with_annex(1, 600);
    let old = prepare("old.yaml", &yaml);
    let changed = yaml
        .replace("measure 300.\"", "measure 300, revised.\"")
        .replace("      - - \"451\"", "      - - \"450a\"\n        - \"**Inserted**\"\n        - \"Monthly\"\n        - \"A new row.\"\n      - - \"451\"");
    let new = prepare("new.yaml", &changed);
    assert_eq!(compare(&old.paper, &new.paper, &Alignment::of(&old.paper, &new.paper)).len(), 2);
    bench_pair(c, "600-row annex", &old, &new);
}

criterion_group!(benches, seed, annex600);
criterion_main!(benches);
