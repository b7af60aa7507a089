"""A Sphinx extension of the book's: remembers plugin lookups of pybtex and sphinxcontrib-bibtex.

Both libraries find their plugins (styles, backends) through ``importlib.metadata.entry_points``
every time they format a citation, and each lookup scans the metadata of every installed
distribution (about 7 ms here, 140 distributions). With some 570 citations that came to about
4 s of a cold build and 0.6 s of every rebuild (``benchmarks/README.md``). Entry points do not
change while Sphinx runs, so this extension gives both modules a memoised ``entry_points``; the
answers are the same objects the libraries would have found.

Enabled in ``_config.yml`` (``sphinx.extra_extensions``).
"""
from __future__ import annotations

import functools
import importlib.metadata

_MODULES = ("pybtex.plugin", "sphinxcontrib.bibtex.plugin")


@functools.cache
def _lookup(group: str | None, name: str | None) -> tuple:
    selected = {k: v for k, v in (("group", group), ("name", name)) if v is not None}
    return tuple(importlib.metadata.entry_points(**selected))


def entry_points(*, group: str | None = None, name: str | None = None, **other):
    """``importlib.metadata.entry_points`` for lookups by group and name, remembered."""
    if other:  # any other selection: ask importlib directly
        return importlib.metadata.entry_points(group=group, name=name, **other)
    return _lookup(group, name)


def install() -> list[str]:
    """Give the plugin modules the memoised lookup; return the modules patched."""
    import importlib

    patched = []
    for modname in _MODULES:
        mod = importlib.import_module(modname)
        if getattr(mod, "entry_points", None) is not entry_points:
            mod.entry_points = entry_points
        patched.append(modname)
    return patched


def setup(app):
    install()
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
