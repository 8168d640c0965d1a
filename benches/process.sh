#!/usr/bin/env bash
# Whole-process timings (hyperfine, median) and peak memory (GNU time) of the release
# binary: the seed paper; a generated paper with a 600-row annex (about 60 pages); a
# generated 99-paper meeting (paper numbers have two digits) at -j 1 and -j 2.
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time).
set -euo pipefail
cd "$(dirname "$0")/.."
# Position-dependent, as the figures in docs/performance.md were measured (build.rs).
PANELPAPER_NO_PIE=1 cargo build --release -q --bins --examples
bin=target/release/panelpaper
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/gen-annex 600 > "$work/annex600.yaml"
target/release/examples/gen-meeting 99 "$work/meeting"
sed 's/measure 300\."/measure 300, revised."/' "$work/annex600.yaml" > "$work/annex600b.yaml"

run() { # name, args... (an exit code of 1 is diff's "different", not a failure)
  local name=$1; shift
  hyperfine -N -i --warmup 3 --runs "${RUNS:-30}" --export-json "$work/h.json" "$bin $*" >/dev/null 2>&1
  local median rss
  median=$(python3 -c "import json;print('%.2f' % (json.load(open('$work/h.json'))['results'][0]['median']*1000))")
  /usr/bin/time -f %M -o "$work/rss" "$bin" "$@" >/dev/null 2>&1 || true
  rss=$(tail -1 "$work/rss")
  printf '%-40s median %8s ms   peak RSS %6.1f MB\n' "$name" "$median" "$(echo "$rss/1024" | bc -l)"
}

run "seed paper, md+pdf" render data/meetings/secp-78/dcc-reporting.yaml -o "$work/out"
# Creating files costs ~0.8 ms each on some virtual disks: the same run with outputs in memory.
if [ -d /dev/shm ]; then
  shm=$(mktemp -d -p /dev/shm)
  run "seed paper, md+pdf, outputs on tmpfs" render data/meetings/secp-78/dcc-reporting.yaml -o "$shm"
  rm -rf "$shm"
fi
run "seed paper, html" render data/meetings/secp-78/dcc-reporting.yaml -o "$work/out" -f html
if [ -d /dev/shm ]; then
  shm=$(mktemp -d -p /dev/shm)
  run "seed paper, html, outputs on tmpfs" render data/meetings/secp-78/dcc-reporting.yaml -o "$shm" -f html
  rm -rf "$shm"
fi
run "seed paper, docx" render data/meetings/secp-78/dcc-reporting.yaml -o "$work/out" -f docx
if [ -d /dev/shm ]; then
  shm=$(mktemp -d -p /dev/shm)
  run "seed paper, docx, outputs on tmpfs" render data/meetings/secp-78/dcc-reporting.yaml -o "$shm" -f docx
  rm -rf "$shm"
fi
run "600-row annex, md+pdf" render "$work/annex600.yaml" -o "$work/out"
run "600-row annex, docx" render "$work/annex600.yaml" -o "$work/out" -f docx
run "99-paper meeting, md+pdf, -j 1" build "$work/meeting/meeting.yaml" -o "$work/m1" -j 1
run "99-paper meeting, md+pdf, -j 2" build "$work/meeting/meeting.yaml" -o "$work/m2" -j 2
run "99-paper meeting, html, -j 2" build "$work/meeting/meeting.yaml" -o "$work/m4" -j 2 -f html
run "99-paper meeting + pack, -j 2" build "$work/meeting/meeting.yaml" -o "$work/m3" -j 2 --pack
run "diff seed drafts, text" diff data/meetings/secp-78/dcc-reporting.yaml tests/fixtures/drafts/figure.yaml
run "diff seed drafts, pdf" diff data/meetings/secp-78/dcc-reporting.yaml tests/fixtures/drafts/figure.yaml -f pdf -o "$work/d.pdf"
run "diff seed drafts, docx" diff data/meetings/secp-78/dcc-reporting.yaml tests/fixtures/drafts/figure.yaml -f docx -o "$work/d.docx"
run "diff seed sections, docx" diff data/meetings/secp-78/dcc-reporting.yaml tests/fixtures/drafts/section.yaml -f docx -o "$work/d.docx"
run "diff 600-row annexes, text" diff "$work/annex600.yaml" "$work/annex600b.yaml"
run "diff 600-row annexes, pdf" diff "$work/annex600.yaml" "$work/annex600b.yaml" -f pdf -o "$work/d.pdf"
run "diff 600-row annexes, docx" diff "$work/annex600.yaml" "$work/annex600b.yaml" -f docx -o "$work/d.docx"
