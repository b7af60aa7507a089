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


def decimal_year(date: str) -> float:
    """An ISO date of any precision (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) as a decimal year
    at its first day, e.g. ``"2015-07-14"`` -> 2015.53. Works before 1677 (no Timestamps)."""
    parts = [int(p) for p in str(date).split("-")]
    year = parts[0]
    if len(parts) == 1:
        return float(year)
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    month = parts[1]
    day = parts[2] if len(parts) > 2 else 1
    return year + (sum(days[: month - 1]) + day - 1) / (366 if leap else 365)


def event_span(ev: pd.DataFrame) -> pd.DataFrame:
    """Add ``x_start`` and ``x_end``: the first and last instant an event's date can mean,
    in decimal years (a day, a month, a year or a century wide, by its precision)."""
    out = ev.copy()
    starts, ends = [], []
    for row in out.itertuples(index=False):
        lo = decimal_year(row.date)
        if row.precision == "day":
            parts = [int(p) for p in row.date.split("-")]
            leap = parts[0] % 4 == 0 and (parts[0] % 100 != 0 or parts[0] % 400 == 0)
            hi = lo + 1 / (366 if leap else 365)
        elif row.precision == "month":
            y, m = (int(p) for p in row.date.split("-")[:2])
            hi = decimal_year(f"{y + m // 12}-{m % 12 + 1:02d}")
        elif row.precision == "century":
            hi = lo + 100
        else:
            hi = lo + 1
        starts.append(lo)
        ends.append(hi)
    out["x_start"], out["x_end"] = starts, ends
    return out
