#!/usr/bin/env bash
# A Linux x86_64 binary that needs nothing on the machine it runs on: glibc linked in
# statically as a static PIE (its address still randomised, unlike the position-dependent
# benchmark build `cargo static-release`), symbols stripped (the release profile), the
# fonts and templates inside. Writes target/dist/panelpaper-VERSION-x86_64-linux.tar.gz
# with the binary, README.md, LICENSE and THIRD-PARTY-NOTICES.md, and prints its path.
#
#   scripts/static-linux.sh
#
# Needs the Rust toolchain and glibc's static libraries (Debian: libc6-dev, there with
# gcc). musl is not needed; where its target is installed (`rustup target add
# x86_64-unknown-linux-musl`), TARGET=x86_64-unknown-linux-musl builds with it instead.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${TARGET:-x86_64-unknown-linux-gnu}"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
# Its own target folder: the benchmark build's flags differ, and each would rebuild the other.
cargo build --release --locked --bin panelpaper --target "$target" --target-dir target/dist \
    --config "target.$target.rustflags=['-C', 'target-feature=+crt-static']"
bin="target/dist/$target/release/panelpaper"
# Static, or say so: a binary that asks for a program interpreter (ld.so) is dynamic, and
# would not run where glibc differs.
if readelf --program-headers "$bin" | grep -q INTERP; then
    echo "error: $bin is dynamically linked" >&2
    exit 1
fi
name="panelpaper-$version-x86_64-linux"
stage="target/dist/$name"
rm -rf "$stage" && mkdir -p "$stage"
cp "$bin" README.md LICENSE THIRD-PARTY-NOTICES.md "$stage/"
# Same content, same archive: fixed owner, times and order.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='@0' -C target/dist -czf "target/dist/$name.tar.gz" "$name"
echo "target/dist/$name.tar.gz"
