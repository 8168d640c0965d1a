//! Prints a generated paper with an N-row annex: `cargo run --example gen-annex -- 600`.

fn main() {
    let rows = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(600);
    print!("{}", panelpaper::sample::paper_with_annex(1, rows));
}
