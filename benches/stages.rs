//! The pipeline stage by stage — load, validate, model, Markdown, layout, PDF, HTML, DOCX —
//! for the seed paper and a 600-row annex, so a change can see where its time goes. Run
//! with `cargo bench --bench stages`; quote medians. Whole runs: `benches/render.rs`,
//! whole processes: `benches/process.sh`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use panelpaper::docx::DocxOptions;
use panelpaper::load::{self, PaperSource};
use panelpaper::markdown::Templates;
use panelpaper::model::Paper;
use panelpaper::pdf::PdfOptions;
use panelpaper::pipeline::{self, Checks};
use std::hint::black_box;
use std::path::Path;

fn stages(c: &mut Criterion, name: &str, yaml: &str, samples: usize) {
    let file = Path::new("paper.yaml");
    let templates = Templates::embedded();
    let loaded = load::parse::<PaperSource>(file, yaml).unwrap();
    let (checked, _) = pipeline::validate(&loaded, Checks::default()).unwrap();
    let paper = Paper::build(checked.clone(), None);
    let markdown = templates.render_paper(&paper).unwrap();
    let doc = panelpaper::writers::parse(file, &markdown, true).unwrap();
    let layout = panelpaper::layout::layout(&doc);
    let date = PdfOptions::dated(paper.date, None);

    let mut group = c.benchmark_group(name);
    group.sample_size(samples);
    group.bench_function("load", |b| b.iter(|| load::parse::<PaperSource>(file, black_box(yaml)).unwrap()));
    group.bench_function("validate", |b| b.iter(|| pipeline::validate(black_box(&loaded), Checks::default()).unwrap()));
    group.bench_function("model", |b| {
        b.iter_batched(|| checked.clone(), |checked| Paper::build(checked, None), BatchSize::SmallInput)
    });
    group.bench_function("markdown", |b| b.iter(|| templates.render_paper(black_box(&paper)).unwrap()));
    group.bench_function("dialect parse", |b| {
        b.iter(|| panelpaper::writers::parse(file, black_box(&markdown), true).unwrap())
    });
    group.bench_function("layout", |b| b.iter(|| panelpaper::layout::layout(black_box(&doc))));
    group.bench_function("pdf", |b| {
        b.iter_batched(
            || layout.clone(),
            |layout| panelpaper::pdf::write(&layout.finish(), &date),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("html", |b| b.iter(|| panelpaper::writers::html_page(&templates, black_box(&doc)).unwrap()));
    let docx = DocxOptions::dated(paper.date, None);
    group.bench_function("docx", |b| b.iter(|| panelpaper::docx::write(black_box(&doc), &docx)));
    group.finish();
}

fn seed(c: &mut Criterion) {
    let yaml = std::fs::read_to_string("data/meetings/secp-78/dcc-reporting.yaml").unwrap();
    stages(c, "seed", &yaml, 50);
}

fn annex(c: &mut Criterion) {
    stages(c, "annex 600 rows", &panelpaper::sample::paper_with_annex(1, 600), 10);
}

criterion_group!(benches, seed, annex);
criterion_main!(benches);
