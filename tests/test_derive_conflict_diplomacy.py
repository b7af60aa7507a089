"""derive_conflict, derive_diplomacy and derive_icews: each resource checked against its raw file.

Every test reads the raw file itself (csv module or pandas, independently of the derive code),
finds the row and compares it with the derived frame.
"""
from __future__ import annotations

import csv

import pandas as pd
from conftest import one

MODULES = ["derive_conflict", "derive_diplomacy", "derive_icews"]


def _rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return [{k.strip(): v for k, v in r.items()} for r in csv.DictReader(fh)]




def test_every_resource_has_its_declared_columns_and_a_unique_key(frames):
    expected = {"wars", "mids", "mids_russia_iran_dyad", "mids_russia_iran_dyad_gml", "rivalries",
                "alliances_ru_ir", "alliances_counts", "diplomatic_exchange", "leaders", "states", "icews"}
    assert set(frames) == expected
    for name, (meta, df) in frames.items():
        assert list(df.columns) == [f[0] for f in meta["fields"]], name
        assert not df.empty, name
        assert not df.duplicated(meta["primary_key"]).any(), name


# --- wars ----------------------------------------------------------------------------------
def test_wars_russo_persian_extra_state_row(frames, raw):
    _, wars = frames["wars"]
    r = next(r for r in _rows(raw / "cow-wars" / "ExtraStateWarData_v4.0_russia_or_iran.csv") if r["WarNum"] == "316")
    w = one(wars, war_num=316)
    assert w["war_type"] == "extra-state" and w["war_name"] == r["WarName"]
    assert (w["start_year"], w["end_year"]) == (int(r["StartYear1"]), int(r["EndYear1"]))
    assert w["russia"] and not w["iran"] and w["iran_nonsystem_side"]
    assert w["rus_side"] == "A" and r["ccode1"] == "365"
    assert w["rus_battle_deaths"] == int(r["BatDeath"])
    assert r["Outcome"] == "1" and w["rus_outcome"] == "winner"
    assert w["side_b"] == r["SideB"]


def test_wars_inter_state_deaths_and_outcomes_match_participant_rows(frames, raw):
    _, wars = frames["wars"]
    labels = {"1": "winner", "2": "loser", "6": "stalemate"}
    rows = _rows(raw / "cow-wars" / "InterStateWarData_v4.0_wars_with_russia_or_iran.csv")
    focal = [r for r in rows if r["ccode"] in ("365", "630")]
    assert focal
    for r in focal:
        key = "rus" if r["ccode"] == "365" else "irn"
        w = one(wars, war_num=int(r["WarNum"]))
        deaths = int(r["BatDeath"])
        if deaths >= 0:
            assert w[f"{key}_battle_deaths"] == deaths
        else:  # -9 unknown
            assert pd.isna(w[f"{key}_battle_deaths"])
        assert w[f"{key}_side"] == {"1": "A", "2": "B"}[r["Side"]]
        if r["Outcome"] in labels:
            assert w[f"{key}_outcome"] == labels[r["Outcome"]]
    iran_iraq = one(wars, war_num=199)
    assert iran_iraq["irn_battle_deaths"] == 750000 and iran_iraq["irn_outcome"] == "stalemate"
    assert one(wars, war_num=139)["rus_battle_deaths"] == 7500000


def test_wars_gilan_intra_state_russia_and_iran_opposed(frames, raw):
    _, wars = frames["wars"]
    rows = [r for r in _rows(raw / "cow-wars" / "IntraStateWarData_v4.1_russia_or_iran.csv") if r["WarNum"] == "687"]
    irn_side = "A" if any(r["CcodeA"] == "630" for r in rows) else "B"
    rus_side = "A" if any(r["CcodeA"] == "365" for r in rows) else "B"
    w = one(wars, war_num=687)
    assert (w["irn_side"], w["rus_side"]) == (irn_side, rus_side) == ("A", "B")
    assert w["russia_iran_opposed"]
    # the constitution war: both on the government side
    w647 = one(wars, war_num=647)
    assert w647["russia"] and w647["iran"] and not w647["russia_iran_opposed"]
    # every war number in the three raw files appears once
    nums = set()
    for f in ("InterStateWarData_v4.0_wars_with_russia_or_iran.csv", "ExtraStateWarData_v4.0_russia_or_iran.csv",
              "IntraStateWarData_v4.1_russia_or_iran.csv"):
        nums |= {int(r["WarNum"]) for r in _rows(raw / "cow-wars" / f)}
    assert set(wars["war_num"]) == nums


# --- MIDs ----------------------------------------------------------------------------------
def test_mids_dispute_levels_match_the_dispute_file(frames, raw):
    _, mids = frames["mids"]
    disp = _rows(raw / "mids-cow-gml" / "cow_mid_v5_0_disputes_russia_or_iran.csv")
    assert len(mids) == len(disp)
    for r in disp:
        m = one(mids, dispnum=int(r["dispnum"]))
        assert m["start_year"] == int(r["styear"])
        assert m["hostlev"] == int(r["hostlev"]) and m["hiact"] == int(r["hiact"])
        fat = int(r["fatality"])
        assert (pd.isna(m["fatality"]) if fat == -9 else m["fatality"] == fat)
    m = one(mids, dispnum=523)
    assert m["hostlev_label"] == "use of force" and m["russia_iran"]


def test_mids_russia_iran_flag_and_end_year_from_dyadic_file(frames, raw):
    _, mids = frames["mids"]
    dy = _rows(raw / "mids-cow-gml" / "cow_mid_v5_0_dirdyad_dispyears_russia_or_iran.csv")
    pairs = {int(r["dispnum"]) for r in dy if (r["ccode1"], r["ccode2"]) == ("365", "630")}
    assert set(mids.loc[mids["russia_iran"], "dispnum"]) == pairs
    last = {}
    for r in dy:
        last[int(r["dispnum"])] = max(last.get(int(r["dispnum"]), 0), int(r["year"]))
    assert dict(zip(mids["dispnum"], mids["end_year"], strict=False)) == last
    assert max(mids.loc[mids["russia_iran"], "end_year"]) == 1993


def test_mids_dyad_rows_match_raw_russia_to_iran_rows(frames, raw):
    for res, prefix in (("mids_russia_iran_dyad", "cow_mid_v5_0"), ("mids_russia_iran_dyad_gml", "gml_mid_v2_2_1")):
        _, dyad = frames[res]
        rows = [r for r in _rows(raw / "mids-cow-gml" / f"{prefix}_dirdyad_dispyears_russia_or_iran.csv")
                if (r["ccode1"], r["ccode2"]) == ("365", "630")]
        assert len(dyad) == len(rows)
        for r in rows:
            d = one(dyad, dispnum=int(r["dispnum"]), year=int(r["year"]))
            assert d["rus_hiact"] == int(r["hiact1"]) and d["irn_hiact"] == int(r["hiact2"])
            assert d["rus_hostlev"] == int(r["hostlev1"]) and d["irn_hostlev"] == int(r["hostlev2"])
            assert d["rus_side_a"] == (r["sidea1"] == "1")
    cow = one(frames["mids_russia_iran_dyad"][1], dispnum=523, year=1941)
    assert cow["rus_hiact_label"] == "occupation of territory" and cow["irn_hiact_label"] == "attack"
    # the Azerbaijan crisis: display of force in CoW-MID, use of force in GML
    assert one(frames["mids_russia_iran_dyad"][1], dispnum=20, year=1945)["rus_hostlev"] == 3
    assert one(frames["mids_russia_iran_dyad_gml"][1], dispnum=20, year=1945)["rus_hostlev"] == 4


# --- rivalries -----------------------------------------------------------------------------
def test_rivalries_match_both_lists(frames, raw):
    _, riv = frames["rivalries"]
    td = _rows(raw / "strategic-rivalries" / "thompson_dreyer_rivalries_russia_or_iran.csv")
    tss = _rows(raw / "strategic-rivalries" / "tss_rivalries_russia_or_iran.csv")
    assert len(riv) == len(td) + len(tss)
    for r in td:
        x = one(riv, source="thompson-dreyer", rivalry_id=int(r["rivalryno"]))
        assert (x["start_year"], x["end_year"]) == (int(r["styear"]), int(r["endyear"]))
        assert x["primary_type"] == r["type1"] and x[r["type1"]]
    for r in tss:
        x = one(riv, source="thompson-sakuwa-suhas", rivalry_id=int(r["tssr_id"]))
        assert (x["start_year"], x["end_year"]) == (int(r["start"]), int(r["end"]))
        assert bool(x["asymmetric_principal"]) == (r["aprin"] == "1")
    ir = riv[riv["russia_iran"]]
    assert len(ir) == 2 and set(ir["end_year"]) == {1828} and ir["spatial"].all()
    assert one(riv, source="thompson-sakuwa-suhas", rivalry_id=185)["country_1"] == "United States"


# --- alliances -----------------------------------------------------------------------------
def test_alliances_ru_ir_match_atop_rows(frames, raw):
    _, al = frames["alliances_ru_ir"]
    rows = [r for r in _rows(raw / "alliances-atop-cow" / "atop_v5_1_ddy_russia_or_iran.csv")
            if {r["ccode1"], r["ccode2"]} == {"365", "630"}]
    assert len(al) == len(rows)
    names = {"atop_defense": "defense", "atop_offense": "offense", "atop_neutral": "neutrality",
             "atop_nonagg": "nonaggression", "atop_consul": "consultation"}
    iso = {"365": "RUS", "630": "IRN"}
    for r in rows:
        a = one(al, iso3=iso[r["ccode1"]], partner_iso3=iso[r["ccode2"]], year=int(r["year"]))
        for src, dst in names.items():
            assert bool(a[dst]) == (r[src] == "1"), (r, dst)
    # the 1942 tripartite treaty: Russia pledges defence to Iran, not Iran to Russia
    assert one(al, iso3="RUS", partner_iso3="IRN", year=1942)["defense"]
    assert not one(al, iso3="IRN", partner_iso3="RUS", year=1942)["defense"]


def test_alliances_counts_match_a_count_of_raw_partners(frames, raw):
    _, cnt = frames["alliances_counts"]
    rows = _rows(raw / "alliances-atop-cow" / "atop_v5_1_ddy_russia_or_iran.csv")
    for cc, iso, year in (("365", "RUS", 1945), ("365", "RUS", 2010), ("630", "IRN", 1959), ("630", "IRN", 2005)):
        partners = {r["ccode2"] for r in rows if r["ccode1"] == cc and r["year"] == str(year)}
        defense = {r["ccode2"] for r in rows if r["ccode1"] == cc and r["year"] == str(year) and r["atop_defense"] == "1"}
        defense |= {r["ccode1"] for r in rows if r["ccode2"] == cc and r["year"] == str(year) and r["atop_defense"] == "1"}
        c = one(cnt, iso3=iso, year=year)
        assert c["partners"] == len(partners) > 0
        assert c["defense_partners"] == len(defense)
    # a year with no alliance row is a zero, not absent
    assert not any(r["ccode1"] == "630" and r["year"] == "1990" for r in rows)
    assert one(cnt, iso3="IRN", year=1990)["partners"] == 0


# --- diplomatic exchange -------------------------------------------------------------------
def test_diplomatic_exchange_both_directions(frames, raw):
    _, de = frames["diplomatic_exchange"]
    rows = _rows(raw / "cow-diplomatic-exchange" / "Diplomatic_Exchange_2006v1_365_630.csv")
    assert len(de) == 2 * len(rows)
    for r in rows:
        iran_in_russia = one(de, year=int(r["year"]), sender_iso3="IRN")  # DR_at_1: ccode2 at ccode1
        russia_in_iran = one(de, year=int(r["year"]), sender_iso3="RUS")  # DR_at_2: ccode1 at ccode2
        assert iran_in_russia["level_code"] == int(r["DR_at_1"]) and iran_in_russia["host_iso3"] == "RUS"
        assert russia_in_iran["level_code"] == int(r["DR_at_2"])
        assert iran_in_russia["exchange"] == (r["DE"] == "1")
    x = one(de, year=1920, sender_iso3="IRN")
    assert x["level"] == "ambassador" and x["level_rank"] == 3
    assert pd.isna(one(de, year=1955, sender_iso3="RUS")["level_rank"])  # code 9: level not identified


# --- leaders -------------------------------------------------------------------------------
def test_leaders_archigos_and_plad_rows(frames, raw):
    _, ld = frames["leaders"]
    arch = {r["obsid"]: r for r in _rows(raw / "leaders-archigos-plad" / "archigos_4.1_iran_russia.csv")}
    plad = {r["plad_id"]: r for r in _rows(raw / "leaders-archigos-plad" / "plad_2024_iran_russia.csv")}
    a = one(ld, spell_id="IRN-2005")
    r = arch["IRN-2005"]
    assert (a["leader"], a["start_date"], a["end_date"], a["source"]) == (r["leader"], r["startdate"], r["enddate"], "Archigos 4.1")
    assert a["exit"] == r["exit"]
    p = one(ld, spell_id="IRN_2021_1")
    assert (p["leader"], p["start_date"], p["end_date"]) == (plad["IRN_2021_1"]["leader"], plad["IRN_2021_1"]["startdate_iso"], plad["IRN_2021_1"]["enddate_iso"])
    putin = one(ld, leader="Putin")
    assert putin["source"] == "PLAD 2024" and putin["end_date"] == plad["RUS_1999_1"]["enddate_iso"] and putin["still_in_office"]
    # Archigos's censored spells are replaced, all others kept
    assert not ((ld["source"] == "Archigos 4.1") & ld["still_in_office"]).any()
    assert (ld["source"] == "Archigos 4.1").sum() == sum(r["exit"] != "Still in Office" for r in arch.values())
    # spells of one country do not overlap
    for _, g in ld.sort_values("start_date").groupby("iso3"):
        assert (g["start_date"].iloc[1:].to_numpy() >= g["end_date"].iloc[:-1].to_numpy()).all()


# --- states --------------------------------------------------------------------------------
def test_states_match_the_cow_list(frames, raw):
    _, st = frames["states"]
    rows = _rows(raw / "cow-state-system" / "cow_states_v2016.csv")
    iran = next(r for r in rows if r["ccode"] == "630")
    s = one(st, ccode=630)
    assert s["start_date"] == f"{int(iran['styear']):04d}-{int(iran['stmonth']):02d}-{int(iran['stday']):02d}" == "1855-01-01"
    assert s["end_year"] == int(iran["endyear"]) and s["cow_name"] == iran["statenme"] and s["iso3"] == "IRN"
    rus = st[st["ccode"] == 365]
    assert len(rus) == sum(r["ccode"] == "365" for r in rows) == 1
    assert len(st[st["iso3"] == "DEU"]) == sum(r["ccode"] in ("255", "260") for r in rows)


# --- ICEWS ---------------------------------------------------------------------------------
def test_icews_counts_match_raw_rows(frames, raw):
    _, ic = frames["icews"]
    rows = _rows(raw / "icews-dyadyear-netify" / "icews_dyadyear_iran_or_russia.csv")
    for i, j, year in (("IRN", "RUS", "2006"), ("RUS", "IRN", "2010"), ("USA", "IRN", "2012"), ("RUS", "CHN", "2014")):
        r = next(r for r in rows if (r["i_iso3c"], r["j_iso3c"], r["year"]) == (i, j, year))
        x = one(ic, source_iso3=i, target_iso3=j, year=int(year))
        assert (x["verbal_cooperation"], x["material_cooperation"], x["verbal_conflict"], x["material_conflict"]) == (
            int(r["verbCoop"]), int(r["matlCoop"]), int(r["verbConf"]), int(r["matlConf"]))
    assert len(ic) == 10 * 13
    assert set(ic["year"]) == set(range(2002, 2015))
