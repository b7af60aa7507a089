"""Unit tests of the shared package."""
from __future__ import annotations

import os
import subprocess
import sys

import matplotlib
import pandas as pd
import pytest

from nexus import charts, countries, paths, style


def test_root_is_found_from_anywhere(root, tmp_path):
    assert paths.ROOT == root
    code = "import nexus.paths as p; print(p.ROOT)"
    for cwd in (root / "notebooks", root / "data", tmp_path):
        out = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                             env={k: v for k, v in os.environ.items() if k != "NEXUS_ROOT"})
        assert out.stdout.strip() == str(root), out.stderr


def test_rel_never_shows_an_absolute_path(root):
    assert paths.rel(root / "data" / "nmc.csv") == "data/nmc.csv"
    assert not paths.rel(root.parent / "elsewhere.csv").startswith("/")


def test_fixed_colours_for_iran_and_russia():
    assert style.color("IRN") == style.PALETTE["green"]
    assert style.color("RUS") == style.PALETTE["vermillion"]
    assert style.color("IRN") != style.color("RUS")
    assert style.color("XXX") == style.OTHER


def test_style_applies_size_and_dpi():
    style.apply()
    assert tuple(matplotlib.rcParams["figure.figsize"]) == style.FIGSIZE
    assert matplotlib.rcParams["savefig.dpi"] == style.DPI
    first = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][:2]
    assert [c.lower() for c in first] == [style.color("IRN").lower(), style.color("RUS").lower()]


def test_publish_writes_data_and_source_line(monkeypatch, tmp_path):
    monkeypatch.setattr(charts, "FIGDATA", tmp_path)
    fig, ax = charts.figure()
    frame = pd.DataFrame({"year": [2000, 2001], "value": [1.0, 2.0]})
    ax.plot(frame.year, frame.value)
    texts_before = len(fig.texts)
    charts.publish(fig, "fig-test", data=frame, source="Test publisher")
    assert (tmp_path / "fig-test.csv").read_text() == "year,value\n2000,1.0\n2001,2.0\n"
    assert len(fig.texts) == texts_before + 1 and fig.texts[-1].get_text() == "Source: Test publisher"


def test_png_output_is_deterministic(tmp_path):
    import hashlib

    digests = []
    for i in range(2):
        fig, ax = charts.figure()
        ax.plot([1, 2, 3], [3, 1, 2])
        charts.source_line(fig, "x")
        fig.savefig(tmp_path / f"{i}.png", metadata=style.PNG_METADATA)
        digests.append(hashlib.sha256((tmp_path / f"{i}.png").read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_country_lookups():
    assert countries.name("IRN") == "Iran"
    assert countries.iso3_from_cow(365) == "RUS"
    with pytest.raises(KeyError, match="unknown country code 'XXX'"):
        countries.name("XXX")


def test_decimal_year_and_spans():
    from nexus import timeline

    assert timeline.decimal_year("0800") == 800.0
    assert timeline.decimal_year("2015-01") == 2015.0
    assert abs(timeline.decimal_year("2015-07-14") - (2015 + 194 / 365)) < 1e-9
    assert timeline.decimal_year("2016-12-31") == 2016 + 365 / 366
    ev = pd.DataFrame({"date": ["2014-09", "2014-12", "1689", "0800"],
                       "precision": ["month", "month", "year", "century"]})
    span = timeline.event_span(ev)
    assert list(span.x_end - span.x_start > 0) == [True] * 4
    assert span.x_end[1] == 2015.0 and span.x_end[2] == 1690.0 and span.x_end[3] == 900.0


def test_ordinal():
    from nexus.text import ordinal

    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]


def test_mark_events_places_by_year_or_date():
    fig, ax = charts.figure()
    ax.set_xlim(2014, 2016)
    ev = pd.DataFrame({"event_id": ["jcpoa"], "year": [2015], "date": ["2015-07-14"], "title": ["x"]})
    charts.mark_events(ax, ev, at="date")
    charts.mark_events(ax, ev, at="year", labels={"jcpoa": "JCPOA"})
    xs = [line.get_xdata()[0] for line in ax.lines]
    assert xs[0] > 2015.5 and xs[1] == 2015
    assert {t.get_text().strip() for t in ax.texts} == {"JCPOA", "2015"}  # both labels, in the strip
    with pytest.raises(ValueError):
        charts.mark_events(ax, ev, at="month")


def test_sphinxext_remembers_plugin_lookups(config):
    """nexus.sphinxext gives pybtex and sphinxcontrib-bibtex a memoised entry_points that finds
    the same plugins; the book's configuration enables it."""
    import importlib.metadata

    import pybtex.plugin
    import sphinxcontrib.bibtex.plugin

    from nexus import sphinxext

    assert "nexus.sphinxext" in config["sphinx"]["extra_extensions"]
    assert sphinxext.install() == ["pybtex.plugin", "sphinxcontrib.bibtex.plugin"]
    assert pybtex.plugin.entry_points is sphinxext.entry_points
    assert sphinxcontrib.bibtex.plugin.entry_points is sphinxext.entry_points
    group = "pybtex.style.formatting"
    want = [ep.value for ep in importlib.metadata.entry_points(group=group, name="plain")]
    assert want and [ep.value for ep in sphinxext.entry_points(group=group, name="plain")] == want
    assert sphinxext.entry_points(group=group, name="plain") is sphinxext.entry_points(group=group, name="plain")
    assert pybtex.plugin.find_plugin(group, "plain").__name__ == "Style"


def test_sphinxext_numref_reads_each_page_once(monkeypatch):
    """While figure numbers are resolved, each target page is unpickled once, not once a reference;
    outside the resolver, env.get_doctree is Sphinx's own again."""
    from sphinx.domains.std import StandardDomain

    from nexus import sphinxext

    calls = []

    class Env:
        def get_doctree(self, docname):
            calls.append(docname)
            return {"doc": docname}

    def original(self, env, docname):
        return env.get_doctree(docname)

    original.__name__ = "_resolve_numref_xref"
    monkeypatch.setattr(StandardDomain, "_resolve_numref_xref", original)
    sphinxext._clear()
    sphinxext.share_numref_doctrees()
    env = Env()
    results = [StandardDomain._resolve_numref_xref(None, env, d) for d in ["a", "b", "a", "a", "b"]]
    assert results == [{"doc": d} for d in ["a", "b", "a", "a", "b"]]
    assert calls == ["a", "b"]
    assert "get_doctree" not in vars(env)  # the instance attribute is gone after each call
    sphinxext._clear()  # a new write phase reads the pages again
    StandardDomain._resolve_numref_xref(None, env, "a")
    assert calls == ["a", "b", "a"]
