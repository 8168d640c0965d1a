#!/usr/bin/env python3
"""Time per page from about 60 to about 3,200 pages: a generated paper whose annex has
600 to 32,000 rows, rendered to Markdown and PDF (outputs on tmpfs), whole process, median
of RUNS runs each. Prints pages, median, milliseconds per page and that against the
smallest. The page count is read from the PDF itself (its page objects, inflated from the
object streams).

Usage: python3 benches/pages.py [RUNS]   (default 5)
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATIC = sys.platform == "linux" and os.uname().machine == "x86_64"
RELEASE = os.path.join(ROOT, "target", "x86_64-unknown-linux-gnu", "release") if STATIC else os.path.join(ROOT, "target", "release")


def pages(pdf):
    data = open(pdf, "rb").read()
    count = 0
    for match in re.finditer(rb"/Type/ObjStm[^>]*>>\nstream\n", data):
        length = int(re.search(rb"/Length (\d+)", match.group(0)).group(1))
        body = zlib.decompress(data[match.end():match.end() + length])
        count += len(re.findall(rb"/Type ?/Page(?![s\w])", body))
    return count


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    build = ["cargo", "static-release"] if STATIC else ["cargo", "build", "--release"]
    subprocess.run(build + ["-q", "--bin", "panelpaper", "--example", "gen-annex"], check=True, cwd=ROOT)
    binary = os.path.join(RELEASE, "panelpaper")
    work = tempfile.mkdtemp(prefix="panelpaper-pages-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    first = None
    print(f"{'rows':>6} {'pages':>6} {'median':>10} {'per page':>10} {'vs first':>9}")
    for rows in (600, 3000, 12000, 32000):
        paper = os.path.join(work, f"annex{rows}.yaml")
        with open(paper, "w") as f:
            subprocess.run([os.path.join(RELEASE, "examples", "gen-annex"), str(rows)], stdout=f, check=True)
        out = os.path.join(work, f"out{rows}")
        times = []
        for _ in range(runs + 1):
            start = time.perf_counter()
            subprocess.run([binary, "render", paper, "-o", out, "-q"], check=True)
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times[1:])
        count = pages(os.path.join(out, [n for n in os.listdir(out) if n.endswith(".pdf")][0]))
        per_page = median / count
        first = first or per_page
        print(f"{rows:>6} {count:>6} {median:>8.1f} ms {per_page:>7.3f} ms {per_page / first:>8.2f}x")
        subprocess.run(["rm", "-rf", out, paper])
    os.rmdir(work)


if __name__ == "__main__":
    main()
