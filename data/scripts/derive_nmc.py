"""COW National Material Capabilities v6.0: Iran, Russia and comparators, 1816-2016."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from nexus.countries import iso3_from_cow, name

STATES = [630, 365, 2, 710, 200, 640, 670, 666]  # Iran, Russia/USSR and comparators (COW codes)

RESOURCES = [
    dict(
        name="nmc",
        title="National material capabilities of Iran, Russia and comparators, 1816–2016",
        description=(
            "Yearly COW National Material Capabilities (v6.0) for Iran, Russia/USSR and six comparators: "
            "the Composite Index of National Capability (CINC) and its six components."
        ),
        source="cow-nmc",
        raw_files=["NMC-60-abridged.csv"],
        publisher="Correlates of War Project",
        version="NMC v6.0 (2021)",
        license="COW data: free for research and teaching, with citation of the dataset and its documentation; no formal open licence",
        bibkey="singer1972capability",
        upstream="jcook125/Slide-Deck-Rmd@71c64df1b9bf005b0a7d5a6d77e0560fe1bef0d0:NMC-60-abridged.csv",
        years="1816–2016 (Iran from 1855, its entry into the state system)",
        quirks=[
            "Missing values are coded -9 in the original; they are empty here.",
            "Military expenditure is in thousands of current British pounds for 1816–1913 and thousands of current US dollars from 1914: do not compare across 1913/1914.",
            "Russia (ccode 365) includes the Soviet Union: the COW state system codes them as one continuous state.",
            "CINC is a state's mean share of six world totals; yearly sums are not exactly 1.",
        ],
        primary_key=["iso3", "year"],
        fields=[
            ("iso3", "string", "ISO 3166-1 alpha-3 code (RUS includes the USSR)"),
            ("country", "string", "country name"),
            ("ccode", "integer", "COW state code"),
            ("year", "integer", "year"),
            ("cinc", "number", "Composite Index of National Capability", "share of world total (0–1)"),
            ("milex", "number", "military expenditure", "thousands of current GBP (1816–1913) or USD (from 1914)"),
            ("milper", "number", "military personnel", "thousands"),
            ("irst", "number", "iron and steel production", "thousands of tons"),
            ("pec", "number", "primary energy consumption", "thousands of coal-ton equivalents"),
            ("tpop", "number", "total population", "thousands"),
            ("upop", "number", "urban population (cities of 100,000 or more)", "thousands"),
        ],
        source_line="Correlates of War, National Material Capabilities v6.0",
    )
]


def derive(raw: Path) -> dict[str, pd.DataFrame]:
    src = raw / "cow-nmc" / "NMC-60-abridged.csv"
    df = pd.read_csv(src)
    df = df[df["ccode"].isin(STATES)].copy()
    cols = ["milex", "milper", "irst", "pec", "tpop", "upop", "cinc"]
    df[cols] = df[cols].astype(float).mask(df[cols] == -9)
    df["iso3"] = df["ccode"].map(iso3_from_cow)
    df["country"] = df["iso3"].map(name)
    return {"nmc": df[["iso3", "country", "ccode", "year", "cinc", "milex", "milper", "irst", "pec", "tpop", "upop"]]}
