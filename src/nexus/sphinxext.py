"""The book's Sphinx extension: build speed, and the edition for the HTML and the PDF.

Parts 1 and 2 are for speed only and change no output; part 3 feeds the footer.

1. It remembers plugin lookups of pybtex and sphinxcontrib-bibtex.

Both libraries find their plugins (styles, backends) through ``importlib.metadata.entry_points``
every time they format a citation, and each lookup scans the metadata of every installed
distribution (about 7 ms here, 140 distributions). With some 570 citations that came to about
4 s of a cold build and 0.6 s of every rebuild (``benchmarks/README.md``). Entry points do not
change while Sphinx runs, so this extension gives both modules a memoised ``entry_points``; the
answers are the same objects the libraries would have found.

2. It lets cross-references to numbered figures share one parsed copy of each target page.
Sphinx resolves every ``{numref}`` by unpickling the whole doctree of the page that holds the
figure, only to look up one node by its id; the book's 180-odd numrefs meant 180-odd unpickled
chapters (about 3 s of a cold build). The resolver only reads that tree, so while it runs,
``env.get_doctree`` answers from a cache that lives for one write phase.

3. It sets Sphinx's ``version`` and ``release`` to the edition from ``_config.yml``'s
``myst_substitutions`` (the one place it is written), for the footer template
``_templates/extra-footer.html`` and the PDF's title page.

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


_NUMREF_DOCTREES: dict[str, object] = {}


def _clear(*_args) -> None:
    _NUMREF_DOCTREES.clear()


def share_numref_doctrees() -> None:
    """Wrap ``StandardDomain._resolve_numref_xref`` so that the doctrees it reads are cached."""
    from sphinx.domains.std import StandardDomain

    original = StandardDomain._resolve_numref_xref
    if getattr(original, "nexus_shared", False):
        return

    @functools.wraps(original)
    def resolve(self, env, *args, **kwargs):
        real = env.get_doctree

        def cached(docname: str):
            if docname not in _NUMREF_DOCTREES:
                _NUMREF_DOCTREES[docname] = real(docname)
            return _NUMREF_DOCTREES[docname]

        env.get_doctree = cached  # an instance attribute, for this call only
        try:
            return original(self, env, *args, **kwargs)
        finally:
            del env.get_doctree

    resolve.nexus_shared = True
    StandardDomain._resolve_numref_xref = resolve


def edition(app, config) -> None:
    """Sphinx's ``version`` and ``release`` are the book's edition, read from the one place it is
    written, ``_config.yml``'s ``parse.myst_substitutions.edition``: the HTML footer
    (``_templates/extra-footer.html``) and the PDF's title page (``nexus.latex``) use them."""
    config.version = config.release = str(config.myst_substitutions["edition"])


def setup(app):
    app.connect("config-inited", edition)
    install()
    share_numref_doctrees()
    # the cache must not outlive the doctrees it copies: emptied when reading ends and at the end
    app.connect("env-updated", _clear)
    app.connect("build-finished", _clear)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
