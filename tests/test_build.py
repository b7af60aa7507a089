"""The book builds with warnings as errors, and the HTML has every page, figure and reference."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from bs4 import BeautifulSoup

from nexus.paths import toc_files


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.imgs, self.links, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.imgs.append(a)
        if tag == "a" and "href" in a:
            self.links.append(a["href"])

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_every_toc_entry_is_rendered(html, root):
    for f in toc_files(root):
        assert (html / f"{f}.html").is_file(), f


def test_figures_present_with_alt_text(html, root):
    for f in toc_files(root):
        page = parse(html / f"{f}.html")
        n_figs = 0
        for img in page.imgs:
            src = img.get("src", "")
            if src.startswith(("http:", "https:", "data:")):
                continue
            assert (html / Path(f).parent / src).resolve().is_file(), f"{f}: missing image {src}"
            assert img.get("alt", "").strip(), f"{f}: image {src} has no alt text"
            n_figs += "_images/" in src
        # every figure a chapter declares is on its page as an image
        source = root / f"{f}.ipynb"
        declared = len(re.findall(r":name:\s*fig-", source.read_text(encoding="utf-8"))) if source.is_file() else 0
        assert n_figs >= declared, f"{f}: {n_figs} images for {declared} declared figures"


def test_no_unresolved_citations_or_references(html, root):
    for f in toc_files(root):
        text = (html / f"{f}.html").read_text(encoding="utf-8")
        # code spans and blocks may show role syntax on purpose (the teaching pages do)
        text = re.sub(r"<code[^>]*>.*?</code>|<pre[^>]*>.*?</pre>", "", text, flags=re.S)
        assert "???" not in text, f
        # sphinx marks a failed cross-reference with class "xref" but no link
        assert not re.search(r'<span class="xref std std-(ref|numref)">', text), f
        # a citation that did not resolve is left as the raw role text
        assert "{cite" not in text and "{glue" not in text and "{numref" not in text, f


def test_figures_link_to_their_data(html):
    chapters = sorted((html / "notebooks").glob("[0-9][0-9]_*.html"))
    assert chapters
    for ch in chapters:
        page = parse(ch)
        downloads = [h for h in page.links if h.endswith(".csv")]
        figures = (ch.read_text(encoding="utf-8")).count('<figcaption>')
        assert len(downloads) >= figures >= 1, f"{ch.name}: {figures} figures, {len(downloads)} data links"
        for h in downloads:
            assert (ch.parent / h).resolve().is_file(), f"{ch.name}: broken data link {h}"


def test_bibliography_lists_the_brief(html):
    text = (html / "pages" / "bibliography.html").read_text(encoding="utf-8")
    assert "Prawdzik" in text and "Iran" in text


def test_each_page_loads_one_trimmed_stylesheet_and_no_icon_script(html):
    """nexus.sphinxext bundles a page's stylesheets into one file and PurgeCSS trims it; the
    bundle must still hold the rules the page needs, including the dark mode's and the code
    highlighting that pydata-sphinx-theme writes into pygments.css at the end of the build."""
    static = html / "_static"
    sources = ["styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css", "pygments.css",
               "sphinx-design.min.css", "book.css"]
    whole = sum((static / s).stat().st_size for s in sources)
    pages = [p for p in html.rglob("*.html") if p.relative_to(html).parts[0] != "_static"]
    bundles = set()
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = [link["href"] for link in soup.select('head link[rel="stylesheet"]')
                 if not link["href"].startswith(("http:", "https:", "//"))]
        assert len(links) == 1, (page.relative_to(html), links)
        bundles.add((page.parent / links[0]).resolve())
        assert "fontawesome.js" not in str(soup.head), page.relative_to(html)
    for bundle in bundles:
        css = bundle.read_text(encoding="utf-8")
        assert bundle.parent == static.resolve() and bundle.name.startswith("styles-"), bundle
        assert len(css) < whole / 2, f"{bundle.name} is not trimmed ({len(css)} bytes)"
        assert 'html[data-theme="dark"] .highlight' in css, "dark-mode code highlighting lost"
        assert "html[data-theme=dark]" in css.replace('"', ""), "dark-mode rules lost"
        # the colours the theme serves for highlighted code (its pygments.css as served)
        first = (static / "pygments.css").read_text(encoding="utf-8").splitlines()[0]
        assert first.split("{")[0].strip() in css, "pygments.css as the theme served it is not in the bundle"
        for used in (".bd-sidebar-primary", ".bd-article", ".admonition", ".fa-bars:before", "table.dataframe"):
            assert used in css, f"{used} was trimmed from {bundle.name}"
