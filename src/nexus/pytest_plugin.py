"""The book's pytest plugin (loaded by ``-p nexus.pytest_plugin`` in ``pyproject.toml``).

nbval re-executes every chapter and compares each cell's outputs with the committed ones, but by
default it leaves ``image/png`` out of the comparison. The book promises that re-executing a
chapter reproduces its figures byte for byte under the pinned packages (``requirements.lock``;
PNGs are written without a timestamp or software tag, see ``nexus.style``), so PNG outputs are
compared too (``tests/test_determinism.py`` checks that a changed PNG fails). A plugin rather
than a ``conftest.py`` so that it applies however pytest is called (``pytest notebooks/X.ipynb``).
"""
from __future__ import annotations

IMAGES = ("image/png",)


def pytest_collection_modifyitems(items):
    for item in items:
        nbfile = item.parent
        skip = getattr(nbfile, "skip_compare", None)
        if skip is not None and any(k in skip for k in IMAGES):
            nbfile.skip_compare = tuple(k for k in skip if k not in IMAGES)
