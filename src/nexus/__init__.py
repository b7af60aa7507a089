"""Shared package of *The Iran–Russia Nexus*.

* :mod:`nexus.paths`: where things are (resolved from the repository root)
* :mod:`nexus.data`: ``load(name)``, the validated loader of every data file
* :mod:`nexus.timeline`: the book's periods and events
* :mod:`nexus.style`: the one chart style and the fixed colours of states
* :mod:`nexus.charts`: chart builders (source line, data download, glue)
* :mod:`nexus.countries`: country codes and names
* :mod:`nexus.text`, :mod:`nexus.nbtools`, :mod:`nexus.appendix`, :mod:`nexus.interactive`: words
  for numbers, notebook stamps and execution, the generated pages
* :mod:`nexus.sphinxext` (HTML: build speed, the footer's edition) and :mod:`nexus.latex` (the PDF
  edition): the book's Sphinx extensions; :mod:`nexus.pytest_plugin`: nbval compares PNG bytes

Submodules are imported when first used (``nexus.charts``, ``from nexus import load``), so that
``import nexus.sphinxext`` in every Sphinx build does not pay for pandas and matplotlib.
"""
from __future__ import annotations

import importlib

__all__ = ["DataError", "charts", "check_stamp", "countries", "load", "paths", "style", "text", "timeline", "setup"]

_SUBMODULES = {"charts", "countries", "data", "paths", "style", "text", "timeline"}
_FROM_DATA = {"DataError", "check_stamp", "load"}


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _FROM_DATA:
        return getattr(importlib.import_module(".data", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def setup(stamp: dict[str, str]) -> None:
    """The one call at the top of every chapter: apply the style, check the data stamp."""
    from . import data, style

    style.apply()
    data.check_stamp(stamp)
