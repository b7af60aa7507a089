"""References: every cited key exists, no duplicates, the brief's works are all there, CITATION.cff is valid."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pybtex.database
import pybtex.errors
import pytest
import yaml

CITE = re.compile(r"\{(?:cite|footcite)(?::\w+)?\}`([^`]+)`")

# the brief's bibliography ("Literaturangaben") and footnotes, by key
BRIEF_WORKS = [
    "prawdzik2017nexus", "andreeva2007russia", "belopolsky2009russia", "borshchevskaya2015russia",
    "ehteshami2000eurasia", "ehteshami1997syria", "ehteshami2002foreign", "ehteshami1991iran",
    "ehteshami2013middle", "farhi2013rohani", "hunter2010iran", "khajehpour2015iran",
    "kozhanov2015understanding", "kozhanov2015limits", "kozhanov2013domestic", "kozhanov2015chaos",
    "kozhanov2016saudi", "mamedova2009russia", "peimani1998regional", "samofalova2015snyatie",
    "sanaie2007problems", "sharafedin2017iran", "tabaar2015iran", "tazmini2013khatami",
    "therme2012relations", "therme2014russia", "warnaar2013iranian", "zarif2015what",
]


@pytest.fixture(scope="module")
def bib(root):
    # strict mode: a duplicate key raises
    pybtex.errors.set_strict_mode(True)
    return pybtex.database.parse_file(str(root / "references.bib"))


def cited_keys(root: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    files = [root / "index.md", *root.glob("pages/*.md"), *root.glob("notebooks/*.ipynb")]
    for f in files:
        for group in CITE.findall(f.read_text(encoding="utf-8")):
            for key in group.split(","):
                out.setdefault(key.strip(), set()).add(f.name)
    return out


def test_no_duplicate_keys(root):
    text = (root / "references.bib").read_text(encoding="utf-8")
    keys = re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", text)
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes, f"duplicate keys: {sorted(dupes)}"


def test_every_cited_key_exists(root, bib):
    cited = cited_keys(root)
    assert cited, "nothing is cited anywhere"
    missing = {k: sorted(v) for k, v in cited.items() if k not in bib.entries}
    assert not missing, f"cited but not in references.bib: {missing}"


def test_brief_bibliography_complete(bib):
    missing = [k for k in BRIEF_WORKS if k not in bib.entries]
    assert not missing, missing
    for key in BRIEF_WORKS:
        entry = bib.entries[key]
        assert entry.persons.get("author") or entry.fields.get("author") or entry.fields.get("organization"), key
        assert entry.fields.get("title") and entry.fields.get("year"), key


def test_brief_entry_matches_the_brief(bib, root):
    e = bib.entries["prawdzik2017nexus"]
    assert str(e.persons["author"][0]) .startswith("Prawdzik")
    assert e.fields["year"] == "2017"
    assert "Orient-Institut" in (e.fields.get("institution", "") + e.fields.get("publisher", ""))


def test_citation_cff_is_valid(root):
    cff = root / ".venv" / "cff" / "bin" / "cffconvert"
    if not cff.exists():
        pytest.skip("cffconvert environment not set up (make setup creates it)")
    proc = subprocess.run([str(cff), "--validate", "-i", str(root / "CITATION.cff")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_how_to_cite_agrees_with_citation_cff(root):
    meta = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    page = (root / "pages" / "how_to_cite.md").read_text(encoding="utf-8")
    block = re.search(r"```bibtex\n(.*?)```", page, re.S).group(1)
    entry = pybtex.database.parse_string(block, "bibtex").entries.values().__iter__().__next__()
    assert entry.fields["title"] == meta["title"]
    assert entry.fields["edition"] == meta["version"]
    assert entry.fields["year"] == meta["date-released"][:4]
    assert meta["authors"][0]["name"] in block
    config = (root / "_config.yml").read_text(encoding="utf-8")
    assert f'edition: "{meta["version"]}"' in config
