#!/usr/bin/env bash
# Makes the fuzzers' seed corpus from the bundled papers and test fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf fuzz/corpus && mkdir -p fuzz/corpus/{render,diff,manifest}
for f in data/meetings/secp-78/*.yaml tests/fixtures/*.yaml tests/fixtures/bad/*.yaml tests/fixtures/drafts/*.yaml; do
  name=$(echo "$f" | tr '/' '_')
  if grep -q '^papers:' "$f"; then cp "$f" "fuzz/corpus/manifest/$name"; else cp "$f" "fuzz/corpus/render/$name"; fi
done
for f in tests/fixtures/meetings/*/*.yaml; do
  if grep -q '^papers:' "$f"; then cp "$f" "fuzz/corpus/manifest/$(echo "$f" | tr '/' '_')"; fi
done
seed=data/meetings/secp-78/dcc-reporting.yaml
for draft in tests/fixtures/drafts/*.yaml; do
  { cat "$seed"; printf '\n#--8<--\n'; cat "$draft"; } > "fuzz/corpus/diff/$(basename "$draft")"
done
