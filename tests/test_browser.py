"""The built book in a real browser: Chromium through Playwright, served from 127.0.0.1.

Every page of the book (those of _toc.yml, search.html and genindex.html) is opened once at
desktop width and once at 375 px (a phone). The tests check that a page logs no console error,
has no failed request and asks no host but the local server for anything; that every image has
loaded and has alt text; that every citation and cross-reference link reaches an existing target;
that the search page finds a chapter; that no page scrolls sideways on a phone; and that axe-core
finds no serious or critical accessibility violation.

Needs Chromium (``/usr/bin/chromium`` or NEXUS_CHROMIUM; Playwright's own browser download is not
used) and axe-core installed by ``npm ci`` into node_modules/. NEXUS_HTML=<folder> tests an
already-built book instead of building one (see the ``html`` fixture in conftest.py).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import LOCAL_HOST, book_pages

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path(os.environ.get("NEXUS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}

# Everything one page tells us, read in the page after the load event.
COLLECT = """() => {
  // every link to this site: the text's references and the theme's (navigation, footer, buttons)
  const local = Array.from(document.querySelectorAll("a[href]")).filter(
    a => new URL(a.href).origin === location.origin && !a.getAttribute("href").startsWith("javascript:"));
  const links = local.map(a => ({
    href: a.href,
    text: a.textContent.trim().slice(0, 60),
    kind: a.closest(".bibtex-citation") || a.getAttribute("href").includes("bibliography.html#")
          ? "citation" : a.querySelector(".std-numref") ? "numref" : "other",
  }));
  const images = Array.from(document.images, img => ({
    src: img.currentSrc || img.src, complete: img.complete, width: img.naturalWidth,
    alt: img.getAttribute("alt"),
  }));
  const ids = Array.from(document.querySelectorAll("[id]"), e => e.id)
    .concat(Array.from(document.querySelectorAll("a[name]"), a => a.name));
  const title = Array.from(document.querySelectorAll("h1"), h => h.textContent.trim()).find(t => t) || "";
  return {links, images, ids, title};
}"""

# The book's images are lazy (loading="lazy", nexus.sphinxext): load them all now, so that the
# checks below see every image of the page as a reader who scrolls would.
LOAD_LAZY = """async () => {
  const lazy = Array.from(document.images).filter(img => img.loading === "lazy");
  lazy.forEach(img => { img.loading = "eager"; });
  const loaded = img => img.complete && img.naturalWidth > 0 ? null : new Promise(resolve => {
    img.addEventListener("load", resolve, {once: true});
    img.addEventListener("error", resolve, {once: true});
  });
  await Promise.race([Promise.all(lazy.map(loaded)), new Promise(r => setTimeout(r, 15000))]);
  return lazy.length;
}"""

# How far the page is wider than the window, and the widest elements that make it so.
OVERFLOW = """() => {
  const root = document.documentElement, limit = root.clientWidth + 1;
  const culprits = [];
  if (root.scrollWidth > limit) {
    for (const e of document.body.querySelectorAll("*")) {
      const r = e.getBoundingClientRect();
      if (r.right > limit && r.width > 0) {
        culprits.push(`${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}` +
                      `${e.classList.length ? "." + Array.from(e.classList).join(".") : ""}` +
                      ` (right edge ${Math.round(r.right)} px)`);
        if (culprits.length >= 5) break;
      }
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits};
}"""

# axe-core on the whole page, once icons and fonts have settled; only what fails.
RUN_AXE = """async () => {
  await document.fonts.ready;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + ": " + n.html.slice(0, 160)),
    count: v.nodes.length,
  }));
}"""


@dataclass
class Visit:
    """What happened while one page was open."""
    url: str
    console: list[str] = field(default_factory=list)   # console errors and uncaught exceptions
    failed: list[str] = field(default_factory=list)    # status >= 400 or a failed request
    foreign: list[str] = field(default_factory=list)   # requests to any host but the local server
    data: dict = field(default_factory=dict)           # COLLECT's result
    axe: list[dict] = field(default_factory=list)
    overflow: dict = field(default_factory=dict)       # at phone width


class Recorder:
    """One browser page whose console and network events are filed under the page being visited."""

    def __init__(self, page):
        self.page = page
        self.visit = Visit("about:blank")
        self.leaving = False
        page.on("console", self._console)
        page.on("pageerror", lambda err: self.visit.console.append(f"uncaught exception: {err}"))
        page.on("request", self._request)
        page.on("response", self._response)
        page.on("requestfailed", self._requestfailed)

    def _console(self, msg):
        if msg.type == "error":
            where = msg.location.get("url", "") if msg.location else ""
            self.visit.console.append(f"{msg.text} [{where}]")

    def _request(self, req):
        parts = urlsplit(req.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != LOCAL_HOST:
            self.visit.foreign.append(req.url)

    def _response(self, resp):
        if resp.status >= 400:
            self.visit.failed.append(f"HTTP {resp.status} {resp.url}")

    def _requestfailed(self, req):
        failure = req.failure or "failed"
        if self.leaving and "ERR_ABORTED" in failure:
            return  # cut short because we navigate away: not the page's fault
        self.visit.failed.append(f"{failure} {req.url}")

    def open(self, url: str) -> Visit:
        self.leaving = True
        self.visit = Visit(url)
        resp = self.page.goto(url, wait_until="load")
        self.leaving = False
        if resp is None or not resp.ok:
            self.visit.failed.append(f"HTTP {resp.status if resp else '?'} {url} (the page itself)")
        return self.visit


@pytest.fixture(scope="session")
def browser_page():
    """One Chromium and one page for the whole session."""
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set NEXUS_CHROMIUM)")
    if not AXE.is_file():
        pytest.fail(f"axe-core not found at {AXE} (run `npm ci` in the repository root)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=DESKTOP, color_scheme="light", service_workers="block")
        page = context.new_page()
        page.set_default_timeout(30_000)
        yield Recorder(page)
        context.close()
        browser.close()


@pytest.fixture(scope="session")
def crawl(html, root, server, browser_page) -> dict[str, Visit]:
    """Open every page at desktop width (collect, run axe), then again at phone width (measure)."""
    rec, page = browser_page, browser_page.page
    visits: dict[str, Visit] = {}
    page.set_viewport_size(DESKTOP)
    for rel in book_pages(html, root):
        visit = rec.open(server + rel)
        page.evaluate(LOAD_LAZY)
        visit.data = page.evaluate(COLLECT)
        page.add_script_tag(path=str(AXE))
        visit.axe = page.evaluate(RUN_AXE)
        visits[rel] = visit
    page.set_viewport_size(PHONE)
    for rel, visit in visits.items():
        phone = rec.open(server + rel)
        visit.overflow = page.evaluate(OVERFLOW)
        visit.console += [f"(at {PHONE['width']} px) {m}" for m in phone.console]
        visit.failed += [f"(at {PHONE['width']} px) {m}" for m in phone.failed]
        visit.foreign += phone.foreign
    page.set_viewport_size(DESKTOP)
    return visits


def report(problems: dict[str, list]) -> str:
    return "\n".join(f"{page}:\n    " + "\n    ".join(map(str, items)) for page, items in problems.items() if items)


def test_every_page_opens_with_a_title(crawl):
    assert len(crawl) >= 10
    untitled = [rel for rel, v in crawl.items() if not v.data["title"]]
    assert not untitled, f"pages without a rendered <h1>: {untitled}"


def test_no_console_errors(crawl):
    problems = {rel: v.console for rel, v in crawl.items()}
    assert not any(problems.values()), report(problems)


def test_no_failed_requests(crawl):
    problems = {rel: v.failed for rel, v in crawl.items()}
    assert not any(problems.values()), report(problems)


def test_nothing_is_fetched_from_other_hosts(crawl):
    problems = {rel: sorted(set(v.foreign)) for rel, v in crawl.items()}
    assert not any(problems.values()), report(problems)


def test_images_load_and_have_alt_text(crawl):
    problems, n_images = {}, 0
    for rel, v in crawl.items():
        bad = []
        for img in v.data["images"]:
            n_images += 1
            if not (img["complete"] and img["width"] > 0):
                bad.append(f"not loaded: {img['src']}")
            if not (img["alt"] or "").strip():
                bad.append(f"no alt text: {img['src']}")
        problems[rel] = bad
    assert not any(problems.values()), report(problems)
    assert n_images >= 10  # the chapters' figures at least


def test_citations_and_cross_references_resolve(crawl, server, browser_page):
    """Every link to the site itself (citations, numbered figure references, the theme's navigation,
    footer and buttons) reaches its target: the target loads and, for a #fragment, an element with
    that id is on it."""
    page = browser_page.page
    ids = {server + rel: set(v.data["ids"]) for rel, v in crawl.items()}
    checked: dict[str, bool] = {}  # non-page targets (downloads): loads or not
    kinds = {"citation": 0, "numref": 0, "other": 0}
    problems: dict[str, list[str]] = {}
    for rel, v in crawl.items():
        bad = []
        for link in v.data["links"]:
            kinds[link["kind"]] += 1
            parts = urlsplit(link["href"])
            target = parts._replace(query="", fragment="").geturl()
            if target.endswith("/"):
                target += "index.html"
            fragment = unquote(parts.fragment)
            what = f"{link['kind']} link {link['text']!r} -> {link['href'][len(server):]}"
            if not target.startswith(server):
                bad.append(f"{what}: not on this site")
                continue
            if target not in ids and target.endswith(".html"):
                # a page outside the crawl: open it once and read its ids
                visit = browser_page.open(target)
                ok = not visit.failed
                ids[target] = set(page.evaluate(COLLECT)["ids"]) if ok else None
            if target in ids:
                if ids[target] is None:
                    bad.append(f"{what}: target page does not load")
                elif fragment and fragment not in ids[target]:
                    bad.append(f"{what}: no element with id {fragment!r} on the target page")
                continue
            if target not in checked:
                checked[target] = page.request.head(target).ok
            if not checked[target]:
                bad.append(f"{what}: target does not load")
        problems[rel] = bad
    assert not any(problems.values()), report(problems)
    # the selectors still find what they are for
    assert kinds["citation"] >= 10 and kinds["numref"] >= 5, kinds


def test_search_finds_a_chapter(crawl, server, browser_page):
    page = browser_page.page
    visit = browser_page.open(server + "search.html?q=JCPOA")
    # Sphinx's searchtools fills p.search-summary when the search is done, found or not
    page.wait_for_function(
        """() => (document.querySelector("#search-results .search-summary")?.textContent || "").trim() !== ''""")
    hrefs = page.eval_on_selector_all("#search-results ul.search li a", "as => as.map(a => a.href)")
    chapters = [h for h in hrefs if urlsplit(h).path.startswith("/notebooks/0")]
    assert chapters, f"searching JCPOA found no chapter: {hrefs}"
    assert not visit.console and not visit.failed and not visit.foreign, (visit.console, visit.failed, visit.foreign)


def test_no_page_scrolls_sideways_on_a_phone(crawl):
    problems = {}
    for rel, v in crawl.items():
        o = v.overflow
        if o["scrollWidth"] > o["clientWidth"] + 1:
            problems[rel] = [f"{o['scrollWidth']} px wide in a {o['clientWidth']} px window"] + o["culprits"]
    assert not problems, report(problems)


def test_no_serious_accessibility_violations(crawl):
    """axe-core finds no violation of impact "serious" or "critical" on any page (all rules on)."""
    problems = {}
    for rel, v in crawl.items():
        problems[rel] = [f"{x['impact']}: {x['id']} ({x['count']}x) {x['help']}\n        " + "\n        ".join(x["nodes"])
                         for x in v.axe if x["impact"] in ("serious", "critical")]
    assert not any(problems.values()), report(problems)


def test_timeline_chart_on_a_phone_and_in_the_dark_theme(server, browser_page):
    """Drawn in Chromium at 390 px (light) and 1280 px (dark): a plot area of a usable height,
    menus that do not overlap, names shown, the dark theme's ink and no bright panel."""
    from nexus import interactive

    measure = """() => {
      const gd = document.getElementById("nexus-timeline"), L = gd._fullLayout;
      const menus = Array.from(gd.querySelectorAll(".updatemenu-header-group")).map(g => {
        const r = g.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; });
      return {plot: [L._size.w, L._size.h], menus: menus, paper: L.paper_bgcolor, font: L.font.color,
              names: gd.layout.annotations.filter(a => a.visible).length,
              width: document.documentElement.scrollWidth, client: document.documentElement.clientWidth};
    }"""
    browser = browser_page.page.context.browser
    for width, dark in ((390, False), (1280, True)):
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      color_scheme="dark" if dark else "light", service_workers="block")
        try:
            page = context.new_page()
            errors = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.goto(server + "pages/timeline.html")
            page.click("#nexus-timeline-load")
            page.wait_for_function("() => document.getElementById('nexus-timeline').layout"
                                   " && document.getElementById('nexus-timeline').layout.annotations"
                                   ".some(a => a.visible)", timeout=30000)
            page.wait_for_timeout(500)
            m = page.evaluate(measure)
            assert not errors, errors
            assert m["plot"][0] >= 200 and m["plot"][1] >= 300, (width, m)
            (a, b) = m["menus"]
            overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
            assert not overlap, (width, m["menus"])
            assert m["names"] >= 3, (width, m)
            assert m["width"] <= m["client"] + 1, (width, m)
            assert m["paper"] == "rgba(0,0,0,0)"
            theme = page.evaluate("() => document.documentElement.dataset.theme")
            assert theme == ("dark" if dark else "light")
            assert m["font"] == interactive.INK[theme]["text"], (width, m)
        finally:
            context.close()


def _contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two CSS rgb()/rgba() colours (alpha ignored)."""
    def lum(css):
        r, g, b = (int(float(x)) / 255 for x in re.findall(r"[\d.]+", css)[:3])
        f = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * f[0] + 0.7152 * f[1] + 0.0722 * f[2]
    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_figures_and_captions_in_the_dark_theme(server, browser_page, tmp_path):
    """A chapter and the timeline page in the dark theme (screenshots in the test's folder): every
    figure sits on a light card, and its caption's text has at least 4.5:1 contrast with the page."""
    measure = """() => Array.from(document.querySelectorAll("figure")).map(f => {
      const img = f.querySelector("img"), cap = f.querySelector("figcaption");
      const page = getComputedStyle(document.body).backgroundColor;
      return {img: img ? getComputedStyle(img).backgroundColor : null,
              pad: img ? parseFloat(getComputedStyle(img).paddingLeft) : 0,
              ink: cap ? getComputedStyle(cap).color : null, page: page,
              weight: cap ? parseInt(getComputedStyle(cap).fontWeight) : 400};
    })"""
    browser = browser_page.page.context.browser
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark", service_workers="block")
    try:
        for rel in ("notebooks/06_rouhani.html", "pages/timeline.html"):
            page = context.new_page()
            page.goto(server + rel)
            assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
            page.screenshot(path=str(tmp_path / (rel.replace("/", "_") + ".png")), full_page=False)
            figures = page.evaluate(measure)
            assert figures, rel
            for f in figures:
                assert f["img"] in ("rgb(255, 255, 255)", "rgba(255, 255, 255, 1)") and f["pad"] > 0, (rel, f)
                if f["ink"]:
                    assert _contrast(f["ink"], f["page"]) >= 4.5 and f["weight"] >= 400, (rel, f)
            page.close()
    finally:
        context.close()
