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

4. After the HTML build it tidies what other packages write (:func:`tidy_page`, an
``build-finished`` handler), so that every page passes the Nu Html Checker and pa11y (WCAG 2 AA,
``tests/test_validators.py``): myst-nb's hidden-code toggles hold ``<span>``, not ``<p>``, in
their ``<summary>``; sphinx-exercise's ``exercise-content``/``solution-content`` ids become unique;
pandas tables lose their ``<style scoped>`` block (the same rules are in ``theme/book.css``) and
their second header row (the index name moves into the first), and their header cells get
``scope``; the theme's search forms get a submit button; the page's dozen stylesheets become one bundle
(fewer render-blocking requests on a phone). The rewrite is deterministic (same input,
same bytes), and it never touches the notebooks or their outputs.

5. Each page's footer says when its source file last changed, from git (:func:`last_changed`).

Enabled in ``_config.yml`` (``sphinx.extra_extensions``).
"""
from __future__ import annotations

import functools
import importlib.metadata
import os
import re
import subprocess
from pathlib import Path

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


# --------------------------------------------------------------------------- 4. tidy the HTML

def _remove(tag) -> None:
    """Remove ``tag`` and the whitespace that follows it (so a second pass finds nothing to do)."""
    after = tag.next_sibling
    if after is not None and isinstance(after, str) and not after.strip():
        after.extract()
    tag.decompose()


def _dataframe(table) -> None:
    """One header row instead of pandas' two (column labels, then the index name), ``scope`` on
    every header cell, no presentational attributes (``theme/book.css`` styles ``.dataframe``)."""
    table.attrs.pop("border", None)
    thead = table.find("thead")
    rows = thead.find_all("tr", recursive=False) if thead else []
    for row in rows:
        row.attrs.pop("style", None)
    if len(rows) == 2:
        labels, names = (r.find_all(["th", "td"], recursive=False) for r in rows)
        n_index = len(names) - sum(1 for c in reversed(names) if not c.get_text(strip=True))
        if (len(labels) == len(names) and n_index
                and all(not c.get_text(strip=True) for c in labels[:n_index])):
            for label, name in zip(labels[:n_index], names[:n_index], strict=True):
                label.clear()
                for child in list(name.children):
                    label.append(child.extract())
            _remove(rows[1])
    for th in table.select("thead th"):
        th["scope"] = "col"
    for th in table.select("tbody th"):
        th["scope"] = "row"


def _image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in pixels of a PNG, read from its header; None for anything else."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(24)
    except OSError:
        return None
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def _defer_scripts(soup) -> bool:
    """Every classic script in <head> is deferred, in the same order: external ones get ``defer``,
    inline ones that use them (``DOCUMENTATION_OPTIONS.pagename = …``) become deferred ``data:``
    scripts, so they still run between the files they sit between; inline declarations of settings
    stay as they are and so run before all of them. None blocks the first paint any more. The theme's
    first inline script (``data-cfasync``, the colour mode before the page is drawn) stays."""
    import base64

    head = soup.find("head")
    changed = False
    # Font Awesome's script (1.5 MB of JavaScript: every icon of the set as SVG) is not needed: the
    # theme's stylesheet already carries Font Awesome's web-font rules, which draw the theme's
    # dozen icons (<i class="fa-solid fa-bars"> and the like) with the font file alone. Without
    # it, about half a second of main-thread work on a phone goes.
    for script in head.find_all("script") if head else []:
        if "fontawesome.js" in script.get("src", "") or "fontawesome.js" in (script.string or ""):
            script.decompose()
            changed = True
    for script in head.find_all("script") if head else []:
        if (script.get("type") not in (None, "text/javascript") or script.has_attr("async")
                or script.has_attr("defer") or script.has_attr("data-cfasync")):
            continue
        if not script.get("src"):
            code = script.string or ""
            if re.match(r"\s*(let|var|const)\s+\w+\s*=", code):
                continue  # a setting (togglebutton's, thebe's): runs at once, before every deferred file
            script.string = ""
            script["src"] = "data:text/javascript;base64," + base64.b64encode(code.strip().encode()).decode()
        script["defer"] = ""
        changed = True
    return changed


def _lazy_images(soup, page: Path | None) -> bool:
    """Images load when they come near the viewport, decode off the main thread and reserve their
    space (width and height from the file, so nothing shifts when they arrive)."""
    changed = False
    for img in soup.select("body img[src]"):
        src = img["src"]
        if src.startswith("data:"):
            continue
        if "loading" not in img.attrs:
            img["loading"] = "lazy"
            changed = True
        if "decoding" not in img.attrs:
            img["decoding"] = "async"
            changed = True
        if page is not None and not ({"width", "height"} & set(img.attrs)):
            size = _image_size(page.parent / src.split("?")[0])
            if size:
                img["width"], img["height"] = map(str, size)
                changed = True
    return changed


_CSS_URL = re.compile(r"""url\((['"]?)(?!data:|https?:|/|#)([^'")]+)\1\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?['"]([^'"]+)['"]\)?\s*;""")


def _inline_css(path: Path, static: Path, seen: set[Path]) -> str:
    """The stylesheet at ``path`` with its ``@import``s inlined and its relative ``url()``s
    rewritten relative to ``static`` (where the bundle lives)."""
    path = path.resolve()
    if path in seen:
        return ""
    seen.add(path)
    css = path.read_text(encoding="utf-8")

    def imported(match):
        return _inline_css(path.parent / match.group(1).split("?")[0], static, seen)

    def rebased(match):
        target = os.path.relpath((path.parent / match.group(2)).resolve(), static.resolve())
        return f'url("{Path(target).as_posix()}")'

    css = _CSS_IMPORT.sub(imported, css)
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)  # the maps sit beside the originals
    return _CSS_URL.sub(rebased, css)


def _bundle_styles(soup, page: Path | None, out: Path | None) -> bool:
    """The page's stylesheets (a dozen files from the theme and the extensions, each a
    render-blocking request) become one file, ``_static/styles-<hash>.css``: the same rules in the
    same order, with ``@import``s inlined and ``url()``s rebased. Pages that link the same files
    share one bundle; the name changes with the content, so a cached copy is never stale."""
    import hashlib

    head = soup.find("head")
    if head is None or page is None or out is None:
        return False
    links = [link for link in head.find_all("link", rel="stylesheet")
             if not re.match(r"[a-z]+:|//", link.get("href", "")) and not link.get("media")]
    if len(links) < 2:
        return False
    static = out / "_static"
    parts, seen = [], set()
    for link in links:
        source = (page.parent / link["href"].split("?")[0]).resolve()
        parts.append(f"/* {source.relative_to(out.resolve()).as_posix()} */\n" + _inline_css(source, static, seen))
    css = "\n".join(parts)
    name = f"styles-{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
    bundle = static / name
    bundle.write_text(css, encoding="utf-8")  # whole: _purge_bundles trims it once every page is written
    href = Path(os.path.relpath(bundle, page.parent)).as_posix()
    links[0]["href"] = href
    links[0].attrs.pop("type", None)
    for link in links[1:]:
        link.decompose()
    return True


def _purge_script() -> Path:
    return Path(__file__).with_name("purge-css.mjs")


def _purge_bundles(app, out: Path) -> None:
    """Trim the stylesheet bundles to the rules the pages can use (``purge-css.mjs`` beside this module,
    PurgeCSS from the repository's ``node_modules``): about three quarters of the theme's CSS is
    for components the book does not have. Without Node or PurgeCSS (``npm ci`` not run) the
    bundles stay whole, which only costs speed; the build says so."""
    import shutil

    from sphinx.util import logging

    bundles = sorted(str(p) for p in (out / "_static").glob("styles-*.css"))
    script = _purge_script()
    node = shutil.which("node")
    from . import paths

    purgecss = paths.ROOT / "node_modules" / "purgecss"
    if not bundles:
        return
    if node is None or not purgecss.is_dir():
        logging.getLogger(__name__).info("stylesheets not trimmed (needs Node.js and `npm ci`)")
        return
    proc = subprocess.run([node, str(script), str(out), *bundles], capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"{script.name} failed: {proc.stderr[-2000:]}")


def tidy_page(text: str, page: Path | None = None, out: Path | None = None) -> str:
    """The page's HTML with the fixes of part 4 applied; unchanged if none applies. ``page`` is
    the file's path (to read the size of its images), ``out`` the HTML output folder (where the
    stylesheet bundle goes; without both, stylesheets are left as they are)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    changed = _defer_scripts(soup)
    changed = _lazy_images(soup, page) or changed
    changed = _bundle_styles(soup, page, out) or changed
    # myst-nb's toggle of hidden code: <summary><p class="collapsed admonition-title">…</p>…
    # (<p> is not allowed in <summary>); the look is kept by theme/book.css
    for p in soup.select("details > summary > p"):
        p.name = "span"
        changed = True
    # sphinx-exercise gives every exercise's and solution's body the same id
    for name in ("exercise-content", "solution-content"):
        for section in soup.find_all(id=name):
            parent = section.find_parent(id=True)
            section["id"] = f"{parent['id']}-content" if parent else name
            changed = True
    for style in soup.select("style[scoped]"):
        _remove(style)
        changed = True
    for table in soup.select("table.dataframe"):
        _dataframe(table)
        changed = True
    # the theme's search field is a <form> without a submit button (WCAG 3.2.2, H32): its
    # magnifying glass becomes one
    for form in soup.select("form.bd-search"):
        if form.find(["button", "input"], type="submit"):
            continue
        icon = form.find("i", class_="fa-magnifying-glass")
        button = soup.new_tag("button", attrs={"type": "submit", "class": "btn bd-search-submit",
                                               "aria-label": "Search"})
        if icon is not None:
            icon["aria-hidden"] = "true"
            icon.replace_with(button)
            button.append(icon)
        else:
            button.string = "Search"
            form.append(button)
        changed = True
    # sphinx-book-theme's print-only header repeats the page's title in an <h1>, empty where the
    # page has no title of its own (the general index): an empty heading (WCAG 1.3.1, H42)
    title = soup.find("title")
    for h1 in soup.select("#jb-print-docs-body > h1"):
        if not h1.get_text(strip=True) and title is not None:
            h1.string = title.get_text().split(" \u2014 ")[0].strip()
            changed = True
    return str(soup) if changed else text


def tidy_html(app, exception) -> None:
    """``build-finished``: apply :func:`tidy_page` to every page of the HTML output (the theme's
    own template fragments in ``_static`` are not pages)."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for path in sorted(out.rglob("*.html")):
        if path.relative_to(out).parts[0] == "_static":
            continue
        text = path.read_text(encoding="utf-8")
        new = tidy_page(text, path, out)
        if new != text:
            path.write_text(new, encoding="utf-8")
    _purge_bundles(app, out)
    # robots.txt: crawl everything, the sitemap (sphinx-sitemap) is at the published address
    base = (app.config.html_baseurl or "").rstrip("/")
    robots = "User-agent: *\nAllow: /\n" + (f"Sitemap: {base}/{app.config.sitemap_filename}\n" if base else "")
    (out / "robots.txt").write_text(robots, encoding="utf-8")


# --------------------------------------------------------------------------- 5. last changed

NO_HISTORY = "unknown (this copy of the book has no git history)"


@functools.cache
def _git_dates(srcdir: str) -> dict[str, str] | None:
    """path (relative to the repository root) -> date (YYYY-MM-DD) of the last commit that
    touched it, or None where git or its history is not available. Reads one ``git log`` of the
    checked-out commit, so two builds of the same commit give the same dates. ``NEXUS_GIT_DIR``
    names the repository for a copy of the sources without one (tests/test_determinism.py)."""
    env = dict(os.environ)
    git_dir = os.environ.get("NEXUS_GIT_DIR")
    cmd = ["git", "-C", srcdir]
    if git_dir:
        cmd += ["--git-dir", git_dir]
    try:
        top = srcdir if git_dir else subprocess.run(
            cmd + ["rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True, env=env).stdout.strip()
        log = subprocess.run(cmd + ["log", "--format=%x00%cs", "--name-only", "--no-renames", "HEAD"],
                             capture_output=True, text=True, check=True, env=env).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    prefix = os.path.relpath(srcdir, top).replace(os.sep, "/")
    prefix = "" if prefix == "." else prefix + "/"
    dates: dict[str, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("\0"):
            date = line[1:]
        elif line and line.startswith(prefix):
            dates.setdefault(line[len(prefix):], date)  # newest first: keep the first seen
    return dates


def last_changed(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: ``last_updated`` (the footer's "Last changed on …",
    ``_templates/last-updated.html``) is the date of the last commit of the page's source."""
    dates = _git_dates(str(app.srcdir))
    if dates is None:
        context["last_updated"] = NO_HISTORY
        return
    source = app.env.doc2path(pagename, False) if pagename in app.env.all_docs else None
    # pages without a source (search, index) show no date; a new file, not committed yet, says so
    context["last_updated"] = dates.get(str(source).replace(os.sep, "/"), "not committed yet") if source else ""


def setup(app):
    app.connect("config-inited", edition)
    # after the theme's own build-finished handlers (pydata-sphinx-theme rewrites pygments.css there),
    # so that the stylesheet bundle holds the files as they are served
    app.connect("build-finished", tidy_html, priority=900)
    app.connect("html-page-context", last_changed, priority=900)
    install()
    share_numref_doctrees()
    # the cache must not outlive the doctrees it copies: emptied when reading ends and at the end
    app.connect("env-updated", _clear)
    app.connect("build-finished", _clear)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
