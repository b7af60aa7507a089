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


# --- the fast tier: `make check` runs `pytest tests -m "not slow"` -----------------------------
# Slow: anything that builds the whole book (the `html` fixture), executes chapters (nbval, the
# papermill and rerun tests) or drives a browser or TeX. Everything else is the fast tier.
SLOW_MODULES = {"test_build", "test_browser", "test_determinism", "test_pdf", "test_reader_features",
                "test_timeline_page", "test_rerun", "test_validators", "test_lighthouse"}


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds the book, executes chapters or drives a browser "
                            "(left out of `make check`)")


def _is_slow(item) -> bool:
    module = getattr(item, "module", None)
    name = module.__name__.rsplit(".", 1)[-1] if module is not None else ""
    return (name in SLOW_MODULES or "html" in getattr(item, "fixturenames", ())
            or str(getattr(item, "fspath", "")).endswith(".ipynb"))


def pytest_itemcollected(item):
    if _is_slow(item):
        item.add_marker("slow")
