"""Fixture books under tests/books/, built in a temporary folder (the fast tier's build test).

Like jupyter-book's own tests/books: a book of two pages that uses the book's Sphinx extensions,
built with the book's flags (-W -n --keep-going) and read back with BeautifulSoup. The full book
is built by the slow tier (tests/test_build.py).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nexus import ledger

BOOKS = Path(__file__).resolve().parent / "books"


def build(name: str, tmp_path: Path, replace: dict[str, str]) -> tuple[subprocess.CompletedProcess, Path]:
    book = tmp_path / name
    shutil.copytree(BOOKS / name, book)
    for path in book.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        for a, b in replace.items():
            text = text.replace(a, b)
        path.write_text(text, encoding="utf-8")
    exe = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run([str(exe), "build", str(book), "-W", "-n", "--keep-going"],
                          capture_output=True, text=True)
    return proc, book / "_build" / "html"


def test_claim_role_renders_the_ledger_verdict_and_links_its_section(tmp_path):
    from bs4 import BeautifulSoup

    row = ledger.claims()[0]
    proc, html = build("ledger", tmp_path, {"CLAIM_ID": row["id"], "SECTION": row["section"].lower()})
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    page = BeautifulSoup((html / "chapter.html").read_text(encoding="utf-8"), "html.parser")
    link = next(a for a in page.find_all("a") if a.get_text() == f"claim {row['id']}: {row['verdict']}")
    assert link["href"] == f"claims.html#{ledger.label(row['section'])}"


def test_unknown_claim_fails_the_build(tmp_path):
    proc, _ = build("ledger", tmp_path, {"CLAIM_ID": "IX.999", "SECTION": "ix"})
    assert proc.returncode != 0
    assert "no claim 'IX.999' in data/claims.csv" in proc.stdout + proc.stderr


@pytest.mark.parametrize("verdict", ledger.VERDICTS)
def test_every_verdict_has_a_reading_guide(verdict):
    assert ledger.GUIDE[verdict]
