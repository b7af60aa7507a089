"""Chart builders: every chart gets a source line, alt text, a caption and its data as CSV.

A chapter draws a chart in three steps::

    fig, ax = charts.figure()
    ...plot...
    charts.publish(fig, "fig-cinc-gap", data=frame, source="Correlates of War, NMC v6.0")

:func:`publish` writes the source line under the plot, saves the exact data
plotted to ``notebooks/figdata/<name>.csv`` (linked for download under the
figure) and glues the figure under ``name`` for a ``{glue:figure}`` directive,
which carries the caption (with its citation) and the alt text.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from . import paths, style

# where publish() writes each figure's data; NEXUS_FIGDATA redirects it (tests that rerun a
# chapter with other parameters must not overwrite the committed files)
FIGDATA = Path(os.environ["NEXUS_FIGDATA"]) if os.environ.get("NEXUS_FIGDATA") else paths.ROOT / "notebooks" / "figdata"

__all__ = ["figure", "publish", "source_line", "brief_window", "brief_window_handle", "period_bands",
           "mark_events", "top_legend", "log_ratio_axis", "FIGDATA"]

#: the one meaning of a shaded band in the book: the years the brief covers (its subtitle's
#: "2012-2017"), read from data/periods.csv
BRIEF_PERIOD_ID = "f09_conclusion"
BAND_COLOR = "#EBEBEB"
BAND_GID = "nexus-brief-window"
# the colour of event guides and labels
GUIDE_COLOR = "#555555"
STRIP_GAP_PT = 4.0   # between the top of the axes and the first row of the strip
ROW_PT = 1.45        # height of a row of the strip, in multiples of the font size


def figure(nrows: int = 1, ncols: int = 1, *, height: float | None = None, **kw) -> tuple[Figure, Axes]:
    """A new figure at the book's fixed width (7 in, as displayed) and DPI; height in inches."""
    style.apply()
    size = (style.FIGSIZE[0], height or style.FIGSIZE[1])
    return plt.subplots(nrows, ncols, figsize=size, **kw)


def _wrap(fig: Figure, text: str, fontsize: float, width_in: float, weight: str = "normal") -> str:
    """Break ``text`` into lines no wider than ``width_in`` inches at ``fontsize``."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    prop = FontProperties(family=plt.rcParams["font.family"], size=fontsize, weight=weight)

    def width(s: str) -> float:
        return TextPath((0, 0), s, prop=prop).get_extents().width / 72 if s else 0.0

    lines, line = [], ""
    for word in text.split(" "):
        trial = f"{line} {word}" if line else word
        if line and width(trial) > width_in:
            lines.append(line)
            line = word
        else:
            line = trial
    lines.append(line)
    return "\n".join(lines)


def source_line(fig: Figure, source: str) -> None:
    """Write 'Source: …' at the bottom left of the figure (wrapped to the figure's width)."""
    size = style.MIN_FONT_PT
    text = _wrap(fig, f"Source: {source}", size, fig.get_figwidth() - 0.2)
    n_lines = text.count("\n") + 1
    strip = (n_lines * size * 1.25 + 6) / 72 / fig.get_figheight()
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        engine.set(rect=(0, strip, 1, 1 - strip))  # leave a strip at the bottom for the line
    fig.text(0.01, 0.01, text, ha="left", va="bottom", fontsize=size, color="#444444",
             linespacing=1.15)


# --------------------------------------------------------------------------- the shaded band

def _brief_years() -> tuple[int, int]:
    from .timeline import periods

    p = periods(None).set_index("period_id").loc[BRIEF_PERIOD_ID]
    return int(p["start_year"]), int(p["end_year"])


def brief_window_label() -> str:
    start, end = _brief_years()
    return f"years the brief covers ({start}–{end})"


def brief_window_handle():
    """The legend handle of the band, for a legend built with ``handles=[...]``."""
    from matplotlib.patches import Patch

    return Patch(facecolor=BAND_COLOR, edgecolor="none", label=brief_window_label())


def brief_window(ax: Axes, *, at: str = "year", label: bool = True):
    """Shade the years the brief covers (2012–2017, from data/periods.csv): the only shaded
    band of the book. It carries a legend entry; :func:`publish` checks that a legend of the
    figure shows it (``label=False`` on a second panel of the same figure).

    ``at="year"`` (yearly axes: points at the years) shades from half a year before the first
    year to half a year after the last; ``at="date"`` (decimal years) from the first day of the
    first year to the last day of the last.
    """
    if at not in {"year", "date"}:
        raise ValueError(f"at must be 'year' or 'date', not {at!r}")
    start, end = _brief_years()
    lo, hi = (start - 0.5, end + 0.5) if at == "year" else (float(start), float(end + 1))
    xlim = ax.get_xlim()
    span = ax.axvspan(lo, hi, facecolor=BAND_COLOR, edgecolor="none", lw=0, zorder=0,
                      label=brief_window_label() if label else "_nolegend_")
    span.set_gid(BAND_GID)
    ax.set_xlim(xlim)
    return span


def top_legend(ax: Axes, *, handles: list | None = None, ncol: int | None = None,
               axes: Iterable[Axes] = ()) -> None:
    """One legend in a row above the axes ``ax`` (above its period and event strips, under its
    title), off the data: the handles of ``ax`` and of ``axes`` (each label once), or
    ``handles``. :func:`publish` draws it once the strips are known."""
    ax._nexus_top_legend = {"handles": handles, "ncol": ncol, "axes": list(axes)}


def _draw_top_legend(ax: Axes) -> None:
    from matplotlib.transforms import offset_copy

    spec = getattr(ax, "_nexus_top_legend", None)
    if spec is None:
        return
    handles = spec["handles"]
    if handles is None:
        handles, seen = [], set()
        for a in [ax, *spec["axes"]]:
            for h, label in zip(*a.get_legend_handles_labels(), strict=True):
                if label not in seen and not label.startswith("_"):
                    seen.add(label)
                    handles.append(h)
    base = _strip_top(ax) + STRIP_GAP_PT
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    room = fig.bbox.width - ax.get_window_extent(renderer).x0  # from the axes' left to the figure's edge
    for ncol in range(spec["ncol"] or len(handles), 0, -1):  # fewer columns until the row fits
        legend = ax.legend(handles=handles, loc="lower left", ncol=ncol, bbox_to_anchor=(0, 1),
                           borderaxespad=0, borderpad=0, columnspacing=1.2, handlelength=1.8,
                           bbox_transform=offset_copy(ax.transAxes, fig=fig, y=base, units="points"))
        if legend.get_window_extent(renderer).width <= room:
            break
    height = legend.get_window_extent(renderer).height / fig.dpi * 72
    _reserve(ax, STRIP_GAP_PT + height)


# --------------------------------------------------------------------------- strips above the plot

def _strip_top(ax: Axes) -> float:
    """Points above the axes already taken by strips (periods, events)."""
    return getattr(ax, "_nexus_strip_pt", 0.0)


def _reserve(ax: Axes, points: float) -> None:
    ax._nexus_strip_pt = _strip_top(ax) + points


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


def period_bands(ax: Axes, periods: pd.DataFrame, *, label: str = "numeral", name: str | None = "chapter",
                 **_legacy) -> None:
    """Mark the book's periods (start_year, end_year, chapter, label) in a labelled strip above
    the axes: a bracket over each period's years with the chapter's numeral (``label="numeral"``)
    or the period's title (``label="title"``; a title too wide for its bracket falls back to the
    numeral). Periods are never shaded: a shaded band means the years the brief covers
    (:func:`brief_window`). ``name`` labels the strip at its left (``None``: no label, for a second
    panel of a broken axis). Call it before :func:`mark_events` (the event strip goes above)."""
    from matplotlib.transforms import offset_copy

    fig = ax.figure
    lo, hi = ax.get_xlim()
    size = style.MIN_FONT_PT
    base = _strip_top(ax) + STRIP_GAP_PT
    line_tr = offset_copy(ax.get_xaxis_transform(), fig=fig, y=base, units="points")
    text_tr = offset_copy(ax.get_xaxis_transform(), fig=fig, y=base + 2.5, units="points")
    width_px = ax.get_window_extent().width or 1.0
    renderer = fig.canvas.get_renderer()
    pad = (hi - lo) * 0.004
    drawn = 0
    for row in periods.itertuples(index=False):
        start, end = max(row.start_year, lo), min(row.end_year, hi)
        if end <= start:
            continue
        chapter = str(getattr(row, "chapter", "") or "")
        numeral = _roman(int(chapter[:2])) if chapter[:2].isdigit() else str(row.label)
        ax.plot([start + pad, end - pad], [1, 1], transform=line_tr, color="#777777", lw=1.2,
                solid_capstyle="butt", clip_on=False)
        for x in (start + pad, end - pad):
            ax.plot([x, x], [1, 1], transform=line_tr, marker="|", ms=5, color="#777777", clip_on=False)
        text = str(row.label) if label == "title" else numeral
        t = ax.text((start + end) / 2, 1, text, transform=text_tr, ha="center", va="bottom",
                    fontsize=size, color="#444444", clip_on=False)
        span_px = (end - start) / (hi - lo) * width_px
        if label == "title" and t.get_window_extent(renderer).width > span_px:
            t.set_text(numeral)
        if t.get_window_extent(renderer).width > span_px * 1.1:
            t.set_text("")  # too narrow even for the numeral: the bracket alone
        drawn += 1
    if drawn and name:
        ax.text(0, 1, f"{name} ", transform=offset_copy(ax.transAxes, fig=fig, y=base + 2.5, units="points"),
                ha="right", va="bottom", fontsize=size, color="#444444", clip_on=False)
    if drawn:
        _reserve(ax, STRIP_GAP_PT + 2.5 + size * ROW_PT)
    ax.set_xlim(lo, hi)


def mark_events(ax: Axes, events: pd.DataFrame, *, labels: dict[str, str] | None = None,
                at: str = "year", color: str = GUIDE_COLOR, **_legacy) -> None:
    """Mark events (``timeline.events``): a thin dotted guide at each in the plot, its label in a
    strip above the axes, never on the data. Labels that would overlap go to a higher row.

    ``at="year"`` places it at the event's year (for yearly axes); ``at="date"`` at the first
    day of its date, in decimal years (for monthly or daily axes). The label is the event's
    year unless ``labels`` maps its ``event_id`` to a short text; an empty label draws the
    guide only (for the lower panels of a figure whose top panel carries the labels). The full
    titles belong in the caption or the text, where they can be cited. The old placement
    arguments (``y``, ``rotation``, ``fontsize``) are accepted and ignored.
    """
    from .timeline import decimal_year

    if at not in {"year", "date"}:
        raise ValueError(f"at must be 'year' or 'date', not {at!r}")
    lo, hi = ax.get_xlim()
    labelled = getattr(ax, "_nexus_events", None)
    if labelled is None:
        labelled = ax._nexus_events = {"base": _strip_top(ax), "labels": [], "artists": []}
    for row in events.itertuples(index=False):
        x = row.year if at == "year" else decimal_year(row.date)
        if not lo <= x <= hi:
            continue
        text = (labels or {}).get(row.event_id, str(row.year))
        ax.axvline(x, color=color, lw=0.8, ls=":", zorder=1)
        if text:
            labelled["labels"].append((x, text, color))
    _place_event_labels(ax)
    ax.set_xlim(lo, hi)


def _place_event_labels(ax: Axes) -> None:
    """(Re)draw every event label of ``ax`` in its strip, staggered at the axes' present width:
    :func:`mark_events` places them, :func:`publish` again once the layout is final."""
    labelled = getattr(ax, "_nexus_events", None)
    if not labelled:
        return
    for artist in labelled["artists"]:
        artist.remove()
    labelled["artists"] = []
    ax._nexus_strip_pt = labelled["base"]
    fig = ax.figure
    lo, hi = ax.get_xlim()
    size = style.MIN_FONT_PT
    renderer = fig.canvas.get_renderer()
    width_px = ax.get_window_extent(renderer).width or 1.0
    per_px = (hi - lo) / width_px
    base = labelled["base"] + STRIP_GAP_PT
    row_pt = size * ROW_PT
    gap = 0.6 * size / 72 * fig.dpi * per_px  # between two labels of a row, in data units
    rows: list[float] = []  # right end of the last label of each row
    for x, text, color in sorted(labelled["labels"], key=lambda p: p[0]):
        t = ax.text(0, 0, text, fontsize=size)
        w = t.get_window_extent(renderer).width * per_px * 1.05
        t.remove()
        if x - w / 2 < lo:
            ha, left, right, rel = "left", x, x + w, 0.0
        elif x + w / 2 > hi:
            ha, left, right, rel = "right", x - w, x, 1.0
        else:
            ha, left, right, rel = "center", x - w / 2, x + w / 2, 0.5
        level = next((i for i, end in enumerate(rows) if end + gap <= left), len(rows))
        if level == len(rows):
            rows.append(right)
        else:
            rows[level] = right
        labelled["artists"].append(ax.annotate(
            text, xy=(x, 1), xycoords=("data", "axes fraction"), xytext=(0, base + level * row_pt),
            textcoords="offset points", ha=ha, va="bottom", fontsize=size, color=color,
            annotation_clip=False, arrowprops={"arrowstyle": "-", "color": color, "lw": 0.6, "shrinkA": 0,
                                               "shrinkB": 0, "relpos": (rel, 0.0), "linestyle": ":"}))
    if rows:
        _reserve(ax, STRIP_GAP_PT + len(rows) * row_pt)


def log_ratio_axis(ax: Axes, ticks: Iterable[float], suffix: str = "×") -> None:
    """A log-scale y axis labelled only at the given ticks (e.g. 2×, 5×, 10×)."""
    from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator

    ticks = list(ticks)
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_yticks(ticks, labels=[f"{t:g}{suffix}" for t in ticks])


def _write_csv(name: str, data: pd.DataFrame) -> None:
    FIGDATA.mkdir(parents=True, exist_ok=True)
    data.to_csv(FIGDATA / f"{name}.csv", index=False, lineterminator="\n")


def _finish_text(fig: Figure) -> None:
    """Raise every text of the figure below the book's minimum size to it, and move axes
    titles above the strips (periods, events) drawn over the axes."""
    from matplotlib.text import Text

    for t in fig.findobj(Text):
        if t.get_text() and t.get_fontsize() < style.MIN_FONT_PT:
            t.set_fontsize(style.MIN_FONT_PT)
    fig.canvas.draw()  # the final layout: the axes' widths for the event labels
    for ax in fig.axes:
        if getattr(ax, "_nexus_events", None):
            _place_event_labels(ax)
        _draw_top_legend(ax)
        taken = _strip_top(ax)
        if not taken:
            continue
        pad = plt.rcParams["axes.titlepad"] + taken
        for loc in ("left", "center", "right"):
            title = ax.get_title(loc)
            if title:
                ax.set_title(title, loc=loc, pad=pad)
    _wrap_titles(fig)


def _wrap_titles(fig: Figure) -> None:
    """Wrap a title (of an axes, or the figure's) that would run off the figure's right edge."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    right = fig.bbox.width - 0.05 * fig.dpi
    titles = [t for ax in fig.axes for t in (ax.title, ax._left_title, ax._right_title)]
    if fig._suptitle is not None:
        titles.append(fig._suptitle)
    for t in titles:
        if not t.get_text() or "\n" in t.get_text():
            continue
        box = t.get_window_extent(renderer)
        if box.x1 > right:
            width_in = (right - box.x0) / fig.dpi
            t.set_text(_wrap(fig, t.get_text(), t.get_fontsize(), width_in, weight=t.get_fontweight()))


def _check_band_legend(fig: Figure) -> None:
    """A figure with the shaded band must show its legend entry."""
    banded = any(p.get_gid() == BAND_GID for ax in fig.axes for p in ax.patches)
    if not banded:
        return
    legends = [ax.get_legend() for ax in fig.axes] + list(fig.legends)
    shown = {t.get_text() for lg in legends if lg is not None for t in lg.get_texts()}
    if brief_window_label() not in shown:
        raise ValueError("the shaded band (charts.brief_window) needs its legend entry: call "
                         "ax.legend() after it, or add charts.brief_window_handle() to the handles")


def text_sizes(fig: Figure) -> list[float]:
    """Font sizes (points) of every non-empty text of the figure, tick labels included."""
    from matplotlib.text import Text

    fig.canvas.draw()
    return [t.get_fontsize() for t in fig.findobj(Text) if t.get_text() and t.get_visible()]


def publish(fig: Figure, name: str, *, data: pd.DataFrame, source: str | Iterable[str]) -> None:
    """Finish a chart: source line, downloadable data (``figdata/<name>.csv``), glue under ``name``.

    The figure is glued *and* displayed (``glue(..., display=True)``: one output that is both),
    so a reader running the chapter in Jupyter sees the chart under its cell. In the book the
    chart cell is tagged ``remove-output`` and the figure appears where the chapter's
    ``{glue:figure}`` directive places it, with its caption and alt text, next to the citation
    of the source.
    """
    if isinstance(source, str):
        source = [source]
    source_line(fig, "; ".join(source))
    _finish_text(fig)
    _check_band_legend(fig)
    _write_csv(name, data)
    try:
        from myst_nb import glue

        glue(name, fig, display=True)
    except ImportError:  # outside Jupyter (e.g. a plain script) the figure is just saved
        pass
    plt.close(fig)  # already shown once: no second copy at the end of the cell
