//! Links the binary as a position-dependent executable. A PIE makes the loader apply some
//! 28,000 relocations and copy the pages they touch at every start; without them,
//! `panelpaper --version` takes 131 page faults instead of 263 and ends within 0.15 ms of
//! `/bin/true` (perf stat, 300 runs). The library, tests and benches are unaffected. The
//! price is that the binary's own code is not randomised in memory; its libraries, stack
//! and heap still are.

fn main() {
    println!("cargo:rustc-link-arg-bins=-no-pie");
}
