"""The rendered book against validators nobody here wrote: the Nu Html Checker and pa11y.

* ``vnu`` (the Nu Html Checker, npm package ``vnu-jar``, run with Java): no error on any page;
* ``pa11y`` (WCAG 2 AA with HTML_CodeSniffer, npm package ``pa11y``, driving Debian's Chromium
  through ``tests/node/pa11y.cjs``): no error on any page.

The pages are those of the browser tests (``book_pages`` in conftest.py: every _toc.yml entry,
the search page and the general index), read from the session's build (the ``html`` fixture;
nothing is written to it). What makes them pass is in ``nexus.sphinxext.tidy_page`` (the
post-build step), ``theme/`` and ``_templates/``; the unit tests below check that step on small
snippets, without a build.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, book_pages

from nexus.sphinxext import tidy_page

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y = ROOT / "tests" / "node" / "pa11y.cjs"
CHROMIUM = Path(os.environ.get("NEXUS_CHROMIUM", "/usr/bin/chromium"))


def _report(problems: dict[str, list]) -> str:
    return "\n".join(f"{page} ({len(items)}):\n    " + "\n    ".join(map(str, items[:8]))
                     for page, items in problems.items() if items)


def test_nu_html_checker_finds_no_error(html, root):
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is needed for the Nu Html Checker (apt-get install default-jre-headless)")
    if not VNU.is_file():
        pytest.fail(f"vnu.jar not found at {VNU} (run `npm ci` in the repository root)")
    pages = book_pages(html, root)
    proc = subprocess.run([java, "-jar", str(VNU), "--format", "json", *pages], cwd=html,
                          capture_output=True, text=True, timeout=600)
    messages = json.loads(proc.stderr)["messages"]
    problems: dict[str, list] = {}
    for m in messages:
        if m.get("type") == "error" or m.get("subType") == "fatal":
            page = os.path.relpath(m.get("url", "?").removeprefix("file:"), html)
            problems.setdefault(page, []).append(f"line {m.get('lastLine')}: {m['message']}")
    assert not problems, _report(problems)
    assert len(pages) >= 20


def test_pa11y_finds_no_wcag2aa_error(html, root, server):
    node = shutil.which("node")
    if not node:
        pytest.fail("Node.js is needed for pa11y (apt-get install nodejs npm)")
    if not (ROOT / "node_modules" / "pa11y").is_dir():
        pytest.fail("pa11y not found in node_modules (run `npm ci` in the repository root)")
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set NEXUS_CHROMIUM)")
    pages = book_pages(html, root)
    proc = subprocess.run([node, str(PA11Y), str(CHROMIUM), server, *pages], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout)
    assert sorted(found) == sorted(pages)
    problems = {page: [f"{i['code']}: {i['message']} [{i['selector']}]" for i in issues]
                for page, issues in found.items()}
    assert not any(problems.values()), _report(problems)


def test_pandas_tables_have_one_header_row_and_no_style(html, root):
    n_tables = 0
    for rel in book_pages(html, root):
        soup = BeautifulSoup((html / rel).read_text(encoding="utf-8"), "html.parser")
        assert not soup.select("style[scoped]"), rel
        for table in soup.select("table.dataframe"):
            n_tables += 1
            assert len(table.select("thead > tr")) == 1, (rel, str(table)[:300])
            assert all(th.get("scope") in ("col", "row") for th in table.find_all("th")), rel
    assert n_tables >= 5


# --------------------------------------------------------------------------- the post-build step

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Chapter — Book</title></head><body>
<div class="onlyprint" id="jb-print-docs-body"><h1></h1></div>
<form class="bd-search" action="search.html" method="get"><i class="fa-solid fa-magnifying-glass"></i>
<input type="search" name="q" aria-label="Search"/></form>
<details class="admonition hide above-input"><summary aria-label="Toggle hidden content">
<p class="collapsed admonition-title">Show code cell source</p>
<p class="expanded admonition-title">Hide code cell source</p></summary><div>code</div></details>
<div class="exercise admonition" id="ex-1"><section id="exercise-content"><p>a</p></section></div>
<div class="exercise admonition" id="ex-2"><section id="exercise-content"><p>b</p></section></div>
<div class="solution admonition" id="ch-solution-1"><section id="solution-content"><p>c</p></section></div>
<div class="output text_html"><div>
<style scoped>.dataframe thead th { text-align: right; }</style>
<table border="1" class="dataframe"><thead>
<tr style="text-align: right;"><th></th><th>value</th></tr>
<tr><th>year</th><th></th></tr></thead>
<tbody><tr><th>2015</th><td>1</td></tr></tbody></table></div></div>
</body></html>
"""


def test_tidy_page_fixes_what_the_validators_found():
    soup = BeautifulSoup(tidy_page(PAGE), "html.parser")
    assert not soup.select("summary p") and len(soup.select("summary > span.admonition-title")) == 2
    ids = [e["id"] for e in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert {"ex-1-content", "ex-2-content", "ch-solution-1-content"} <= set(ids)
    assert not soup.find("style")
    table = soup.find("table")
    assert "border" not in table.attrs
    rows = table.select("thead tr")
    assert len(rows) == 1 and [th.get_text() for th in rows[0].find_all("th")] == ["year", "value"]
    assert [th["scope"] for th in table.find_all("th")] == ["col", "col", "row"]
    button = soup.select_one("form.bd-search button[type=submit]")
    assert button is not None and button["aria-label"] == "Search" and button.find("i")
    assert soup.select_one("#jb-print-docs-body > h1").get_text() == "Chapter"


def test_tidy_page_is_idempotent_and_leaves_clean_pages_alone():
    once = tidy_page(PAGE)
    assert tidy_page(once) == once
    clean = "<!DOCTYPE html>\n<html lang=\"en\"><head><title>t</title></head><body><p>x &amp; y</p></body></html>\n"
    assert tidy_page(clean) == clean
