"""UN Security Council: member votes on the Iran nuclear resolutions (1696–2231) and vetoes 1946–2022.

Votes come from ``iran_nonproliferation_resolutions_member_votes.csv``, which the raw folder's
``build_derived.py`` cut from ``raw/sc_voting_1994_2025.xlsx`` (agenda item exactly
"Non-proliferation", dates with the day/month swap repaired). Read here from that CSV so the
build needs no Excel reader; only rows with a resolution number (adopted resolutions) are kept.
Vetoes come from ``raw/unsc_vetoes_1946_sept2022.csv``; the vetoing members are taken from the
``member_veto1..3`` name columns, not from the 0/1 member dummies (see QUIRKS_VETO).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from nexus.countries import COUNTRIES, name

SRC = "un-security-council-votes"
P5 = ["CHN", "FRA", "GBR", "RUS", "USA"]  # permanent members
# Member-state labels of the UNSC file that differ from nexus.countries names (label -> ISO3);
# labels equal to a nexus.countries name are matched automatically.
UNSC_ALIASES = {"Russian Federation": "RUS", "Republic of Korea": "KOR", "Viet Nam": "VNM"}
# Veto-list member labels -> ISO3 (USSR and Russia are one COW state, RUS)
VETO_MEMBERS = {"USSR": "RUS", "Russia": "RUS", "USA": "USA", "UK": "GBR", "France": "FRA", "China": "CHN"}

VOTES_META = dict(
    source=SRC,
    raw_files=["iran_nonproliferation_resolutions_member_votes.csv"],
    publisher="United Nations Dag Hammarskjöld Library, Security Council voting data (third-party compilation in oliverunv/Voting-Agent)",
    version="Voting-Agent data/sc_voting.xlsx (adopted resolutions 893 (1994) into 2025), commit 50cbeca; cut by build_derived.py",
    license="No licence in the source repository; the official UN Digital Library dataset is 'Copyright, United Nations; non-commercial use with attribution'",
    bibkey="unsc2025voting",
    upstream="oliverunv/Voting-Agent@50cbeca7b7063234e4aa0987016a7e9be560ea93:data/sc_voting.xlsx",
    years="2006–2015",
    source_line="UN Security Council voting records (UN Dag Hammarskjöld Library data, via the Voting-Agent compilation)",
)
QUIRKS_VOTES = [
    "Known defect: for every date whose stored day is ≤ 12, the day and month are swapped in the "
    "upstream xlsx (e.g. 1929 is stored as 2010-09-06 but was adopted on 9 June 2010); the dates here "
    "are the repaired ones (`date` of build_derived.py).",
    "Selection: the 12 resolutions adopted under the agenda item \"Non-proliferation\": 1696, 1737, "
    "1747, 1803, 1835, 1929, 1984, 2049, 2105, 2159, 2224, 2231. The DPRK and 1540 items use other agenda titles.",
    "The source does not say where its data came from and has no licence; the official dataset is the "
    "UN Digital Library's Security Council Voting Data (record 4055387). Cross-check key numbers before publishing.",
    "Checked here: the same agenda item also holds four drafts that were not adopted (S/2020/797 of "
    "14 Aug 2020 on extending the Iran arms embargo, and three 2024 drafts on outer space); they have "
    "no resolution number and are left out. In S/2020/797 the Russian Federation appears twice (No and Abstain).",
]

VETO_QUIRKS = [
    "Scraped by Carlos L. Yordan (World Politics Data Lab) from the UN DHL veto list; 214 vetoed drafts, "
    "1946 to 15 Sept 2022.",
    "`member_veto1..3` hold the names of the vetoing members (e.g. `USSR`), not 0/1 as the upstream README says.",
    "Checked here: the 0/1 member dummies miss some vetoes that the name columns record (France 16 by name "
    "vs 7 by dummy, USSR 90 vs 84, USA 82 vs 71); the members here come from the name columns.",
    "Checked here: `single_veto`/`multiple_vetoes` are wrong or empty for two drafts (S/2012/538, a "
    "China–Russia double veto coded single; S/2016/846 empty); n_vetoing_members is counted from the names.",
    "For early vetoes the `draft` column holds the meeting record (e.g. S/PV.23); several drafts can "
    "share one meeting record, and two rows of 26 June 1946 are identical, so rows are keyed by veto_id.",
    "The Soviet Union (to 1991) and Russia are one state here (RUS); member_as_listed keeps the label.",
]

RESOURCES = [
    dict(
        name="unsc_iran_votes",
        title="UN Security Council votes on the Iran nuclear resolutions, 2006–2015",
        description=(
            "How each of the 15 Council members voted on each of the 12 resolutions on Iran's nuclear "
            "programme (1696 of 2006 to 2231 of 2015, which endorsed the JCPOA): one row per resolution "
            "and member. iso3 is given for members listed in nexus.countries (all five permanent members); "
            "country is the nexus.countries name, else the member's name as in the source."
        ),
        quirks=QUIRKS_VOTES,
        primary_key=["resolution", "member"],
        fields=[
            ("resolution", "integer", "resolution number (e.g. 1929)"),
            ("date", "date", "adoption date (ISO 8601, day/month swap of the source repaired)"),
            ("year", "integer", "year of adoption"),
            ("member", "string", "member state as named in the source"),
            ("iso3", "string", "ISO3 code where the member is in nexus.countries (always for the P5)"),
            ("country", "string", "country name (nexus.countries name, else the source's name)"),
            ("p5", "boolean", "permanent member of the Council"),
            ("vote", "string", "the member's vote: yes, no or abstain"),
            ("draft", "string", "draft resolution symbol"),
            ("meeting", "string", "Council meeting number"),
        ],
        **VOTES_META,
    ),
    dict(
        name="unsc_iran_resolutions",
        title="UN Security Council resolutions on Iran's nuclear programme, 2006–2015: vote counts",
        description=(
            "One row per resolution on Iran's nuclear programme (1696 … 2231) with the date, the counts of "
            "yes, no and abstain votes computed from the member votes, the outcome as recorded, how Russia, "
            "China and the United States voted, and who voted no or abstained. The source has no subject "
            "finer than the agenda item (\"Non-proliferation\"), kept as agenda_item."
        ),
        quirks=QUIRKS_VOTES,
        primary_key=["resolution"],
        fields=[
            ("resolution", "integer", "resolution number"),
            ("date", "date", "adoption date (ISO 8601)"),
            ("year", "integer", "year of adoption"),
            ("draft", "string", "draft resolution symbol"),
            ("meeting", "string", "Council meeting number"),
            ("agenda_item", "string", "agenda item as in the source (the only subject the source gives)"),
            ("submitted_by", "string", "sponsors as in the source (empty where the source has none)"),
            ("outcome", "string", "outcome as recorded in the source"),
            ("n_members", "integer", "members voting", "states"),
            ("n_yes", "integer", "votes in favour", "states"),
            ("n_no", "integer", "votes against", "states"),
            ("n_abstain", "integer", "abstentions", "states"),
            ("unanimous", "boolean", "all members voted yes"),
            ("russia_vote", "string", "Russia's vote (yes/no/abstain)"),
            ("china_vote", "string", "China's vote"),
            ("usa_vote", "string", "the United States' vote"),
            ("voted_no", "string", "members that voted no, '; '-separated"),
            ("abstained", "string", "members that abstained, '; '-separated"),
        ],
        **VOTES_META,
    ),
    dict(
        name="unsc_vetoes",
        title="Vetoes in the UN Security Council, 1946–2022",
        description=(
            "Every vetoed draft resolution from 1946 to 15 September 2022, one row per draft and vetoing "
            "permanent member: date, draft symbol, meeting record, agenda item, the compiler's crisis topic "
            "and region, and whether the draft concerns Syria (crisis topic \"Syria\", i.e. the Syrian war "
            "since 2011; three earlier drafts whose agenda titles mention Syria are coded to other crises "
            "and not flagged). veto_id numbers the drafts in the source's (chronological) order."
        ),
        source=SRC,
        raw_files=["raw/unsc_vetoes_1946_sept2022.csv"],
        publisher="Carlos L. Yordan, World Politics Data Lab, from the UN Dag Hammarskjöld Library veto list",
        version="vetoes-un-security-council, unsc_vetoes_1946_sept2022.csv (to 15 Sept 2022), commit 661c524",
        license="MIT (the compiling repository); the underlying list is the UN Dag Hammarskjöld Library's",
        bibkey="unsc2022vetoes",
        upstream="world-politics-datalab/vetoes-un-security-council@661c5246872143cf16e500e4e7f2f70a45df5ac8:unsc_vetoes_1946_sept2022.csv",
        years="1946–2022 (to 15 September 2022)",
        quirks=VETO_QUIRKS,
        primary_key=["veto_id", "iso3"],
        fields=[
            ("veto_id", "integer", "the vetoed draft's position in the source file (1 = first, chronological)"),
            ("date", "date", "date of the vote (ISO 8601)"),
            ("year", "integer", "year of the vote"),
            ("draft", "string", "draft resolution symbol (meeting record for early vetoes)"),
            ("meeting_record", "string", "meeting record symbol"),
            ("agenda_item", "string", "agenda item as in the source"),
            ("crisis_topic", "string", "the compiler's crisis topic"),
            ("region", "string", "the compiler's region"),
            ("member_as_listed", "string", "vetoing member as named in the source (USSR, Russia, USA, UK, France, China)"),
            ("iso3", "string", "ISO3 code of the vetoing member (RUS for the USSR and Russia)"),
            ("country", "string", "name of the vetoing member"),
            ("n_vetoing_members", "integer", "permanent members that vetoed this draft", "states"),
            ("syria", "boolean", "draft concerns Syria (crisis topic Syria)"),
        ],
        source_line="UN Dag Hammarskjöld Library veto list, compiled by C. L. Yordan (World Politics Data Lab)",
    ),
]


def _iso3_of_member(label: str) -> str | None:
    if label in UNSC_ALIASES:
        return UNSC_ALIASES[label]
    by_name = {n: iso for iso, (n, _) in COUNTRIES.items()}
    return by_name.get(label)


def iran_votes(raw: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    df = pd.read_csv(raw / SRC / "iran_nonproliferation_resolutions_member_votes.csv", dtype=str)
    df = df[df["Resolution"].notna()].copy()  # adopted resolutions only (drafts have no number)
    parts = df["Resolution"].str.extract(r"^(\d+) \((\d{4})\)$")
    if parts.isna().any().any():
        raise ValueError(f"unexpected resolution labels: {df.loc[parts[0].isna(), 'Resolution'].unique()}")
    df["resolution"] = parts[0].astype(int)
    df["year"] = pd.to_datetime(df["date"]).dt.year
    if (df["year"] != parts[1].astype(int)).any():
        raise ValueError("resolution year and repaired date disagree")
    df["member"] = df["Member State"]
    df["iso3"] = df["member"].map(_iso3_of_member)
    df["country"] = df["iso3"].map(lambda c: name(c) if isinstance(c, str) else None).fillna(df["member"])
    df["p5"] = df["iso3"].isin(P5)
    df["vote"] = df["Vote"].str.lower()
    if not set(df["vote"]) <= {"yes", "no", "abstain"}:
        raise ValueError(f"unexpected votes {set(df['vote'])}")
    df["draft"] = df["Draft"].str.strip()
    df["meeting"] = df["Meeting"]
    votes = df[["resolution", "date", "year", "member", "iso3", "country", "p5", "vote", "draft", "meeting"]]

    rows = []
    for res, g in votes.groupby("resolution"):
        first = df[df["resolution"] == res].iloc[0]
        v = g.set_index("iso3")["vote"]
        n_yes, n_no, n_ab = ((g["vote"] == x).sum() for x in ("yes", "no", "abstain"))
        rows.append({
            "resolution": res, "date": first["date"], "year": first["year"], "draft": first["draft"],
            "meeting": first["meeting"], "agenda_item": first["Agenda item"],
            "submitted_by": first["Submitted by"], "outcome": first["Outcome results"],
            "n_members": len(g), "n_yes": n_yes, "n_no": n_no, "n_abstain": n_ab,
            "unanimous": n_yes == len(g),
            "russia_vote": v.get("RUS"), "china_vote": v.get("CHN"), "usa_vote": v.get("USA"),
            "voted_no": "; ".join(sorted(g.loc[g["vote"] == "no", "country"])),
            "abstained": "; ".join(sorted(g.loc[g["vote"] == "abstain", "country"])),
        })
    return votes, pd.DataFrame(rows)


def vetoes(raw: Path) -> pd.DataFrame:
    df = pd.read_csv(raw / SRC / "raw" / "unsc_vetoes_1946_sept2022.csv", dtype=str)
    df["veto_id"] = range(1, len(df) + 1)
    dates = pd.to_datetime(df["date"], format="%m/%d/%Y")
    if (dates.dt.year != df["year"].astype(int)).any():
        raise ValueError("year column disagrees with date")
    df["date"] = dates.dt.strftime("%Y-%m-%d")
    df["year"] = dates.dt.year
    members = (df.melt(id_vars=["veto_id"], value_vars=["member_veto1", "member_veto2", "member_veto3"],
                       value_name="member_as_listed")
                 .dropna(subset=["member_as_listed"]))
    members["member_as_listed"] = members["member_as_listed"].str.strip()
    unknown = set(members["member_as_listed"]) - set(VETO_MEMBERS)
    if unknown:
        raise ValueError(f"unknown vetoing members {unknown}")
    members["iso3"] = members["member_as_listed"].map(VETO_MEMBERS)
    members["country"] = members["iso3"].map(name)
    n = members.groupby("veto_id").size().rename("n_vetoing_members")
    out = df.drop(columns=["member_veto1", "member_veto2", "member_veto3"]).merge(members[["veto_id", "member_as_listed", "iso3", "country"]], on="veto_id")
    out = out.join(n, on="veto_id")
    out["syria"] = out["crisis_topic"].str.strip() == "Syria"
    return out[[f[0] for f in RESOURCES[2]["fields"]]]


def derive(raw: Path) -> dict[str, pd.DataFrame]:
    votes, summary = iran_votes(raw)
    return {"unsc_iran_votes": votes, "unsc_iran_resolutions": summary, "unsc_vetoes": vetoes(raw)}
