#!/usr/bin/env bash
# Every output of the example meeting and of the comparisons, made by one binary into one
# folder, so that two builds can be compared file by file (`diff -r`): a change that means
# to keep the outputs' bytes shows it here.
# Usage: bash benches/outputs.sh BIN DIR
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "$1")
out=$2
rm -rf "$out"
mkdir -p "$out"
meeting=data/meetings/secp-78/meeting.yaml
seed=data/meetings/secp-78/dcc-reporting.yaml
"$bin" -q build "$meeting" -o "$out/meeting" -f md,pdf,html,docx --pack
"$bin" -q build "$meeting" -o "$out/green" -f md,pdf,html,docx --pack --edition GREEN
"$bin" -q render tests/fixtures/minimal.yaml tests/fixtures/classified.yaml tests/fixtures/unicode.yaml \
    tests/fixtures/corpus.yaml tests/fixtures/rtl.yaml -o "$out/fixtures" -f md,pdf,html,docx 2>/dev/null
"$bin" -q build tests/fixtures/meetings/tagged/meeting.yaml -o "$out/tagged" -f md,pdf,html,docx --pack
for draft in tests/fixtures/drafts/*.yaml; do
    name=$(basename "$draft" .yaml)
    old=$seed
    [ "$name" = reordered ] && old=tests/fixtures/minimal.yaml
    [ "$name" = every-part-old ] && continue
    [ "$name" = every-part-new ] && old=tests/fixtures/drafts/every-part-old.yaml
    for format in text md pdf html docx; do
        "$bin" diff "$old" "$draft" -f "$format" -o "$out/diff-$name.$format" || [ $? -eq 1 ]
    done
done
# A meeting compared with a later draft of itself: one paper's figure changed.
next=$(mktemp -d)
trap 'rm -rf "$next"' EXIT
cp data/meetings/secp-78/*.yaml "$next"
sed -i 's/did not review the January report/did not review the February report/' "$next/dcc-reporting.yaml"
for format in text md pdf html docx; do
    "$bin" diff "$meeting" "$next/meeting.yaml" -f "$format" -o "$out/diff-meeting.$format" || [ $? -eq 1 ]
done
