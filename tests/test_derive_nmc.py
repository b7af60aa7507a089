"""Spot checks of data/nmc.csv against the raw COW file."""
from __future__ import annotations

import pandas as pd

import nexus


def test_nmc_values_match_raw_rows(raw):
    src = pd.read_csv(raw / "cow-nmc" / "NMC-60-abridged.csv")
    nmc = nexus.load("nmc")
    for ccode, iso3, year in [(365, "RUS", 1992), (630, "IRN", 2012), (2, "USA", 1950)]:
        want = src[(src.ccode == ccode) & (src.year == year)].iloc[0]
        got = nmc[(nmc.iso3 == iso3) & (nmc.year == year)].iloc[0]
        assert got["cinc"] == want["cinc"]
        assert got["tpop"] == want["tpop"]


def test_minus_nine_becomes_missing_not_dropped(raw):
    src = pd.read_csv(raw / "cow-nmc" / "NMC-60-abridged.csv")
    iran = src[src.ccode == 630]
    nmc = nexus.load("nmc")
    ours = nmc[nmc.iso3 == "IRN"]
    assert len(ours) == len(iran)  # every raw year is kept
    assert ours["milex"].isna().sum() == (iran["milex"] == -9).sum() > 0
