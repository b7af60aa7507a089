"""derive_trade, derive_arms, derive_energy and derive_economy: each resource checked against its raw file.

Every test reads the raw file itself (csv module, independently of the derive code), finds the
row and compares it with the derived frame.
"""
from __future__ import annotations

import csv
import math

import pandas as pd
import pytest
from conftest import one

MODULES = ["derive_trade", "derive_arms", "derive_energy", "derive_economy"]
EXPECTED = {"trade_cow", "trade_dots", "iran_partners", "arms_to_iran", "arms_russia_recipients",
            "arms_register_iran", "arms_register_iran_supplier", "arms_register_deliveries", "milex", "brent_annual", "brent_monthly", "energy_bp", "gas_trade_bp",
            "energy_opec", "wdi"}
IRAN, RUSSIA = "Iran, Islamic Rep. of", "Russian Federation"


def _rows(path, encoding="utf-8"):
    with open(path, newline="", encoding=encoding) as fh:
        return list(csv.DictReader(fh))


def _table(path):
    """A SIPRI TIV export table: {recipient: {year: cell}} from the raw CSV."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    hi = next(i for i, r in enumerate(rows) if len(r) > 1 and r[1] == "1950")
    years = rows[hi]
    return {r[0].strip(): dict(zip(years[1:], r[1:], strict=False)) for r in rows[hi + 1:] if r and r[0].strip()}




def close(a, b, tol=1e-6):
    return math.isclose(float(a), float(b), rel_tol=tol, abs_tol=tol)


def test_every_resource_has_its_declared_columns_units_and_a_unique_key(frames):
    assert set(frames) == EXPECTED
    for name, (meta, df) in frames.items():
        assert list(df.columns) == [f[0] for f in meta["fields"]], name
        assert not df.empty, name
        assert not df.duplicated(meta["primary_key"]).any(), name
        for f in meta["fields"]:
            if f[1] == "number":
                assert len(f) > 3 and f[3], f"{name}.{f[0]}: numeric field without unit"
        assert meta["bibkey"] in {"barbieri2009trade", "imf2021dots", "sipri2022arms", "sipri2025register",
                                  "sipri2025milex", "eia2026brent", "bp2021statistical", "opec2023asb",
                                  "worldbank2025wdi"}, name
        assert "@" in meta["upstream"] and meta["quirks"], name
        if "iso3" in df and "country" in df:
            assert df["iso3"].notna().all() and df["country"].notna().all(), name


# --- COW trade --------------------------------------------------------------------------------
def test_trade_cow_flows_and_totals_match_raw(frames, raw):
    _, tc = frames["trade_cow"]
    dy = [r for r in _rows(raw / "cow-trade" / "cow_trade_ndy_iran_russia_dyads.csv")
          if (r["ccode1"], r["ccode2"]) == ("365", "630")]
    nat = {(r["ccode"], r["year"]): r for r in _rows(raw / "cow-trade" / "cow_trade_national_selected_states.csv")}
    assert len(tc) == 2 * len(dy) == 204
    r = next(r for r in dy if r["year"] == "2012")
    ru = one(tc, iso3="RUS", year=2012)
    ir = one(tc, iso3="IRN", year=2012)
    assert ru["imports_from_partner"] == float(r["flow1"]) == ir["exports_to_partner"] == 428
    assert ir["imports_from_partner"] == float(r["flow2"]) == ru["exports_to_partner"] == 2090
    n = nat[("630", "2012")]
    assert close(ir["total_imports"], n["imports"]) and close(ir["total_exports"], n["exports"])
    assert close(ir["bilateral_share_pct"], 100 * (428 + 2090) / (float(n["imports"]) + float(n["exports"])))
    # partial missingness: 1950 has Iran's imports from the USSR only
    r50 = next(r for r in dy if r["year"] == "1950")
    ir50 = one(tc, iso3="IRN", year=1950)
    assert r50["flow1"] == "" and ir50["imports_from_partner"] == float(r50["flow2"]) == 10
    assert pd.isna(ir50["exports_to_partner"]) and pd.isna(ir50["bilateral_trade"])
    # the 1980 spike: smoothed differs from raw
    ir80 = one(tc, iso3="IRN", year=1980)
    assert (ir80["imports_from_partner"], ir80["imports_smoothed"]) == (819, 188)


# --- IMF DOTS -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def dots_raw(raw):
    out = {}
    for r in _rows(raw / "imf-dots-bilateral-trade" / "dots_selected_long.csv"):
        out[(r["reporter"], r["partner"], r["flow"], int(r["year"]))] = r
    return out


def test_trade_dots_both_views_match_raw(frames, dots_raw):
    _, td = frames["trade_dots"]
    r = dots_raw[(RUSSIA, IRAN, "Exports, FOB", 2012)]
    x = one(td, reporter_iso3="RUS", partner_iso3="IRN", flow="exports", year=2012)
    assert close(x["value"], r["value_usd_millions"]) and x["view"] == "own" and not x["estimate"]
    r = dots_raw[(IRAN, RUSSIA, "Exports, FOB", 2012)]
    x = one(td, reporter_iso3="IRN", partner_iso3="RUS", flow="exports", year=2012)
    assert close(x["value"], r["value_usd_millions"]) and r["flag"] == "e" and x["estimate"]
    r = dots_raw[("China, P.R.: Mainland", IRAN, "Imports, CIF", 2013)]
    x = one(td, reporter_iso3="CHN", partner_iso3="IRN", flow="imports", year=2013)
    assert close(x["value"], r["value_usd_millions"]) and x["view"] == "mirror" and x["valuation"] == "CIF"
    r = dots_raw[("USSR", IRAN, "Exports, FOB", 1990)]
    x = one(td, reporter_iso3="RUS", partner_iso3="IRN", flow="exports", year=1990)
    assert close(x["value"], r["value_usd_millions"]) and x["imf_reporter"] == "USSR"
    r = dots_raw[(IRAN, "World", "Imports, CIF", 2017)]
    x = one(td, reporter_iso3="IRN", partner_iso3="WLD", flow="imports", year=2017)
    assert close(x["value"], r["value_usd_millions"]) and x["partner"] == "World"
    # only Iran/Russia reports and partners' reports about Iran/Russia
    assert (td["reporter_iso3"].isin(["IRN", "RUS"]) | td["partner_iso3"].isin(["IRN", "RUS"])).all()
    assert set(td["reporter_iso3"]) == {"IRN", "RUS", "DEU", "ITA", "CHN", "KOR", "USA", "WLD"}


def test_trade_dots_quirk_numbers_are_the_raw_values(dots_raw):
    v = lambda *k: round(float(dots_raw[k]["value_usd_millions"]))  # noqa: E731
    assert (v(IRAN, RUSSIA, "Imports, CIF", 2012), v(RUSSIA, IRAN, "Exports, FOB", 2012)) == (1204, 1900)
    assert (v(IRAN, RUSSIA, "Imports, CIF", 2016), v(RUSSIA, IRAN, "Exports, FOB", 2016)) == (1544, 1881)
    assert (v(IRAN, RUSSIA, "Imports, CIF", 2018), v(RUSSIA, IRAN, "Exports, FOB", 2018)) == (1343, 1207)
    assert (v(IRAN, "Germany", "Imports, CIF", 2017), v("Germany", IRAN, "Exports, FOB", 2017)) == (3072, 3351)
    flagged = [k for k, r in dots_raw.items() if k[0] == IRAN and k[1] == RUSSIA and k[2] == "Exports, FOB"]
    assert all(dots_raw[k]["flag"] == "e" for k in flagged if k[3] >= 2000)


def test_iran_partners_uses_partner_reports(frames, dots_raw):
    _, ip = frames["iran_partners"]
    y = 2016
    ger_exp = float(dots_raw[("Germany", IRAN, "Exports, FOB", y)]["value_usd_millions"])
    ger_imp = float(dots_raw[("Germany", IRAN, "Imports, CIF", y)]["value_usd_millions"])
    world = (float(dots_raw[("World", IRAN, "Exports, FOB", y)]["value_usd_millions"])
             + float(dots_raw[("World", IRAN, "Imports, CIF", y)]["value_usd_millions"]))
    x = one(ip, partner_iso3="DEU", year=y)
    assert close(x["imports_from_partner"], ger_exp) and close(x["exports_to_partner"], ger_imp)
    assert close(x["share_pct"], 100 * (ger_exp + ger_imp) / world)
    own = (float(dots_raw[(IRAN, "Germany", "Exports, FOB", y)]["value_usd_millions"])
           + float(dots_raw[(IRAN, "Germany", "Imports, CIF", y)]["value_usd_millions"]))
    assert close(x["iran_reported_trade"], own)
    ru = one(ip, partner_iso3="RUS", year=2012)
    assert close(ru["exports_to_partner"], dots_raw[(RUSSIA, IRAN, "Imports, CIF", 2012)]["value_usd_millions"])
    assert ru["source_reporter"] == RUSSIA
    assert one(ip, partner_iso3="RUS", year=1990)["source_reporter"] == "USSR"
    assert set(ip["partner_iso3"]) == {"DEU", "ITA", "CHN", "KOR", "RUS"}


# --- SIPRI arms -------------------------------------------------------------------------------
TIV = "sipri-arms-transfers/raw/tiv-export-tables-2022-07-28"


def test_arms_to_iran_matches_the_raw_supplier_tables(frames, raw):
    _, ai = frames["arms_to_iran"]
    rus = _table(raw / TIV / "TIV-Export-RUS-1950-2021.csv")["Iran"]
    usr = _table(raw / TIV / "TIV-Export-USR-1950-2021.csv")["Iran"]
    assert one(ai, supplier_iso3="RUS", year=2001)["tiv"] == int(rus["2001"])
    assert one(ai, supplier_iso3="RUS", year=2016)["tiv"] == int(rus["2016"]) == 413
    assert one(ai, supplier_iso3="RUS", year=1990)["sipri_supplier"] == "Soviet Union"
    assert one(ai, supplier_iso3="RUS", year=1990)["tiv"] == int(usr["1990"])
    ru = ai[(ai["sipri_supplier"] == "Russia")]
    assert ru["tiv"].sum() == sum(int(v) for y, v in rus.items() if y != "Total" and v.strip()) == 3904
    chn = _table(raw / TIV / "TIV-Export-CHI-1950-2021.csv")["Iran"]
    assert one(ai, supplier_iso3="CHN", year=1986)["tiv"] == int(chn["1986"])
    assert ai["supplier_iso3"].notna().all()


def test_arms_russia_recipients_matches_the_raw_tables(frames, raw):
    _, ar = frames["arms_russia_recipients"]
    rus = _table(raw / TIV / "TIV-Export-RUS-1950-2021.csv")
    x = one(ar, recipient="India", year=2015)
    assert x["tiv"] == int(rus["India"]["2015"]) and x["recipient_iso3"] == "IND" and x["sipri_supplier"] == "Russia"
    assert one(ar, recipient="Viet Nam", year=2014)["recipient_iso3"] == "VNM"
    t = one(ar, recipient="Total", year=2010)
    assert t["recipient_type"] == "total" and t["tiv"] == int(rus["Total"]["2010"]) and pd.isna(t["recipient_iso3"])
    usr = _table(raw / TIV / "TIV-Export-USR-1950-2021.csv")
    assert one(ar, recipient="Syria", year=1982)["tiv"] == int(usr["Syria"]["1982"])
    assert (ar.loc[ar["recipient"].str.endswith("*") & ~ar["recipient"].str.endswith("**"), "recipient_type"]
            == "non-state actor").all()
    n_cells = sum(1 for t in (rus, usr) for r in t.values() for y, v in r.items() if y != "Total" and v.strip())
    assert len(ar) == n_cells


def test_arms_register_iran_rows_are_the_raw_lines(frames, raw):
    _, rg = frames["arms_register_iran"]
    path = raw / "sipri-arms-transfers/raw/trade-register-2025-03-13/trade-register.csv"
    lines = path.read_bytes().decode("cp1252").split("\n")
    s300 = one(rg, weapon_designation="S-300PMU2 Favorit")
    fields = next(csv.reader([lines[s300["raw_line"] - 1]]))
    assert fields[:3] == ["Iran", "Russia", "2015"] and fields[6] == "S-300PMU2 Favorit"
    assert s300["deal_id"] == f"SIPRI-TR-{s300['raw_line']}"
    assert (s300["number_ordered"], s300["number_delivered"], s300["delivery_years"]) == (4, 4, "2016")
    assert s300["tiv_delivered"] == float(fields[15]) == 220 and s300["comments"].startswith("$1 b deal")
    kilo = rg[(rg["weapon_designation"] == "Project-877E")].sort_values("order_year")
    assert list(kilo["order_year"]) == [1991, 1993] and list(kilo["delivery_years"]) == ["1992; 1993", "1996"]
    tor = one(rg, weapon_designation="Tor-M1")
    assert (tor["order_year"], tor["number_ordered"], tor["first_delivery_year"], tor["last_delivery_year"]) == (2005, 29, 2006, 2007)
    iran_lines = [ln for ln in lines if ln.startswith("Iran,")]
    assert len(rg) == len(iran_lines) == 320
    assert rg["deal_id"].is_unique
    unc = one(rg, weapon_designation="Hendijan")
    assert unc["order_year_uncertain"] and not unc["number_ordered_uncertain"]


def test_milex_matches_raw(frames, raw):
    _, mx = frames["milex"]
    rows = {(r["sheet"], r["country"], int(r["year"])): r["value"]
            for r in _rows(raw / "sipri-milex" / "sipri_milex_selected_long.csv")}
    assert close(one(mx, iso3="RUS", year=2016)["milex_current_usd_m"], rows[("Current US$", "Russia", 2016)])
    assert close(one(mx, iso3="IRN", year=2016)["share_of_gdp_pct"], rows[("Share of GDP", "Iran", 2016)])
    assert close(one(mx, iso3="IRN", year=2012)["milex_constant_2023_usd_m"], rows[("Constant (2023) US$", "Iran", 2012)])
    ussr = one(mx, iso3="RUS", year=1988)
    assert ussr["sipri_country"] == "USSR" and close(ussr["milex_constant_2023_usd_m"], rows[("Constant (2023) US$", "USSR", 1988)])
    assert close(one(mx, iso3="TUR", year=2016)["milex_current_usd_m"], rows[("Current US$", "Türkiye", 2016)])
    assert set(mx["iso3"]) == {"IRN", "RUS", "USA", "CHN", "SAU", "ISR", "TUR"}
    # quirk: Iran's current-US$ break 1992/1993
    assert round(float(rows[("Current US$", "Iran", 1992)])) == 19733 and round(float(rows[("Current US$", "Iran", 1993)])) == 1448


# --- energy ---------------------------------------------------------------------------------
def test_brent_annual_and_monthly_match_raw(frames, raw):
    _, ba = frames["brent_annual"]
    _, bm = frames["brent_monthly"]
    folder = raw / "oil-prices-eia-brent-wti"
    year = {r["Date"][:4]: float(r["Price"]) for r in _rows(folder / "brent-year.csv")}
    assert one(ba, year=2014)["price"] == year["2014"] == 98.97
    assert one(ba, year=2016)["price"] == year["2016"] == 43.64
    daily = [r for r in _rows(folder / "brent-daily.csv") if r["Date"].startswith("2014")]
    assert one(ba, year=2014)["trading_days"] == len(daily) and not one(ba, year=2014)["partial_year"]
    assert one(ba, year=1987)["partial_year"] and one(ba, year=1987)["first_quote"] == "1987-05-20"
    month = {r["Date"][:7]: float(r["Price"]) for r in _rows(folder / "brent-monthly.csv")}
    assert one(bm, month="2016-01")["price"] == month["2016-01"]
    assert one(bm, month="2008-07")["price"] == month["2008-07"] and len(bm) == len(month)


def test_energy_bp_matches_the_owid_csv(frames, raw):
    _, eb = frames["energy_bp"]
    rows = {(r["Entity"], r["Year"]): r for r in _rows(raw / "bp-statistical-review-2021" / "statistical_review_of_world_energy_bp_2021.csv")}
    x = one(eb, iso3="IRN", indicator="gas_production", year=2015)
    assert close(x["value"], rows[("Iran", "2015")]["Gas Production - Bcm"]) and x["unit"] == "billion cubic metres"
    x = one(eb, iso3="RUS", indicator="gas_proved_reserves", year=2020)
    assert close(x["value"], rows[("Russia", "2020")]["Gas - Proved reserves"]) and round(x["value"], 2) == 37.39
    x = one(eb, iso3="QAT", indicator="gas_proved_reserves", year=2020)
    assert round(x["value"], 2) == 24.67
    x = one(eb, iso3="TKM", indicator="oil_production", year=2020)
    assert close(x["value"], rows[("Turkmenistan", "2020")]["Oil Production - Barrels"]) and x["unit"] == "thousand barrels per day"
    assert eb.loc[eb["iso3"] == "RUS", "year"].min() == 1985
    assert set(eb["iso3"]) == {"IRN", "RUS", "SAU", "USA", "QAT", "TKM", "KAZ", "UZB", "AZE"}


def test_gas_trade_bp_matches_the_trade_sheets(frames, raw):
    _, gt = frames["gas_trade_bp"]
    folder = raw / "bp-statistical-review-2021"
    inter = _rows(folder / "bp2021_gas_interregional_trade_long.csv")
    cis_china = {int(r["year"]): float(r["value"]) for r in inter
                 if r["block"] == "Other CIS" and r["row_label"] == "of which: China"}
    cis_russia = {int(r["year"]): float(r["value"]) for r in inter if r["block"] == "Other CIS" and r["row_label"] == "Russia"}
    x = one(gt, bp_table="Gas - Inter-regional trade", exporter="Other CIS", route="pipeline", destination="China", year=2016)
    assert close(x["value"], cis_china[2016])
    x = one(gt, bp_table="Gas - Inter-regional trade", exporter="Other CIS", route="pipeline", destination="Russia", year=2008)
    assert close(x["value"], cis_russia[2008])
    # the 2020 pipeline matrix (read from the xlsx) agrees with the inter-regional sheet (read from the CSV)
    m = gt[(gt["bp_table"] == "Gas - Trade movts - pipeline") & (gt["year"] == 2020)]
    to_china = m[m["exporter_iso3"].isin(["TKM", "KAZ", "UZB"]) & (m["destination_iso3"] == "CHN")]["value"].sum()
    assert close(to_china, cis_china[2020], 1e-6)
    to_russia = m[m["exporter_iso3"].isin(["TKM", "KAZ", "UZB", "AZE"]) & (m["destination_iso3"] == "RUS")]["value"].sum()
    assert close(to_russia, cis_russia[2020], 1e-6)
    ru_pipe = next(float(r["value"]) for r in inter if r["block"] == "Russia" and r["row_label"] == "Pipeline exports" and r["year"] == "2020")
    assert close(one(m, exporter_iso3="RUS", destination="Total")["value"], ru_pipe)
    lng = {(r["row_label"], int(r["year"])): float(r["value"]) for r in _rows(folder / "bp2021_gas_lng_exports_long.csv")}
    assert close(one(gt, bp_table="Gas - LNG exports", exporter="Qatar", year=2016)["value"], lng[("Qatar", 2016)])
    ml = gt[(gt["bp_table"] == "Gas - Trade movts LNG")]
    assert close(one(ml, exporter_iso3="RUS", destination="Total")["value"], lng[("Russia", 2020)], 1e-6)
    assert set(m["exporter_iso3"]) == {"RUS", "IRN", "TKM", "KAZ", "UZB", "AZE", "QAT"}


def test_energy_opec_matches_the_asb_long_file(frames, raw):
    _, eo = frames["energy_opec"]
    rows = {(r["table"], r["row_label_norm"], int(r["year"])): r for r in _rows(raw / "opec-asb-2023" / "opec_asb2023_selected_long.csv")}
    x = one(eo, iso3="IRN", indicator="crude_oil_exports", year=2016)
    assert close(x["value"], rows[("T52", "IR Iran", 2016)]["value"]) and x["unit"] == "1,000 b/d"
    assert round(x["value"]) == 1922 and round(one(eo, iso3="IRN", indicator="crude_oil_exports", year=2019)["value"]) == 651
    x = one(eo, iso3="RUS", indicator="gas_exports", year=2016)
    assert close(x["value"], rows[("T94", "Russia", 2016)]["value"]) and x["value"] == 208040
    x = one(eo, iso3="IRN", indicator="gas_proven_reserves", year=2016)
    assert close(x["value"], rows[("T91", "IR Iran", 2016)]["value"]) and x["unit"] == "bn standard cu m"
    assert one(eo, iso3="IRN", indicator="petroleum_export_value", year=2015)["unit"] == "m $"
    assert eo.loc[eo["iso3"] == "TKM", "year"].min() >= 1990  # 'na' before independence is absent
    # quirk numbers: bp vs OPEC reserves at end-2020
    assert round(one(eo, iso3="RUS", indicator="gas_proven_reserves", year=2020)["value"] / 1000, 1) == 47.8
    assert round(one(eo, iso3="IRN", indicator="crude_oil_proven_reserves", year=2020)["value"] / 1000, 1) == 208.6


# --- World Bank -------------------------------------------------------------------------------
def test_wdi_matches_the_raw_long_file(frames, raw):
    _, w = frames["wdi"]
    rows = {(r["Indicator Code"], r["Country Code"], int(r["Year"])): r
            for r in _rows(raw / "worldbank-wdi-selected" / "wdi_selected_long.csv")}
    x = one(w, iso3="IRN", indicator_code="NY.GDP.MKTP.CD", year=2012)
    assert close(x["value"], rows[("NY.GDP.MKTP.CD", "IRN", 2012)]["Value"]) and x["unit"] == "current US$"
    x = one(w, iso3="RUS", indicator_code="PA.NUS.FCRF", year=2015)
    assert close(x["value"], rows[("PA.NUS.FCRF", "RUS", 2015)]["Value"]) and round(x["value"], 2) == 60.94
    x = one(w, iso3="IRN", indicator_code="FP.CPI.TOTL.ZG", year=2013)
    assert close(x["value"], rows[("FP.CPI.TOTL.ZG", "IRN", 2013)]["Value"]) and x["unit"] == "annual %"
    assert one(w, iso3="IRN", indicator_code="SP.POP.TOTL", year=2016)["unit"] == "persons"
    assert set(w["iso3"]) == {"IRN", "RUS", "USA", "CHN", "DEU", "TUR", "SAU"}
    assert w["value"].notna().all()


def test_register_deliveries_keep_each_deals_delivered_tiv(frames, raw):
    """Spreading a deal's delivered TIV over its delivery years neither adds nor loses TIV: per
    supplier and recipient, the yearly estimates sum to the register's delivered TIV of the deals."""
    _, deliveries = frames["arms_register_deliveries"]
    _, supplier = frames["arms_register_iran_supplier"]
    reg = pd.read_csv(raw / "sipri-arms-transfers" / "derived" / "trade_register_iran_supplier.csv")
    assert len(supplier) == len(reg)  # every deal with Iran as supplier, none dropped
    delivered = supplier[supplier["delivery_years"].notna() & (supplier["delivery_years"].astype(str) != "")]
    by_pair = delivered.groupby("recipient")["tiv_delivered"].sum()
    est = deliveries[deliveries["supplier_iso3"] == "IRN"].groupby("recipient")["tiv_delivered_est"].sum()
    for recipient, total in by_pair.items():
        assert abs(est.get(recipient, 0.0) - total) < 0.05 + 1e-6 * total, recipient
    assert deliveries["year"].max() == 2024
