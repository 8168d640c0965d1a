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

# Issue 25's worst cases. `check` (or the command named) on each, as its size doubles.
measure_cmd() {
  local times=() kb=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1 || true
    read -r s k < <(tail -n 1 "$work/t")
    times+=("$s"); kb=$k
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)" "$kb"
}
for depth in 5000 10000 20000; do
  python3 - "$seed" "$depth" > "$work/quotes.yaml" <<'PY'
import sys
seed, d = open(sys.argv[1]).read(), int(sys.argv[2])
nested = "".join("> " if i % 2 == 0 else "- " for i in range(d)) + "innermost"
print(seed.replace("      This paper details which", "      " + nested + "\n\n      This paper details which", 1))
PY
  read -r s k < <(measure "$work/quotes.yaml")
  printf '%-34s %10s %10s %12s\n' "nested quotes/lists (refused)" "$depth" "$s" "$k"
done
for mb in 4 8 15; do
  python3 - "$seed" "$mb" > "$work/brackets.yaml" <<'PY'
import sys
seed, mb = open(sys.argv[1]).read(), int(sys.argv[2])
line = "[<" * 100000
lines = "\n\n      ".join([line] * (mb * 1024 * 1024 // (len(line) + 8)))
print(seed.replace("      This paper details which", "      " + lines + "\n\n      This paper details which", 1))
PY
  read -r s k < <(measure_cmd "$bin" check "$work/brackets.yaml")
  printf '%-34s %10s %10s %12s\n' "[/< pattern lines, MB (check)" "$mb" "$s" "$k"
done
for urls in 20000 40000 80000; do
  python3 - "$seed" "$urls" > "$work/urls.yaml" <<'PY'
import sys
seed, n = open(sys.argv[1]).read(), int(sys.argv[2])
lines = "\n\n      ".join(" ".join(f"https://example.org/{i * 10 + k}" for k in range(10)) for i in range(n // 10))
print(seed.replace("      This paper details which", "      " + lines + "\n\n      This paper details which", 1))
PY
  read -r s k < <(measure "$work/urls.yaml")
  printf '%-34s %10s %10s %12s\n' "distinct URLs (rendered)" "$urls" "$s" "$k"
done
for rows in 8000 16000 32000; do
  "$gen" "$rows" short > "$work/a.yaml"
  python3 - "$work/a.yaml" > "$work/b.yaml" <<'PY'
import random, sys
head, rows = open(sys.argv[1]).read().split("    rows:\n", 1)
lines = rows.split("\n")
rows, rest = [l for l in lines if l.startswith("      - ")], [l for l in lines if not l.startswith("      - ")]
random.seed(1)
random.shuffle(rows)
print(head + "    rows:\n" + "\n".join(rows) + "\n" + "\n".join(rest))
PY
  for format in text docx; do
    read -r s k < <(measure_cmd "$bin" diff "$work/a.yaml" "$work/b.yaml" -f "$format" -o "$work/d.$format")
    printf '%-34s %10s %10s %12s\n' "shuffled rows, diff -f $format" "$rows" "$s" "$k"
  done
done
for papers in 4 8 16; do
  rm -rf "$work/meeting" && mkdir -p "$work/meeting"
  {
    printf 'committee: SECP\ncommittee_name: SEC Panel\nmeeting: 90\ndate: 2021-03-12\nfirst_number: 1\n'
    printf 'defaults:\n  author: A. Author\n  team: SECAS Team\n  date: 2021-03-05\npapers:\n'
    for n in $(seq "$papers"); do printf '  - file: p%s.yaml\n' "$n"; done
  } > "$work/meeting/meeting.yaml"
  for n in $(seq "$papers"); do
    "$gen" 3000 | grep -v -E '^(committee|meeting|meeting_date|number|reference):' > "$work/meeting/p$n.yaml"
  done
  read -r s k < <(measure_cmd "$bin" build "$work/meeting/meeting.yaml" -o "$work/packout" -f pdf --pack --force)
  printf '%-34s %10s %10s %12s\n' "pack of 3,000-row papers" "$papers" "$s" "$k"
done
