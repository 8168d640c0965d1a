#!/usr/bin/env python3
"""panelpaper against Typst 0.15 on the same content, run in alternation (one of each in
turn, so both see the same machine), whole process, outputs on tmpfs. Prints medians and
the ratio panelpaper / Typst for:

  - the seed paper, Markdown + PDF (Typst: its PDF);
  - a generated paper with a 600-row annex;
  - a generated 99-paper meeting at -j 2 (Typst: 99 processes, two at a time), and the
    same with panelpaper's pack too; the meetings' outputs go to disk (target/, as the
    targets are set on ext4), the single papers' to tmpfs.

Typst's inputs are the papers' own Markdown written as Typst by benches/typst_input.py.
Typst 0.15.1 is installed into benches/.typst (ignored by git) with
`cargo install typst-cli --version 0.15.1 --locked` when missing; if that fails the Typst
columns are skipped with a note.

Usage: python3 benches/typst.py [RUNS]   (default 30; PANELPAPER_BIN=... measures another build)
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TYPST = os.path.join(ROOT, "benches", ".typst", "bin", "typst")
# The release binary as shipped: on Linux x86_64 the static build (`cargo static-release`,
# .cargo/config.toml), elsewhere the plain one.
STATIC = sys.platform == "linux" and os.uname().machine == "x86_64"
RELEASE = os.path.join(ROOT, "target", "x86_64-unknown-linux-gnu", "release") if STATIC else os.path.join(ROOT, "target", "release")
# Another build (an earlier commit's, for a before/after) can be measured instead:
# PANELPAPER_BIN=path/to/panelpaper python3 benches/typst.py
PANELPAPER = os.environ.get("PANELPAPER_BIN") or os.path.join(RELEASE, "panelpaper")


def run(*args, **kw):
    return subprocess.run(args, check=True, cwd=ROOT, **kw)


def typst_binary():
    if os.path.exists(TYPST):
        return TYPST
    print("installing typst-cli 0.15.1 into benches/.typst (once; several minutes)...", file=sys.stderr)
    install = subprocess.run(["cargo", "install", "typst-cli", "--version", "0.15.1", "--locked", "--root",
                              os.path.join(ROOT, "benches", ".typst")], cwd=ROOT)
    if install.returncode != 0 or not os.path.exists(TYPST):
        print("note: typst-cli could not be installed; Typst is skipped", file=sys.stderr)
        return None
    return TYPST


def timed(command):
    start = time.perf_counter()
    if callable(command):
        command()
    else:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    run("cargo", "static-release" if STATIC else "build", *([] if STATIC else ["--release"]), "-q", "--bins", "--examples")
    typst = typst_binary()
    work = tempfile.mkdtemp(prefix="panelpaper-typst-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        seed = os.path.join(ROOT, "data/meetings/secp-78/dcc-reporting.yaml")
        annex = os.path.join(work, "annex600.yaml")
        with open(annex, "w") as f:
            run(os.path.join(RELEASE, "examples", "gen-annex"), "600", stdout=f)
        meeting = os.path.join(work, "meeting")
        run(os.path.join(RELEASE, "examples", "gen-meeting"), "99", meeting)
        # Typst's inputs: each paper's Markdown as Typst.
        md = os.path.join(work, "md")
        for paper in (seed, annex):
            run(PANELPAPER, "render", paper, "-f", "md", "-o", md, "-q")
        run(PANELPAPER, "build", os.path.join(meeting, "meeting.yaml"), "-f", "md", "-o", os.path.join(md, "meeting"), "-q")
        typ = {}
        for folder in (md, os.path.join(md, "meeting")):
            for name in sorted(os.listdir(folder)):
                if name.endswith(".md") and name != "index.md":
                    target = os.path.join(work, "typ", os.path.basename(folder), name[:-3] + ".typ")
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "w") as f:
                        run(sys.executable, os.path.join(ROOT, "benches/typst_input.py"), os.path.join(folder, name), stdout=f)
                    typ[os.path.join(os.path.basename(folder), name[:-3])] = target
        seed_typ = typ["md/SECP_78_1303_29"]
        annex_typ = next(v for k, v in typ.items() if k.startswith("md/") and v != seed_typ)
        meeting_typs = [v for k, v in typ.items() if k.startswith("meeting/")]
        out = os.path.join(work, "out")
        disk = tempfile.mkdtemp(prefix="typst-bench-", dir=os.path.join(ROOT, "target"))

        def typst_meeting():
            with ThreadPoolExecutor(2) as pool:
                list(pool.map(lambda t: subprocess.run([typst, "compile", t, os.path.join(out, os.path.basename(t) + ".pdf")],
                                                       check=True, stdout=subprocess.DEVNULL), meeting_typs))

        cases = [
            ("seed paper, md+pdf", [PANELPAPER, "render", seed, "-o", out, "-q"],
             typst and [typst, "compile", seed_typ, os.path.join(out, "seed.pdf")]),
            ("600-row annex, md+pdf", [PANELPAPER, "render", annex, "-o", out, "-q"],
             typst and [typst, "compile", annex_typ, os.path.join(out, "annex.pdf")]),
            ("99-paper meeting, md+pdf, -j 2",
             [PANELPAPER, "build", os.path.join(meeting, "meeting.yaml"), "-o", disk, "-j", "2", "-q"],
             typst and typst_meeting),
            ("99-paper meeting + pack, -j 2",
             [PANELPAPER, "build", os.path.join(meeting, "meeting.yaml"), "-o", disk, "-j", "2", "-q", "--pack"],
             typst and typst_meeting),
        ]
        os.makedirs(out, exist_ok=True)
        print(f"{'':34} {'panelpaper':>12} {'Typst 0.15':>12} {'ratio':>7}   (medians of {runs} alternating runs)")
        for name, ours, theirs in cases:
            mine, others = [], []
            for i in range(runs + 2):
                pair = [(mine, ours), (others, theirs)] if i % 2 == 0 else [(others, theirs), (mine, ours)]
                for samples, command in pair:
                    if command:
                        t = timed(command)
                        if i >= 2:  # two warm-up rounds
                            samples.append(t)
            a = statistics.median(mine)
            if others:
                b = statistics.median(others)
                print(f"{name:34} {a:10.2f} ms {b:10.2f} ms {a / b:7.3f}")
            else:
                print(f"{name:34} {a:10.2f} ms {'skipped':>12}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if "disk" in locals():
            shutil.rmtree(disk, ignore_errors=True)


if __name__ == "__main__":
    main()
