#!/usr/bin/env python3
"""Writes THIRD-PARTY-NOTICES.md: the fonts panelpaper embeds and every crate its binary
may link (normal dependencies of any platform, proc-macros included; not the dev- or
build-only ones), each with its licence and the licence texts its package ships.

  python3 scripts/notices.py          # (re)write THIRD-PARTY-NOTICES.md
  python3 scripts/notices.py --check  # exit 1 if the committed file is not what it writes

Reproducible: the crates come from Cargo.lock through `cargo metadata --locked`, the texts
from each package's own files (identical texts listed once), everything sorted, no date.
A package that ships no licence file gets the standard text of its licence, with the
authors Cargo.toml names."""

import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "THIRD-PARTY-NOTICES.md")
LICENCE_FILE = re.compile(r"^(licen[cs]e|copying|notice|unlicense)([-_.].*)?$", re.I)

FONTS = [
    ("Liberation Sans 2 (Regular, Bold, Italic, Bold Italic) and Liberation Mono 2 (Regular, Bold)",
     "SIL Open Font License 1.1", "assets/fonts/LICENSE-Liberation.txt"),
    ("DejaVu Sans (Book, Bold)", "Bitstream Vera Fonts licence, DejaVu changes in the public domain",
     "assets/fonts/LICENSE-DejaVu.txt"),
]

MIT = """Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software
without restriction, including without limitation the rights to use, copy, modify, merge,
publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
DEALINGS IN THE SOFTWARE."""

BSD3 = """Redistribution and use in source and binary forms, with or without modification, are
permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this list of
   conditions and the following disclaimer.
2. Redistributions in binary form must reproduce the above copyright notice, this list of
   conditions and the following disclaimer in the documentation and/or other materials
   provided with the distribution.
3. Neither the name of the copyright holder nor the names of its contributors may be used
   to endorse or promote products derived from this software without specific prior
   written permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS
OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE
COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL,
EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF
SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR
TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE."""


def metadata():
    run = subprocess.run(
        [os.environ.get("CARGO", "cargo"), "metadata", "--format-version", "1", "--locked"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )
    return json.loads(run.stdout)


def shipped(meta):
    """The packages reached from panelpaper through normal dependencies."""
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    root = meta["resolve"]["root"]
    seen, stack = set(), [root]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for dep in nodes[node]["deps"]:
            if any(kind["kind"] is None for kind in dep["dep_kinds"]):
                stack.append(dep["pkg"])
    seen.discard(root)
    return sorted((packages[i] for i in seen), key=lambda p: (p["name"], p["version"]))


def texts_of(package):
    """The licence texts the package ships, by file name; or the standard text."""
    folder = os.path.dirname(package["manifest_path"])
    found = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if LICENCE_FILE.match(name) and os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                found.append(f.read().strip())
    if found:
        return found
    holders = ", ".join(package.get("authors") or []) or f"the {package['name']} authors"
    licence = (package.get("license") or "").replace("/", " OR ")
    if "MIT" in licence.split():
        return [f"MIT License\n\nCopyright (c) {holders}\n\n{MIT}"]
    if "BSD-3-Clause" in licence.split():
        return [f"BSD 3-Clause License\n\nCopyright (c) {holders}\n\n{BSD3}"]
    return [f"(the package ships no licence file; its licence is {licence})"]


def normal(text):
    """The text with white space folded: the same licence laid out alike is listed once."""
    return " ".join(text.split())


def render(packages):
    lines = [
        "# Third-party notices",
        "",
        "panelpaper's binary embeds the fonts and contains the Rust crates below, each under",
        "its own licence. Generated by `python3 scripts/notices.py` from `Cargo.lock`; do not edit.",
        "",
        "## Fonts",
        "",
    ]
    for fonts, licence, path in FONTS:
        lines.append(f"- {fonts}: {licence} (`{path}`).")
    lines.append("")
    for fonts, _, path in FONTS:
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            lines += [f"### {path}", "", "```", f.read().strip(), "```", ""]
    texts = {}
    order = []
    for package in packages:
        for text in texts_of(package):
            key = normal(text)
            if key not in texts:
                texts[key] = (text, [])
                order.append(key)
            texts[key][1].append(f"{package['name']} {package['version']}")
    number = {key: n + 1 for n, key in enumerate(order)}
    lines += [f"## Crates ({len(packages)})", "", "| Crate | Version | Licence | Texts |", "|---|---|---|---|"]
    for package in packages:
        keys = [number[normal(t)] for t in texts_of(package)]
        refs = ", ".join(f"[{k}](#text-{k})" for k in keys)
        licence = (package.get("license") or "see text").replace("|", "\\|")
        lines.append(f"| {package['name']} | {package['version']} | {licence} | {refs} |")
    lines += ["", "## Licence texts", ""]
    for key in order:
        text, users = texts[key]
        lines += [f"### Text {number[key]}", "", f'<a id="text-{number[key]}"></a>Used by: {", ".join(users)}.', "", "```", text.replace("```", "'''"), "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def main():
    written = render(shipped(metadata()))
    if "--check" in sys.argv[1:]:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != written:
                print("THIRD-PARTY-NOTICES.md is out of date: run python3 scripts/notices.py", file=sys.stderr)
                sys.exit(1)
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(written)


if __name__ == "__main__":
    main()
