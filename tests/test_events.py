"""The events and periods tables: the brief's events against the brief, the checks of the curated files."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from nexus import load, timeline

BRIEF = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_cb82637439327e3c.txt"

# Events the brief dates, with exactly the date and precision it gives (no day or month added).
EXPECTED = {
    "trade-contacts-ninth-century": ("0800", "century", 800),
    "peter-the-great-reign": ("1689", "year", 1689),
    "bolshevik-revolution": ("1917", "year", 1917),
    "islamic-revolution": ("1979", "year", 1979),
    "gore-chernomyrdin-agreement": ("1995", "year", 1995),
    "russia-leaves-gore-chernomyrdin": ("2000", "year", 2000),
    "putin-comes-to-power": ("2000", "year", 2000),
    "sergeev-visits-tehran": ("2000-12", "month", 2000),
    "khatami-visits-moscow": ("2001-03", "month", 2001),
    "munich-security-conference": ("2007", "year", 2007),
    "ahmadinejad-second-term": ("2009", "year", 2009),
    "putin-second-term": ("2012", "year", 2012),
    "rouhani-takes-office": ("2013-08", "month", 2013),
    "rouhani-wins-election": ("2013", "year", 2013),
    "farhi-why-rouhani": ("2013", "year", 2013),
    "sco-bishkek": ("2013", "year", 2013),
    "cica-shanghai": ("2014-05-23", "day", 2014),
    "lavrov-natural-ally": ("2014-09", "month", 2014),
    "sco-dushanbe": ("2014-09-12", "day", 2014),
    "caspian-summit-astrakhan": ("2014-09-29", "day", 2014),
    "jcpoa": ("2015-07-14", "day", 2015),
    "jafari-assad-remark": ("2016-11-03", "day", 2016),
    "rafsanjani-dies": ("2017-01-08", "day", 2017),
    "iran-election-2017": ("2017-05", "month", 2017),
}
# Sources the brief itself names for a fact (the rest are the brief's own statements).
ATTRIBUTED = {"trade-contacts-ninth-century": "andreeva2007russia", "peter-the-great-reign": "andreeva2007russia",
              "russia-reserved-policy-1993": "belopolsky2009russia", "farhi-why-rouhani": "farhi2013rohani"}


def norm(text: str) -> str:
    """Whitespace collapsed, typographic quotes and dashes made plain."""
    for a, b in {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                 "\u00bb": '"', "\u2013": "-", "\u2014": "-"}.items():
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def mod(script):
    return script("derive_events")


@pytest.fixture(scope="module")
def events():
    return load("events")


@pytest.fixture(scope="module")
def brief_events(events):
    return events[events["origin"] == "brief"].set_index("event_id")


@pytest.fixture(scope="module")
def periods():
    return load("periods")


def test_quotes_occur_in_the_brief(brief_events):
    if not BRIEF.is_file():
        pytest.skip("the brief is not present")
    text = norm(BRIEF.read_text(encoding="utf-8"))
    missing = [eid for eid, q in brief_events["quote"].items() if norm(q) not in text]
    assert not missing, f"quotes not found in the brief: {missing}"
    assert (brief_events["quote"].str.split().str.len() <= 25).all()


def test_quote_states_the_date(brief_events):
    """The quote holds the year the event is dated by (or the century in words)."""
    words = {800: "ninth century", 1700: "18th century"}
    for eid, r in brief_events.iterrows():
        if eid == "brief-published":
            assert "2017" in r["quote"]
            continue
        assert words.get(r["year"], str(r["year"])) in r["quote"], eid


def test_brief_events_have_exactly_the_brief_dates(brief_events):
    missing = sorted(set(EXPECTED) - set(brief_events.index))
    assert not missing, missing
    got = {eid: (brief_events.at[eid, "date"], brief_events.at[eid, "precision"], int(brief_events.at[eid, "year"]))
           for eid in EXPECTED}
    assert got == EXPECTED
    assert 25 <= len(brief_events) <= 40


def test_brief_events_cite_the_brief_or_its_named_source(brief_events):
    for eid, r in brief_events.iterrows():
        assert r["bibkey"] == ATTRIBUTED.get(eid, "prawdzik2017nexus"), eid
        assert pd.notna(r["brief_section"]) and pd.notna(r["quote"])


def test_undated_facts_are_not_invented(brief_events):
    """The brief gives no date for Trump's executive order: it is not an event."""
    assert not brief_events["title"].str.contains("executive order", case=False).any()


def test_pre_1677_dates_load(events):
    assert events["date"].dtype == "string" and events["year"].dtype == "Int64"
    row = events.set_index("event_id").loc["trade-contacts-ninth-century"]
    assert (row["date"], row["year"], row["precision"]) == ("0800", 800, "century")
    assert events.set_index("event_id").at["peter-the-great-reign", "year"] == 1689
    assert events["year"].notna().all()


def test_date_matches_precision_and_year_everywhere(events, mod):
    for r in events.itertuples(index=False):
        assert mod.date_year(r.date, r.precision) == r.year, r.event_id
    assert set(events["category"]) <= set(mod.CATEGORIES)


def test_dataset_events(events):
    ds = events[events["origin"] != "brief"].set_index("event_id")
    assert ds["quote"].isna().all() and ds["brief_section"].isna().all()
    assert {"cow-war-316", "cow-war-647", "cow-war-687"} <= set(ds.index)
    assert ds.at["cow-war-316", "date"] == "1826-09-28"
    assert {"cow-alliance-1921", "atop-1927", "atop-1942", "atop-2001"} <= set(ds.index)
    unsc = ds[ds["origin"] == "un-security-council-votes"]
    assert len(unsc) == 12 and ds.at["unsc-2231", "date"] == "2015-07-20" and ds.at["unsc-1696", "date"] == "2006-07-31"
    assert ds.at["mid-523", "date"] == "1941-08"
    assert ds.at["sipri-2015-s-300pmu2-favorit", "year"] == 2015
    assert len(events) >= 50


def test_every_bibkey_is_in_references(root, events):
    bib = root / "references.bib"
    if not bib.is_file():
        pytest.skip("references.bib not written yet")
    keys = set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", bib.read_text(encoding="utf-8")))
    missing = sorted(set(events["bibkey"]) - keys)
    assert not missing, f"bib keys of events not in references.bib: {missing}"


@pytest.mark.parametrize("column, old, new", [
    ("precision", ",day,", ",decade,"),
    ("date", "2015-07-14", "2015-07-32"),
    ("category", ",nuclear,", ",nukes,"),
    ("bibkey", "prawdzik2017nexus", ""),
])
def test_malformed_curated_row_names_file_row_and_column(mod, tmp_path, column, old, new):
    src = mod.EVENTS_BRIEF
    lines = src.read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("jcpoa,"))  # 0 = header
    assert old in lines[row]
    lines[row] = lines[row].replace(old, new, 1)
    bad = tmp_path / "events_brief.csv"
    bad.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ValueError) as exc:
        mod.read_events_brief(bad)
    msg = str(exc.value)
    assert str(bad) in msg and f"row {row}" in msg and repr(column) in msg, msg


def test_duplicate_event_id_is_rejected(mod, tmp_path):
    text = mod.EVENTS_BRIEF.read_text(encoding="utf-8")
    jcpoa = next(line for line in text.split("\n") if line.startswith("jcpoa,"))
    bad = tmp_path / "events_brief.csv"
    bad.write_text(text + jcpoa + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"row \d+ .*column 'event_id'.*repeats"):
        mod.read_events_brief(bad)


def test_malformed_period_is_rejected(mod, tmp_path):
    bad = tmp_path / "periods.csv"
    shutil.copy(mod.PERIODS, bad)
    text = bad.read_text(encoding="utf-8").replace("p06_rouhani,Rouhani: consolidation of the nexus,2013,2017",
                                                   "p06_rouhani,Rouhani: consolidation of the nexus,2013,2011")
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"periods\.csv: row \d+ .*column 'end_year'"):
        mod.read_periods(bad)


def test_periods_are_consistent(periods):
    assert periods["chapter"].is_unique and periods["period_id"].is_unique
    assert (periods["start_year"] <= periods["end_year"]).all()
    chrono = periods[periods["kind"] == "chronological"].sort_values("start_year")
    # consecutive chronological periods meet at one shared boundary year: no gap, no deeper overlap
    assert (chrono["start_year"].iloc[1:].to_numpy() == chrono["end_year"].iloc[:-1].to_numpy()).all()
    assert chrono["start_year"].min() == 800
    # every frame lies within the chronological span
    frames = periods[periods["kind"] == "frame"]
    assert (frames["start_year"] >= chrono["start_year"].min()).all()
    assert (frames["end_year"] <= chrono["end_year"].max()).all()
    expected = {"01_historical_implications", "02_historical_backdrop", "03_pahlavi_to_islamic_republic",
                "04_soviet_collapse", "05_putin_ahmadinejad", "06_rouhani", "07_rationale_constraints",
                "08_outlook_2017", "09_conclusion", "10_after_2017"}
    assert set(periods["chapter"]) == expected


def test_period_bounds_are_dated_events(periods, events):
    """Bounds are years of dated events (brief or datasets) or said to be editorial in `basis`."""
    years = set(events["year"].astype(int))
    for r in periods.itertuples(index=False):
        for y in (r.start_year, r.end_year):
            assert y in years or "editorial" in r.basis or "leaders data" in r.basis, (r.period_id, y)


def test_period_of_picks_the_chronological_period():
    assert timeline.period_of(2014) == "Rouhani: consolidation of the nexus"
    assert timeline.period_of(1850) == "Historical backdrop to 1917"
    assert timeline.events(["jcpoa"])["year"].tolist() == [2015]


def test_categories_come_from_the_schema_enum(events, mod):
    """The timeline orders categories by the events schema's enum (the one list), 'dispute' included."""
    from nexus import interactive
    from nexus.data import resource

    field = next(f for f in resource("events")["schema"]["fields"] if f["name"] == "category")
    assert field["constraints"]["enum"] == list(mod.CATEGORIES)
    present = set(events["category"])
    assert interactive.categories(events) == [c for c in mod.CATEGORIES if c in present]
    assert "dispute" in present
