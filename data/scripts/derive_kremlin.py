"""Kremlin speeches index: Putin's speeches at the forums and on the subjects of the Iran–Russia relationship, 2000–2025."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

RAW_FILE = "kremlin_speeches_index_2000_2025.csv"
# Forum of a speech, from its title; the first pattern that matches wins (so the 2017
# "meeting of leaders of Russia, Iran and Azerbaijan" is an Iran item, not "other").
FORUMS = [
    ("Iran", r"\bIran|Rouhani|Raisi|Pezeshkian|Khamenei|Tehran"),
    ("Caspian", r"Caspian"),
    ("CICA", r"Conference\s+on\s+Interaction\s+and\s+Confidence"),  # \s: some titles use no-break spaces
    ("SCO", r"Shanghai Cooperation|\bSCO\b"),
    ("BRICS", r"\bBRICS\b"),
    ("Syria", r"\bSyria"),
]

RESOURCES = [
    dict(
        name="kremlin_speeches",
        title="Putin's speeches at the SCO, CICA, Caspian and BRICS forums and on Iran and Syria, 2000–2025",
        description=(
            "The items of the Kremlin speeches index (the 'Transcripts → Speeches' section of en.kremlin.ru) "
            "whose title names Iran or its leaders, the Caspian summits, the CICA, the SCO, BRICS or Syria, "
            "with the forum read from the title. It dates the multilateral summits at which the brief says "
            "Putin and Rouhani met."
        ),
        source="kremlin-speeches-index",
        raw_files=[RAW_FILE],
        publisher="President of Russia (kremlin.ru); index by lobsterbush/kremlin-speeches",
        version="index of 2000–2025 at commit 68cbdf8e",
        license="kremlin.ru content: CC BY 4.0 (attribute kremlin.ru); the index's topic labels are not used",
        bibkey="kremlin2025speeches",
        upstream="lobsterbush/kremlin-speeches@68cbdf8e81053925c7111d361ac49a6c46685486:docs/data/kremlin/search",
        years="2000–2025",
        quirks=[
            "Only the 'Speeches' sub-section of kremlin.ru is indexed: bilateral talks, press statements and "
            "meetings published in other sections (most Putin–Rouhani meetings among them) are not here, so a "
            "missing year proves nothing.",
            "The date is the speech's date on kremlin.ru; a summit of several days appears on the day Putin spoke.",
            "The forum is read from the title by the first matching pattern, in this order: " + "; ".join(
                f"{f}: /{p}/" for f, p in FORUMS) + ". A title naming none of them is not kept.",
        ],
        primary_key=["url"],
        fields=[
            ("date", "date", "date of the speech on kremlin.ru"),
            ("year", "integer", "year of the date"),
            ("forum", "string", "Iran, Caspian, CICA, SCO, BRICS or Syria, read from the title"),
            ("title", "string", "title on kremlin.ru"),
            ("url", "string", "address of the transcript on en.kremlin.ru"),
        ],
        source_line="President of Russia, kremlin.ru speeches (index 2000–2025)",
    )
]


def forum(title: str) -> str | None:
    for name, pattern in FORUMS:
        if re.search(pattern, title):
            return name
    return None


def derive(raw: Path) -> dict[str, pd.DataFrame]:
    src = raw / "kremlin-speeches-index" / RAW_FILE
    df = pd.read_csv(src, dtype=str, keep_default_na=False)
    df["forum"] = df["title"].map(forum)
    df = df[df["forum"].notna()].copy()
    df["year"] = df["date"].str[:4].astype(int)
    df = df.sort_values(["date", "url"], kind="mergesort")
    return {"kremlin_speeches": df[["date", "year", "forum", "title", "url"]]}
