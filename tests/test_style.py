"""The chart grammar: actor colours that survive colour-vision deficiencies, the pair rule, one
meaning of the shaded band, event labels above the plot, and the size of every text."""
from __future__ import annotations

import itertools

import matplotlib
import numpy as np
import pandas as pd
import pytest
from colorspacious import cspace_convert
from matplotlib.text import Text

from nexus import charts, style, timeline

CVD_TYPES = ("deuteranomaly", "protanomaly", "tritanomaly")  # severity 100: -anopia
# the four actors of nearly every chart must stay further apart than the rest
CORE = ("IRN", "RUS", "USA", "CHN")
CORE_MIN_DISTANCE = 19.0


def _ucs(hex_colour: str) -> np.ndarray:
    """The colour in CAM02-UCS as seen in normal vision and with each deficiency (4 x 3)."""
    rgb = np.array(matplotlib.colors.to_rgb(hex_colour))
    views = [cspace_convert(rgb, "sRGB1", "CAM02-UCS")]
    for cvd in CVD_TYPES:
        seen = cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}, "sRGB1")
        views.append(cspace_convert(np.clip(seen, 0, 1), "sRGB1", "CAM02-UCS"))
    return np.array(views)


def distance(a: str, b: str) -> float:
    """The smallest CAM02-UCS distance of two colours over normal vision and the three
    simulated colour-vision deficiencies."""
    return float(np.linalg.norm(_ucs(a) - _ucs(b), axis=1).min())


def too_close(colours: dict[str, str], threshold: float) -> list[str]:
    return [f"{a}-{b}: {distance(colours[a], colours[b]):.1f}"
            for a, b in itertools.combinations(colours, 2)
            if distance(colours[a], colours[b]) < threshold]


def test_the_ten_actors_and_other_stay_apart_under_every_deficiency():
    colours = {**style.ACTOR_COLORS, "other": style.OTHER}
    assert len(style.ACTOR_COLORS) == 10
    assert not too_close(colours, style.MIN_DISTANCE)


def test_iran_russia_us_china_stay_further_apart():
    colours = {k: style.color(k) for k in CORE}
    assert not too_close(colours, CORE_MIN_DISTANCE)


def test_the_check_fails_a_bad_palette():
    """Red against green (matplotlib's tab10) and the old Okabe-Ito purple against grey are
    told apart in normal vision only: the check must reject them."""
    assert too_close({"red": "#D62728", "green": "#2CA02C"}, style.MIN_DISTANCE)
    assert too_close({"purple": "#CC79A7", "grey": "#999999"}, style.MIN_DISTANCE)
    assert distance("#D62728", "#2CA02C") < 8  # a deuteranope sees nearly one colour
    assert distance("#000000", "#FFFFFF") > 90


def test_groups_take_one_colour_and_others_are_grey():
    assert {style.color(k) for k in ("GCC", "SAU", "ARE", "QAT")} == {style.ACTOR_COLORS["GCC"]}
    assert {style.color(k) for k in ("E3", "EU", "DEU", "FRA", "GBR")} == {style.ACTOR_COLORS["E3"]}
    assert style.color("SUN") == style.color("RUS")
    assert style.color("ITA") == style.color("XXX") == style.OTHER
    assert style.color("IRN") == "#009E73" and style.color("RUS") == "#D55E00"  # kept hues


def test_pair_rule():
    assert style.pair_color("RUS", "IRN") == style.color("RUS")
    assert style.pair_color("IRN", "RUS") == style.color("IRN")
    own, flow = style.pair_style("RUS"), style.pair_style("RUS", "IRN")
    assert own["color"] == flow["color"] == style.color("RUS")
    assert own["ls"] != flow["ls"]
    assert len({str(style.other_style(i)["ls"]) for i in range(3)}) == 3


def test_size_is_the_displayed_size_at_two_x():
    style.apply()
    assert style.FIGSIZE[0] * 96 == 672  # 7 in at 96 CSS px per inch: the book's content width
    assert style.DPI == 2 * 96
    assert tuple(matplotlib.rcParams["figure.figsize"]) == style.FIGSIZE
    for key in ("font.size", "axes.labelsize", "xtick.labelsize", "ytick.labelsize", "legend.fontsize",
                "axes.titlesize"):
        size = matplotlib.rcParams[key]
        assert isinstance(size, float | int) and size >= style.MIN_FONT_PT, key


def _chart():
    fig, ax = charts.figure()
    ax.plot([2000, 2010, 2020], [1, 3, 2], label="a line")
    ax.set_xlim(2000, 2020)
    return fig, ax


def test_publish_raises_small_text_to_the_minimum(monkeypatch, tmp_path):
    monkeypatch.setattr(charts, "FIGDATA", tmp_path)
    fig, ax = _chart()
    ax.text(2005, 2, "tiny", fontsize=6)
    ax.legend(fontsize=7)
    assert min(charts.text_sizes(fig)) < style.MIN_FONT_PT
    charts.publish(fig, "fig-test", data=pd.DataFrame({"x": [1]}), source="Test")
    assert min(charts.text_sizes(fig)) >= style.MIN_FONT_PT


def test_brief_window_is_read_from_the_data_and_needs_its_legend(monkeypatch, tmp_path):
    monkeypatch.setattr(charts, "FIGDATA", tmp_path)
    frame = timeline.periods(None).set_index("period_id").loc[charts.BRIEF_PERIOD_ID]
    fig, ax = _chart()
    span = charts.brief_window(ax)
    x0, x1 = span.get_x(), span.get_x() + span.get_width()
    assert (x0, x1) == (frame["start_year"] - 0.5, frame["end_year"] + 0.5)
    assert f"{frame['start_year']}–{frame['end_year']}" in charts.brief_window_label()
    with pytest.raises(ValueError, match="legend entry"):
        charts.publish(fig, "fig-test", data=pd.DataFrame({"x": [1]}), source="Test")
    fig, ax = _chart()
    charts.brief_window(ax)
    ax.legend()
    charts.publish(fig, "fig-test", data=pd.DataFrame({"x": [1]}), source="Test")
    fig, ax = _chart()
    charts.brief_window(ax)
    ax.legend(handles=[charts.brief_window_handle()])
    charts.publish(fig, "fig-test", data=pd.DataFrame({"x": [1]}), source="Test")


def test_period_bands_are_never_shaded():
    fig, ax = _chart()
    charts.period_bands(ax, timeline.periods())
    assert not ax.patches  # brackets and labels only: the shaded band is the brief's years
    labels = {t.get_text() for t in ax.texts}
    assert {"IV", "V", "chapter "} <= labels


def _events(years):
    return pd.DataFrame({"event_id": [f"e{y}" for y in years], "year": years,
                         "date": [str(y) for y in years], "title": ["x"] * len(years)})


def test_event_labels_sit_above_the_plot_and_do_not_overlap():
    fig, ax = _chart()
    ev = _events([2004, 2005, 2006, 2015])
    charts.mark_events(ax, ev, labels={"e2004": "a long label", "e2005": "another long label",
                                       "e2006": "a third label", "e2015": "far away"})
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    top = ax.get_window_extent(renderer).y1
    boxes = [Text.get_window_extent(t, renderer) for t in ax.texts]  # the label, not its guide
    assert len(boxes) == 4
    assert all(b.y0 >= top for b in boxes)  # every label above the plot area
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    assert len({round(b.y0) for b in boxes}) >= 3  # the three close ones were staggered


def test_top_legend_sits_above_the_strips(monkeypatch, tmp_path):
    monkeypatch.setattr(charts, "FIGDATA", tmp_path)
    fig, ax = _chart()
    charts.brief_window(ax)
    charts.mark_events(ax, _events([2005]), labels={"e2005": "an event"})
    charts.top_legend(ax)
    charts.publish(fig, "fig-test", data=pd.DataFrame({"x": [1]}), source="Test")
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)  # publish closed the figure
    canvas.draw()
    renderer = canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    label = max(Text.get_window_extent(t, renderer).y1 for t in ax.texts)
    assert legend.y0 >= label  # above the event strip, off the data
    assert charts.brief_window_label() in {t.get_text() for t in ax.get_legend().get_texts()}
