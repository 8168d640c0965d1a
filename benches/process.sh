#!/usr/bin/env bash
# Whole-process timings (hyperfine, median) and peak memory (GNU time) of the release
# binary: the seed paper, and a generated paper with a 600-row annex (about 60 pages).
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/panelpaper
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --release -q --example gen-annex -- 600 > "$work/annex600.yaml"

run() { # name, args...
  local name=$1; shift
  hyperfine -N --warmup 5 --runs "${RUNS:-50}" --export-json "$work/h.json" "$bin $*" >/dev/null
  local median
  median=$(python3 -c "import json;print('%.2f' % (json.load(open('$work/h.json'))['results'][0]['median']*1000))")
  local rss
  rss=$(/usr/bin/time -f %M "$bin" "$@" 2>&1 >/dev/null | tail -1)
  printf '%-40s median %8s ms   peak RSS %6.1f MB\n' "$name" "$median" "$(echo "$rss/1024" | bc -l)"
}

run "seed paper, md+pdf" render data/meetings/secp-78/dcc-reporting.yaml -o "$work/out"
run "600-row annex, md+pdf" render "$work/annex600.yaml" -o "$work/out"
