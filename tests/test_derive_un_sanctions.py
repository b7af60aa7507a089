"""UN voting and sanctions resources: values checked against the raw files, recomputed independently.

Each test recomputes a number from the raw public file with plain pandas (no code from the derive
scripts) and compares it with what derive_unga / derive_unsc / derive_sanctions produce.
"""
from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def unga(raw, script):
    return script("derive_unga").derive(raw)


@pytest.fixture(scope="module")
def unsc(raw, script):
    return script("derive_unsc").derive(raw)


@pytest.fixture(scope="module")
def sanctions(raw, script):
    return script("derive_sanctions").derive(raw)


def _row(df: pd.DataFrame, **where) -> pd.Series:
    sel = df
    for k, v in where.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"expected one row for {where}, got {len(sel)}"
    return sel.iloc[0]


# ---------------------------------------------------------------- UN General Assembly

def _raw_pair(raw, a: str, b: str, year: int, issue: str | None = None) -> pd.DataFrame:
    """Roll calls of one year on which both states (unvotes labels) voted, one column each."""
    folder = raw / "unga-votes-unvotes"
    votes = pd.read_csv(folder / "un_votes_selected_countries.csv")
    calls = pd.read_csv(folder / "un_roll_calls.csv")
    calls = calls[calls["date"].str[:4] == str(year)]
    if issue:
        iss = pd.read_csv(folder / "un_roll_call_issues.csv")
        calls = calls[calls["rcid"].isin(iss.loc[iss["short_name"] == issue, "rcid"])]
    va = votes[votes["country"] == a][["rcid", "vote"]]
    vb = votes[votes["country"] == b][["rcid", "vote"]]
    return calls[["rcid"]].merge(va, on="rcid").merge(vb, on="rcid", suffixes=("_a", "_b"))


def _s_score(both: pd.DataFrame) -> float:
    code = {"yes": 1, "abstain": 2, "no": 3}
    d = (both["vote_a"].map(code) - both["vote_b"].map(code)).abs()
    return 1 - d.sum() / len(d)  # S = 1 - 2*sum(d)/(n*dmax), dmax = 2


@pytest.mark.parametrize("a,b,pair,year", [("Iran", "Russia", "IRN-RUS", 1990),
                                          ("Iran", "Russia", "IRN-RUS", 2012),
                                          ("Iran", "United States", "IRN-USA", 1980),
                                          ("Russia", "China", "RUS-CHN", 2005)])
def test_unga_agreement_recomputed_from_roll_calls(raw, unga, a, b, pair, year):
    both = _raw_pair(raw, a, b, year)
    row = _row(unga["unga_agreement"], pair=pair, year=year)
    assert row["n_votes"] == len(both)
    assert row["n_identical"] == (both["vote_a"] == both["vote_b"]).sum()
    assert row["share_identical"] == pytest.approx((both["vote_a"] == both["vote_b"]).mean())
    assert row["s_score"] == pytest.approx(_s_score(both))
    opposite = ((both["vote_a"] == "yes") & (both["vote_b"] == "no")) | ((both["vote_a"] == "no") & (both["vote_b"] == "yes"))
    assert row["n_opposite"] == opposite.sum()


def test_unga_agreement_matches_provenance_sanity_values(unga):
    ag = unga["unga_agreement"].set_index(["pair", "year"])["share_identical"]
    assert round(ag[("IRN-RUS", 1990)], 3) == 0.929
    assert round(ag[("IRN-RUS", 2012)], 3) == 0.611
    assert round(ag[("IRN-USA", 2015)], 3) == 0.135


def test_unga_agreement_china_is_the_prc_only(unga):
    ag = unga["unga_agreement"]
    assert ag.loc[ag["iso3_b"] == "CHN", "year"].min() == 1971
    assert 1964 not in set(ag["year"])  # no roll calls that year
    assert ag["year"].max() == 2019


def test_unga_agreement_issue_recomputed(raw, unga):
    both = _raw_pair(raw, "Iran", "Russia", 2012, issue="nu")
    row = _row(unga["unga_agreement_issue"], pair="IRN-RUS", year=2012, issue="nu")
    assert row["n_votes"] == len(both) > 0
    assert row["share_identical"] == pytest.approx((both["vote_a"] == both["vote_b"]).mean())
    assert row["s_score"] == pytest.approx(_s_score(both))


def test_unga_issue_quirk_2019_is_in_the_raw_file_and_the_manifest(raw, script):
    """The 2019 issue tags co, di and ec name the same roll calls in the raw file (so the derived
    values coincide); the manifest says so. If a new raw version fixes it, drop the quirk."""
    folder = raw / "unga-votes-unvotes"
    calls = pd.read_csv(folder / "un_roll_calls.csv")
    iss = pd.read_csv(folder / "un_roll_call_issues.csv")
    in_2019 = set(calls.loc[calls["date"].str[:4] == "2019", "rcid"])
    tagged = {k: set(iss.loc[iss["short_name"] == k, "rcid"]) & in_2019 for k in ("co", "di", "ec", "nu")}
    assert tagged["co"] == tagged["di"] == tagged["ec"] != tagged["nu"]
    meta = next(m for m in script("derive_unga").RESOURCES if m["name"] == "unga_agreement_issue")
    assert any("2019" in q and f"same {len(tagged['co'])} roll calls" in q for q in meta["quirks"])


def test_unga_ideal_points_copied_from_raw(raw, unga):
    src = pd.read_csv(raw / "unga-ideal-points" / "IdealpointsJuly2025.csv")
    ideal = unga["unga_ideal"]
    for ccode, iso3, year in [(365, "RUS", 1991), (630, "IRN", 2012), (2, "USA", 2015)]:
        want = src[(src["ccode"] == ccode) & (src["year"] == year)].iloc[0]
        got = _row(ideal, iso3=iso3, year=year)
        for col in ["idealpointall", "idealpointfp", "q5all", "q95all", "nvotesall"]:
            assert got[col] == pytest.approx(want[col]), (iso3, year, col)
    # PROVENANCE sanity values
    assert _row(ideal, iso3="RUS", year=1991)["idealpointall"] == pytest.approx(0.727, abs=5e-4)
    assert _row(ideal, iso3="IRN", year=2012)["idealpointall"] == pytest.approx(-2.291, abs=5e-4)
    # Germany: Federal Republic to 1989, unified Germany from 1990, one row per year
    assert _row(ideal, iso3="DEU", year=1989)["ccode"] == 260
    assert _row(ideal, iso3="DEU", year=1990)["ccode"] == 255
    assert not ideal.duplicated(["iso3", "year"]).any()


# ---------------------------------------------------------------- UN Security Council

def _raw_member_votes(raw) -> pd.DataFrame:
    return pd.read_csv(raw / "un-security-council-votes" / "iran_nonproliferation_resolutions_member_votes.csv")


def test_unsc_iran_votes_against_raw(raw, unsc):
    src = _raw_member_votes(raw)
    votes = unsc["unsc_iran_votes"]
    assert sorted(votes["resolution"].unique()) == [1696, 1737, 1747, 1803, 1835, 1929, 1984, 2049,
                                                   2105, 2159, 2224, 2231]
    for res in [1696, 1929, 2231]:
        s = src[src["Resolution"] == f"{res} ({src.loc[src['Resolution'].str.startswith(str(res), na=False), 'Year'].iloc[0]})"]
        for member, iso3 in [("Russian Federation", "RUS"), ("China", "CHN"), ("United States", "USA")]:
            want = s.loc[s["Member State"] == member, "Vote"].str.lower().tolist()
            got = votes[(votes["resolution"] == res) & (votes["iso3"] == iso3)]["vote"].tolist()
            assert got == want and len(got) == 1, (res, member)
    r1929 = votes[votes["resolution"] == 1929]
    assert len(r1929) == 15
    assert set(r1929.loc[r1929["vote"] == "no", "member"]) == {"Brazil", "Turkey"}
    assert (r1929["date"] == "2010-06-09").all()  # stored as 2010-09-06 (day/month swapped)
    assert r1929["p5"].sum() == 5


def test_unsc_iran_resolutions_counts(raw, unsc):
    src = _raw_member_votes(raw)
    summary = unsc["unsc_iran_resolutions"]
    assert len(summary) == 12
    for res, label in [(1929, "1929 (2010)"), (1803, "1803 (2008)"), (1696, "1696 (2006)")]:
        s = src[src["Resolution"] == label]
        row = _row(summary, resolution=res)
        assert row["n_yes"] == (s["Vote"] == "Yes").sum()
        assert row["n_no"] == (s["Vote"] == "No").sum()
        assert row["n_abstain"] == (s["Vote"] == "Abstain").sum()
        assert row["outcome"] == s["Outcome results"].iloc[0]
        assert row["russia_vote"] == s.loc[s["Member State"] == "Russian Federation", "Vote"].iloc[0].lower()
    row = _row(summary, resolution=2231)
    assert (row["n_yes"], row["n_no"], row["n_abstain"], bool(row["unanimous"])) == (15, 0, 0, True)
    assert row["date"] == "2015-07-20"


def test_unsc_vetoes_against_raw(raw, unsc):
    src = pd.read_csv(raw / "un-security-council-votes" / "raw" / "unsc_vetoes_1946_sept2022.csv")
    names = src[["member_veto1", "member_veto2", "member_veto3"]]
    vet = unsc["unsc_vetoes"]
    assert len(vet) == names.notna().sum().sum()
    # Russia (post-1991 label) vetoes on Syria, counted from the raw name columns
    russia_syria = ((names == "Russia").any(axis=1) & (src["crisis_topic"] == "Syria")).sum()
    assert ((vet["member_as_listed"] == "Russia") & vet["syria"]).sum() == russia_syria
    # France by name, not by the (incomplete) dummy
    assert (vet["iso3"] == "FRA").sum() == (names == "France").any(axis=1).sum()
    # 4 Oct 2011, S/2011/612: China and Russia
    first_syria = vet[vet["draft"] == "S/2011/612"]
    assert set(first_syria["iso3"]) == {"CHN", "RUS"} and (first_syria["date"] == "2011-10-04").all()
    # PROVENANCE: 14 Russian vetoes 2011-2017, 11 of them on Syria
    ru = vet[(vet["iso3"] == "RUS") & vet["year"].between(2011, 2017)]
    assert (len(ru), int(ru["syria"].sum())) == (14, 11)


# ---------------------------------------------------------------- sanctions

def _raw_gsdb(raw) -> pd.DataFrame:
    return pd.read_csv(raw / "sanctions-gsdb-v3" / "gsdb_v3_iran_russia_cases.csv")


def test_sanctions_gsdb_cases_against_raw(raw, sanctions):
    src = _raw_gsdb(raw).set_index("case_id")
    cases = sanctions["sanctions_gsdb"]
    for case_id in [774, 857, 799, 1000, 1005]:
        row = cases[cases["case_id"] == case_id].iloc[0]
        assert row["begin"] == src.loc[case_id, "begin"]
        assert row["end"] == src.loc[case_id, "end"]
        assert row["sanctioning_state"] == src.loc[case_id, "sanctioning_state"]
        for t in ["trade", "arms", "military", "financial", "travel", "other"]:
            assert bool(row[t]) == bool(src.loc[case_id, t]), (case_id, t)
    assert _row(cases, case_id=774)["begin"] == 2006
    # only cases against Iran or Russia; the joint Syria/Russia/Iran case appears for both
    assert set(cases.loc[cases["case_id"] == 1133, "iso3"]) == {"IRN", "RUS"}
    assert 989 not in set(cases["case_id"])  # Russia as sender (EU <- Russia)
    targets = src["sanctioned_state"].str.contains(r"\b(?:Iran|Russia)\b")
    assert cases["case_id"].nunique() == targets.sum()


def test_sanctions_active_recomputed(raw, sanctions):
    src = _raw_gsdb(raw)
    active = sanctions["sanctions_active"]
    for iso3, label, year in [("IRN", "Iran", 2013), ("IRN", "Iran", 2017), ("RUS", "Russia", 2022), ("RUS", "Russia", 2015)]:
        against = src[src["sanctioned_state"].str.contains(rf"\b{label}\b")]
        live = against[(against["begin"] <= year) & (against["end"] >= year)]
        row = _row(active, iso3=iso3, year=year)
        assert row["n_cases"] == len(live)
        assert row["n_financial"] == live["financial"].sum()
        assert row["n_un"] == (live["sanctioning_state"] == "UN").sum()
    assert active.loc[active["iso3"] == "IRN", "year"].min() == 1979


def test_sanctions_ties_against_raw(raw, sanctions):
    src = pd.read_csv(raw / "sanctions-ties-v4.1" / "ties_v4.1_iran_russia.csv").set_index("caseid")
    ties = sanctions["sanctions_ties"]
    assert len(ties) == len(src)
    hostage = _row(ties, caseid=1979111201)
    assert (hostage["target_iso3"], hostage["primary_sender_iso3"]) == ("IRN", "USA")
    assert (hostage["start_year"], hostage["end_year"]) == (src.loc[1979111201, "startyear"], src.loc[1979111201, "endyear"])
    assert bool(hostage["imposition"]) and hostage["iran_role"] == "target"
    assert hostage["final_outcome"] == src.loc[1979111201, "finaloutcome"]
    case95 = _row(ties, caseid=1995030103)
    assert case95["sanction_types"] == str(src.loc[1995030103, "sanctiontype"]).strip() == "4 7"
    assert case95["sanction_type_labels"] == "export restriction; termination of foreign aid"
    # roles recomputed from the raw COW codes
    senders = src[["sender1", "sender2", "sender3", "sender4", "sender5", "primarysender"]]
    assert (ties["iran_role"] == "target").sum() == (src["targetstate"] == 630).sum()
    assert (ties["russia_role"] == "sender").sum() == ((senders == 365).any(axis=1) & (src["targetstate"] != 365)).sum()
    assert ties.loc[ties["caseid"] == 1951062201, "senders"].item() == "United Kingdom; United States"
