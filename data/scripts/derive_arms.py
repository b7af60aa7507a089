"""Arms transfers (SIPRI Arms Transfers Database) and military expenditure (SIPRI Milex 2025).

Sources (raw folders): ``sipri-arms-transfers`` (TIV export tables generated 28 July 2022, in the
folder's long derived copies; trade register generated 13 March 2025, read from the raw file so
that each deal keeps its line number) and ``sipri-milex`` (SIPRI Military Expenditure Database,
2025 release, as transcribed to JSON and flattened to CSV).
"""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from nexus.countries import COUNTRIES, name

TIV_REPO = "360-info/report-arms-trade@e00d2d3e57d1d6dd409f60fc367e088cce34c86e"
REG_REPO = "ColasDroin/SIPRI_arms_transfers_analysis@b34bde378b96bf8450441fd6097d5c19b278b8ca"
MILEX_REPO = "nalutbae/sipri-military-expenditure@385b6caa45ebdb23079136e730340a2336c3c1b8"
REGISTER = Path("raw") / "trade-register-2025-03-13" / "trade-register.csv"

# SIPRI names that differ from the names in nexus.countries (all others are matched by name)
SIPRI_ALIASES = {
    "Soviet Union": "RUS",  # RUS includes the USSR (nexus.countries)
    "Viet Nam": "VNM",
    "UAE": "ARE",
    "East Germany (GDR)": "DDR",
    "Czechia": "CZE",
}
BY_NAME = {n: iso for iso, (n, _) in COUNTRIES.items()}

# SIPRI Milex country names -> ISO3 (the USSR row is Russia's predecessor, as RUS in nexus.countries)
MILEX_COUNTRIES = {
    "Iran": "IRN", "Russia": "RUS", "USSR": "RUS", "United States of America": "USA", "China": "CHN",
    "Saudi Arabia": "SAU", "Israel": "ISR", "Türkiye": "TUR",
}
MILEX_SHEETS = {  # SIPRI sheet -> output column
    "Constant (2023) US$": "milex_constant_2023_usd_m",
    "Current US$": "milex_current_usd_m",
    "Share of GDP": "share_of_gdp_pct",
    "Share of Govt. spending": "share_of_govt_spending_pct",
}

SIPRI_LICENSE = ("SIPRI Arms Transfers Database (c) SIPRI: SIPRI's terms of use for its databases apply; "
                 "cite SIPRI whenever the figures are used")
TIV_QUIRKS = [
    "TIV (trend-indicator value) is SIPRI's volume measure of military capability transferred, in constant 'TIV dollars'. It is not a financial or deal value.",
    "A value of 0 means deliveries worth less than 0.5 m TIV. Years with no deliveries are absent (empty cells in the raw table).",
    "SIPRI covers major conventional arms only; small arms, ammunition and most services are not included.",
    "Row sums differ from SIPRI's Total column by a few units because of rounding (\"Figures may not add up due to the conventions of rounding\").",
    "The TIV tables were generated on 28 July 2022 and the trade register on 13 March 2025; SIPRI revises past data, so register TIV sums can differ slightly from these tables.",
    "SIPRI's Soviet Union (1950–1991) and Russia (from 1992) are both coded RUS here; column sipri_supplier keeps SIPRI's name.",
]


def _tiv_meta() -> dict:
    return dict(
        source="sipri-arms-transfers",
        publisher="Stockholm International Peace Research Institute (SIPRI)",
        version="SIPRI Arms Transfers Database, TIV export tables 1950–2021 generated 28 July 2022",
        license=SIPRI_LICENSE,
        bibkey="sipri2022arms",
        source_line="SIPRI Arms Transfers Database (TIV tables of 28 July 2022)",
    )


RESOURCES = [
    dict(
        name="arms_to_iran",
        title="Arms deliveries to Iran by supplier, SIPRI TIV, 1950–2021",
        description=(
            "SIPRI trend-indicator values (TIV) of major conventional arms delivered to Iran, by supplier and "
            "year of delivery, from SIPRI's TIV export table of each supplier."
        ),
        raw_files=["derived/tiv_to_iran_by_supplier_1950_2021.csv"],
        **_tiv_meta(),
        upstream=f"{TIV_REPO}:data/trademap-raw/TIV-Export-<CODE>-1950-2021.csv",
        years="1950–2021 (delivery years)",
        quirks=TIV_QUIRKS,
        primary_key=["supplier_iso3", "year"],
        fields=[
            ("supplier_iso3", "string", "ISO3 code of the supplier (RUS includes the Soviet Union)"),
            ("supplier", "string", "supplier"),
            ("sipri_supplier", "string", "supplier name in SIPRI's table"),
            ("sipri_code", "string", "SIPRI's three-letter supplier code (file name)"),
            ("recipient_iso3", "string", "ISO3 code of the recipient (IRN)"),
            ("recipient", "string", "recipient"),
            ("year", "integer", "year of delivery"),
            ("tiv", "integer", "SIPRI trend-indicator value of deliveries", "million TIV (SIPRI trend-indicator value)"),
        ],
    ),
    dict(
        name="arms_russia_recipients",
        title="Arms deliveries from the Soviet Union and Russia by recipient, SIPRI TIV, 1950–2021",
        description=(
            "SIPRI trend-indicator values (TIV) of major conventional arms delivered by the Soviet Union "
            "(1950–1991) and Russia (1992–2021), by recipient and year of delivery; every recipient in the "
            "two SIPRI tables, with each table's Total row kept as recipient_type = total."
        ),
        raw_files=["derived/tiv_from_russia_and_ussr_by_recipient_1950_2021.csv"],
        **_tiv_meta(),
        upstream=f"{TIV_REPO}:data/trademap-raw/TIV-Export-USR-1950-2021.csv; TIV-Export-RUS-1950-2021.csv",
        years="Soviet Union 1950–1991; Russia 1992–2021",
        quirks=TIV_QUIRKS + [
            "Recipient names ending in * are non-state actors and in ** international organisations (recipient_type); 'Total' is the table's total over all recipients, not a recipient: drop it before summing.",
            "recipient_iso3 is given where the recipient is one of the states in nexus.countries; other recipients keep SIPRI's name only.",
        ],
        primary_key=["recipient", "year"],
        fields=[
            ("supplier_iso3", "string", "ISO3 code of the supplier (RUS, including the Soviet Union)"),
            ("supplier", "string", "supplier"),
            ("sipri_supplier", "string", "supplier name in SIPRI's table (Soviet Union or Russia)"),
            ("recipient", "string", "recipient name in SIPRI's table"),
            ("recipient_iso3", "string", "ISO3 code of the recipient if it is a state in nexus.countries, else empty"),
            ("recipient_country", "string", "recipient name in nexus.countries, else empty"),
            ("recipient_type", "string", "state, non-state actor, international organisation, unknown or total"),
            ("year", "integer", "year of delivery"),
            ("tiv", "integer", "SIPRI trend-indicator value of deliveries", "million TIV (SIPRI trend-indicator value)"),
        ],
    ),
    dict(
        name="arms_register_iran",
        title="SIPRI trade register: arms deals with Iran as recipient, orders 1950s–2024",
        description=(
            "Every deal of the SIPRI trade register (generated 13 March 2025) with Iran as recipient: supplier, "
            "year of order, numbers ordered and delivered, weapon designation and description, years of "
            "delivery, status, SIPRI's comments and TIV values; one row per deal."
        ),
        source="sipri-arms-transfers",
        raw_files=[str(REGISTER)],
        publisher="Stockholm International Peace Research Institute (SIPRI)",
        version="SIPRI Arms Transfers Database, trade register generated 13 March 2025",
        license=SIPRI_LICENSE,
        bibkey="sipri2025register",
        upstream=f"{REG_REPO}:trade-register.csv",
        years="orders 1950s–2024; deliveries to 2024",
        quirks=[
            "The register has no deal id; deal_id is built from the deal's line number in the raw file (trade-register.csv, sha256 915257da…), so it is stable for this file only.",
            "A '?' in the source marks the value to its left as uncertain (the *_uncertain columns).",
            "An empty 'Number ordered' means that data are not yet available; an empty TIV for the total order means the number ordered and/or the TIV per unit is not available.",
            "A 0 for the TIV of delivered weapons means deliveries between 0 and 0.5 million TIV; an empty field means no deliveries have been identified.",
            "Comments are SIPRI's free text (deal values such as \"$1 b deal\", local designations, licence production); money values quoted there are not TIV.",
            "The raw file is encoded in Windows-1252; the text here is UTF-8. A few register rows (none with Iran as recipient) are broken over two lines or carry a stray carriage return in the raw file; they are rejoined.",
            "TIV is a volume measure of military capability, not a financial value; SIPRI covers major conventional arms only.",
        ],
        primary_key=["deal_id"],
        fields=[
            ("deal_id", "string", "deal id built from the raw line number: SIPRI-TR-<line>"),
            ("raw_line", "integer", "line of the deal in the raw trade-register.csv (1-based)"),
            ("recipient_iso3", "string", "ISO3 code of the recipient (IRN)"),
            ("recipient", "string", "recipient"),
            ("supplier_iso3", "string", "ISO3 code of the supplier (RUS includes the Soviet Union); empty for unknown suppliers"),
            ("supplier", "string", "supplier (nexus.countries name; SIPRI's name for unknown suppliers)"),
            ("sipri_supplier", "string", "supplier name in the register"),
            ("order_year", "integer", "year of order"),
            ("order_year_uncertain", "boolean", "the year of order is uncertain (?)"),
            ("number_ordered", "integer", "number ordered (empty: not yet available)", "items"),
            ("number_ordered_uncertain", "boolean", "the number ordered is uncertain (?)"),
            ("weapon_designation", "string", "weapon designation"),
            ("weapon_description", "string", "weapon description"),
            ("number_delivered", "integer", "number delivered", "items"),
            ("number_delivered_uncertain", "boolean", "the number delivered is uncertain (?)"),
            ("delivery_years", "string", "years of delivery, '; '-separated"),
            ("first_delivery_year", "integer", "first year of delivery"),
            ("last_delivery_year", "integer", "last year of delivery"),
            ("status", "string", "New, Second hand, Second hand but modernized"),
            ("comments", "string", "SIPRI's comments"),
            ("tiv_per_unit", "number", "SIPRI TIV per unit", "million TIV"),
            ("tiv_total_order", "number", "SIPRI TIV for the total order", "million TIV"),
            ("tiv_delivered", "number", "SIPRI TIV of delivered weapons", "million TIV"),
        ],
        source_line="SIPRI Arms Transfers Database, trade register (13 March 2025)",
    ),
    dict(
        name="arms_register_iran_supplier",
        title="SIPRI trade register: arms deals with Iran as supplier, orders 1960s–2024",
        description=(
            "Every deal of the SIPRI trade register (generated 13 March 2025) with Iran as supplier: recipient "
            "(states and non-state actors), year of order, numbers ordered and delivered, weapon designation and "
            "description, years of delivery, status, SIPRI's comments and TIV values; one row per deal. It holds "
            "Iran's deliveries to Russia from 2022."
        ),
        source="sipri-arms-transfers",
        raw_files=[str(REGISTER)],
        publisher="Stockholm International Peace Research Institute (SIPRI)",
        version="SIPRI Arms Transfers Database, trade register generated 13 March 2025",
        license=SIPRI_LICENSE,
        bibkey="sipri2025register",
        upstream=f"{REG_REPO}:trade-register.csv",
        years="orders 1962–2024; deliveries to 2024",
        quirks=[
            "The register has no deal id; deal_id is built from the deal's line number in the raw file (trade-register.csv, sha256 915257da…), so it is stable for this file only.",
            "Recipient names ending in * are non-state actors (e.g. 'Hezbollah (Lebanon)*'); recipient_iso3 is empty for them and for recipients not in nexus.countries.",
            "A '?' in the source marks the value to its left as uncertain (the *_uncertain columns). An empty 'Number ordered' means that data are not yet available; an empty or 0 TIV for the total order means the number ordered and/or the TIV per unit is not available (e.g. Russia's 2023 order of Fath-360 missiles, of which 200 were delivered in 2024).",
            "A 0 for the TIV of delivered weapons means deliveries between 0 and 0.5 million TIV; an empty field means no deliveries have been identified.",
            "TIV is a volume measure of military capability, not a financial value; SIPRI covers major conventional arms only. Deliveries of arms under a UN embargo (Iran's exports were barred by resolutions 1747 and 2231 until 18 October 2020) are recorded where SIPRI identified them.",
        ],
        primary_key=["deal_id"],
        fields=[
            ("deal_id", "string", "deal id built from the raw line number: SIPRI-TR-<line>"),
            ("raw_line", "integer", "line of the deal in the raw trade-register.csv (1-based)"),
            ("supplier_iso3", "string", "ISO3 code of the supplier (IRN)"),
            ("supplier", "string", "supplier"),
            ("recipient_iso3", "string", "ISO3 code of the recipient if it is a state in nexus.countries (RUS includes the Soviet Union), else empty"),
            ("recipient", "string", "recipient (nexus.countries name, else SIPRI's name)"),
            ("sipri_recipient", "string", "recipient name in the register"),
            ("recipient_type", "string", "state, non-state actor, international organisation or unknown"),
            ("order_year", "integer", "year of order"),
            ("order_year_uncertain", "boolean", "the year of order is uncertain (?)"),
            ("number_ordered", "integer", "number ordered (empty: not yet available)", "items"),
            ("number_ordered_uncertain", "boolean", "the number ordered is uncertain (?)"),
            ("weapon_designation", "string", "weapon designation"),
            ("weapon_description", "string", "weapon description"),
            ("number_delivered", "integer", "number delivered", "items"),
            ("number_delivered_uncertain", "boolean", "the number delivered is uncertain (?)"),
            ("delivery_years", "string", "years of delivery, '; '-separated"),
            ("first_delivery_year", "integer", "first year of delivery"),
            ("last_delivery_year", "integer", "last year of delivery"),
            ("status", "string", "New, Second hand, Second hand but modernized"),
            ("comments", "string", "SIPRI's comments"),
            ("tiv_per_unit", "number", "SIPRI TIV per unit", "million TIV"),
            ("tiv_total_order", "number", "SIPRI TIV for the total order", "million TIV"),
            ("tiv_delivered", "number", "SIPRI TIV of delivered weapons", "million TIV"),
        ],
        source_line="SIPRI Arms Transfers Database, trade register (13 March 2025)",
    ),
    dict(
        name="arms_register_deliveries",
        title="SIPRI trade register: deliveries by year from Russia (and the USSR) and from Iran to each recipient, 1950–2024",
        description=(
            "The TIV of deliveries of every register deal whose supplier is the Soviet Union, Russia or Iran, "
            "summed by supplier, recipient and year of delivery, with each deal's delivered TIV spread evenly "
            "over its delivery years. Both directions between Russia and Iran are here (Russia to Iran, Iran to "
            "Russia), as are Russia's deliveries to the Gulf states and Israel, to 2024, three years beyond "
            "SIPRI's TIV tables of July 2022."
        ),
        source="sipri-arms-transfers",
        raw_files=[str(REGISTER)],
        publisher="Stockholm International Peace Research Institute (SIPRI)",
        version="SIPRI Arms Transfers Database, trade register generated 13 March 2025",
        license=SIPRI_LICENSE,
        bibkey="sipri2025register",
        upstream=f"{REG_REPO}:trade-register.csv",
        years="delivery years 1950–2024",
        quirks=[
            "The register gives, for each deal, the TIV of all weapons delivered and the list of delivery years, not the TIV of each year. This file spreads a deal's delivered TIV evenly over its delivery years (the book's estimate, not SIPRI's). SIPRI's own yearly TIV tables (arms_to_iran, arms_russia_recipients, to 2021) use the real yearly numbers: for Russia to Iran the two agree on the large years (e.g. 2016) but can shift TIV between neighbouring years.",
            "A deal whose delivered TIV is empty (no deliveries identified) adds nothing; one whose delivered TIV is 0 (under 0.5 million) adds 0.",
            "SIPRI's Soviet Union (deals to 1991) and Russia (from 1992) are both supplier RUS; sipri_supplier keeps SIPRI's name. Recipients keep SIPRI's names; recipient_iso3 is filled for states in nexus.countries.",
            "TIV is a volume measure of military capability, not a financial value; SIPRI covers major conventional arms only. Russian deliveries to Iran were capped by the UN arms restrictions on Iran from 2007 (resolution 1747) and under resolution 2231 until 18 October 2020; arms transfers from Iran were barred by the same resolutions.",
        ],
        primary_key=["supplier_iso3", "sipri_supplier", "recipient", "year"],
        fields=[
            ("supplier_iso3", "string", "ISO3 code of the supplier (RUS includes the Soviet Union; IRN)"),
            ("supplier", "string", "supplier"),
            ("sipri_supplier", "string", "supplier name in the register (Soviet Union, Russia or Iran)"),
            ("recipient_iso3", "string", "ISO3 code of the recipient if it is a state in nexus.countries, else empty"),
            ("recipient", "string", "recipient name in the register"),
            ("recipient_type", "string", "state, non-state actor, international organisation or unknown"),
            ("year", "integer", "year of delivery"),
            ("tiv_delivered_est", "number", "TIV delivered in the year, each deal's delivered TIV spread evenly over its delivery years", "million TIV (SIPRI trend-indicator value)"),
            ("n_deals", "integer", "number of deals with a delivery in the year", "deals"),
        ],
        source_line="SIPRI Arms Transfers Database, trade register (13 March 2025); yearly split by the book",
    ),
    dict(
        name="milex",
        title="Military expenditure of Iran, Russia and five comparators, SIPRI 1949–2024",
        description=(
            "SIPRI Military Expenditure Database (2025 release) for Iran, Russia (USSR 1987–1990), the United "
            "States, China, Saudi Arabia, Israel and Turkey: spending in constant 2023 US$ and current US$, as a "
            "share of GDP and of general government spending."
        ),
        source="sipri-milex",
        raw_files=["sipri_milex_selected_long.csv"],
        publisher="Stockholm International Peace Research Institute (SIPRI)",
        version="SIPRI Military Expenditure Database, 2025 release (1949–2024; constant 2023 US$)",
        license="SIPRI permits free use of its database with attribution to SIPRI as the source (no licence in the transcribing repository)",
        bibkey="sipri2025milex",
        upstream=f"{MILEX_REPO}:sipri-data.zip",
        years="1949–2024 (Russia from 1992, USSR 1987–1990, Iran 1960–2024; years with no value are absent)",
        quirks=[
            "This is a secondary transcription of SIPRI's workbook (via a Google Sheet exported to JSON). SIPRI's text markers ('...' data unavailable, 'xxx' country did not exist) and true zeros all became empty, so an empty value is not a zero.",
            "SIPRI's brackets (estimates) and italics (highly uncertain figures) are lost, and SIPRI's footnote texts are not included.",
            "The USSR row (1987–1990) is coded RUS with sipri_country = USSR; Russia's constant-US$ and share-of-GDP series start in 1992, its current-US$ series in 1993.",
            "Iran's current-US$ series falls from 19,733 m (1992) to 1,448 m (1993) while its constant-US$ series rises: a break from the exchange rate used for conversion, not a collapse in spending. Use constant US$ or share of GDP for trends.",
            "Share of government spending starts in 1988.",
        ],
        primary_key=["iso3", "year"],
        fields=[
            ("iso3", "string", "ISO3 code (RUS includes the USSR)"),
            ("country", "string", "country name"),
            ("sipri_country", "string", "country name in SIPRI's workbook"),
            ("year", "integer", "year"),
            ("milex_constant_2023_usd_m", "number", "military expenditure at constant 2023 prices and exchange rates", "US$ million, constant 2023"),
            ("milex_current_usd_m", "number", "military expenditure at current prices", "US$ million, current"),
            ("share_of_gdp_pct", "number", "military expenditure as a share of GDP", "percent of GDP"),
            ("share_of_govt_spending_pct", "number", "military expenditure as a share of general government expenditure", "percent of general government expenditure"),
        ],
        source_line="SIPRI Military Expenditure Database (2025)",
    ),
]


def _fields(name_: str) -> list[str]:
    return [f[0] for f in next(r for r in RESOURCES if r["name"] == name_)["fields"]]


def sipri_iso3(sipri_name: str) -> str | None:
    """ISO3 of a SIPRI state name if it is in nexus.countries, else None."""
    return SIPRI_ALIASES.get(sipri_name) or BY_NAME.get(sipri_name)


def _arms_to_iran(raw: Path) -> pd.DataFrame:
    df = pd.read_csv(raw / "sipri-arms-transfers" / "derived" / "tiv_to_iran_by_supplier_1950_2021.csv")
    df = df[df["recipient"] == "Iran"].copy()
    df["supplier_iso3"] = df["supplier"].map(sipri_iso3)
    unknown = sorted(df.loc[df["supplier_iso3"].isna(), "supplier"].unique())
    if unknown:
        raise KeyError(f"SIPRI suppliers {unknown} have no ISO3 code: add them to nexus.countries or SIPRI_ALIASES")
    df["sipri_supplier"], df["sipri_code"] = df["supplier"], df["supplier_file_code"]
    df["supplier"] = df["supplier_iso3"].map(name)
    df["recipient_iso3"] = "IRN"
    df["recipient"] = name("IRN")
    df["tiv"] = df["tiv_musd"]
    return df[_fields("arms_to_iran")]


def _recipient_type(r: str) -> str:
    if r == "Total":
        return "total"
    if r.endswith("**"):
        return "international organisation"
    if r.endswith("*"):
        return "non-state actor"
    if r.lower().startswith("unknown"):
        return "unknown"
    return "state"


def _arms_russia_recipients(raw: Path) -> pd.DataFrame:
    df = pd.read_csv(raw / "sipri-arms-transfers" / "derived" / "tiv_from_russia_and_ussr_by_recipient_1950_2021.csv")
    df = df[df["supplier"].isin(["Russia", "Soviet Union"])].copy()
    df["sipri_supplier"] = df["supplier"]
    df["supplier_iso3"] = df["supplier"].map(sipri_iso3)
    df["supplier"] = df["supplier_iso3"].map(name)
    df["recipient_type"] = df["recipient"].map(_recipient_type)
    iso = df["recipient"].map(sipri_iso3)
    df["recipient_iso3"] = iso.where(df["recipient_type"] == "state")
    df["recipient_country"] = df["recipient_iso3"].map(lambda c: name(c) if isinstance(c, str) else None)
    df["tiv"] = df["tiv_musd"]
    return df[_fields("arms_russia_recipients")]


REGISTER_COLUMNS = ["recipient", "supplier", "order_year", "order_year_uncertain", "number_ordered",
                    "number_ordered_uncertain", "weapon_designation", "weapon_description", "number_delivered",
                    "number_delivered_uncertain", "delivery_years", "status", "comments", "tiv_per_unit",
                    "tiv_total_order", "tiv_delivered"]


def register_records(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, 16 fields) of every deal in the raw SIPRI trade register.

    Line numbers count physical lines (ending in LF), starting at 1. A few deals in the raw file are
    broken over two lines (13 fields, then 4 whose first continues the comment) or carry a stray CR
    inside a comment; the broken rows are rejoined and a stray CR is read as a space.
    """
    text = path.read_bytes().decode("cp1252")
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")]
    lines = [ln.replace("\r", " ") for ln in lines]
    out: list[tuple[int, list[str]]] = []
    reader = csv.reader(lines)
    header_seen, pending, prev_line = False, None, 0
    for row in reader:
        start, prev_line = prev_line + 1, reader.line_num
        if not header_seen:
            header_seen = bool(row) and row[0] == "Recipient"
            if header_seen and len(row) != len(REGISTER_COLUMNS):
                raise ValueError(f"{path.name}: header has {len(row)} columns, expected {len(REGISTER_COLUMNS)}")
            continue
        if not row:
            continue
        if pending is not None:
            line, head = pending
            pending = None
            if len(head) + len(row) - 1 == len(REGISTER_COLUMNS):
                out.append((line, head[:-1] + [(head[-1] + " " + row[0]).strip()] + row[1:]))
                continue
            raise ValueError(f"{path.name}: line {line}: cannot rejoin a broken row")
        if len(row) == len(REGISTER_COLUMNS):
            out.append((start, row))
        elif len(row) < len(REGISTER_COLUMNS):
            pending = (start, row)
        else:
            raise ValueError(f"{path.name}: line {start}: {len(row)} fields")
    if pending is not None:
        raise ValueError(f"{path.name}: line {pending[0]}: incomplete row at end of file")
    return out


def _arms_register_iran(raw: Path) -> pd.DataFrame:
    recs = register_records(raw / "sipri-arms-transfers" / REGISTER)
    rows = [dict(zip(REGISTER_COLUMNS, r, strict=True), raw_line=line) for line, r in recs if r[0] == "Iran"]
    df = pd.DataFrame(rows)
    df["deal_id"] = df["raw_line"].map(lambda n: f"SIPRI-TR-{n}")
    df["recipient_iso3"] = "IRN"
    df["recipient"] = name("IRN")
    df["sipri_supplier"] = df["supplier"]
    df["supplier_iso3"] = df["supplier"].map(sipri_iso3)
    unknown = df["supplier_iso3"].isna() & ~df["sipri_supplier"].str.lower().str.startswith("unknown")
    if unknown.any():
        raise KeyError(f"register suppliers {sorted(df.loc[unknown, 'sipri_supplier'].unique())} have no ISO3 code")
    df["supplier"] = [name(c) if isinstance(c, str) else s for c, s in zip(df["supplier_iso3"], df["sipri_supplier"], strict=True)]
    for c in ["order_year_uncertain", "number_ordered_uncertain", "number_delivered_uncertain"]:
        bad = set(df[c].str.strip()) - {"", "?"}
        if bad:
            raise ValueError(f"register column {c}: unexpected values {bad}")
        df[c] = df[c].str.strip().eq("?")
    for c in ["order_year", "number_ordered", "number_delivered", "tiv_per_unit", "tiv_total_order", "tiv_delivered"]:
        df[c] = pd.to_numeric(df[c].str.strip().replace("", None), errors="raise")
    years = df["delivery_years"].str.strip().map(lambda s: [int(y) for y in s.split(";") if y.strip()] if s else [])
    df["delivery_years"] = years.map(lambda ys: "; ".join(str(y) for y in ys))
    df["first_delivery_year"] = years.map(lambda ys: min(ys) if ys else None)
    df["last_delivery_year"] = years.map(lambda ys: max(ys) if ys else None)
    for c in ["first_delivery_year", "last_delivery_year"]:
        df[c] = pd.array(df[c], dtype="Int64")
    for c in ["weapon_designation", "weapon_description", "status", "comments"]:
        df[c] = df[c].str.strip()
    return df[_fields("arms_register_iran")]


def _register_frame(raw: Path, suppliers: set[str]) -> pd.DataFrame:
    """Register deals whose supplier is one of ``suppliers``, with typed columns (as for Iran's register)."""
    recs = register_records(raw / "sipri-arms-transfers" / REGISTER)
    rows = [dict(zip(REGISTER_COLUMNS, r, strict=True), raw_line=line) for line, r in recs if r[1] in suppliers]
    df = pd.DataFrame(rows)
    df["deal_id"] = df["raw_line"].map(lambda n: f"SIPRI-TR-{n}")
    for c in ["order_year_uncertain", "number_ordered_uncertain", "number_delivered_uncertain"]:
        bad = set(df[c].str.strip()) - {"", "?"}
        if bad:
            raise ValueError(f"register column {c}: unexpected values {bad}")
        df[c] = df[c].str.strip().eq("?")
    for c in ["order_year", "number_ordered", "number_delivered", "tiv_per_unit", "tiv_total_order", "tiv_delivered"]:
        df[c] = pd.to_numeric(df[c].str.strip().replace("", None), errors="raise")
    years = df["delivery_years"].str.strip().map(lambda s: [int(y) for y in s.split(";") if y.strip()] if s else [])
    df["years_list"] = years
    df["delivery_years"] = years.map(lambda ys: "; ".join(str(y) for y in ys))
    df["first_delivery_year"] = pd.array(years.map(lambda ys: min(ys) if ys else None), dtype="Int64")
    df["last_delivery_year"] = pd.array(years.map(lambda ys: max(ys) if ys else None), dtype="Int64")
    for c in ["weapon_designation", "weapon_description", "status", "comments", "recipient", "supplier"]:
        df[c] = df[c].str.strip()
    df["recipient_type"] = df["recipient"].map(_recipient_type)
    df["recipient_iso3"] = [sipri_iso3(r) if k == "state" else None for r, k in zip(df["recipient"], df["recipient_type"], strict=True)]
    return df


def _arms_register_iran_supplier(raw: Path) -> pd.DataFrame:
    df = _register_frame(raw, {"Iran"})
    df["supplier_iso3"] = "IRN"
    df["supplier"] = name("IRN")
    df["sipri_recipient"] = df["recipient"]
    df["recipient"] = [name(c) if isinstance(c, str) else r for c, r in zip(df["recipient_iso3"], df["sipri_recipient"], strict=True)]
    return df[_fields("arms_register_iran_supplier")]


def _arms_register_deliveries(raw: Path) -> pd.DataFrame:
    df = _register_frame(raw, {"Soviet Union", "Russia", "Iran"})
    df = df[df["tiv_delivered"].notna() & df["years_list"].map(bool)]
    rows = []
    for r in df.itertuples(index=False):
        share = float(r.tiv_delivered) / len(r.years_list)
        for y in r.years_list:
            rows.append((r.supplier, r.recipient, r.recipient_type, r.recipient_iso3, y, share))
    long = pd.DataFrame(rows, columns=["sipri_supplier", "recipient", "recipient_type", "recipient_iso3", "year", "tiv"])
    out = (long.groupby(["sipri_supplier", "recipient", "recipient_type", "year"], dropna=False)
           .agg(tiv_delivered_est=("tiv", "sum"), n_deals=("tiv", "size"),
                recipient_iso3=("recipient_iso3", "first")).reset_index())
    out["tiv_delivered_est"] = out["tiv_delivered_est"].round(3)
    out["supplier_iso3"] = out["sipri_supplier"].map(sipri_iso3)
    out["supplier"] = out["supplier_iso3"].map(name)
    return out[_fields("arms_register_deliveries")]


def _milex(raw: Path) -> pd.DataFrame:
    df = pd.read_csv(raw / "sipri-milex" / "sipri_milex_selected_long.csv")
    df = df[df["country"].isin(MILEX_COUNTRIES) & df["sheet"].isin(MILEX_SHEETS)]
    wide = df.pivot_table(index=["country", "year"], columns="sheet", values="value", aggfunc="first")
    wide = wide.rename(columns=MILEX_SHEETS).reset_index().dropna(subset=list(MILEX_SHEETS.values()), how="all")
    wide["sipri_country"] = wide["country"]
    wide["iso3"] = wide["sipri_country"].map(MILEX_COUNTRIES)
    wide["country"] = wide["iso3"].map(name)
    for c in MILEX_SHEETS.values():
        if c not in wide:
            wide[c] = float("nan")
    return wide[_fields("milex")]


def derive(raw: Path) -> dict[str, pd.DataFrame]:
    return {
        "arms_to_iran": _arms_to_iran(raw),
        "arms_russia_recipients": _arms_russia_recipients(raw),
        "arms_register_iran": _arms_register_iran(raw),
        "arms_register_iran_supplier": _arms_register_iran_supplier(raw),
        "arms_register_deliveries": _arms_register_deliveries(raw),
        "milex": _milex(raw),
    }
