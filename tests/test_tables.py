"""The book's reference tables and cross-references read like a book's (issue #16, parts 5 and 8a).

* the events page (pages/events.md, ``nexus.appendix``): dates as a reader writes them (no
  "0800"), states by name, sources as author–year citations, the event column the widest;
* the data appendix (pages/data_appendix.md): a summary table first, the details of each file in
  a drop-down, headings in words, every ``data-<name>`` label other pages link to still there;
* a chapter's "Data used" table (``nexus.data.used``): one header row, no index, no ``<style>``,
  the same bytes each run, each file linked to its appendix entry;
* the seminar pages name exercises through a role, so the reader sees the chapter's number.

The source-level tests are the fast tier; those that read the built book (the ``html`` fixture)
or open it in Chromium are slow (``nexus.pytest_plugin``).
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from nexus import appendix, countries, data, nbtools
from nexus.appendix import NBSP
from nexus.text import date_text

ROOT = Path(__file__).resolve().parents[1]
SEMINAR = ROOT / "pages" / "seminar"
EXERCISE_LABEL = re.compile(r"\bex-\d\d-\d+\b")


@pytest.fixture(scope="module")
def events_md() -> str:
    return appendix.events_page()


@pytest.fixture(scope="module")
def appendix_md() -> str:
    return appendix.data_appendix()


def event_rows(md: str) -> list[list[str]]:
    """The body rows of the events list table: [date, kind, title, actors, source…] per row."""
    body = md[md.index("* - date and kind"):].split("\n```\n", 1)[0]
    rows = []
    for block in re.split(r"\n(?=\* - )", body)[1:]:
        cells = [c.strip() for c in re.split(r"\n  - ", block.removeprefix("* - "))]
        rows.append([p.strip() for c in cells for p in c.split("\n\n")])
    return rows


# --------------------------------------------------------------------------- 5a: the events page

def test_event_dates_are_written_as_a_reader_writes_them():
    assert date_text("0800", "century", short=True, space=NBSP) == "9th\u00a0century"
    assert date_text("1689", "year", short=True, space=NBSP) == "1689"
    assert date_text("0800", "year", short=True, space=NBSP) == "800"
    assert date_text("1828-02", "month", short=True, space=NBSP) == "Feb\u00a01828"
    assert date_text("1813-10-24", "day", short=True, space=NBSP) == "24\u00a0Oct\u00a01813"
    assert date_text("2015-07-04", "day", short=True, space=NBSP) == "4\u00a0Jul\u00a02015"
    assert date_text("2014-09", "month") == "September 2014" and date_text("2015-07-14", "day") == "14 July 2015"


def test_actors_are_named():
    assert appendix.actor_names("RUS;IRN") == "Russia, Iran"
    assert appendix.actor_names("RUS;Peter the Great") == "Russia; Peter the Great"
    with pytest.raises(KeyError, match="XYZ"):
        appendix.actor_names("XYZ")


def test_events_table_is_readable(events_md, root):
    with open(root / "data" / "events.csv", encoding="utf-8", newline="") as fh:
        events = list(csv.DictReader(fh))
    rows = event_rows(events_md)
    assert len(rows) == len(events)
    codes = set(countries.COUNTRIES)
    for row in rows:
        date = row[0]
        assert not re.match(r"0\d", date), row  # "0800" is not a year a reader writes
        assert re.fullmatch(r"(\d{1,2}\u00a0[A-Z][a-z]{2}\u00a0)?([A-Z][a-z]{2}\u00a0)?\d{3,4}|\d+(st|nd|rd|th)\u00a0century",
                            date), row
        actors = row[3]
        assert not set(re.findall(r"\b[A-Z]{3}\b", actors)) & codes, row  # names, not ISO3 codes
        assert re.fullmatch(r"\{cite:t\}`[^`]+`", row[4]), row  # shown as "Author [year]"
        assert all(r not in ("", "<NA>", "nan") for r in row), row
    # the brief's sections are given with the source
    assert sum(1 for r in rows if len(r) == 6 and r[5].startswith("brief, section\u00a0")) == \
        sum(1 for e in events if e["brief_section"])
    # three columns, the event's the widest
    widths = [int(w) for w in re.search(r":widths: ([\d ]+)\n", events_md).group(1).split()]
    assert len(widths) == 3 and widths[1] == max(widths) and widths[1] >= 50
    assert ":class: nexus-events" in events_md
    assert "table.nexus-events" in (root / "theme" / "book.css").read_text(encoding="utf-8")


def test_events_page_renders_names_citations_and_widths(html):
    soup = BeautifulSoup((html / "pages" / "events.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("table.nexus-events")
    assert table is not None
    cols = [float(re.search(r"width:\s*([\d.]+)%", c["style"]).group(1)) for c in table.select("colgroup col")]
    assert len(cols) == 3 and cols[1] == max(cols)
    assert [th.get_text(" ", strip=True) for th in table.select("thead th")] == ["date and kind", "event and actors", "source"]
    rows = table.select("tbody tr")
    assert len(rows) >= 100
    for tr in rows:
        date, event, source = tr.find_all("td")
        assert not re.match(r"0\d", date.get_text(strip=True)), date
        cite = source.select_one("span.bibtex-citation")
        assert cite is not None and re.search(r"[A-Za-z].*\[\d{4}[a-z]?\]", cite.get_text(strip=True)), source
        assert cite.find("a", href=re.compile(r"bibliography\.html#")), source


# --------------------------------------------------------------------------- 5b: the data appendix

def test_years_span_and_licence_short():
    assert data.years_span("Russia 1815–2018; Iran 1921–2018") == "1815–2018"
    assert data.years_span("1927–1946, 2001–2018") == "1927–1946, 2001–2018"
    assert data.years_span("ninth century (year 800) to 2025") == "800–2025"
    assert data.years_span("1817–2014 (dispute start years; CoW-MID 5.0 covers 1816–2014)") == "1817–2014"
    assert data.years_span("May 1987 – July 2026") == "1987–2026"
    assert data.years_span("claims of April 2017") == "2017"
    assert appendix.licence_short("CC0 (data; cited); package code MIT") == "CC0 (data; cited)"
    assert appendix.licence_short("CC BY 4.0") == "CC BY 4.0"


def test_appendix_opens_with_a_summary_table(appendix_md):
    resources = data.manifest()["resources"]
    head, _, rest = appendix_md.partition("(data-")
    assert "## The files at a glance" in head and ":class: nexus-glance" in head
    summary = head[head.index("* - data\n"):]
    rows = re.split(r"\n(?=\* - )", summary)[1:]
    assert len(rows) == len(resources)
    using = appendix.chapters_using()
    for res, row in zip(appendix._ordered(data.manifest()), rows, strict=True):
        cells = re.split(r"\n  - ", row.removeprefix("* - ").strip())
        assert len(cells) == 5, row
        assert cells[0] == f"{{ref}}`{res['title']} <data-{res['name']}>`"
        assert cells[1] == res["publisher"] and cells[2].replace(",\n\n    ", ", ") == data.years_span(res["years"])
        assert res["licenses"][0]["title"].startswith(cells[3])
        linked = re.findall(r"\{doc\}`([^<`]+) <\.\./notebooks/(\d\d_\w+)>`", cells[4])
        assert [d for _, d in linked] == [d.rsplit("/", 1)[1] for _, d in using.get(res["name"], [])]
        assert cells[4] == "none" or linked


def test_chapters_column_agrees_with_the_stamps():
    using = appendix.chapters_using()
    for path in nbtools.chapters():
        for name in nbtools.declared(nbformat.read(path, as_version=4)):
            assert f"../notebooks/{path.stem}" in [d for _, d in using[name]], (path.name, name)
    assert [label for label, _ in using["events"]][:3] == ["I", "II", "III"]


def test_appendix_headings_are_words_and_details_collapse(appendix_md):
    headings = re.findall(r"^(#+) (.+)$", appendix_md, flags=re.M)
    assert not [h for _, h in headings if h.startswith("`") or re.fullmatch(r"[a-z0-9_.-]+", h)]
    resources = data.manifest()["resources"]
    entries = re.findall(r"^\(data-(\w+)\)=\n## (.+)$", appendix_md, flags=re.M)
    assert sorted(n for n, _ in entries) == sorted(r["name"] for r in resources)
    titles = {r["name"]: r["title"] for r in resources}
    assert all(t == titles[n] for n, t in entries)
    # every entry's details (file, source, licence, quirks, columns) sit in a drop-down
    assert appendix_md.count(":::{dropdown} Details of `data/") == len(resources)
    for block in appendix_md.split(":::{dropdown}")[1:]:
        details = block[:block.index("\n:::\n")]
        assert "**Licence or terms:**" in details and "| column | type | unit | meaning |" in details


def test_every_data_label_linked_to_exists(appendix_md, root):
    labels = set(re.findall(r"^\((data-\w+)\)=$", appendix_md, flags=re.M))
    sources = [*root.glob("notebooks/*.ipynb"), *root.glob("pages/**/*.md"), root / "index.md"]
    linked = set()
    for path in sources:
        linked |= set(re.findall(r"<(data-\w+)>`", path.read_text(encoding="utf-8")))
    assert linked and linked <= labels, sorted(linked - labels)


def test_appendix_renders_summary_and_dropdowns(html):
    soup = BeautifulSoup((html / "pages" / "data_appendix.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("table.nexus-glance")
    n = len(data.manifest()["resources"])
    assert table is not None and len(table.select("tbody tr")) == n
    ids = {e["id"] for e in soup.find_all(id=True)}
    targets = [a["href"].split("#", 1)[1] for a in table.select("tbody td:first-child a[href^='#']")]
    assert len(targets) == n and set(targets) <= ids
    assert len(soup.select("details.sd-dropdown")) == n
    assert all(data.entry_id(r["name"]) in ids for r in data.manifest()["resources"])


# --------------------------------------------------------------------------- 5c: "Data used"

def test_data_used_is_a_short_linked_table(appendix_md):
    names = ["nmc", "events", "alliances_counts"]
    table = data.used(names)
    html_ = table._repr_html_()
    assert html_ == data.used(names)._repr_html_()  # deterministic: strict nbval compares it
    soup = BeautifulSoup(html_, "html.parser")
    assert not soup.find("style") and not soup.find(style=True)
    assert len(soup.select("thead > tr")) == 1
    assert [th.get_text() for th in soup.select("thead th")] == list(data.DataUsed.COLUMNS)
    assert all(th.get("scope") == "col" for th in soup.find_all("th"))
    assert not soup.select("tbody th")  # no index column
    rows = soup.select("tbody tr")
    assert len(rows) == len(names)
    for name, tr in zip(names, rows, strict=True):
        res = data.resource(name)
        cells = [td.get_text() for td in tr.find_all("td")]
        assert cells == [res["source_line"], res["title"], data.years_span(res["years"]), f"data/{res['path']}"]
        assert tr.find("a")["href"] == f"../pages/data_appendix.html#{data.entry_id(name)}"
    assert f"(data-{names[0]})=" in appendix_md
    assert "data/nmc.csv" in repr(table) and len(table) == 3
    assert list(table.to_frame().columns) == list(data.DataUsed.COLUMNS)
    with pytest.raises(data.DataError, match="no data file named"):
        data.used(["no_such_file"])


def test_every_chapter_ends_with_its_data_used_table(html):
    appendix_ids = {e["id"] for e in BeautifulSoup(
        (html / "pages" / "data_appendix.html").read_text(encoding="utf-8"), "html.parser").find_all(id=True)}
    for path in nbtools.chapters():
        soup = BeautifulSoup((html / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8"), "html.parser")
        tables = soup.select("table.nexus-used")
        assert len(tables) == 1, path.name
        assert len(tables[0].select("thead tr")) == 1 and not tables[0].select("tbody th")
        hrefs = [a["href"] for a in tables[0].select("a[href]")]
        assert hrefs and all(h.startswith("../pages/data_appendix.html#") for h in hrefs), path.name
        assert {h.split("#", 1)[1] for h in hrefs} <= appendix_ids, path.name


# --------------------------------------------------------------------------- 8a: seminar pages

def chapter_exercises() -> dict[str, str]:
    """exercise label -> chapter file, from the chapters' {exercise} directives."""
    out = {}
    for path in nbtools.chapters():
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                for label in re.findall(r"```\{exercise\}[^\n]*\n(?::[a-z-]+:[^\n]*\n)*?:label: (\S+)", cell.source):
                    out[label] = path.name
    return out


def test_seminar_pages_reference_exercises_through_a_role():
    exercises = chapter_exercises()
    assert len(exercises) >= 30
    mentioned = 0
    for page in sorted(SEMINAR.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for m in EXERCISE_LABEL.finditer(text):
            mentioned += 1
            label = m.group(0)
            assert label in exercises, f"{page.name}: {label} is not an exercise label in any chapter"
            # the whole mention is a role with no title of its own, so that sphinx-exercise writes
            # the chapter's number ("Exercise 18"), not the label
            before, after = text[:m.start()], text[m.end():]
            assert re.search(r"\{(ref|numref)\}`$", before) and after.startswith("`"), \
                f"{page.name}: {label} is not referenced as {{ref}}`{label}`: …{text[m.start() - 30:m.end() + 5]}…"
    assert mentioned >= 20


def test_seminar_pages_show_the_chapters_exercise_numbers(html):
    numbers = {}
    for path in nbtools.chapters():
        soup = BeautifulSoup((html / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8"), "html.parser")
        for ex in soup.select("div.exercise[id]"):
            numbers[ex["id"]] = ex.select_one(".caption-number").get_text(" ", strip=True)
    assert len(numbers) >= 30 and all(re.fullmatch(r"Exercise \d+", n) for n in numbers.values())
    seen = 0
    for page in sorted((html / "pages" / "seminar").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article") or soup
        assert not EXERCISE_LABEL.search(article.get_text(" ")), page.name  # no bare label in the text
        for a in article.select("a[href*='#ex-']"):
            seen += 1
            assert a.get_text(" ", strip=True) == numbers[a["href"].rsplit("#", 1)[1]], (page.name, str(a))
    assert seen >= 20
