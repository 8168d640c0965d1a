#!/usr/bin/env python3
"""The performance targets that are not ratios to Typst (those are benches/typst.py's, and
time per page is benches/pages.py's), for one release binary or for two side by side, the
runs alternating so that both see the same machine:

  - the seed paper, Markdown + PDF, outputs on tmpfs (median);
  - `--version` against `/bin/true` (median);
  - each further paper: a generated 99-paper meeting less a 1-paper one, over 98, at -j 1
    and -j 2, outputs on tmpfs;
  - the 99-paper meeting at -j 2, and with --pack, outputs on disk (target/), as the
    targets are set on ext4;
  - peak memory (GNU time's maximum resident set) of 99 papers against 1 at -j 1, and
    against 2 at -j 2 (a second thread has a working set of its own);
  - the 600-row annex, Markdown + PDF: median and peak memory.

Usage: python3 benches/targets.py [RUNS] [BINARY [BINARY]]
  RUNS (default 20) runs per figure and binary; without a binary, the static release build
  (`cargo static-release` on Linux x86_64, else `cargo build --release`) is built and used.
Needs GNU time (Debian: apt-get install time).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATIC = sys.platform == "linux" and os.uname().machine == "x86_64"
RELEASE = os.path.join(ROOT, "target", "x86_64-unknown-linux-gnu", "release") if STATIC else os.path.join(ROOT, "target", "release")
SEED = os.path.join(ROOT, "data", "meetings", "secp-78", "dcc-reporting.yaml")


def run_quiet(args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def elapsed(args):
    start = time.perf_counter()
    run_quiet(args)
    return (time.perf_counter() - start) * 1000


def peak_kib(args):
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, *args], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(out.read().split()[-1])


def alternate(binaries, runs, make_args, measure=elapsed, warmup=2):
    """Median of `measure` per binary, the binaries taking turns run by run."""
    for binary in binaries:
        for _ in range(warmup):
            measure(make_args(binary))
    samples = {binary: [] for binary in binaries}
    for _ in range(runs):
        for binary in binaries:
            samples[binary].append(measure(make_args(binary)))
    return [statistics.median(samples[binary]) for binary in binaries]


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    binaries = sys.argv[2:4]
    if not binaries:
        cargo = ["cargo", "static-release"] if STATIC else ["cargo", "build", "--release"]
        subprocess.run(cargo + ["-q", "--bin", "panelpaper"], check=True, cwd=ROOT)
        binaries = [os.path.join(RELEASE, "panelpaper")]
    cargo = ["cargo", "static-release"] if STATIC else ["cargo", "build", "--release"]
    subprocess.run(cargo + ["-q", "--example", "gen-annex", "--example", "gen-meeting"], check=True, cwd=ROOT)
    shm = "/dev/shm" if os.path.isdir("/dev/shm") else None
    work = tempfile.mkdtemp(prefix="panelpaper-targets-", dir=shm)
    disk = tempfile.mkdtemp(prefix="panelpaper-targets-", dir=os.path.join(ROOT, "target"))
    try:
        meetings = {}
        for papers in (1, 2, 99):
            folder = os.path.join(work, f"meeting{papers}")
            run_quiet([os.path.join(RELEASE, "examples", "gen-meeting"), str(papers), folder])
            meetings[papers] = os.path.join(folder, "meeting.yaml")
        annex = os.path.join(work, "annex600.yaml")
        with open(annex, "w") as f:
            subprocess.run([os.path.join(RELEASE, "examples", "gen-annex"), "600"], stdout=f, check=True)
        out, out_disk = os.path.join(work, "out"), os.path.join(disk, "out")

        def build(papers, jobs, where=out, *extra):
            return lambda b: [b, "build", meetings[papers], "-o", where, "-j", str(jobs), "-q", *extra]

        rows = []
        rows.append(("seed paper, md+pdf (ms)", alternate(binaries, runs, lambda b: [b, "render", SEED, "-o", out, "-q"])))
        true = alternate(["/bin/true"], runs * 5, lambda b: [b])[0]
        version = alternate(binaries, runs * 5, lambda b: [b, "--version"])
        rows.append((f"--version (ms; /bin/true {true:.2f})", version))
        for jobs in (1, 2):
            one = alternate(binaries, runs, build(1, jobs))
            many = alternate(binaries, max(runs // 4, 5), build(99, jobs))
            rows.append((f"each further paper, -j {jobs} (ms)", [(m - o) / 98 for m, o in zip(many, one)]))
        rows.append(("99 papers, -j 2, disk (ms)", alternate(binaries, max(runs // 4, 5), build(99, 2, out_disk))))
        rows.append(("99 papers + pack, -j 2, disk (ms)",
                     alternate(binaries, max(runs // 4, 5), build(99, 2, out_disk, "--pack"))))
        peaks = lambda papers, jobs: alternate(binaries, 3, build(papers, jobs), measure=peak_kib, warmup=0)
        one, many = peaks(1, 1), peaks(99, 1)
        rows.append(("peak memory, 1 paper, -j 1 (MB)", [k / 1024 for k in one]))
        rows.append(("peak memory, 99 papers, -j 1 (MB)", [k / 1024 for k in many]))
        rows.append(("  99 against 1 (MB)", [(m - o) / 1024 for m, o in zip(many, one)]))
        two, many = peaks(2, 2), peaks(99, 2)
        rows.append(("  99 against 2 papers, -j 2 (MB)", [(m - o) / 1024 for m, o in zip(many, two)]))
        rows.append(("600-row annex, md+pdf (ms)", alternate(binaries, runs, lambda b: [b, "render", annex, "-o", out, "-q"])))
        rows.append(("600-row annex, peak memory (MB)",
                     [k / 1024 for k in alternate(binaries, 3, lambda b: [b, "render", annex, "-o", out, "-q"],
                                                  measure=peak_kib, warmup=0)]))
        names = [os.path.relpath(b, ROOT) if b.startswith(ROOT) else b for b in binaries]
        print(f"{'':40} " + " ".join(f"{n[-28:]:>28}" for n in names) + f"   (medians of {runs} alternating runs)")
        for name, values in rows:
            print(f"{name:40} " + " ".join(f"{v:>28.2f}" for v in values))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(disk, ignore_errors=True)


if __name__ == "__main__":
    main()
