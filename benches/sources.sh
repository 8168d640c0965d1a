#!/usr/bin/env bash
# Whole process: a 600-row annex read from a workbook against the same annex typed in YAML
# (gen-annex), render md+pdf, hyperfine medians and their ratio (expected within 1.5×).
# The two papers' Markdown is checked to be the same first. Needs hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
PANELPAPER_NO_PIE=1 cargo build --release -q --bins --examples
bin=target/release/panelpaper
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rows=${ROWS:-600}
target/release/examples/gen-annex "$rows" > "$work/annex-yaml.yaml"
target/release/examples/gen-annex-xlsx "$work" "$rows"
"$bin" -q render "$work/annex-yaml.yaml" -o "$work/yaml" -f md
"$bin" -q render "$work/annex-xlsx.yaml" -o "$work/xlsx" -f md
cmp "$work/yaml/SECP_78_1303_01.md" "$work/xlsx/SECP_78_1303_01.md"
median() { # formats..., paper
  local formats=$1 paper=$2
  hyperfine -N --warmup 3 --runs "${RUNS:-30}" --export-json "$work/h.json" \
    "$bin -q render $paper -o $work/out -f $formats" >/dev/null 2>&1
  python3 -c "import json;print('%.1f' % (json.load(open('$work/h.json'))['results'][0]['median']*1000))"
}
for formats in md md,pdf; do
  yaml=$(median "$formats" "$work/annex-yaml.yaml")
  xlsx=$(median "$formats" "$work/annex-xlsx.yaml")
  ratio=$(python3 -c "print('%.2f' % ($xlsx / $yaml))")
  printf '%s-row annex, -f %-6s  YAML %7s ms   XLSX %7s ms   ratio %s\n' "$rows" "$formats" "$yaml" "$xlsx" "$ratio"
done
