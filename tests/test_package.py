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
    assert style.color("XXX") == style.PALETTE["grey"]


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
