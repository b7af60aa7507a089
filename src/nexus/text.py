"""Small helpers for numbers and dates that appear in the prose (through glue) and on generated pages."""
from __future__ import annotations


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 3 -> '3rd', 11 -> '11th', 22 -> '22nd'."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def date_text(date: str, precision: str, *, short: bool = False, space: str = " ") -> str:
    """A date of the events table as a reader writes it, as precise as it is known:
    "9th century", "1689", "September 2014", "14 July 2015" (``short``: "Sep 2014", "14 Jul 2015").
    No leading zeros: the year 800 is not "0800". ``space`` joins the parts (a non-breaking space
    keeps a date on one line in a narrow column)."""
    parts = [int(p) for p in str(date).split("-")]
    month = (lambda m: MONTHS[m - 1][:3]) if short else (lambda m: MONTHS[m - 1])
    if precision == "century":
        return f"{ordinal(parts[0] // 100 + 1)}{space}century"
    if precision == "month" and len(parts) >= 2:
        return f"{month(parts[1])}{space}{parts[0]}"
    if precision == "day" and len(parts) == 3:
        return f"{parts[2]}{space}{month(parts[1])}{space}{parts[0]}"
    return str(parts[0])
