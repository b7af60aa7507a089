"""The PDF edition (`make pdf`): it builds without warnings or LaTeX errors and reads like the book.

The `pdf` fixture builds it once per session with jupyter-book's LaTeX builder and xelatex
(`-W -n --keep-going`, like the HTML build); NEXUS_PDF names an already-built PDF instead. The
checks read the PDF back with poppler's pdftotext and pdfimages.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nexus.paths import toc_files

TOOLS = ("xelatex", "latexmk", "pdftotext", "pdfimages")


def squash(text: str) -> str:
    """Letters and digits only, lower case: survives line breaks, hyphenation and capitals."""
    return re.sub(r"[\W_]+", "", text.casefold())


@pytest.fixture(scope="session")
def pdf(root, config) -> Path:
    """Build the PDF once per test session (cached execution) with -W -n --keep-going.

    If NEXUS_PDF names a file, that already-built PDF is used and nothing is built.
    """
    prebuilt = os.environ.get("NEXUS_PDF")
    if prebuilt:
        path = Path(prebuilt).resolve()
        assert path.is_file(), f"NEXUS_PDF={prebuilt} is not a file"
        return path
    missing = [t for t in TOOLS if shutil.which(t) is None]
    assert not missing, f"{missing} not found: see README.md, 'The PDF edition', for the Debian packages"
    shutil.rmtree(root / "_build" / "latex", ignore_errors=True)  # a clean LaTeX build, as in CI
    exe = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run([str(exe), "build", ".", "--builder", "pdflatex", "-W", "-n", "--keep-going"],
                          cwd=root, capture_output=True, text=True,
                          env={**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-6000:]
    sphinx_warnings = [line for line in out.splitlines() if "WARNING:" in line]
    assert not sphinx_warnings, sphinx_warnings[:10]
    target = Path(config["latex"]["latex_documents"]["targetname"]).with_suffix(".pdf").name
    path = root / "_build" / "latex" / target
    assert path.is_file(), out[-3000:]
    return path


@pytest.fixture(scope="session")
def latex_log(pdf) -> str:
    log = pdf.with_suffix(".log")
    if not log.is_file():
        pytest.skip(f"no LaTeX log next to {pdf.name}")
    return log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="session")
def pages(pdf) -> list[str]:
    """The text of every page (pdftotext, reading order)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")


@pytest.fixture(scope="session")
def text(pages) -> str:
    return "\n".join(pages)


def markdown(root: Path, doc: str) -> str:
    """The MyST text of a toc document: a page, or a notebook's markdown cells."""
    nb = root / f"{doc}.ipynb"
    if nb.is_file():
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return (root / f"{doc}.md").read_text(encoding="utf-8")


def first_heading(root: Path, doc: str) -> str:
    """The first level-1 heading of a toc document."""
    return next(ln[2:].strip() for ln in markdown(root, doc).splitlines() if ln.startswith("# "))


def test_latex_log_is_clean(latex_log):
    """No LaTeX error, no glyph missing from the fonts, no reference left unresolved."""
    assert not re.findall(r"^! .*", latex_log, flags=re.M)
    missing = sorted(set(re.findall(r"Missing character: There is no (.+?) in font", latex_log)))
    assert not missing, missing
    assert "There were undefined references" not in latex_log
    assert not re.findall(r"LaTeX Warning: (?:Hyper )?[Rr]eference `[^']+' .*undefined", latex_log)
    assert "Citation" not in " ".join(re.findall(r"LaTeX Warning: .*undefined", latex_log))


def test_title_page_has_edition_date_and_citation(pages, config):
    subs = config["parse"]["myst_substitutions"]
    released = dt.date.fromisoformat(str(subs["released"]))
    title_page = " ".join(pages[0].split())
    assert config["title"] in title_page
    assert f"Edition {subs['edition']}" in title_page
    assert f"{released.day} {released:%B} {released.year}" in title_page
    assert "How to cite" in title_page and f"edition {subs['edition']}, {released.year}" in title_page


def test_every_chapter_is_in(root, pages):
    """Each toc document's title is in the table of contents and again at its chapter."""
    docs = toc_files(root)
    assert len(docs) > 10
    body = [squash(p) for p in pages]
    for doc in docs:
        title = squash(first_heading(root, doc))
        assert title, doc
        where = [i for i, p in enumerate(body) if title in p]
        assert len(where) >= 2, f"{doc}: title found on pages {where}"


def test_no_unresolved_references_or_source_leaks(text):
    """No "??" of LaTeX, no MyST role, substitution or fence, no raw HTML in the PDF's text."""
    assert "??" not in text
    assert not re.findall(r"\{[\w:-]+\}`", text)          # a role left as source: {cite:p}`key`
    assert not re.findall(r"\{\{\s*\w+\s*\}\}", text)    # a substitution: {{ edition }}
    assert not re.findall(r"^(?:```|:::)", text, flags=re.M)
    for leak in ("<div", "<script", "<noscript", "</p>", "plotly.min.js"):
        assert leak not in text, leak


def test_bibliography_lists_every_entry(root, pages):
    from pybtex.database import parse_file
    from pybtex.richtext import Text

    start = max(i for i, p in enumerate(pages) if squash(p).startswith("bibliography"))
    bib = squash(" ".join(pages[start:start + 40]))
    entries = parse_file(str(root / "references.bib"), bib_format="bibtex").entries
    assert len(entries) > 20
    for key, entry in entries.items():
        title = squash(Text.from_latex(entry.fields["title"]).render_as("text"))
        assert title[:40] in bib, key


def test_every_figure_is_embedded_with_its_caption(root, pdf, text):
    directives = 0
    sourced = 0
    for doc in toc_files(root):
        src = markdown(root, doc)
        glued = len(re.findall(r"^(?:```|:::)\{glue:figure\}", src, flags=re.M))
        directives += glued + len(re.findall(r"^(?:```|:::)\{figure\}", src, flags=re.M))
        sourced += glued
    assert directives >= 40
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    images = [row for row in listing if row.split()[2] == "image"]
    assert len(images) >= directives, (len(images), directives)
    captions = re.findall(r"^Figure (\d+): (.+?)(?:\n\n|\Z)", text, flags=re.M | re.S)
    assert sorted({int(n) for n, _ in captions}) == list(range(1, directives + 1))
    # the glued chart captions end with their source line
    assert sum("Source" in body for _, body in captions) >= sourced


def test_timeline_page_is_the_print_version(root, text):
    """The interactive chart and its instructions are HTML only; the PDF has the static figure."""
    page = (root / "pages" / "timeline.md").read_text(encoding="utf-8")
    assert "{only} html" in page and "{only} latex" in page
    flat = squash(text)
    assert squash("drag across the chart") not in flat
    assert squash("In the web edition of the book this chart is interactive") in flat


def test_data_paths_in_print_exist(root, pdf):
    """In print a figure's download link becomes a path; a reader must find that file from the
    repository root."""
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # a path may be broken across lines anywhere: read the characters after each label, no spaces
    # (the label itself may break between its words too)
    after = [re.sub(r"\s+", "", chunk[:160]) for chunk in re.split(r"The\s+data\s+plotted:", raw)[1:]]
    paths = [m.group(1) for m in (re.match(r"((?:[\w.-]+/)+[\w.-]+?\.csv)", a) for a in after) if m]
    assert len(paths) == len(after), [a[:60] for a in after if not re.match(r"(?:[\w.-]+/)+", a)][:5]
    assert len(paths) >= 40, f"only {len(paths)} data paths found in the PDF"
    missing = [p for p in paths if not (root / p).is_file()]
    assert not missing, f"paths in the PDF that are not files of the repository: {missing[:5]}"
