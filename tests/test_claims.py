"""The claims ledger: its rows, its page, and the chapters' verdicts agree with it."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from nexus import ledger

ROOT = Path(__file__).resolve().parents[1]
BRIEF = ROOT.parent / "shared" / "seed" / "000_cb82637439327e3c.txt"
ROLE = re.compile(r"\{claim\}`([^`]+)`")
# Words that state a verdict; in a paragraph that carries a {claim} role they must be the ledger's.
VERDICT_WORDS = {
    "contradicted": re.compile(r"\b(contradict\w*|refut\w*)", re.I),
    "not testable with these data": re.compile(r"\b(not testable|untestable)", re.I),
    "premise outdated": re.compile(r"\boutdated\b", re.I),
}
BOLD = re.compile(r"\*\*([^*]+)\*\*")


@pytest.fixture(scope="module")
def mod(script):
    return script("derive_claims")


@pytest.fixture(scope="module")
def rows():
    return ledger.claims()


@pytest.fixture(scope="module")
def chapters(root):
    """Each chapter's Markdown paragraphs, by notebook stem."""
    out = {}
    for nb in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        text = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        out[nb.stem] = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return out


def norm(text: str) -> str:
    for a, b in {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
                 "\u2013": "-", "\u2014": "-", "\u00ad": ""}.items():
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


def test_ledger_reads_and_covers_the_brief(mod, rows):
    df = mod.read_claims(mod.CLAIMS)
    assert len(df) == len(rows)
    assert set(df["verdict"]) <= set(ledger.VERDICTS)
    missing = [s for s in ledger.SECTIONS if not any(r["section"] == s for r in rows)]
    assert not missing, f"sections of the brief with no claim in the ledger: {missing}"
    assert 40 <= len(rows) <= 100, f"{len(rows)} claims: the ledger should hold every testable claim"


def test_claims_are_the_brief_words(rows):
    if not BRIEF.is_file():
        pytest.skip("the brief's text is not present (../shared/seed)")
    raw = BRIEF.read_text(encoding="utf-8")
    # the brief's text breaks words across pages ("pre-\n\nsidency"); join them for the search
    brief = norm(re.sub(r"-\n\s*\n", "", raw))
    bad = [r["id"] for r in rows if norm(r["claim"]) not in brief]
    assert not bad, f"claims not found verbatim in the brief: {bad}"


def test_evidence_resolves_to_figures_and_data_files(root, rows, chapters):
    figures = set()
    for nb in (root / "notebooks").glob("[0-9][0-9]_*.ipynb"):
        figures |= set(re.findall(r":name:\s*(fig-[a-z0-9-]+)", nb.read_text(encoding="utf-8")))
    manifest = json.loads((root / "data" / "datapackage.json").read_text(encoding="utf-8"))
    files = {r["name"] for r in manifest["resources"]}
    bad = [(r["id"], e) for r in rows for e in r["evidence"].split(";")
           if not (e in figures if e.startswith("fig-") else e in files)]
    assert not bad, f"evidence that is neither a figure of the book nor a data file: {bad}"


def test_sources_are_in_references(root, rows):
    keys = set(re.findall(r"^@\w+\{([^,]+),", (root / "references.bib").read_text(encoding="utf-8"), re.M))
    bad = [(r["id"], k) for r in rows for k in r["sources"].split(";") if k not in keys]
    assert not bad, f"sources not in references.bib: {bad}"


def test_every_claim_is_tested_in_its_chapter(rows, chapters):
    assert {r["chapter"] for r in rows} <= set(chapters), "a claim names a chapter that does not exist"
    for r in rows:
        cited = {m for p in chapters[r["chapter"]] for m in ROLE.findall(p)}
        assert r["id"] in cited, f"claim {r['id']} is not referenced with {{claim}} in {r['chapter']}"


def test_chapters_give_the_ledger_verdict(rows, chapters):
    verdicts = {r["id"]: r["verdict"] for r in rows}
    problems = []
    for stem, paragraphs in chapters.items():
        for p in paragraphs:
            ids = ROLE.findall(p)
            if not ids:
                continue
            unknown = [i for i in ids if i not in verdicts]
            problems += [f"{stem}: unknown claim {i}" for i in unknown]
            here = {verdicts[i] for i in ids if i in verdicts}
            for word in BOLD.findall(p):
                w = word.strip().rstrip(".:").lower()
                if w in ledger.VERDICTS and w not in here:
                    problems.append(f"{stem}: **{word}** beside {ids} (ledger: {sorted(here)})")
            for verdict, pattern in VERDICT_WORDS.items():
                m = pattern.search(p)
                if m and verdict not in here:
                    problems.append(f"{stem}: {m.group(0)!r} beside {ids} (ledger: {sorted(here)})")
    assert not problems, "chapter prose differs from the ledger:\n" + "\n".join(problems)


def test_each_chapter_links_its_section_of_the_ledger(rows, chapters):
    for stem in sorted({r["chapter"] for r in rows}):
        text = "\n".join(chapters[stem])
        assert re.search(r"<claims-[a-z]+>`", text), f"{stem} does not link to the ledger page"


def test_ledger_page_is_current(root):
    proc = subprocess.run([sys.executable, "-m", "nexus.ledger", "--check"], cwd=root,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


GOOD = {"id": "VI.1", "section": "VI", "claim": "Putin and Rouhani met", "verdict": "supported",
        "evidence": "kremlin_speeches", "sources": "prawdzik2017nexus;kremlin2025speeches",
        "horizon": "2014", "caveats": "speeches only", "chapter": "06_rouhani"}


@pytest.mark.parametrize("column,value", [
    ("verdict", "partly supported"), ("id", "VI-1"), ("id", "V.1"), ("horizon", "2014-2016"),
    ("horizon", "2016–2014"), ("sources", "prawdzik2017nexus; kremlin2025speeches"),
    ("section", "X"), ("chapter", "rouhani"), ("caveats", ""),
])
def test_malformed_claim_names_file_row_and_column(mod, tmp_path, column, value):
    import csv
    import io

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(GOOD), lineterminator="\n")
    w.writeheader()
    w.writerow(GOOD)
    w.writerow({**GOOD, "id": "VI.2", column: value} if column != "id" else {**GOOD, column: value})
    path = tmp_path / "claims.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    with pytest.raises(ValueError, match=rf"claims\.csv: row 2 \(line 3\), column '{column}'"):
        mod.read_claims(path)
    good = tmp_path / "good.csv"
    good.write_text(buf.getvalue().splitlines()[0] + "\n" + buf.getvalue().splitlines()[1] + "\n", encoding="utf-8")
    assert len(mod.read_claims(good)) == 1


def test_findings_box_shows_the_most_decisive_verdicts_first(rows, chapters):
    for chapter in chapters:
        these = [r for r in rows if r["chapter"] == chapter]
        lead = ledger.lead_claims(chapter, rows)
        assert len(lead) == min(ledger.LEAD_COUNT, len(these)), chapter
        assert all(r["chapter"] == chapter for r in lead)
        ranks = [ledger.LEAD_ORDER.index(r["verdict"]) for r in lead]
        assert ranks == sorted(ranks), (chapter, [r["id"] for r in lead])
        left_out = [r for r in these if r not in lead]
        assert all(ledger.LEAD_ORDER.index(r["verdict"]) >= ranks[-1] for r in left_out), chapter
        box = ledger.findings_markdown(chapter)
        for r in lead:
            assert f"{{claim}}`{r['id']}`" in box
    # a contradicted claim always leads its chapter's box
    wrong = next(r for r in rows if r["verdict"] == "contradicted")
    assert ledger.lead_claims(wrong["chapter"], rows)[0]["verdict"] == "contradicted"


def test_root_page_summary_counts_the_ledger(rows):
    text = ledger.summary_markdown()
    assert f"{len(rows)} testable claims" in text
    for v in ledger.VERDICTS:
        assert f"**{v}**: {sum(r['verdict'] == v for r in rows)} " in text
