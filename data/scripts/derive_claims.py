"""The claims ledger: every testable claim of the brief, the book's verdict on it and the evidence.

``data/curated/claims.csv`` is written by hand, one row per claim, and checked row by row here
(:func:`read_claims`): a bad row raises ``ValueError`` naming the file, the row and the column.
The tests check what needs the rest of the book: that every claim is the brief's words, every
evidence label a figure of the book or a file of the manifest, every source a key of
``references.bib``, and that each chapter's prose gives the ledger's verdict.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

CURATED = Path(__file__).resolve().parent.parent / "curated"
CLAIMS = CURATED / "claims.csv"

VERDICTS = ("supported", "nuanced", "contradicted", "not testable with these data", "premise outdated")
SECTIONS = ("Summary", "Intro", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
COLUMNS = ["id", "section", "claim", "verdict", "evidence", "sources", "horizon", "caveats", "chapter"]
MAX_CLAIM_WORDS = 40
FIELDS = [
    ("id", "string", "claim id: the brief's section and a number, e.g. V.3"),
    ("section", "string", "section of the brief that makes the claim: Summary, Intro (the unnumbered opening) or I–IX", {"enum": list(SECTIONS)}),
    ("claim", "string", f"the brief's own words (a short quotation of at most {MAX_CLAIM_WORDS} words)"),
    ("verdict", "string", "the book's verdict (see the ledger page for what each means)", {"enum": list(VERDICTS)}),
    ("evidence", "string", "semicolon-separated figure labels of the book (fig-…) and/or names of data files in the manifest"),
    ("sources", "string", "semicolon-separated references.bib keys of the works and datasets the verdict rests on"),
    ("horizon", "string", "the years the evidence covers (YYYY or YYYY–YYYY); empty only when the verdict is 'not testable with these data'"),
    ("caveats", "string", "what the evidence cannot see: coverage, coding, embargoes and other confounders"),
    ("chapter", "string", "file stem of the notebook that tests the claim"),
]

RESOURCES = [
    dict(
        name="claims",
        title="The brief, claim by claim: the book's verdicts and their evidence",
        description=(
            "One row per testable claim of the brief (Prawdzik 2017), from its summary and every section: "
            "the brief's words, the book's verdict from a fixed set, the figures and data files that are the "
            "evidence, the works cited, the years the evidence covers, what it cannot see, and the chapter "
            "that tests the claim."
        ),
        source="curated",
        raw_files=["data/curated/claims.csv"],
        publisher="The book's authors",
        version="curated for the edition in _config.yml",
        license="CC BY 4.0 for the table; quotations from the brief remain under its author's copyright",
        bibkey="prawdzik2017nexus",
        upstream="data/curated/claims.csv",
        years="claims of April 2017; evidence as in each row's horizon",
        quirks=[
            "A verdict is the book's judgement, not a measurement: read it with its horizon and caveats.",
            "'nuanced' means the evidence bears part of the claim or bears it only with a qualification the "
            "caveats state; 'premise outdated' means events after the brief removed what the claim assumes.",
        ],
        primary_key=["id"],
        fields=FIELDS,
        source_line="The book's claims ledger, from Prawdzik (2017)",
    )
]


def _fail(path: Path, row: int, column: str, msg: str) -> None:
    raise ValueError(f"{path}: row {row} (line {row + 1}), column {column!r}: {msg}")


def read_claims(path: Path = CLAIMS) -> pd.DataFrame:
    """The curated claims, checked row by row; ValueError names file, row and column."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 ({exc})") from None
    if "\r" in text:
        raise ValueError(f"{path}: carriage return found; the file must have LF line ends")
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header != COLUMNS:
        raise ValueError(f"{path}: header {header} does not match the expected columns {COLUMNS}")
    out, seen = [], {}
    for i, rec in enumerate(reader, start=1):
        if len(rec) != len(COLUMNS):
            raise ValueError(f"{path}: row {i} (line {i + 1}): {len(rec)} fields, expected {len(COLUMNS)}")
        r = dict(zip(COLUMNS, rec, strict=True))
        for col in COLUMNS:
            if r[col] != r[col].strip():
                _fail(path, i, col, "leading or trailing spaces")
            if not r[col] and not (col == "horizon" and r["verdict"] == VERDICTS[3]):
                _fail(path, i, col, "empty")
        if r["section"] not in SECTIONS:
            _fail(path, i, "section", f"{r['section']!r} is not one of {list(SECTIONS)}")
        if not re.fullmatch(re.escape(r["section"]) + r"\.\d+", r["id"]):
            _fail(path, i, "id", f"{r['id']!r} is not '<section>.<number>' for section {r['section']!r}")
        if r["id"] in seen:
            _fail(path, i, "id", f"{r['id']!r} repeats row {seen[r['id']]}")
        seen[r["id"]] = i
        if r["verdict"] not in VERDICTS:
            _fail(path, i, "verdict", f"{r['verdict']!r} is not one of {list(VERDICTS)}")
        if len(r["claim"].split()) > MAX_CLAIM_WORDS:
            _fail(path, i, "claim", f"{len(r['claim'].split())} words, at most {MAX_CLAIM_WORDS}")
        for col in ("evidence", "sources"):
            parts = r[col].split(";")
            if any(not p or p != p.strip() for p in parts):
                _fail(path, i, col, f"{r[col]!r}: expected items separated by ';' without spaces")
        for key in r["sources"].split(";"):
            if not re.fullmatch(r"[a-z][a-z0-9]*\d{4}[a-z0-9]*", key):
                _fail(path, i, "sources", f"{key!r} is not a bib key like prawdzik2017nexus")
        if r["horizon"] and not re.fullmatch(r"\d{4}(–\d{4})?", r["horizon"]):
            _fail(path, i, "horizon", f"{r['horizon']!r} is not YYYY or YYYY–YYYY (en dash)")
        if r["horizon"] and "–" in r["horizon"]:
            a, b = (int(x) for x in r["horizon"].split("–"))
            if a >= b:
                _fail(path, i, "horizon", f"{r['horizon']!r}: the first year must come before the last")
        if not re.fullmatch(r"\d{2}_[a-z0-9_]+", r["chapter"]):
            _fail(path, i, "chapter", f"{r['chapter']!r} is not a notebook stem like 05_putin_ahmadinejad")
        out.append(r)
    if not out:
        raise ValueError(f"{path}: no rows")
    return pd.DataFrame(out, columns=COLUMNS)


def derive(raw: Path) -> dict[str, pd.DataFrame]:
    return {"claims": read_claims(CLAIMS)}
