//! Rendering benchmarks, in process. Run with `cargo bench --bench render`; quote medians.
//! Whole-process times and peak memory: `benches/process.sh`.

use criterion::{Criterion, criterion_group, criterion_main};
use panelpaper::markdown::Templates;
use panelpaper::pipeline;
use std::hint::black_box;
use std::path::Path;

fn pdf(prepared: &pipeline::Prepared, markdown: &panelpaper::dialect::Markdown) -> Vec<u8> {
    let layout = panelpaper::layout::layout(&panelpaper::writers::parse(&prepared.file, markdown, true).unwrap());
    panelpaper::pdf::write(&layout.finish(), &panelpaper::pdf::PdfOptions::dated(prepared.paper.date, None))
}

fn seed_paper(c: &mut Criterion) {
    let seed = Path::new("data/meetings/secp-78/dcc-reporting.yaml");
    let templates = Templates::embedded();
    c.bench_function("seed: YAML to Markdown", |b| {
        b.iter(|| {
            let prepared = pipeline::prepare(black_box(seed)).unwrap();
            templates.render_paper(&prepared.paper).unwrap()
        })
    });
    c.bench_function("seed: YAML to Markdown and PDF", |b| {
        b.iter(|| {
            let prepared = pipeline::prepare(black_box(seed)).unwrap();
            let markdown = templates.render_paper(&prepared.paper).unwrap();
            pdf(&prepared, &markdown)
        })
    });
}

fn long_annex(c: &mut Criterion) {
    let templates = Templates::embedded();
    let mut group = c.benchmark_group("annex");
    group.sample_size(20);
    for rows in [150, 600] {
        let yaml = panelpaper::sample::paper_with_annex(1, rows);
        group.bench_function(format!("{rows} rows: YAML to Markdown and PDF"), |b| {
            b.iter(|| {
                let prepared = pipeline::prepare_text(Path::new("annex.yaml"), black_box(&yaml)).unwrap();
                let markdown = templates.render_paper(&prepared.paper).unwrap();
                pdf(&prepared, &markdown)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, seed_paper, long_annex);
criterion_main!(benches);
