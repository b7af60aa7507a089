"""ICEWS event counts 2002–2014 (netify dyad-year slice): Iran↔Russia and comparison dyads.

Source (raw folder): ``icews-dyadyear-netify`` (ICEWS coded event data aggregated to directed
dyad-years by the R package netify).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from nexus.countries import name

# Directed dyads kept: Iran <-> Russia, and each of them with the United States and with China
# for comparison (both directions).
PAIRS = [("IRN", "RUS"), ("IRN", "USA"), ("RUS", "USA"), ("IRN", "CHN"), ("RUS", "CHN")]
DIRECTED = {p for a, b in PAIRS for p in ((a, b), (b, a))}
COUNTS = {"verbCoop": "verbal_cooperation", "matlCoop": "material_cooperation",
          "verbConf": "verbal_conflict", "matlConf": "material_conflict"}

RESOURCES = [
    dict(
        name="icews",
        title="ICEWS cooperation and conflict events, Iran–Russia and comparison dyads, 2002–2014",
        description=(
            "Yearly counts of ICEWS events (verbal and material cooperation, verbal and material "
            "conflict) from one state to another, for the directed dyads Iran → Russia and Russia → Iran "
            "and, for comparison, Iran and Russia each with the United States and with China (both "
            "directions), 2002–2014."
        ),
        source="icews-dyadyear-netify",
        raw_files=["icews_dyadyear_iran_or_russia.csv"],
        publisher="ICEWS (Boschee et al., Harvard Dataverse); dyad-year aggregation by the R package netify",
        version="ICEWS coded event data, netify dataset icews (2002–2014)",
        license="ICEWS: Harvard Dataverse terms, cite Boschee et al. (2015); netify package GPL-3",
        bibkey="boschee2015icews",
        upstream="netify-dev/netify@d0dceb6a666e013651d017c5f6a55a51fee7bff2:data/icews.rda",
        years="2002–2014",
        quirks=[
            "Coverage is 2002–2014 only; nothing for 2015–2017.",
            "The package does not document how it aggregated the events (for example the CAMEO quad-class mapping or which actor sectors count). Treat the four counts as the package's quad-class tallies.",
            "Counts are events reported in the news, so they rise with media attention as well as with activity: compare dyads and years with care.",
        ],
        primary_key=["source_iso3", "target_iso3", "year"],
        fields=[
            ("source_iso3", "string", "ISO3 code of the state that acts (ICEWS source i)"),
            ("source_country", "string", "state that acts"),
            ("target_iso3", "string", "ISO3 code of the state acted upon (ICEWS target j)"),
            ("target_country", "string", "state acted upon"),
            ("year", "integer", "year"),
            ("verbal_cooperation", "integer", "verbal cooperation events (verbCoop)", "events"),
            ("material_cooperation", "integer", "material cooperation events (matlCoop)", "events"),
            ("verbal_conflict", "integer", "verbal conflict events (verbConf)", "events"),
            ("material_conflict", "integer", "material conflict events (matlConf)", "events"),
        ],
        source_line="ICEWS coded event data (Boschee et al. 2015), dyad-year counts from netify",
    )
]


def derive(raw: Path) -> dict[str, pd.DataFrame]:
    d = pd.read_csv(raw / "icews-dyadyear-netify" / "icews_dyadyear_iran_or_russia.csv",
                    usecols=["i_iso3c", "j_iso3c", "year", *COUNTS])
    keep = [(a, b) in DIRECTED for a, b in zip(d["i_iso3c"], d["j_iso3c"], strict=False)]
    d = d[keep].rename(columns={"i_iso3c": "source_iso3", "j_iso3c": "target_iso3", **COUNTS})
    d["source_country"] = d["source_iso3"].map(name)
    d["target_country"] = d["target_iso3"].map(name)
    fields = [f[0] for f in RESOURCES[0]["fields"]]
    return {"icews": d[fields]}
