"""Economic sanctions on Iran and Russia: GSDB Release 3 (1949–2022) and TIES v4.1 (1945–2005).

* ``sanctions_gsdb``: GSDB cases whose sanctioned state is Iran or Russia, one row per case and
  target (a case against several states counts once for each of Iran and Russia it names).
* ``sanctions_active``: per year and target, the GSDB cases in force (begin <= year <= end).
* ``sanctions_ties``: every TIES case with Iran (COW 630) or Russia/USSR (365) as target or sender.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from nexus.countries import COW_TO_ISO3, name

SRC_GSDB = "sanctions-gsdb-v3"
SRC_TIES = "sanctions-ties-v4.1"
GSDB_TARGETS = {"Iran": "IRN", "Russia": "RUS"}  # GSDB state labels -> ISO3
GSDB_TYPES = ["trade", "arms", "military", "financial", "travel", "other"]
GSDB_LAST_YEAR = 2022  # last year of Release 3; end = 2022 with success "ongoing" = still in force
FOCAL = {630: "IRN", 365: "RUS"}  # TIES focal states (COW codes)

# Code-to-label maps of TIES v4.1. SANCTION_TYPES is the list PROVENANCE.md quotes from the
# codebook. ISSUES (variable "Issue") and OUTCOMES (variable "Final Outcome") follow the category
# names (lightly shortened) of the TIES 4.0 Users' Manual, Case Level Data (Morgan, Bapat & Kobayashi, June 2013),
# which PROVENANCE.md refers to but does not list: check them against the manual before citing.
SANCTION_TYPES = {1: "total economic embargo", 2: "partial economic embargo", 3: "import restriction",
                  4: "export restriction", 5: "blockade", 6: "asset freeze", 7: "termination of foreign aid",
                  8: "travel ban", 9: "suspension of economic agreement", 10: "other"}
ISSUES = {1: "contain political influence", 2: "contain military behavior", 3: "destabilize regime",
          4: "release citizens, property or material", 5: "solve territorial dispute",
          6: "deny strategic materials", 7: "retaliate for alliance or alignment choice",
          8: "improve human rights", 9: "end weapons or materials proliferation",
          10: "terminate support of non-state actors", 11: "deter or punish drug trafficking",
          12: "improve environmental policies", 13: "trade practices", 14: "implement economic reform",
          15: "other"}
OUTCOMES = {1: "partial acquiescence by target to threat", 2: "complete acquiescence by target to threat",
            3: "capitulation by sender after threat", 4: "stalemate after threat",
            5: "negotiated settlement after threat",
            6: "partial acquiescence by target after imposition",
            7: "total acquiescence by target after imposition", 8: "capitulation by sender after imposition",
            9: "stalemate after imposition", 10: "negotiated settlement after imposition"}

GSDB_META = dict(
    source=SRC_GSDB,
    raw_files=["gsdb_v3_iran_russia_cases.csv"],
    publisher="The GSDB team (Felbermayr, Kirilakha, Syropoulos, Yalcin, Yotov), Global Sanctions Data Base",
    version="Release 3 (GSDB_V3), 1949–2022",
    license="No open licence: the GSDB team hands out the data on request through its website; check the GSDB terms (or request the data) before publishing rows",
    bibkey="felbermayr2020gsdb",
    upstream="macuriels/umass_dacss_datastorytelling@156e000abc8d1263fbb2547477d2c4c11586bf43:GSDB_V3.csv",
    source_line="Global Sanctions Data Base, Release 3 (Felbermayr et al. 2020; Syropoulos et al. 2024)",
)
GSDB_QUIRKS = [
    "The GSDB team hands out the GSDB on request, through a form on its website. No open licence came "
    "with the copy found. Before the book publishes these rows, check the GSDB terms, or request the "
    "data from the GSDB team and cite the papers.",
    "Only the rows whose sanctioned or sanctioning state contains the word Iran or Russia were kept from "
    "the full file, so any case coded against the Soviet Union under another label is not in this copy: "
    "the earliest case against Russia here begins in 1993.",
    "`sanctioning_state` may be an organisation (`UN`, `EU`) or a comma-separated list of co-senders.",
    "`end` = 2022 with `success` = `ongoing` means still in force when the release was made.",
    "`objective` and `success` are coded per objective in the same order; `prevent_war` is the code the "
    "GSDB uses for non-proliferation cases.",
]

TIES_QUIRKS = [
    "TIES ends in 2005. It does not cover the 2006–2015 UN/EU/US nuclear sanctions on Iran or the 2014 "
    "sanctions on Russia; use the GSDB for those.",
    "Integer code columns that have blanks are shown as floats in the CSV copy (e.g. `2.0`); here they are integers.",
    "Senders and targets are Correlates of War country codes (2 USA, 200 UK, 365 Russia/USSR, 630 Iran, …); "
    "codes of 1000 and above are not states (e.g. the European Community/Union) and get no name here.",
    "The sanction-type list (1 total economic embargo … 10 other) should be checked against the codebook "
    "before relying on it; issue and outcome labels come from the TIES 4.0 Users' Manual.",
    "A case with no end year is open in TIES: ongoing_as_of_year gives the last year the coders saw it ongoing, if coded.",
    "Checked here: in the full TIES file final outcomes 1–5 (threat stage) go with imposition = 0 and 6–10 "
    "with imposition = 1, except 19 cases; among the Iran/Russia cases the exception is 1995030103 (US "
    "sanctions on Iran of March 1995, imposed, outcome 3 'capitulation by sender after threat').",
]

RESOURCES = [
    dict(
        name="sanctions_gsdb",
        title="Sanctions on Iran and Russia in the Global Sanctions Data Base (Release 3), 1979–2022",
        description=(
            "GSDB Release 3 sanction cases whose sanctioned state is Iran or Russia, one row per case and "
            "target (case 1133 names Syria, Russia and Iran and so appears for both). Begin and end years, "
            "the sender(s) as coded, the kinds of sanction as booleans, the kind of trade sanction, the "
            "objective(s) and outcome(s). Cases in which Iran or Russia is only the sender are not included."
        ),
        years="1979–2022",
        quirks=GSDB_QUIRKS,
        primary_key=["case_id", "iso3"],
        fields=[
            ("case_id", "integer", "GSDB case number"),
            ("iso3", "string", "ISO3 code of the sanctioned state (Iran or Russia)"),
            ("country", "string", "name of the sanctioned state"),
            ("sanctioned_state", "string", "target(s) as coded in the GSDB"),
            ("sanctioning_state", "string", "sender(s) as coded: a state, an organisation (UN, EU) or a comma-separated list"),
            ("begin", "integer", "first year of the sanctions"),
            ("end", "integer", "last year of the sanctions (2022 = still in force if ongoing)"),
            ("ongoing", "boolean", "still in force at the end of the release (end = 2022 and success includes 'ongoing')"),
            ("trade", "boolean", "trade sanctions"),
            ("arms", "boolean", "arms embargo"),
            ("military", "boolean", "military assistance sanctions"),
            ("financial", "boolean", "financial sanctions"),
            ("travel", "boolean", "travel sanctions"),
            ("other", "boolean", "other sanctions"),
            ("descr_trade", "string", "kind of trade sanction, comma-separated: exp_compl/exp_part (complete/partial export ban), imp_compl/imp_part (import ban)"),
            ("target_mult", "boolean", "the case targets several states"),
            ("sender_mult", "boolean", "the sender is several states or an organisation"),
            ("objective", "string", "stated objective(s), comma-separated GSDB codes"),
            ("success", "string", "outcome per objective, same order: success_total, success_part, nego_settlement, failed, ongoing"),
        ],
        **GSDB_META,
    ),
    dict(
        name="sanctions_active",
        title="Sanction cases in force against Iran and Russia by year (GSDB Release 3), 1979–2022",
        description=(
            "For each year and target (Iran, Russia), the number of GSDB Release 3 cases in force "
            "(begin <= year <= end), in all and by kind of sanction (a case can have several kinds), and how "
            "many had a multilateral sender or the UN as sender. Computed from sanctions_gsdb. Each series "
            "starts in the first year of a case against that state (Iran 1979, Russia 1993) and runs to 2022."
        ),
        years="1979–2022 (Russia from 1993)",
        quirks=GSDB_QUIRKS[:3] + ["A case is counted in every year from its begin to its end year, inclusive."],
        primary_key=["iso3", "year"],
        fields=[
            ("iso3", "string", "ISO3 code of the sanctioned state"),
            ("country", "string", "name of the sanctioned state"),
            ("year", "integer", "year"),
            ("n_cases", "integer", "GSDB cases in force", "cases"),
            ("n_trade", "integer", "cases in force with trade sanctions", "cases"),
            ("n_arms", "integer", "cases in force with an arms embargo", "cases"),
            ("n_military", "integer", "cases in force with military-assistance sanctions", "cases"),
            ("n_financial", "integer", "cases in force with financial sanctions", "cases"),
            ("n_travel", "integer", "cases in force with travel sanctions", "cases"),
            ("n_other", "integer", "cases in force with other sanctions", "cases"),
            ("n_multilateral", "integer", "cases in force whose sender is several states or an organisation", "cases"),
            ("n_un", "integer", "cases in force imposed by the UN", "cases"),
        ],
        **GSDB_META,
    ),
    dict(
        name="sanctions_ties",
        title="Threatened and imposed sanctions involving Iran or Russia/USSR (TIES v4.1), 1946–2005",
        description=(
            "TIES v4.1 cases in which Iran or Russia/USSR is the target or one of the senders: case id, start "
            "and end dates, target and primary sender (COW code, ISO3 and name where nexus.countries has "
            "them), all senders, whether sanctions were threatened and imposed, the issues, the imposed "
            "sanction types and the final outcome, each with its codebook label. iran_role and russia_role "
            "say whether the state is the target or a sender."
        ),
        source=SRC_TIES,
        raw_files=["ties_v4.1_iran_russia.csv"],
        publisher="T. Clifton Morgan, Navin Bapat and Yoshiharu Kobayashi, TIES project (University of North Carolina at Chapel Hill)",
        version="TIES v4.1 (TIESv4-1.xls, sheet TIESv4.1.raw)",
        license="None stated; the TIES project posts the data publicly for research use. Cite Morgan, Bapat & Kobayashi (2014)",
        bibkey="morgan2014ties",
        upstream="maxlaza411/EconCoerFinal@143abc8119fca2ce00db5bab00f7bc27926e419b:TIESv4-1.xls",
        years="1946–2005 (start years)",
        quirks=TIES_QUIRKS,
        primary_key=["caseid"],
        fields=[
            ("caseid", "integer", "TIES case id (YYYYMMDDNN, from the start date)"),
            ("start_year", "integer", "year the case began"),
            ("start_month", "integer", "month the case began"),
            ("end_year", "integer", "year the case ended (empty if open)"),
            ("ongoing_as_of_year", "integer", "for open cases: last year coded as ongoing"),
            ("iran_role", "string", "Iran's role: target, sender or empty"),
            ("russia_role", "string", "Russia/USSR's role: target, sender or empty"),
            ("target_ccode", "integer", "target (COW code; 1000 and above are not states)"),
            ("target_iso3", "string", "target ISO3 code (where nexus.countries has it; RUS includes the USSR)"),
            ("target", "string", "target name (where nexus.countries has it)"),
            ("primary_sender_ccode", "integer", "primary sender (COW code; empty for some institutional cases)"),
            ("primary_sender_iso3", "string", "primary sender ISO3 code (where nexus.countries has it)"),
            ("primary_sender", "string", "primary sender name (where nexus.countries has it)"),
            ("sender_ccodes", "string", "all senders (sender1..5), COW codes separated by spaces"),
            ("senders", "string", "all senders' names, '; '-separated (COW code where nexus.countries has no name)"),
            ("institution", "boolean", "the sender acted through an international institution"),
            ("institution_id", "string", "TIES code(s) of the institution, as in the source"),
            ("threat", "boolean", "sanctions were threatened"),
            ("imposition", "boolean", "sanctions were imposed"),
            ("issue1", "integer", "main issue (TIES code)"),
            ("issue1_label", "string", "main issue (codebook label)"),
            ("issues", "string", "all coded issues (issue1..3), codebook labels '; '-separated"),
            ("sanction_types", "string", "imposed sanction types, TIES codes as in the source (space-separated)"),
            ("sanction_type_labels", "string", "imposed sanction types, codebook labels '; '-separated"),
            ("final_outcome", "integer", "final outcome (TIES code)"),
            ("final_outcome_label", "string", "final outcome (codebook label)"),
        ],
        source_line="TIES: Threat and Imposition of Economic Sanctions v4.1 (Morgan, Bapat & Kobayashi 2014)",
    ),
]


def _flag(s: pd.Series) -> pd.Series:
    if not set(s.dropna().astype(int)) <= {0, 1}:
        raise ValueError(f"{s.name}: expected 0/1")
    return s.astype(int).astype(bool)


def gsdb(raw: Path) -> pd.DataFrame:
    df = pd.read_csv(raw / SRC_GSDB / "gsdb_v3_iran_russia_cases.csv")
    targets = df["sanctioned_state"].str.split(",").apply(lambda xs: [x.strip() for x in xs])
    df = df.assign(target=targets).explode("target")
    df = df[df["target"].isin(GSDB_TARGETS)].copy()
    df["iso3"] = df["target"].map(GSDB_TARGETS)
    df["country"] = df["iso3"].map(name)
    for c in GSDB_TYPES + ["target_mult", "sender_mult"]:
        df[c] = _flag(df[c])
    # "exp_part, imp_part" and "exp_part,imp_part" both occur: drop the blanks after commas
    for c in ["descr_trade", "objective", "success"]:
        df[c] = df[c].str.replace(r"\s*,\s*", ",", regex=True)
    df["ongoing"] = (df["end"] == GSDB_LAST_YEAR) & df["success"].str.contains("ongoing")
    return df[[f[0] for f in RESOURCES[0]["fields"]]]


def gsdb_active(cases: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for iso3, g in cases.groupby("iso3"):
        for year in range(int(g["begin"].min()), GSDB_LAST_YEAR + 1):
            live = g[(g["begin"] <= year) & (g["end"] >= year)]
            row = {"iso3": iso3, "country": name(iso3), "year": year, "n_cases": len(live)}
            row.update({f"n_{t}": int(live[t].sum()) for t in GSDB_TYPES})
            row["n_multilateral"] = int(live["sender_mult"].sum())
            row["n_un"] = int((live["sanctioning_state"].str.strip() == "UN").sum())
            rows.append(row)
    return pd.DataFrame(rows)


def _state(code) -> tuple[str | None, str | None]:
    if pd.isna(code) or int(code) not in COW_TO_ISO3:
        return None, None
    iso = COW_TO_ISO3[int(code)]
    return iso, name(iso)


def _labels(codes: list[int], table: dict[int, str]) -> str:
    unknown = [c for c in codes if c not in table]
    if unknown:
        raise ValueError(f"codes {unknown} have no codebook label")
    return "; ".join(table[c] for c in codes)


def ties(raw: Path) -> pd.DataFrame:
    df = pd.read_csv(raw / SRC_TIES / "ties_v4.1_iran_russia.csv")
    senders = ["sender1", "sender2", "sender3", "sender4", "sender5"]
    rows = []
    for _, r in df.iterrows():
        sender_codes = [int(r[c]) for c in senders if pd.notna(r[c])]
        if pd.notna(r["primarysender"]) and int(r["primarysender"]) not in sender_codes:
            sender_codes.insert(0, int(r["primarysender"]))
        roles = {}
        for code, iso in FOCAL.items():
            roles[iso] = "target" if int(r["targetstate"]) == code else ("sender" if code in sender_codes else None)
        if not any(roles.values()):
            raise ValueError(f"case {r['caseid']}: neither Iran nor Russia is target or sender")
        t_iso, t_name = _state(r["targetstate"])
        p_iso, p_name = _state(r["primarysender"])
        issues = [int(r[c]) for c in ["issue1", "issue2", "issue3"] if pd.notna(r[c])]
        types = [int(x) for x in re.split(r"\s+", str(r["sanctiontype"]).strip())] if pd.notna(r["sanctiontype"]) else []
        outcome = int(r["finaloutcome"]) if pd.notna(r["finaloutcome"]) else None
        rows.append({
            "caseid": int(r["caseid"]),
            "start_year": int(r["startyear"]),
            "start_month": r["startmonth"],
            "end_year": r["endyear"],
            "ongoing_as_of_year": r["ongoingasofyear"],
            "iran_role": roles["IRN"], "russia_role": roles["RUS"],
            "target_ccode": int(r["targetstate"]), "target_iso3": t_iso, "target": t_name,
            "primary_sender_ccode": r["primarysender"], "primary_sender_iso3": p_iso, "primary_sender": p_name,
            "sender_ccodes": " ".join(str(c) for c in sender_codes),
            "senders": "; ".join(_state(c)[1] or str(c) for c in sender_codes),
            "institution": None if pd.isna(r["institution"]) else bool(int(r["institution"])),
            "institution_id": None if pd.isna(r["institutionid"]) else str(r["institutionid"]).strip(),
            "threat": bool(int(r["threat"])), "imposition": bool(int(r["imposition"])),
            "issue1": issues[0] if issues else None,
            "issue1_label": ISSUES[issues[0]] if issues else None,
            "issues": _labels(issues, ISSUES),
            "sanction_types": " ".join(str(t) for t in types) or None,
            "sanction_type_labels": _labels(types, SANCTION_TYPES) or None,
            "final_outcome": outcome,
            "final_outcome_label": OUTCOMES[outcome] if outcome is not None else None,
        })
    out = pd.DataFrame(rows)
    out["institution"] = out["institution"].astype("boolean")
    return out


def derive(raw: Path) -> dict[str, pd.DataFrame]:
    cases = gsdb(raw)
    return {"sanctions_gsdb": cases, "sanctions_active": gsdb_active(cases), "sanctions_ties": ties(raw)}
