"""The book's periods and events, read from the data layer (never hand-placed)."""
from __future__ import annotations

import pandas as pd

from .data import load


def periods(kind: str | None = "chronological") -> pd.DataFrame:
    """The book's periods (period_id, label, start_year, end_year, chapter, kind, basis).

    By default only the chronological periods, which tile the time axis; ``kind="frame"``
    gives the thematic chapters' frames and ``kind=None`` all rows.
    """
    p = load("periods")
    if kind is not None:
        p = p[p["kind"] == kind]
    return p.sort_values(["start_year", "period_id"]).reset_index(drop=True)


def events(ids: list[str] | None = None, *, categories: list[str] | None = None) -> pd.DataFrame:
    """Events from data/events.csv, optionally by id (in the order given) or category."""
    ev = load("events")
    if ids is not None:
        missing = [i for i in ids if i not in set(ev["event_id"])]
        if missing:
            raise KeyError(f"data/events.csv has no event_id {missing}")
        ev = ev.set_index("event_id").loc[ids].reset_index()
    if categories is not None:
        ev = ev[ev["category"].isin(categories)]
    return ev.reset_index(drop=True)


def period_of(year: int) -> str:
    """Label of the period containing a year."""
    p = periods("chronological")
    hit = p[(p.start_year <= year) & (p.end_year >= year)]
    if hit.empty:
        raise KeyError(f"no period contains {year}")
    return str(hit.iloc[-1]["label"])
