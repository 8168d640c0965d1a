#!/usr/bin/env bash
# Worst cases of the hardening issue, each at three sizes: time (median of 3 runs) and peak
# memory of the release binary, so that growth can be read off as linear (or constant
# where the input is refused before the work). Needs GNU time (apt-get install time).
# Usage: bash benches/worst.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin panelpaper --example gen-annex
bin=target/release/panelpaper
gen=target/release/examples/gen-annex
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seed=data/meetings/secp-78/dcc-reporting.yaml

# median seconds and peak KB of `$bin render FILE` (exit code ignored: refusals count too)
measure() {
  local file=$1 times=() kb=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/t" "$bin" render "$file" -o "$work/out" >/dev/null 2>&1 || true
    # GNU time puts "Command exited with non-zero status" first for a refused input.
    read -r s k < <(tail -n 1 "$work/t")
    times+=("$s"); kb=$k
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)" "$kb"
}

printf '%-34s %10s %10s %12s\n' case size seconds "peak KB"
for depth in 5000 20000 80000; do
  python3 - "$seed" "$depth" > "$work/nest.yaml" <<'PY'
import sys
seed, d = open(sys.argv[1]).read(), int(sys.argv[2])
print(seed.replace("data:\n", "data:\n  deep: " + "[" * d + "]" * d + "\n", 1))
PY
  read -r s k < <(measure "$work/nest.yaml")
  printf '%-34s %10s %10s %12s\n' "nested brackets (refused)" "$depth" "$s" "$k"
done
for words in 250000 500000 1000000; do
  python3 - "$seed" "$words" > "$work/title.yaml" <<'PY'
import sys
seed, n = open(sys.argv[1]).read(), int(sys.argv[2])
print(seed.replace("title: DCC Reporting", "title: " + " ".join(["word"] * n), 1))
PY
  read -r s k < <(measure "$work/title.yaml")
  printf '%-34s %10s %10s %12s\n' "title words (refused)" "$words" "$s" "$k"
done
for words in 100000 200000 400000; do
  python3 - "$seed" "$words" > "$work/body.yaml" <<'PY'
import sys
seed, n = open(sys.argv[1]).read(), int(sys.argv[2])
lines = "\n      ".join(" ".join(["word"] * 50) for _ in range(n // 50))
print(seed.replace("      This paper details which", "      " + lines + " This paper details which", 1))
PY
  read -r s k < <(measure "$work/body.yaml")
  printf '%-34s %10s %10s %12s\n' "body words, 50 a line (rendered)" "$words" "$s" "$k"
done
for rows in 25000 50000 100000; do
  "$gen" "$rows" short > "$work/annex.yaml"
  read -r s k < <(measure "$work/annex.yaml")
  printf '%-34s %10s %10s %12s\n' "annex rows (rendered)" "$rows" "$s" "$k"
done
