"""Lint: ruff on the package, the derivation scripts and the tests, and through nbQA on the notebooks."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def test_ruff_on_code(root):
    paths = [p for p in ("src", "data/scripts", "tests", "benchmarks") if (root / p).exists()]
    proc = subprocess.run([str(BIN / "ruff"), "check", *paths],
                          cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_on_notebooks(root):
    # In notebooks imports follow the hidden setup cell (E402) and a bare last expression is
    # how a cell shows a table (B018); everything else is checked as in the package.
    proc = subprocess.run([str(BIN / "nbqa"), "ruff", "notebooks", "--extend-ignore", "E402,B018"],
                          cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
