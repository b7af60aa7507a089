"""Shared fixtures: the repository root, the raw data folder, the derive scripts."""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "data" / "scripts"
RAW = Path(os.environ.get("NEXUS_RAW_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def raw() -> Path:
    """The raw public datasets; tests that need them are skipped where they are absent."""
    if not RAW.is_dir():
        pytest.skip(f"raw datasets not present at {RAW.name}")
    return RAW


def load_script(stem: str):
    """Import data/scripts/<stem>.py as a module."""
    path = SCRIPTS / f"{stem}.py"
    spec = importlib.util.spec_from_file_location(stem, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[stem] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def script():
    return load_script
