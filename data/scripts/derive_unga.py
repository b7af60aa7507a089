"""UN General Assembly: yearly voting agreement of Iran, Russia, the US and China, and ideal points.

Agreement (``unga_agreement``, ``unga_agreement_issue``) is computed here from the roll calls of
the ``unvotes`` tables (Voeten et al.); ideal points (``unga_ideal``) are copied from the
Bailey–Strezhnev–Voeten July 2025 file.

Agreement method, for a pair of states (a, b) and a set of roll calls (one calendar year, or one
year and one issue):

* Only roll calls on which BOTH states cast yes, no or abstain count (``n_votes``). The
  ``unvotes`` package dropped absences ("not voting") and non-membership, so the two cannot be
  told apart here: a roll call on which either state was absent or not a member is left out.
* ``share_identical`` = (roll calls with the same position) / ``n_votes``; yes, no and abstain
  are all positions, so abstain–abstain counts as identical and yes–abstain does not.
* ``s_score``: Signorino & Ritter's (1999) S for one dyad on an ordinal vote scale. Votes are
  coded yes = 1, abstain = 2, no = 3; d_i = |a_i - b_i| on roll call i, so d_max = 2 and
  S = 1 - 2 * (sum_i d_i) / (n * d_max) = 1 - mean(d_i). S = 1 when the two always vote alike,
  0 when on average they are one step apart (e.g. always yes vs abstain), -1 when one always
  votes yes and the other no. Unlike the share, S counts yes-vs-abstain as half a disagreement.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from nexus.countries import COUNTRIES, iso3_from_cow, name

SRC_VOTES = "unga-votes-unvotes"
SRC_IDEAL = "unga-ideal-points"

# Country labels of the unvotes file -> ISO3 (code-to-label look-up from PROVENANCE.md: "Russia"
# is COW 365, the USSR seat to 1991 and the Russian Federation after; "China" is the People's
# Republic, in the file from 1971; the earlier China seat, labelled "Taiwan", is NOT used).
UNVOTES_ISO3 = {"Iran": "IRN", "Russia": "RUS", "United States": "USA", "China": "CHN"}
PAIRS = [("IRN", "RUS"), ("IRN", "USA"), ("RUS", "USA"), ("IRN", "CHN"), ("RUS", "CHN")]
FIRST_YEAR, LAST_YEAR = 1946, 2019
# ordinal coding for the S score (yes = 1, abstain = 2, no = 3)
VOTE_SCALE = {"yes": 1, "abstain": 2, "no": 3}
S_DMAX = 2
# states kept in unga_ideal (COW codes): Iran, Russia/USSR, the US, China and the comparators the
# book uses elsewhere (the first block of nexus.countries). 260 (German Federal Republic, to 1989)
# and 255 (Germany, from 1990) both map to DEU; 713 (the pre-1971 China seat) is left out.
IDEAL_STATES = [630, 365, 2, 710, 200, 220, 255, 260, 325, 732, 640, 670, 666, 652, 645, 750, 740,
                696, 373, 701, 705, 704, 651, 816, 615, 700, 770]

COMMON_QUIRKS = [
    "The package dropped absences and non-membership. Only yes/abstain/no votes remain.",
    "`Russia` is COW 365. It is the USSR seat through 1991 and the Russian Federation after.",
    "The China seat before the 1971 change (held by the Republic of China) is labelled `Taiwan` "
    "(COW 713, 1946–1971). `China` (COW 710) appears from 1971. Here China means the People's "
    "Republic only, so pairs with China start in 1971.",
    "Years are calendar years of the vote date, not UNGA sessions; 1964 has no roll calls (the "
    "session held no recorded votes), so it has no row.",
    "The file's last roll call (14 January 2020, session 74) is outside the 1946–2019 range used here.",
]

PAIR_FIELDS = [
    ("pair", "string", "the two states' ISO3 codes joined by a hyphen, e.g. IRN-RUS"),
    ("iso3_a", "string", "ISO3 code of the first state of the pair (RUS includes the USSR)"),
    ("country_a", "string", "name of the first state"),
    ("iso3_b", "string", "ISO3 code of the second state"),
    ("country_b", "string", "name of the second state"),
]
MEASURE_FIELDS = [
    ("n_rollcalls", "integer", "roll calls held in the period (both states present or not)", "roll calls"),
    ("n_votes", "integer", "roll calls on which both states voted yes, no or abstain", "roll calls"),
    ("n_identical", "integer", "roll calls on which both cast the same vote (yes/no/abstain)", "roll calls"),
    ("n_opposite", "integer", "roll calls on which one voted yes and the other no", "roll calls"),
    ("share_identical", "number", "n_identical / n_votes", "share (0–1)"),
    ("s_score", "number", "Signorino–Ritter S: 1 - mean |a - b| with yes=1, abstain=2, no=3 (d_max = 2)",
     "index (-1 to 1)"),
]

AGREEMENT_DESCRIPTION = (
    "Yearly agreement in UN General Assembly roll-call votes for Iran–Russia, Iran–USA, Russia–USA, "
    "Iran–China and Russia–China, computed from the roll calls. n_votes counts roll calls on which both "
    "states voted yes, no or abstain; absences and non-membership were dropped by the source and are "
    "excluded. share_identical = identical votes / n_votes (abstain is a position). s_score is Signorino "
    "& Ritter's S with votes coded yes=1, abstain=2, no=3: S = 1 - 2·Σ|a_i - b_i| / (n·d_max) with "
    "d_max = 2, i.e. 1 - mean |a_i - b_i|, from -1 (always yes vs no) to 1 (always alike). Russia "
    "includes the USSR seat; China is the People's Republic (from 1971)."
)

VOTES_META = dict(
    source=SRC_VOTES,
    raw_files=["un_votes_selected_countries.csv", "un_roll_calls.csv", "un_roll_call_issues.csv"],
    publisher="Erik Voeten et al., United Nations General Assembly Voting Data (Harvard Dataverse), packaged in the R package unvotes",
    version="UNVotes2021 (Dataverse hdl:1902.1/12379, downloaded 21 Feb 2021) via unvotes 0.2.0.9000",
    license="CC0 (data files dedicated to the public domain, per the Dataverse terms cited by the unvotes package); package code MIT",
    bibkey="voeten2009unvotes",
    upstream="dgrtwo/unvotes@7eb7034314ff79c49c9e0785fcd9d216fa04cf14:data/un_votes.rda",
    source_line="UN General Assembly voting data, Voeten et al. (Harvard Dataverse), via the unvotes package; agreement computed by the book",
)

RESOURCES = [
    dict(
        name="unga_agreement",
        title="UN General Assembly voting agreement: Iran, Russia, the US and China, 1946–2019",
        description=AGREEMENT_DESCRIPTION,
        years="1946–2019 (pairs with China from 1971; no roll calls in 1964)",
        quirks=COMMON_QUIRKS,
        primary_key=["pair", "year"],
        fields=PAIR_FIELDS + [("year", "integer", "calendar year of the roll calls")] + MEASURE_FIELDS,
        **VOTES_META,
    ),
    dict(
        name="unga_agreement_issue",
        title="UN General Assembly voting agreement by issue: Iran, Russia, the US and China, 1946–2019",
        description=AGREEMENT_DESCRIPTION.replace("Yearly agreement", "Agreement by year and issue")
        + " Issues are the six unvotes issue codes (me Palestinian conflict, nu nuclear weapons and "
        "nuclear material, di arms control and disarmament, hr human rights, co colonialism, ec economic "
        "development); a roll call with several codes counts under each, one with none is in no issue. "
        "Only pair-year-issue cells with at least one roll call voted on by both are kept.",
        years="1946–2019 (pairs with China from 1971; no roll calls in 1964)",
        quirks=COMMON_QUIRKS + [
            "A roll call may have 0, 1 or several issue tags.",
            "In 2019 the raw issue table tags the same 16 roll calls as co (colonialism), di (arms "
            "control and disarmament) and ec (economic development), so those three issues have "
            "identical values in 2019 for every pair; treat 2019 by issue with caution.",
        ],
        primary_key=["pair", "year", "issue"],
        fields=PAIR_FIELDS + [
            ("year", "integer", "calendar year of the roll calls"),
            ("issue", "string", "unvotes two-letter issue code (me, nu, di, hr, co, ec)"),
            ("issue_name", "string", "issue name as given in the source"),
        ] + MEASURE_FIELDS,
        **VOTES_META,
    ),
    dict(
        name="unga_ideal",
        title="UN General Assembly ideal points (Bailey, Strezhnev & Voeten), 1946–2024",
        description=(
            "Yearly UNGA ideal points of Iran, Russia/USSR, the United States, China and the book's "
            "comparator states (IDEAL_STATES in the script: 26 states in all), with the number of votes used and the "
            "posterior quantiles (0, 5, 10, 50, 90, 95, 100th percentile) of each estimate. Higher values "
            "are closer to the US position. Copied from the July 2025 release; rows with no estimate are dropped."
        ),
        source=SRC_IDEAL,
        raw_files=["IdealpointsJuly2025.csv"],
        publisher="Erik Voeten, United Nations General Assembly Voting Data (Harvard Dataverse): ideal points by Bailey, Strezhnev & Voeten",
        version="IdealpointsJuly2025 (codebook version of 28 July 2025)",
        license="No licence with the carrier repository; the Voeten UN voting Dataverse is public. Cite Bailey, Strezhnev and Voeten (2017) and the Dataverse release",
        bibkey="bailey2017ideal",
        upstream="lucasbuildsapps/Masterthesis@5298218d5b57e5b09223b124b25c03dc37ed646e:IdealpointsJuly2025.dta",
        years="1946–2024 (no 1964; China from 1971; Germany from 1973 as the Federal Republic, 1990 unified)",
        quirks=[
            "`year`: calendar year of the UN votes. This release is year-based, not session-based.",
            "`idealpointfp`: ideal point from final-passage votes on resolutions only; `idealpointall`: "
            "from all votes, including paragraph and amendment votes (correlation .9846).",
            "`idealpointlegacy`: the older session-based estimate (all votes; year = session + 1945).",
            "Quantiles of the MCMC posterior carry the uncertainty; `qofp`/`qoall` are the 0th percentile.",
            "Russia (ccode 365) includes the USSR; Germany is the German Federal Republic (ccode 260) "
            "to 1989 and Germany (255) from 1990; the China seat before 1971 (Taiwan, 713) is not included.",
            "Checked here: the file ends with 17 rows that have only a legacy estimate and no country name or "
            "ISO code (e.g. Israel 1948, Japan 1956, Azerbaijan 1991); they are kept. One of them, the German "
            "Federal Republic (260) in 1990, overlaps unified Germany (255) in 1990 and is dropped.",
        ],
        primary_key=["iso3", "year"],
        fields=[
            ("iso3", "string", "ISO 3166-1 alpha-3 code (RUS includes the USSR)"),
            ("country", "string", "country name"),
            ("ccode", "integer", "COW country code as in the source"),
            ("countryname", "string", "country name as in the source"),
            ("year", "integer", "calendar year of the votes"),
            ("idealpointall", "number", "ideal point from all votes", "ideal-point scale (latent dimension)"),
            ("idealpointfp", "number", "ideal point from final-passage votes only", "ideal-point scale (latent dimension)"),
            ("idealpointlegacy", "number", "older session-based ideal point (all votes)", "ideal-point scale (latent dimension)"),
            ("nvotesall", "integer", "votes used by idealpointall", "votes"),
            ("nvotesfp", "integer", "votes used by idealpointfp", "votes"),
            ("nvotesLegacy", "integer", "votes used by idealpointlegacy", "votes"),
        ] + [
            (f"{q}{est}", "number", f"{label} of the posterior of idealpoint{est}", "ideal-point scale (latent dimension)")
            for est in ("all", "fp")
            for q, label in [("qo", "0th percentile (minimum)"), ("q5", "5th percentile"),
                             ("q10", "10th percentile"), ("q50", "median"), ("q90", "90th percentile"),
                             ("q95", "95th percentile"), ("q100", "100th percentile (maximum)")]
        ],
        source_line="UN General Assembly ideal points, Bailey, Strezhnev & Voeten (July 2025 release)",
    ),
]


def _votes(raw: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    folder = raw / SRC_VOTES
    votes = pd.read_csv(folder / "un_votes_selected_countries.csv")
    calls = pd.read_csv(folder / "un_roll_calls.csv", usecols=["rcid", "date"])
    issues = pd.read_csv(folder / "un_roll_call_issues.csv")
    calls["year"] = pd.to_datetime(calls["date"]).dt.year
    calls = calls[calls["year"].between(FIRST_YEAR, LAST_YEAR)]
    votes = votes[votes["country"].isin(UNVOTES_ISO3)].copy()
    unknown = set(votes["vote"]) - set(VOTE_SCALE)
    if unknown:
        raise ValueError(f"unexpected vote values {unknown}")
    votes["iso3"] = votes["country"].map(UNVOTES_ISO3)
    # one row per roll call, one column per state, ordinal vote (NaN = absent / not a member)
    wide = votes.assign(v=votes["vote"].map(VOTE_SCALE)).pivot(index="rcid", columns="iso3", values="v")
    wide = calls.set_index("rcid")[["year"]].join(wide, how="left")
    return wide, calls, issues


def _measures(a: pd.Series, b: pd.Series) -> dict:
    both = a.notna() & b.notna()
    a, b = a[both], b[both]
    d = (a - b).abs()
    n = int(both.sum())
    return {
        "n_votes": n,
        "n_identical": int((d == 0).sum()),
        "n_opposite": int((d == 2).sum()),  # yes (1) vs no (3)
        "share_identical": (d == 0).sum() / n if n else float("nan"),
        "s_score": 1 - 2 * d.sum() / (n * S_DMAX) if n else float("nan"),
    }


def _pair_cols(a: str, b: str) -> dict:
    return {"pair": f"{a}-{b}", "iso3_a": a, "country_a": name(a), "iso3_b": b, "country_b": name(b)}


def agreement(wide: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for a, b in PAIRS:
        for year, g in wide.groupby("year"):
            m = _measures(g[a], g[b])
            if m["n_votes"] == 0:
                continue  # e.g. China before 1971
            rows.append({**_pair_cols(a, b), "year": year, "n_rollcalls": len(g), **m})
    return pd.DataFrame(rows)


def agreement_by_issue(wide: pd.DataFrame, issues: pd.DataFrame) -> pd.DataFrame:
    tagged = wide.join(issues.set_index("rcid")[["short_name", "issue"]], how="inner")
    rows = []
    for a, b in PAIRS:
        for (year, code, label), g in tagged.groupby(["year", "short_name", "issue"]):
            m = _measures(g[a], g[b])
            if m["n_votes"] == 0:
                continue
            rows.append({**_pair_cols(a, b), "year": year, "issue": code, "issue_name": label,
                         "n_rollcalls": len(g), **m})
    return pd.DataFrame(rows)


def ideal_points(raw: Path) -> pd.DataFrame:
    df = pd.read_csv(raw / SRC_IDEAL / "IdealpointsJuly2025.csv")
    df = df[df["ccode"].isin(IDEAL_STATES)].copy()
    df["iso3"] = df["ccode"].map(iso3_from_cow)
    df["country"] = df["iso3"].map(name)
    est = ["idealpointall", "idealpointfp", "idealpointlegacy"]
    df = df.dropna(subset=est, how="all")
    # Two COW codes can give one iso3-year (DEU 1990: 255 with the new estimates, 260 with a
    # legacy-only row): keep the row of the state's current code (the ccode in nexus.countries).
    df["_current"] = df["ccode"] == df["iso3"].map(lambda c: COUNTRIES[c][1])
    df = df.sort_values(["iso3", "year", "_current"], ascending=[True, True, False])
    df = df.drop_duplicates(["iso3", "year"], keep="first")
    return df[[f[0] for f in RESOURCES[2]["fields"]]]


def derive(raw: Path) -> dict[str, pd.DataFrame]:
    wide, _, issues = _votes(raw)
    return {
        "unga_agreement": agreement(wide),
        "unga_agreement_issue": agreement_by_issue(wide, issues),
        "unga_ideal": ideal_points(raw),
    }
