//! Writes a generated meeting of N papers into DIR: `cargo run --example gen-meeting -- 99 DIR`.

fn main() {
    let mut args = std::env::args().skip(1);
    let papers = args.next().and_then(|n| n.parse().ok()).unwrap_or(99);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "generated-meeting".into()));
    std::fs::create_dir_all(&dir).expect("the folder can be made");
    for (name, text) in panelpaper::sample::meeting(papers) {
        std::fs::write(dir.join(name), text).expect("the file can be written");
    }
}
