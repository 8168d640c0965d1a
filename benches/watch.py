#!/usr/bin/env python3
"""Time from a save to the rebuilt file in `panelpaper watch`: the seed's meeting (six
papers) and a generated 99-paper meeting, one paper's title changed each time (its page
and the paper list are rewritten), measured from the write to the moment the new title
is in the output (polled every 0.2 ms). Prints the median and the spread of 30 saves.

Run from anywhere after `cargo build --release --examples`:  python3 benches/watch.py
"""
import os, shutil, statistics, subprocess, sys, tempfile, time, glob

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(root, "target/release/panelpaper")
runs = int(os.environ.get("RUNS", "30"))


def measure(name, meeting_dir, formats):
    out = os.path.join(meeting_dir, "..", "out-" + formats.replace(",", ""))
    proc = subprocess.Popen([binary, "watch", os.path.join(meeting_dir, "meeting.yaml"), "-o", out, "-f", formats],
                            stderr=subprocess.PIPE, text=True)
    try:
        while "built" not in proc.stderr.readline():
            pass
        paper = sorted(p for p in glob.glob(os.path.join(meeting_dir, "*.yaml")) if not p.endswith("meeting.yaml"))[-1]
        text = open(paper).read()
        title = next(l for l in text.splitlines() if l.startswith("title:"))
        target = os.path.join(out, "index.html" if "html" in formats else "index.md")
        times = []
        for i in range(runs):
            marker = f"Revision{i}x"
            with open(paper, "w") as f:
                f.write(text.replace(title, f"{title} {marker}", 1))
            start = time.perf_counter()
            while True:
                try:
                    if marker in open(target).read():
                        break
                except FileNotFoundError:
                    pass
                time.sleep(0.0002)
            times.append((time.perf_counter() - start) * 1000)
            time.sleep(0.05)
        times.sort()
        print(f"{name:<44} -f {formats:<12} save to rebuilt: median {statistics.median(times):6.1f} ms "
              f"(min {times[0]:.1f}, max {times[-1]:.1f}, {runs} saves)")
    finally:
        proc.kill()
        proc.wait()


with tempfile.TemporaryDirectory() as work:
    seed = os.path.join(work, "seed")
    shutil.copytree(os.path.join(root, "data/meetings/secp-78"), seed)
    generated = os.path.join(work, "generated")
    subprocess.run([os.path.join(root, "target/release/examples/gen-meeting"), "99", generated], check=True)
    for formats in ["html", "md,pdf,html"]:
        measure("seed meeting (6 papers), one paper saved", seed, formats)
        measure("99-paper meeting, one paper saved", generated, formats)
