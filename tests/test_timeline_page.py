"""The interactive timeline page (pages/timeline.md): current, deterministic, complete, offline."""
from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys

import pytest

from nexus import interactive, timeline


def plotly_call(fragment: str) -> tuple[list[dict], dict, dict]:
    """The data, layout and config passed to Plotly.newPlot in an HTML fragment."""
    start = re.search(r'Plotly\.newPlot\(\s*"' + re.escape(interactive.DIV_ID) + r'",', fragment).end()
    pos = fragment.index("[", start)
    dec = json.JSONDecoder()
    parts = []
    for _ in range(3):
        obj, pos = dec.raw_decode(fragment, pos)
        parts.append(obj)
        pos = re.compile(r"\s*,?\s*").match(fragment, pos).end()
    return parts[0], parts[1], parts[2]


@pytest.fixture(scope="module")
def fragment() -> str:
    return interactive.timeline_html()


@pytest.fixture(scope="module")
def events(root) -> list[dict]:
    """data/events.csv read directly (not through the package under test)."""
    with open(root / "data" / "events.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_page_and_js_are_current(root):
    """`python -m nexus.interactive --check` exits 0: page, static PNG and assets/plotly.min.js are up to date."""
    proc = subprocess.run([sys.executable, "-m", "nexus.interactive", "--check"], cwd=root,
                          capture_output=True, text=True,
                          env={k: v for k, v in os.environ.items() if k != "NEXUS_ROOT"})
    assert proc.returncode == 0, proc.stderr + "\nrun `python -m nexus.interactive`"


def test_page_embeds_the_fragment(root, fragment):
    page = (root / "pages" / "timeline.md").read_text(encoding="utf-8")
    assert page.splitlines()[2] == "# Interactive timeline"
    assert "```{raw} html\n" in page and fragment.strip() in page
    assert "<noscript>" in page and "{download}`" in page and "../data/events.csv>`" in page
    assert "{cite:p}`prawdzik2017nexus`" in page and ":alt: " in page
    assert (root / "pages" / "timeline_static.png").is_file()


def test_html_is_deterministic(fragment):
    again = interactive.timeline_html()
    assert again == fragment
    assert f'id="{interactive.DIV_ID}"' in fragment
    # no random ids (uuid4) and no timestamps
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", fragment)
    assert not re.search(r"\b20\d\d-\d\d-\d\dT\d\d:\d\d", fragment)


def test_page_and_png_are_deterministic():
    assert interactive.page() == interactive.page()
    assert interactive.static_png() == interactive.static_png()


def test_every_event_is_a_point(fragment, events):
    data, layout, _ = plotly_call(fragment)
    ids = [i for trace in data for i in trace["customdata"]]
    assert sum(len(trace["x"]) for trace in data) == len(events) == len(ids)
    assert sorted(ids) == sorted(e["event_id"] for e in events)
    # one trace per category, so the legend filters by category
    cats = {e["category"] for e in events}
    assert len(data) == len(cats)
    assert {t["legendgroup"] for t in data} == cats
    by_id = {e["event_id"]: e for e in events}
    for trace in data:
        for i, x in zip(trace["customdata"], trace["x"], strict=True):
            assert by_id[i]["category"] == trace["legendgroup"]
            assert x == pytest.approx(timeline.decimal_year(by_id[i]["date"]), abs=1e-4)
    # events before 1677 (out of reach of pandas Timestamps) are in
    assert min(x for t in data for x in t["x"]) == float(min(int(e["year"]) for e in events))


def test_actor_menu_keeps_the_shape_of_the_data(fragment):
    data, layout, _ = plotly_call(fragment)
    actors = next(m for m in layout["updatemenus"] if m["buttons"][0]["method"] == "restyle")
    labels = [b["label"] for b in actors["buttons"]]
    assert any("IRN" in label for label in labels) and any("RUS" in label for label in labels)
    for b in actors["buttons"]:
        xs = b["args"][0]["x"]
        assert [len(x) for x in xs] == [len(t["x"]) for t in data]
    everyone = actors["buttons"][0]["args"][0]["x"]
    assert everyone == [t["x"] for t in data]


def test_every_hover_text_names_its_source(fragment, events, root):
    """The source as a reader sees a citation, author (year), not its bib key."""
    data, _, _ = plotly_call(fragment)
    bib = (root / "references.bib").read_text(encoding="utf-8")
    by_id = {e["event_id"]: e for e in events}
    for trace in data:
        assert len(trace["hovertext"]) == len(trace["customdata"])
        for i, text in zip(trace["customdata"], trace["hovertext"], strict=True):
            key = by_id[i]["bibkey"]
            assert re.search(r"@\w+\{" + re.escape(key) + ",", bib), key
            flat = text.replace("<br>", " ")
            assert f"Source: {interactive.source_label(key)}" in flat, (i, text)
            assert re.search(r"Source: [^<]+? \((\d{4}[a-z]?|n\.d\.)\)$", flat), (i, text)
            assert key not in text, (i, text)
    assert interactive.source_label("atkin1980russia") == "Atkin (1980)"


def test_named_events_follow_the_rule(fragment, events):
    """The chart names the events of KEY_CATEGORIES that the brief or a cited work dates, the
    brief's first; short names, none shown before the script has placed them."""
    data, layout, _ = plotly_call(fragment)
    expected = [e for e in events if e["category"] in interactive.KEY_CATEGORIES
                and e["origin"] in interactive.KEY_ORIGINS]
    notes = layout["annotations"]
    assert len(notes) == len(expected) >= 10
    assert not any(a["visible"] for a in notes) and all(a["xref"] == "x" and a["yref"] == "y" for a in notes)
    assert all(0 < len(a["text"]) <= interactive.SHORT_MAX for a in notes)
    key = interactive.key_events(interactive.frame())
    assert list(key["origin"]).index("cited") == sum(e["origin"] == "brief" for e in expected)
    assert set(key["event_id"]) == {e["event_id"] for e in expected}
    assert "Treaty of Golestan" in [a["text"] for a in notes]
    # the script gets the trace and point of each name, in the same order
    spec = json.loads(re.search(r"S = (\{.*?\}), busy", fragment).group(1))
    assert len(spec["keys"]) == len(notes)
    for (t, i), a, eid in zip(spec["keys"], notes, key["event_id"], strict=True):
        assert data[t]["customdata"][i] == eid and data[t]["x"][i] == a["x"]


def test_layout_for_a_phone_and_for_the_dark_theme(fragment):
    _, layout, _ = plotly_call(fragment)
    # the page's background shows through, in both themes
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "rgba(0,0,0,0)"
    assert layout["legend"]["orientation"] == "h" and layout["legend"]["y"] < 0  # legend below the chart
    spec = json.loads(re.search(r"S = (\{.*?\}), busy", fragment).group(1))
    narrow, wide = spec["narrowLook"], spec["wideLook"]
    assert spec["narrow"] >= 500 and narrow["height"] >= wide["height"]
    # on a phone the menus sit one above the other, at the left
    assert narrow["updatemenus[1].x"] == 0 and narrow["updatemenus[0].pad.b"] >= 30
    assert set(narrow) == set(wide)
    dark, light = spec["dark"], spec["light"]
    assert set(dark) == set(light) and dark["paper_bgcolor"] == "rgba(0,0,0,0)"
    assert dark["font.color"] != light["font.color"] and dark["font.color"].startswith("#c")
    assert 'dataset.theme === "dark"' in fragment and "MutationObserver" in fragment
    assert 'attributeFilter: ["data-theme"]' in fragment


def test_no_script_from_other_hosts(fragment, root):
    page = (root / "pages" / "timeline.md").read_text(encoding="utf-8")
    for text in (fragment, page):
        srcs = re.findall(r"<script\b[^>]*\bsrc\s*=\s*[\"']?([^\"'\s>]+)", text, flags=re.I)
        assert not [s for s in srcs if re.match(r"(https?:)?//", s, flags=re.I)], srcs
    assert "http://" not in fragment and "https://" not in fragment
    _, _, config = plotly_call(fragment)
    assert "plotlyServerURL" not in config and not config.get("showLink")
