//! Prints a generated paper with an N-row annex: `cargo run --example gen-annex -- 600`;
//! `-- 100000 short` for one-line rows (the worst-case benchmarks).

fn main() {
    let rows = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(600);
    if std::env::args().nth(2).as_deref() == Some("short") {
        print!("{}", panelpaper::sample::paper_with_short_annex(rows));
    } else {
        print!("{}", panelpaper::sample::paper_with_annex(1, rows));
    }
}
