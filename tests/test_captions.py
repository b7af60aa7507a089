"""Figure captions: short (at most 35 words before the source sentence), with no code names, and
displayed at the width of the text.

A caption is the body of a ``{glue:figure}`` directive: one sentence of what the chart shows,
one of how to read it, then the source sentence ("Source: …" or "Sources: …") with its
citation, then the download link. A parameter of the chapter is named as what it means ("the
years compared"), never as the variable that holds it (``WINDOW``).
"""
from __future__ import annotations

import re

import nbformat
import pytest

from nexus.nbtools import chapters

MAX_WORDS = 35
FENCE = re.compile(r"^(:{3,})\{glue:figure\}\s*(\S+)\s*\n(.*?)^\1\s*$", re.M | re.S)
ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
SOURCE = re.compile(r"(?:^|(?<=[.!?)]\s))Sources?\b")
BACKTICKED = re.compile(r"`[^`]+`")
# an ALL_CAPS name with an underscore (VETO_FROM), or a capitalised word of a code cell's
# parameters shown as code; acronyms (UNGA, CINC, ICEWS) have no underscore and are allowed
CAPS_NAME = re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")


def figures(path) -> list[tuple[str, dict[str, str], str]]:
    """(name, options, caption) of every {glue:figure} directive of a notebook."""
    nb = nbformat.read(path, as_version=4)
    found = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for m in FENCE.finditer(cell.source):
            options, body = {}, []
            for line in m.group(3).splitlines():
                opt = re.match(r"^:([\w-]+):\s*(.*)$", line)
                if opt and not body:
                    options[opt.group(1)] = opt.group(2)
                else:
                    body.append(line)
            found.append((m.group(2), options, " ".join(body).strip()))
    return found


def before_source(caption: str) -> str:
    """The caption up to its source sentence."""
    m = SOURCE.search(caption)
    return caption[: m.start()] if m else caption


def words(text: str) -> int:
    """Words a reader reads: a citation counts as none, any other role as its text."""
    text = ROLE.sub(lambda m: "" if m.group(1).startswith("cite") else "x", text)
    return len(re.findall(r"[^\W_]+(?:[’'–-][^\W_]+)*", text))


def code_names(caption: str) -> list[str]:
    text = ROLE.sub("", caption)  # roles ({cite:p}`key`, {download}`…`) are markup, not code
    return BACKTICKED.findall(text) + CAPS_NAME.findall(text)


ALL = [(p.stem, *f) for p in chapters() for f in figures(p)]


def test_every_chapter_figure_is_found():
    assert len(ALL) >= 40
    assert all(caption for *_, caption in ALL)


@pytest.mark.parametrize(("chapter", "name", "options", "caption"), ALL, ids=[f[1] for f in ALL])
def test_caption_is_short_and_has_no_code_names(chapter, name, options, caption):
    head = before_source(caption)
    assert head != caption, f"{name}: no source sentence (Source: … / Sources: …)"
    n = words(head)
    assert n <= MAX_WORDS, f"{name}: {n} words before the source sentence (at most {MAX_WORDS})"
    assert not code_names(caption), f"{name}: code names in the caption: {code_names(caption)}"


@pytest.mark.parametrize(("chapter", "name", "options", "caption"), ALL, ids=[f[1] for f in ALL])
def test_figure_is_shown_at_the_width_of_the_text(chapter, name, options, caption):
    """The PNG is 2x the displayed size: the directive sets the displayed width, so a
    high-density PNG is never shown at twice its size."""
    assert options.get("width") == "100%", f"{name}: add ':width: 100%' to the directive"


def test_the_checks_can_fail():
    long = " ".join(["word"] * (MAX_WORDS + 1)) + ". Source: X {cite:p}`key`."
    assert words(before_source(long)) == MAX_WORDS + 1
    assert words("Three short words {cite:p}`a,b`.") == 3
    assert before_source("A chart. Sources: X and Y.") == "A chart. "
    assert before_source("The Source of it. Source: X.") == "The Source of it. "
    assert code_names("The years `WINDOW` compared. Source: X {cite:p}`k`.") == ["`WINDOW`"]
    assert code_names("Vetoes since VETO_FROM. Source: X.") == ["VETO_FROM"]
    assert not code_names("UNGA roll calls, CINC, ICEWS. Source: X {cite:p}`k`. {download}`d <f.csv>`.")
    md = ":::{glue:figure} fig-x\n:name: fig-x\n:alt: Alt.\n\nCaption. Source: X.\n:::\n"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(md)])
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x.ipynb"
        nbformat.write(nb, path)
        assert figures(path) == [("fig-x", {"name": "fig-x", "alt": "Alt."}, "Caption. Source: X.")]
