//! Rendering benchmarks: the seed paper from YAML to Markdown (and PDF once it exists).
//! Run with `cargo bench --bench render`; quote the medians.

use criterion::{Criterion, criterion_group, criterion_main};
use panelpaper::markdown::Templates;
use panelpaper::pipeline;
use std::hint::black_box;
use std::path::Path;

fn seed_paper(c: &mut Criterion) {
    let seed = Path::new("data/meetings/secp-78/dcc-reporting.yaml");
    let templates = Templates::embedded();
    c.bench_function("seed: YAML to Markdown", |b| {
        b.iter(|| {
            let prepared = pipeline::prepare(black_box(seed)).unwrap();
            pipeline::markdown(&prepared.paper, &templates).unwrap()
        })
    });
}

criterion_group!(benches, seed_paper);
criterion_main!(benches);
