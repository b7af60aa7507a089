"""Shared package of *The Iran–Russia Nexus*.

* :mod:`nexus.paths`: where things are (resolved from the repository root)
* :mod:`nexus.data`: ``load(name)``, the validated loader of every data file
* :mod:`nexus.timeline`: the book's periods and events
* :mod:`nexus.style`: the one chart style and the fixed colours of states
* :mod:`nexus.charts`: chart builders (source line, data download, glue)
* :mod:`nexus.countries`: country codes and names
"""
from . import charts, countries, paths, style, text, timeline
from .data import DataError, check_stamp, load

__all__ = ["DataError", "charts", "check_stamp", "countries", "load", "paths", "style", "text", "timeline", "setup"]


def setup(stamp: dict[str, str]) -> None:
    """The one call at the top of every chapter: apply the style, check the data stamp."""
    style.apply()
    check_stamp(stamp)
