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

__all__ = ["figure", "publish", "source_line", "period_bands", "mark_events", "log_ratio_axis", "FIGDATA"]


def figure(nrows: int = 1, ncols: int = 1, *, height: float | None = None, **kw) -> tuple[Figure, Axes]:
    """A new figure at the book's fixed size (height in inches may be changed)."""
    style.apply()
    size = (style.FIGSIZE[0], height or style.FIGSIZE[1])
    return plt.subplots(nrows, ncols, figsize=size, **kw)


def source_line(fig: Figure, source: str) -> None:
    """Write 'Source: …' at the bottom left of the figure."""
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        engine.set(rect=(0, 0.045, 1, 0.955))  # leave a strip at the bottom for the line
    fig.text(0.01, 0.005, f"Source: {source}", ha="left", va="bottom", fontsize=8, color="#444444")


def period_bands(ax: Axes, periods: pd.DataFrame, *, label: bool = True, alpha: float = 0.08) -> None:
    """Shade the book's periods (columns start_year, end_year, label) on a year axis."""
    lo, hi = ax.get_xlim()
    shades = ["#000000", "#ffffff"]
    for i, row in enumerate(periods.itertuples(index=False)):
        start, end = max(row.start_year, lo), min(row.end_year, hi)
        if end <= start:
            continue
        if i % 2 == 0:
            ax.axvspan(start, end, color=shades[0], alpha=alpha, lw=0, zorder=0)
        if label:
            ax.text((start + end) / 2, 1.0, row.label, transform=ax.get_xaxis_transform(),
                    ha="center", va="bottom", fontsize=7, color="#555555", clip_on=False)
    ax.set_xlim(lo, hi)


def mark_events(ax: Axes, events: pd.DataFrame, *, labels: dict[str, str] | None = None,
                at: str = "year", y: float = 0.97, rotation: int = 90, fontsize: int = 7,
                color: str = "#333333") -> None:
    """Draw a dotted line at each event (``timeline.events``) with a short label.

    ``at="year"`` places it at the event's year (for yearly axes); ``at="date"`` at the first
    day of its date, in decimal years (for monthly or daily axes). The label is the event's
    year unless ``labels`` maps its ``event_id`` to a short text; the full titles belong in the
    caption or the text, where they can be cited.
    """
    from .timeline import decimal_year

    if at not in {"year", "date"}:
        raise ValueError(f"at must be 'year' or 'date', not {at!r}")
    lo, hi = ax.get_xlim()
    for row in events.itertuples(index=False):
        x = row.year if at == "year" else decimal_year(row.date)
        if not lo <= x <= hi:
            continue
        text = (labels or {}).get(row.event_id, str(row.year))
        ax.axvline(x, color=color, lw=0.8, ls=":", zorder=1)
        near_right = x > lo + 0.9 * (hi - lo)
        ha = "right" if rotation == 90 or near_right else "left"
        ax.text(x, y, f" {text} ", transform=ax.get_xaxis_transform(), rotation=rotation,
                ha=ha, va="top" if y > 0.5 else "bottom", fontsize=fontsize, color=color)


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
    _write_csv(name, data)
    try:
        from myst_nb import glue

        glue(name, fig, display=True)
    except ImportError:  # outside Jupyter (e.g. a plain script) the figure is just saved
        pass
    plt.close(fig)  # already shown once: no second copy at the end of the cell
