"""Sphinx extension for the PDF edition (``jupyter-book build . --builder pdflatex``).

Loaded from ``_config.yml`` (``sphinx: extra_extensions``); it changes only LaTeX settings, so the
HTML build is untouched. It runs after sphinx-jupyterbook-latex has set its own LaTeX settings and:

* builds the title page from the book's one source of its edition and date, the
  ``myst_substitutions`` ``edition`` and ``released`` of ``_config.yml`` (checked against
  ``CITATION.cff`` by the tests), with the full title from ``CITATION.cff`` and a "How to cite" line;
* adds the small LaTeX files of ``theme/latex/`` to the build (a stand-in for ``bbm.sty``);
* sets the fonts and the preamble (wide tables, figure placement, no blank pages between chapters).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from .text import MONTHS

LATEX_DIR = Path("theme") / "latex"


def tex_escape(text: str) -> str:
    """Text safe to put into LaTeX source (the characters that are special to TeX)."""
    special = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
               "^": r"\textasciicircum{}", "_": r"\_", "~": r"\textasciitilde{}", "%": r"\%"}
    return "".join(special.get(ch, ch) for ch in text)


def long_date(iso: str) -> str:
    """'2026-11-26' -> '26 November 2026'."""
    day = dt.date.fromisoformat(str(iso))
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def full_title(srcdir: Path, short: str) -> str:
    """The book's full title as CITATION.cff gives it (the citation's title), else the short one."""
    import yaml

    cff = srcdir / "CITATION.cff"
    if cff.is_file():
        return str(yaml.safe_load(cff.read_text(encoding="utf-8")).get("title") or short)
    return short


def title_page(title: str, subtitle: str, author: str, edition: str, released: str) -> str:
    esc = tex_escape
    year = released[:4]
    cite = (rf"{esc(author)}, \emph{{{esc(title)}{': ' + esc(subtitle) if subtitle else ''}}}, "
            rf"edition {esc(edition)}, {year}.")
    return rf"""
\begin{{titlepage}}
  \centering
  \vspace*{{0.22\textheight}}
  {{\sffamily\bfseries\fontsize{{30}}{{36}}\selectfont {esc(title)}\par}}
  \vspace{{1.2em}}
  {{\Large\itshape {esc(subtitle[:1].upper() + subtitle[1:])}\par}}
  \vspace{{3em}}
  {{\Large {esc(author)}\par}}
  \vspace{{2em}}
  {{\large Edition {esc(edition)} \quad\textperiodcentered\quad {esc(long_date(released))}\par}}
  \vfill
  \begin{{minipage}}{{0.82\linewidth}}\small\raggedright
    \textbf{{How to cite.}} {cite}
    A chapter: \emph{{Chapter title}}, in {cite}
    The \emph{{How to cite}} chapter gives the BibTeX entry.
  \end{{minipage}}
  \par\vspace*{{1.5cm}}
\end{{titlepage}}
"""


PREAMBLE = r"""
% ---- nexus.latex: the PDF edition's preamble ----
\usepackage{needspace}
% a citation in a figure caption (Sphinx's \DUrole) must survive hyperref's moving arguments
\robustify{\DUrole}
\robustify{\hyperlink}
% floats: keep figures near their text, allow pages that are mostly figure
\renewcommand{\topfraction}{0.9}
\renewcommand{\bottomfraction}{0.8}
\renewcommand{\textfraction}{0.07}
\renewcommand{\floatpagefraction}{0.75}
\setcounter{topnumber}{3}
\setcounter{totalnumber}{4}
% long table cells and URLs break rather than run into the margin
\sloppy
\setlength{\emergencystretch}{3em}
% chapters and parts are not numbered: the chapter titles carry the brief's section numbers
\setcounter{secnumdepth}{-2}
% output tables of the notebooks (PrintTables) in a smaller size; no column narrower than a bib key
\newenvironment{sphinxclassnexussmall}{\par\footnotesize\setlength{\tymin}{5.5em}}{\par}
% FreeSerif's italic lacks U+25B8 (the menu arrow in "Runtime ▸ Restart"): take it upright
\usepackage{newunicodechar}
\newunicodechar{▸}{{\upshape\symbol{"25B8}}}
% the bibliography sits inside the book's Bibliography chapter (PlaceBibliography), which has
% its own heading; the citations are cited by author and year, so the list has no numbers
\makeatletter
\renewenvironment{sphinxthebibliography}[1]
  {\begingroup\def\chapter*##1{}\def\@mkboth##1##2{}\def\@biblabel##1{}%
   \begin{thebibliography}{}\setlength{\itemsep}{0.35\baselineskip}}
  {\end{thebibliography}\endgroup}
\makeatother
% ---- end nexus.latex ----
"""


def configure(app: Sphinx, config: Config) -> None:
    # the edition: Sphinx's release, set from _config.yml by nexus.sphinxext (listed before this
    # extension); the date: the same myst_substitutions
    edition, released = str(config.release), str(config.myst_substitutions["released"])
    srcdir = Path(app.srcdir)
    # jupyter-book passes _config.yml's title as html_title (and to the LaTeX document), not project
    short = config.html_title or config.project
    full = full_title(srcdir, short)
    title, _, subtitle = full.partition(": ")
    config.today = long_date(released)
    elements = dict(config.latex_elements or {})
    elements["preamble"] = elements.get("preamble", "") + PREAMBLE
    elements["maketitle"] = title_page(title, subtitle, config.author, edition, released)
    elements["releasename"] = "Edition"
    # the root page (index.md) follows the table of contents under the book's title, as on the web
    title_tex = tex_escape(short)
    elements["tableofcontents"] = (r"\sphinxtableofcontents" "\n"
                                   rf"\chapter*{{{title_tex}}}\addcontentsline{{toc}}{{chapter}}{{{title_tex}}}"
                                   rf"\markboth{{{title_tex}}}{{{title_tex}}}")
    elements.setdefault("papersize", "a4paper")
    elements.setdefault("geometry", r"\usepackage[a4paper,hmargin=2.6cm,top=2.6cm,bottom=2.6cm,"
                                    r"headheight=14pt]{geometry}")
    elements.setdefault("pointsize", "11pt")
    # chapters start on the next page, not the next right-hand page (no blank pages on screen)
    elements.setdefault("extraclassoptions", "openany,oneside")
    config.latex_elements = elements
    # makeindex (in texlive-binaries) rather than xindy, a further Debian package, for the index
    config.latex_use_xindy = False
    # the root page's {tableofcontents} list repeats the PDF's own table of contents
    config.jblatex_show_tocs = False
    extra = [str(p.relative_to(srcdir)) for p in sorted((srcdir / LATEX_DIR).glob("*.sty"))]
    config.latex_additional_files = list(config.latex_additional_files or []) + extra


def numbering(app: Sphinx) -> None:
    """Figures numbered through the book (Figure 1, 2, ...) as in the HTML edition.

    sphinx-jupyterbook-latex numbers them per chapter when the book has parts; the chapter
    titles carry the brief's own section numbers, so chapters are not numbered again.
    """
    if app.builder.name == "latex":
        app.config.numfig_secnum_depth = 0


class PrintDownloads(SphinxPostTransform):
    """In print, a "Download the data plotted" link becomes "The data plotted: <path>".

    The path is relative to the repository root, where a reader of the PDF finds the file.
    A link whose text is already the path keeps it, set as code.
    """

    builders = ("latex",)
    default_priority = 200

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(addnodes.download_reference)):
            target = node.get("reftarget", "")
            # refdoc: the page the link is on (env.docname is not that page during writing)
            path, _ = self.env.relfn2path(target, node.get("refdoc") or self.env.docname)
            label = node.astext().strip()
            if label.lower().startswith("download "):
                label = label[len("download "):]
                new = [nodes.Text(label[:1].upper() + label[1:] + ": "), nodes.literal(path, path)]
            else:
                new = [nodes.literal(label, label)]
            node.replace_self(new)


def html_table(html: str) -> tuple[list[str], list[list[str]]] | None:
    """(header, rows) of a pandas DataFrame's HTML, the index name merged into the header."""
    from bs4 import BeautifulSoup  # in the lock already (a dependency of nbconvert)

    table = BeautifulSoup(html, "html.parser").find("table")
    if table is None:
        return None

    def cells(tr) -> list[str]:
        return [" ".join(c.get_text().split()) for c in tr.find_all(["th", "td"])]

    head = [cells(tr) for tr in table.select("thead tr")]
    body = [cells(tr) for tr in table.select("tbody tr")]
    if not head or not body:
        return None
    header = head[0]
    # pandas puts a named index in a second header row: ("file", "", "", ...)
    if len(head) > 1 and not header[0] and not any(head[1][1:]):
        header = [head[1][0], *header[1:]]
    width = max(len(header), *(len(r) for r in body))
    return [*header, *[""] * (width - len(header))], [[*r, *[""] * (width - len(r))] for r in body]


def _unbreakable(cell: str) -> bool:
    """A long cell without spaces, other than a checksum (hex digits, which fit their column)."""
    return " " not in cell and len(cell) > 8 and not all(ch in "0123456789abcdef" for ch in cell)


def _breakable(cell: str) -> nodes.raw:
    """A cell without spaces (a file path, a bib key) that LaTeX may break after ``/``, ``_``,
    ``.`` and after a run of digits ("palmer2022" + "mid5"), so that a narrow column of
    "Data used in this chapter" wraps it instead of cutting it off. Paths are set as code."""
    tex = "".join(tex_escape(ch) + (r"\allowbreak{}" if ch in "/_." or (ch.isdigit() and nxt.isalpha()) else "")
                  for ch, nxt in zip(cell, cell[1:] + " ", strict=True))
    return nodes.raw("", rf"\sphinxcode{{\sphinxupquote{{{tex}}}}}" if "/" in cell else tex, format="latex")


def table_node(header: list[str], rows: list[list[str]]) -> nodes.table:
    """A docutils table, columns as wide as their longest cell (within limits)."""
    table = nodes.table(classes=["nexus-output"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for i in range(len(header)):
        longest = max(len(r[i]) for r in [header, *rows])
        group += nodes.colspec(colwidth=min(max(longest, 4), 40))

    def row(cells: list[str]) -> nodes.row:
        out = nodes.row()
        for cell in cells:
            para = nodes.paragraph()
            para += _breakable(cell) if _unbreakable(cell) else nodes.Text(cell)
            out += nodes.entry("", para)
        return out

    group += nodes.thead("", row(header))
    body = nodes.tbody()
    for r in rows:
        body += row(r)
    group += body
    return table


class PrintTables(SphinxPostTransform):
    """A notebook output that is a pandas table (HTML) becomes a LaTeX table in print.

    Without this the LaTeX builder falls back to the text version, which pandas wraps at 80
    characters. Runs before myst-nb chooses among an output's formats (priority 4).
    """

    builders = ("latex",)
    default_priority = 3

    def run(self, **kwargs) -> None:
        for bundle in list(self.document.findall(nodes.container)):
            if bundle.get("nb_element") != "mime_bundle":
                continue
            html = [c for c in bundle.children if c.get("mime_type") == "text/html"]
            if not html or "<table" not in html[0].astext():
                continue
            parsed = html_table(html[0].astext())
            if parsed is None:
                continue
            box = nodes.container(classes=["nexussmall"])
            box += table_node(*parsed)
            bundle.replace_self(box)


class ExerciseLabels(SphinxPostTransform):
    """Give each exercise the LaTeX label that Sphinx's ``{ref}`` links point to.

    sphinx-exercise labels an exercise ``exercise:<label>`` in LaTeX, but a ``{ref}`` to it (the
    seminar guide's) links to ``<docname>:<label>``, which would stay undefined.
    """

    builders = ("latex",)
    default_priority = 400

    def run(self, **kwargs) -> None:
        registry = getattr(self.env, "sphinx_exercise_registry", {})
        for node in list(self.document.findall(nodes.Element)):
            if type(node).__name__ != "exercise_enumerable_node" or not node.get("label"):
                continue
            label = node["label"]
            docname = node.get("docname") or registry.get(label, {}).get("docname")
            if not docname:
                continue
            tex = rf"\phantomsection\label{{\detokenize{{{docname}:{label}}}}}"
            node.parent.insert(node.parent.index(node), nodes.raw("", tex + "\n", format="latex"))


class MarkBibliography(SphinxPostTransform):
    """Mark where the first citation of the ``{bibliography}`` directive stands.

    Sphinx's LaTeX builder gathers every citation at the very end of the book (priority 750);
    :class:`PlaceBibliography` puts them back here, in the book's own Bibliography chapter.
    """

    builders = ("latex",)
    default_priority = 749

    def run(self, **kwargs) -> None:
        first = next(iter(self.document.findall(nodes.citation)), None)
        if first is not None:
            first.parent.insert(first.parent.index(first), nodes.container(classes=["nexus-bibliography-here"]))


class PlaceBibliography(SphinxPostTransform):
    builders = ("latex",)
    default_priority = 751

    def run(self, **kwargs) -> None:
        from sphinx.builders.latex.nodes import thebibliography

        marks = [n for n in self.document.findall(nodes.container) if "nexus-bibliography-here" in n["classes"]]
        bibs = list(self.document.findall(thebibliography))
        for mark in marks[1:]:
            mark.parent.remove(mark)
        if marks and bibs:
            bibs[0].parent.remove(bibs[0])
            marks[0].replace_self(bibs[0])
        elif marks:
            marks[0].parent.remove(marks[0])


def setup(app: Sphinx) -> dict:
    # after sphinx-jupyterbook-latex's own config-inited handler (priority 500), which sets the
    # engine, the class and its part of the preamble
    app.connect("config-inited", configure, priority=800)
    app.connect("builder-inited", numbering, priority=800)
    app.add_post_transform(PrintDownloads)
    app.add_post_transform(PrintTables)
    app.add_post_transform(ExerciseLabels)
    app.add_post_transform(MarkBibliography)
    app.add_post_transform(PlaceBibliography)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
