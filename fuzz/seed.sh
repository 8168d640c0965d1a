#!/usr/bin/env bash
# Makes the fuzzers' seed corpus from the bundled papers and test fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
# Adds seeds; never removes a file (the corpus keeps the inputs that once crashed).
mkdir -p fuzz/corpus/{render,diff,manifest}
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
# The HTML writer: the bundled papers' Markdown, and hostile Markdown of the tests.
mkdir -p fuzz/corpus/{html,docx_labels,diff_edition,meeting}
for f in tests/fixtures/markdown/*.md; do cp "$f" "fuzz/corpus/html/$(basename "$f")"; done
# Word with hostile names: an author and two labels, then two drafts.
for draft in tests/fixtures/drafts/*.yaml; do
  { printf 'Clerk \001\033[31m\nold \357\277\276 draft\n<new>&"\n'; cat "$seed"; printf '\n#--8<--\n'; cat "$draft"; } \
    > "fuzz/corpus/docx_labels/$(basename "$draft")"
done
# Editions compared: the classified fixtures, drafts of each other.
for pair in "tests/fixtures/classified.yaml tests/fixtures/drafts/raised.yaml" "$seed tests/fixtures/classified.yaml"; do
  set -- $pair
  { cat "$1"; printf '\n#--8<--\n'; cat "$2"; } > "fuzz/corpus/diff_edition/$(basename "$1" .yaml)-$(basename "$2")"
done
# A meeting with its papers: the example meeting in one file.
{ cat data/meetings/secp-78/meeting.yaml
  for f in data/meetings/secp-78/*.yaml; do
    [ "$(basename "$f")" = meeting.yaml ] || { printf '\n#--8<-- %s\n' "$(basename "$f")"; cat "$f"; }
  done; } > fuzz/corpus/meeting/secp-78
