"""Oil prices (EIA), bp Statistical Review 2021 and OPEC Annual Statistical Bulletin 2023.

Sources (raw folders): ``oil-prices-eia-brent-wti`` (EIA Brent spot price via datahub),
``bp-statistical-review-2021`` (OWID's CSV of the bp workbook, the flattened trade sheets and,
for the two 2020 gas trade matrices by country, the bp workbook itself, read with the standard
library) and ``opec-asb-2023`` (the flattened ASB tables).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pandas as pd

from nexus.countries import COUNTRIES, name

EIA_REPO = "datasets/oil-prices@2d75ce3a792c2f152619c10272e86052be3a8390"
OWID_REPO = "owid/energy-data@757bf23e5065454da181b3c0e819d60de9ff81dc"
BP_XLSX_REPO = "DyingDown/Wind-Energy-Visualization@b2080436739a6da100345c310068a2116f1bbdea"
OPEC_REPO = "lh3238/oilprice@dab599303d6af69b6453f57a152bae5c3b3f883c"
BP_CSV = "statistical_review_of_world_energy_bp_2021.csv"
BP_XLSX = "bp-stats-review-2021-all-data.xlsx"
BP_INTERREGIONAL = "bp2021_gas_interregional_trade_long.csv"
BP_LNG = "bp2021_gas_lng_exports_long.csv"
OPEC_FILE = "opec_asb2023_selected_long.csv"

BY_NAME = {n: iso for iso, (n, _) in COUNTRIES.items()}
# bp/OPEC spellings that differ from nexus.countries names
ALIASES = {"Russian Federation": "RUS", "US": "USA", "IR Iran": "IRN", "I.R.Iran": "IRN"}


def iso3_of(label: str) -> str | None:
    """ISO3 of a bp/OPEC country label if the country is in nexus.countries, else None."""
    label = label.strip().rstrip("*").strip()
    return ALIASES.get(label) or BY_NAME.get(label)


# bp: OWID column -> (indicator, description, unit as given in PROVENANCE.md)
BP_INDICATORS = {
    "Oil Production - Barrels": ("oil_production", "oil production: crude oil, shale oil, oil sands, condensates and NGLs", "thousand barrels per day"),
    "Gas Production - Bcm": ("gas_production", "natural gas production (excludes gas flared or recycled)", "billion cubic metres"),
    "Oil - Proved reserves": ("oil_proved_reserves", "proved oil reserves at end of year (incl. gas condensate and NGLs)", "thousand million barrels"),
    "Gas - Proved reserves": ("gas_proved_reserves", "proved natural gas reserves at end of year", "trillion cubic metres"),
    "Oil Consumption - Barrels": ("oil_consumption", "oil consumption", "thousand barrels per day"),
    "Gas Consumption - Bcm": ("gas_consumption", "natural gas consumption", "billion cubic metres"),
}
BP_COUNTRIES = ["IRN", "RUS", "SAU", "USA", "QAT", "TKM", "KAZ", "UZB", "AZE"]
GAS_EXPORTERS = ["RUS", "IRN", "TKM", "KAZ", "UZB", "AZE", "QAT"]
INTERREGIONAL_BLOCKS = ["Russia", "Other CIS", "Middle East"]  # bp regions whose exports are kept
# regional subtotal rows of bp's 2020 trade matrices (dropped: the country and residual rows add up to them)
MATRIX_SUBTOTALS = {"North America", "S. & Cent. America", "Europe", "CIS", "Middle East", "Africa",
                    "Asia Pacific", "Middle East & Africa"}

# OPEC ASB: table -> indicator, description
OPEC_TABLES = {
    "T52": ("crude_oil_exports", "crude oil exports"),
    "T55": ("crude_and_products_exports", "exports of crude oil and petroleum products"),
    "T35": ("crude_oil_production", "crude oil production"),
    "T31": ("crude_oil_proven_reserves", "proven crude oil reserves at year-end"),
    "T91": ("gas_proven_reserves", "proven natural gas reserves at year-end"),
    "T93": ("gas_marketed_production", "marketed production of natural gas"),
    "T94": ("gas_exports", "natural gas exports"),
    "T25": ("petroleum_export_value", "value of petroleum exports (OPEC members only)"),
}
OPEC_COUNTRIES = ["IRN", "RUS", "SAU", "QAT", "TKM"]

BP_LICENSE = ("bp's terms (printed in the Review) allow quoting with attribution to 'bp Statistical Review of World "
              "Energy 2021'; extensive reproduction of tables needs bp's permission")
BP_VERSION = "bp Statistical Review of World Energy, July 2021 (70th edition), data to 2020"
BP_COMMON_QUIRKS = [
    "This is the last bp edition (the Review has been published by the Energy Institute since 2023); later editions revise past values.",
    "bp reports the USSR as a whole (the CIS, Georgia, Ukraine and the Baltic States) before 1985 for production and consumption and before 1991 for reserves; those USSR rows are not here, so Russia starts in 1985 (production, consumption) or 1991 (reserves).",
]


def _eia_meta() -> dict:
    return dict(
        source="oil-prices-eia-brent-wti",
        publisher="U.S. Energy Information Administration (EIA)",
        version="EIA series RBRTE (Europe Brent Spot Price FOB), datahub oil-prices snapshot of 2026-08-22",
        license="EIA: U.S. government data, public domain (acknowledge the EIA as source); datahub packaging ODC PDDL 1.0",
        bibkey="eia2026brent",
        source_line="U.S. Energy Information Administration, Europe Brent spot price FOB (RBRTE)",
    )


def _bp_meta() -> dict:
    return dict(
        source="bp-statistical-review-2021",
        publisher="BP p.l.c.",
        version=BP_VERSION,
        license=BP_LICENSE,
        bibkey="bp2021statistical",
        source_line="bp Statistical Review of World Energy 2021",
    )


RESOURCES = [
    dict(
        name="brent_annual",
        title="Brent crude oil spot price, annual average, 1987–2025",
        description="EIA's annual average of the Europe Brent spot price (FOB), with the number of daily quotes in each year.",
        raw_files=["brent-year.csv", "brent-daily.csv"],
        **_eia_meta(),
        upstream=f"{EIA_REPO}:data/brent-year.csv; data/brent-daily.csv",
        years="1987–2025 (1987 from 20 May)",
        quirks=[
            "1987 is a partial year: the daily series starts on 20 May 1987 (partial_year).",
            "Prices are nominal US dollars per barrel (not inflation-adjusted).",
            "Annual values are EIA's own averages of the daily series (the annual mean of the daily file reproduces them).",
            "The datahub copy is refreshed automatically from the EIA API; this is the snapshot of 2026-08-22.",
        ],
        primary_key=["year"],
        fields=[
            ("year", "integer", "year"),
            ("price", "number", "Brent spot price FOB, annual average", "US$ per barrel, nominal"),
            ("trading_days", "integer", "number of daily quotes in the year (brent-daily.csv)", "days"),
            ("first_quote", "date", "date of the first daily quote in the year"),
            ("last_quote", "date", "date of the last daily quote in the year"),
            ("partial_year", "boolean", "quotes start after 7 January or end before 24 December"),
        ],
    ),
    dict(
        name="brent_monthly",
        title="Brent crude oil spot price, monthly average, 1987–2026",
        description="EIA's monthly average of the Europe Brent spot price (FOB).",
        raw_files=["brent-monthly.csv"],
        **_eia_meta(),
        upstream=f"{EIA_REPO}:data/brent-monthly.csv",
        years="May 1987 – July 2026",
        quirks=[
            "May 1987 is a partial month: the daily series starts on 20 May 1987.",
            "Prices are nominal US dollars per barrel (not inflation-adjusted).",
            "Upstream dates monthly values on the 15th of the month; here the month is given as YYYY-MM.",
            "The datahub copy is refreshed automatically from the EIA API; this is the snapshot of 2026-08-22.",
        ],
        primary_key=["month"],
        fields=[
            ("month", "string", "month (YYYY-MM)"),
            ("year", "integer", "year"),
            ("price", "number", "Brent spot price FOB, monthly average", "US$ per barrel, nominal"),
        ],
    ),
    dict(
        name="energy_bp",
        title="Oil and gas production, reserves and consumption of Iran, Russia and other producers, bp 1965–2020",
        description=(
            "bp Statistical Review 2021 (as converted by Our World in Data) for Iran, Russia, Saudi Arabia, the "
            "United States, Qatar, Turkmenistan, Kazakhstan, Uzbekistan and Azerbaijan: oil and gas production, "
            "proved oil and gas reserves and oil and gas consumption, by year."
        ),
        raw_files=[BP_CSV],
        **_bp_meta(),
        upstream=f"{OWID_REPO}:scripts/input/shared/statistical_review_of_world_energy_bp_2021.csv",
        years="1965–2020 (gas production from 1970, reserves from 1980; post-Soviet states from 1985/1991)",
        quirks=BP_COMMON_QUIRKS + [
            "For Iran, bp's production data are from FGE's Iran service.",
            "Oil production includes crude oil, shale oil, oil sands, condensates and NGLs; oil reserves include gas condensate and NGLs; gas production excludes gas flared or recycled.",
            "Gas volumes are standardised at a gross calorific value of 40 MJ/m3 and need not equal national volumes.",
            "bp's reserves are compiled from official sources and third-party data (Cedigaz, the OPEC Secretariat) and do not necessarily represent bp's view; Saudi Arabia's oil reserves include NGLs from 2017.",
            "bp and OPEC differ (see energy_opec): end-2020 gas reserves Russia 37.4 tcm (bp) vs 47.8 tcm (OPEC), Iran 32.1 vs 34.0 tcm; oil reserves Russia 107.8 vs 80.0 bn barrels, Iran 157.8 vs 208.6 bn barrels; 2020 gas production Qatar 171 vs 206 bcm and Turkmenistan 59 vs 83 bcm (OPEC counts marketed production).",
            "Missing years are absent rows; OWID's zero-filled columns are not used.",
        ],
        primary_key=["iso3", "indicator", "year"],
        fields=[
            ("iso3", "string", "ISO3 code"),
            ("country", "string", "country name"),
            ("year", "integer", "year"),
            ("indicator", "string", "oil_production, gas_production, oil_proved_reserves, gas_proved_reserves, oil_consumption, gas_consumption"),
            ("description", "string", "what the indicator measures"),
            ("value", "number", "value, in the unit of column unit", "see column unit"),
            ("unit", "string", "unit of value (thousand barrels per day, billion cubic metres, thousand million barrels, trillion cubic metres)"),
            ("bp_series", "string", "column of the OWID CSV (= bp sheet)"),
        ],
    ),
    dict(
        name="gas_trade_bp",
        title="Gas exports by pipeline and as LNG of Russia, Central Asia, Iran and Qatar, bp 2000–2020",
        description=(
            "bp's gas trade tables: exports by pipeline and as LNG of Russia, 'Other CIS' (the CIS less Russia: "
            "Central Asia, Azerbaijan and others) and the Middle East by destination region, 2000–2020 (sheet "
            "'Gas - Inter-regional trade'); LNG exports of Russia and Qatar, 2000–2020 ('Gas - LNG exports'); and "
            "2020 exports by destination of Russia, Iran, Turkmenistan, Kazakhstan, Uzbekistan, Azerbaijan and Qatar "
            "from the 2020 trade matrices ('Gas - Trade movts - pipeline', 'Gas - Trade movts LNG')."
        ),
        raw_files=[BP_INTERREGIONAL, BP_LNG, BP_XLSX],
        **_bp_meta(),
        upstream=(f"{BP_XLSX_REPO}:bp-stats-review-2021-all-data.xlsx (sheets Gas - Inter-regional trade, Gas - LNG "
                  "exports, Gas - Trade movts - pipeline, Gas - Trade movts LNG)"),
        years="2000–2020 (by region and LNG totals); 2020 only for exports by destination country",
        quirks=BP_COMMON_QUIRKS[:1] + [
            "Inter-regional pipeline trade excludes intra-regional trade: Russia's exports to 'Other CIS' are inter-regional, but trade among Central Asian states is not counted, and the Middle East's pipeline exports exclude trade inside the region.",
            "Other CIS is a bp region, not a state: bp's CIS is Armenia, Azerbaijan, Belarus, Kazakhstan, Kyrgyzstan, Moldova, Russian Federation, Tajikistan, Turkmenistan, Ukraine and Uzbekistan; its gas exporters are Turkmenistan, Uzbekistan, Kazakhstan and Azerbaijan. 'Other CIS' pipeline exports to Russia equal Russia's pipeline imports.",
            "bp gives exports by destination country only for 2020 (the two trade-movement matrices); country-level yearly export series for Iran, Turkmenistan, Kazakhstan, Uzbekistan and Azerbaijan are not in bp (see energy_opec for OPEC's yearly gas exports of Iran, Russia, Qatar and Turkmenistan).",
            "In the 2020 matrices zero cells are left out, regional subtotal rows are dropped (the rows kept add up to each exporter's total) and residual groups such as 'Other EU' or 'Other Middle East' are kept as destinations; LNG exports include re-exports.",
            "Volumes are standard cubic metres at a gross calorific value of 40 MJ/m3; bp marks values below 0.05 bcm with a dagger.",
            "The same quantity can appear in two tables (e.g. Russia's 2020 pipeline exports, 197.7 bcm, in both the inter-regional sheet and the pipeline matrix): filter on bp_table before summing.",
        ],
        primary_key=["bp_table", "exporter", "route", "destination", "year"],
        fields=[
            ("bp_table", "string", "bp sheet the value comes from"),
            ("exporter", "string", "exporter as labelled by bp (a country or a bp region)"),
            ("exporter_iso3", "string", "ISO3 code of the exporter if it is a country, else empty"),
            ("exporter_country", "string", "exporter name in nexus.countries if it is a country, else empty"),
            ("route", "string", "pipeline, LNG, or all (pipeline + LNG)"),
            ("destination", "string", "importing country or bp region, or Total for all destinations"),
            ("destination_iso3", "string", "ISO3 code of the destination if it is a country in nexus.countries, else empty"),
            ("year", "integer", "year"),
            ("value", "number", "gas exports", "billion cubic metres"),
        ],
    ),
    dict(
        name="energy_opec",
        title="Oil and gas exports, production and reserves of Iran, Russia and other producers, OPEC ASB 2023",
        description=(
            "OPEC Annual Statistical Bulletin 2023 for Iran, Russia, Saudi Arabia, Qatar and Turkmenistan: crude "
            "oil exports, crude and product exports, crude production, proven crude and gas reserves, marketed "
            "gas production and gas exports, and (OPEC members only) the value of petroleum exports, by year."
        ),
        source="opec-asb-2023",
        raw_files=[OPEC_FILE],
        publisher="Organization of the Petroleum Exporting Countries (OPEC) Secretariat",
        version="OPEC Annual Statistical Bulletin 2023 (58th edition), data to 2022",
        license="© OPEC Secretariat: may be used and reproduced for educational and other non-commercial purposes with full acknowledgement of OPEC as copyright holder; commercial use needs written permission",
        bibkey="opec2023asb",
        upstream=f"{OPEC_REPO}:ASB2023_all/T<nn>.xlsx (T25, T31, T35, T52, T55, T91, T93, T94)",
        years="1960–2022 (exports of oil from 1980; Turkmenistan from the 1990s)",
        quirks=[
            "OPEC's figures come from its member countries' direct communication (incl. Iran) and from secondary sources for non-members (incl. Russia), so they differ from bp and EIA figures.",
            "bp and OPEC differ: end-2020 gas reserves Russia 47.8 tcm (OPEC) vs 37.4 tcm (bp), Iran 34.0 vs 32.1 tcm; oil reserves Russia 80.0 vs 107.8 bn barrels (OPEC counts crude only; bp includes condensate and NGLs), Iran 208.6 vs 157.8 bn barrels; 2020 gas output Qatar 206 vs 171 bcm and Turkmenistan 83 vs 59 bcm; 2020 gas exports Iran 11.5 bcm (OPEC) vs 16.0 bcm by pipeline in bp's matrix.",
            "The ASB row is labelled Russia for all years from 1960; table 3.1 notes that its Russia row includes other Eurasian countries up to 1995. No other table says whether pre-1992 values are Russia's or the USSR's.",
            "Units are as printed in each ASB table title (column unit): gas in million or billion standard cubic metres, oil in thousand barrels per day or million barrels, values in million US$.",
            "'na' in the ASB (e.g. Turkmenistan before independence) is a missing value; such rows are absent.",
            "Exports may include lease condensates, oil in transit (crude) and re-exports or gas in transit (gas), as the ASB notes say.",
        ],
        primary_key=["iso3", "indicator", "year"],
        fields=[
            ("iso3", "string", "ISO3 code"),
            ("country", "string", "country name"),
            ("year", "integer", "year"),
            ("indicator", "string", "indicator (crude_oil_exports, gas_exports, ...)"),
            ("description", "string", "what the indicator measures"),
            ("value", "number", "value, in the unit of column unit", "see column unit"),
            ("unit", "string", "unit as printed in the ASB table title"),
            ("opec_table", "string", "ASB table (e.g. T52)"),
            ("opec_row_label", "string", "row label as printed in the ASB"),
        ],
        source_line="OPEC Annual Statistical Bulletin 2023",
    ),
]


def _fields(name_: str) -> list[str]:
    return [f[0] for f in next(r for r in RESOURCES if r["name"] == name_)["fields"]]


# --- EIA ------------------------------------------------------------------------------------
def _brent_annual(raw: Path) -> pd.DataFrame:
    folder = raw / "oil-prices-eia-brent-wti"
    y = pd.read_csv(folder / "brent-year.csv", dtype={"Date": str})
    y["year"] = y["Date"].str[:4].astype(int)
    y["price"] = y["Price"]
    d = pd.read_csv(folder / "brent-daily.csv", dtype={"Date": str})
    d["year"] = d["Date"].str[:4].astype(int)
    days = d.groupby("year")["Date"].agg(trading_days="count", first_quote="min", last_quote="max").reset_index()
    df = y.merge(days, on="year", how="left", validate="one_to_one")
    df["partial_year"] = (df["first_quote"].str[5:] > "01-07") | (df["last_quote"].str[5:] < "12-24")
    return df[_fields("brent_annual")]


def _brent_monthly(raw: Path) -> pd.DataFrame:
    m = pd.read_csv(raw / "oil-prices-eia-brent-wti" / "brent-monthly.csv", dtype={"Date": str})
    m["month"] = m["Date"].str[:7]
    m["year"] = m["Date"].str[:4].astype(int)
    m["price"] = m["Price"]
    return m[_fields("brent_monthly")]


# --- bp -------------------------------------------------------------------------------------
def _energy_bp(raw: Path) -> pd.DataFrame:
    src = pd.read_csv(raw / "bp-statistical-review-2021" / BP_CSV)
    src["iso3"] = src["Entity"].map(iso3_of)
    src = src[src["iso3"].isin(BP_COUNTRIES)]
    missing = set(BP_COUNTRIES) - set(src["iso3"])
    if missing:
        raise KeyError(f"bp CSV has no rows for {sorted(missing)}")
    long = src.melt(id_vars=["iso3", "Year"], value_vars=list(BP_INDICATORS), var_name="bp_series").dropna(subset=["value"])
    long["indicator"] = long["bp_series"].map(lambda c: BP_INDICATORS[c][0])
    long["description"] = long["bp_series"].map(lambda c: BP_INDICATORS[c][1])
    long["unit"] = long["bp_series"].map(lambda c: BP_INDICATORS[c][2])
    long["year"] = long["Year"]
    long["country"] = long["iso3"].map(name)
    return long[_fields("energy_bp")]


def _xlsx_rows(path: Path, sheet: str) -> list[list]:
    """Cell values of one worksheet of an .xlsx file (standard library only): rows[i] is sheet row i + 1."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    m = "{" + ns["m"] + "}"
    with zipfile.ZipFile(path) as z:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
        sh = next((s for s in wb.find("m:sheets", ns) if s.get("name") == sheet), None)
        if sh is None:
            raise KeyError(f"{path.name}: no sheet {sheet!r}")
        target = rels[sh.get("{" + ns["r"] + "}id")].lstrip("/")
        target = target if target.startswith("xl/") else "xl/" + target
        strings = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
                strings.append("".join(t.text or "" for t in si.iter(m + "t")))
        root = ET.fromstring(z.read(target))
    rows: list[list] = []
    for row in root.iter(m + "row"):
        while len(rows) < int(row.get("r")) - 1:  # rows absent from the XML are empty
            rows.append([])
        cells = {}
        for c in row.findall("m:c", ns):
            col = 0
            for ch in re.match(r"[A-Z]+", c.get("r")).group():
                col = col * 26 + ord(ch) - 64
            v, t = c.find("m:v", ns), c.get("t")
            if t == "s" and v is not None:
                val = strings[int(v.text)]
            elif t == "inlineStr":
                val = "".join(x.text or "" for x in c.iter(m + "t"))
            elif v is None:
                val = None
            elif t in ("str", "e", "b"):
                val = v.text
            else:
                val = float(v.text)
            cells[col - 1] = val
        rows.append([cells.get(j) for j in range(max(cells) + 1)] if cells else [])
    return rows


def _matrix(path: Path, sheet: str, header_rows: list[int], exporters: list[str], route: str) -> list[dict]:
    """Exports of the given exporters by destination from a bp 2020 trade-movement matrix (rows: To, columns: From)."""
    rows = _xlsx_rows(path, sheet)
    width = max(len(rows[i]) for i in header_rows)
    header = [" ".join(str(rows[i][j]).strip() for i in header_rows
                       if j < len(rows[i]) and rows[i][j] is not None).strip() for j in range(width)]
    header = [re.sub(r"\s+", " ", h) for h in header]
    title = str(rows[0][0]).strip()
    year = int(re.search(r"(\d{4})", title).group(1))
    start = max(header_rows) + 1
    out = []
    for exp in exporters:
        col = header.index(exp)
        total, kept = None, 0.0
        for r in rows[start:]:
            if not r or not isinstance(r[0], str) or col >= len(r) or not isinstance(r[col], float):
                continue
            label = r[0].strip()
            if label == "Total exports":
                total = r[col]
                out.append(dict(bp_table=sheet, exporter=exp, route=route, destination="Total", year=year, value=r[col]))
            elif label not in MATRIX_SUBTOTALS and r[col] != 0:
                kept += r[col]
                out.append(dict(bp_table=sheet, exporter=exp, route=route, destination=label, year=year, value=r[col]))
        if total is None or abs(kept - total) > 1e-6 * max(1.0, total):
            raise ValueError(f"{sheet}: destinations of {exp} add up to {kept}, not to its total {total}")
    return out


def _interregional(raw: Path) -> list[dict]:
    """Exports of bp regions Russia, Other CIS and Middle East from the flattened 'Gas - Inter-regional trade' sheet."""
    src = pd.read_csv(raw / "bp-statistical-review-2021" / BP_INTERREGIONAL)
    sheet = src["sheet"].iloc[0]
    out = []
    for block in INTERREGIONAL_BLOCKS:
        b = src[src["block"] == block]
        if b.empty:
            raise KeyError(f"{BP_INTERREGIONAL}: no block {block!r}")
        # the long file keeps the sheet's row order: consecutive records with one label are one sheet row
        run = (b["row_label"] != b["row_label"].shift()).cumsum()
        section = None
        for _, g in b.groupby(run, sort=True):
            label = g["row_label"].iloc[0].strip()
            clean = label.rstrip("*").strip()
            if clean in {"Pipeline imports", "LNG imports", "Total imports"}:
                section = "imports"
                continue
            if clean == "Pipeline exports":
                section, route, dest = "pipeline exports", "pipeline", "Total"
            elif clean == "LNG exports":
                section, route, dest = "LNG", "LNG", "Total"
            elif clean == "Total exports":
                section, route, dest = "total", "all", "Total"
            elif section == "pipeline exports":
                route, dest = "pipeline", re.sub(r"^of which:\s*", "", clean)
            else:
                continue  # origins of imports
            for year, value in zip(g["year"], g["value"], strict=True):
                out.append(dict(bp_table=sheet, exporter=block, route=route, destination=dest, year=int(year), value=value))
    return out


def _lng_exports(raw: Path) -> list[dict]:
    src = pd.read_csv(raw / "bp-statistical-review-2021" / BP_LNG)
    src = src[src["row_label"].map(iso3_of).isin(GAS_EXPORTERS)]
    return [dict(bp_table=s, exporter=r.strip(), route="LNG", destination="Total", year=int(y), value=v)
            for s, r, y, v in zip(src["sheet"], src["row_label"], src["year"], src["value"], strict=True)]


def _gas_trade_bp(raw: Path) -> pd.DataFrame:
    xlsx = raw / "bp-statistical-review-2021" / BP_XLSX
    pipeline_exporters = ["Russian Federation", "Iran", "Turkmenistan", "Kazakhstan", "Uzbekistan", "Azerbaijan", "Qatar"]
    lng_exporters = ["Russian Federation", "Qatar"]  # the other five export no LNG
    recs = (_interregional(raw) + _lng_exports(raw)
            + _matrix(xlsx, "Gas - Trade movts - pipeline", [2], pipeline_exporters, "pipeline")
            + _matrix(xlsx, "Gas - Trade movts LNG", [2, 3], lng_exporters, "LNG"))
    df = pd.DataFrame(recs)
    df["exporter_iso3"] = df["exporter"].map(iso3_of)
    df["exporter_country"] = df["exporter_iso3"].map(lambda c: name(c) if isinstance(c, str) else None)
    df["destination_iso3"] = df["destination"].map(lambda d: None if d == "Total" else iso3_of(d))
    return df[_fields("gas_trade_bp")]


# --- OPEC -----------------------------------------------------------------------------------
def _energy_opec(raw: Path) -> pd.DataFrame:
    src = pd.read_csv(raw / "opec-asb-2023" / OPEC_FILE)
    src = src[src["table"].isin(OPEC_TABLES)].copy()
    src["iso3"] = src["row_label_norm"].map(iso3_of)
    src = src[src["iso3"].isin(OPEC_COUNTRIES)].dropna(subset=["value"])
    units = src.groupby("table")["table_title"].first().map(lambda t: re.findall(r"\(([^()]*)\)", t)[-1].strip())
    src["unit"] = src["table"].map(units)
    src["indicator"] = src["table"].map(lambda t: OPEC_TABLES[t][0])
    src["description"] = src["table"].map(lambda t: OPEC_TABLES[t][1])
    src["opec_table"], src["opec_row_label"] = src["table"], src["row_label"]
    src["country"] = src["iso3"].map(name)
    return src[_fields("energy_opec")]


def derive(raw: Path) -> dict[str, pd.DataFrame]:
    return {
        "brent_annual": _brent_annual(raw),
        "brent_monthly": _brent_monthly(raw),
        "energy_bp": _energy_bp(raw),
        "gas_trade_bp": _gas_trade_bp(raw),
        "energy_opec": _energy_opec(raw),
    }
