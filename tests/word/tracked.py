#!/usr/bin/python3
"""Reads DOCX files back through LibreOffice, a real word processor, driven over UNO.

Usage: /usr/bin/python3 tracked.py OUT_DIR FILE.docx...

For each FILE.docx it writes, in OUT_DIR:
  FILE.as-is.txt     the text as LibreOffice opens it
  FILE.accepted.txt  the text after Edit > Track Changes > Accept All
  FILE.rejected.txt  the text after Edit > Track Changes > Reject All
each the body (LibreOffice's own plain-text export, list labels included) followed by the
page header and footer, and FILE.pdf, the document as LibreOffice prints it.

Debian's python3-uno (with libreoffice-writer-nogui) provides `uno`; LibreOffice runs
headless in a profile of its own, so nothing of the user's is read or changed.

LibreOffice 7.4's headless build aborts (an uncaught NoSuchElementException in Writer) when
it opens any document holding a comment in a view, even one it wrote itself; accepting and
rejecting changes needs a view. So each file is opened from a copy whose comment anchors
are taken out (the comment's own part stays; nothing else changes): the comparison's
summary comment is checked from the XML by the tests instead.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import uno
import zipfile
from com.sun.star.beans import PropertyValue

COMMENT_ANCHORS = re.compile(
    rb'<w:commentRangeStart [^>]*/>|<w:commentRangeEnd [^>]*/>|<w:r><w:commentReference [^>]*/></w:r>')


def without_comment_anchors(file, copy):
    """`file` copied to `copy` with the comment anchors taken out of word/document.xml."""
    with zipfile.ZipFile(file) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = COMMENT_ANCHORS.sub(b"", data)
            out.writestr(item, data)


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.1)
    raise SystemExit("LibreOffice did not answer within 60 s")


def furniture(doc):
    """The header and footer text of the page style the document starts with."""
    style_name = doc.getText().getStart().PageStyleName
    style = doc.StyleFamilies.getByName("PageStyles").getByName(style_name)
    parts = []
    if style.HeaderIsOn:
        parts.append("--- header ---\n" + style.HeaderText.getString())
    if style.FooterIsOn:
        parts.append("--- footer ---\n" + style.FooterText.getString())
    return "\n".join(parts)


def save_text(doc, path):
    body = path + ".body"
    doc.storeToURL(uno.systemPathToFileUrl(body), (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF,,,")))
    with open(body, encoding="utf-8-sig") as f:
        text = f.read()
    os.remove(body)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n" + furniture(doc) + "\n")


def main():
    out_dir, files = sys.argv[1], sys.argv[2:]
    profile = tempfile.mkdtemp(prefix="panelpaper-lo-")
    pipe = f"panelpaper{os.getpid()}"
    # A new profile makes LibreOffice restart itself once, which would cut the bridge: the
    # profile is made by a first run that stops as soon as it is up.
    subprocess.run(["soffice", "--headless", "--terminate_after_init", "--norestore",
                    f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False)
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = connect(pipe)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for file in files:
            name = os.path.join(out_dir, os.path.splitext(os.path.basename(file))[0])
            opened = os.path.join(profile, os.path.basename(file))
            without_comment_anchors(file, opened)
            for mode, command in (("as-is", None), ("accepted", ".uno:AcceptAllTrackedChanges"),
                                  ("rejected", ".uno:RejectAllTrackedChanges")):
                doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(opened), "_blank", 0,
                                                   (prop("Hidden", True),))
                if command:
                    dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
                save_text(doc, f"{name}.{mode}.txt")
                if mode == "as-is":
                    doc.storeToURL(uno.systemPathToFileUrl(name + ".pdf"), (prop("FilterName", "writer_pdf_Export"),))
                doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as LibreOffice exits
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
