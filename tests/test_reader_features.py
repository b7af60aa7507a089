"""Reader and teaching features: glossary links, citation lines, launch files, parameters."""
from __future__ import annotations

import os
import re

import nbformat
import pytest
import yaml

from nexus import nbtools


@pytest.fixture(scope="module")
def cff(root):
    return yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))


def test_edition_and_date_agree_with_citation_cff(config, cff):
    subs = config["parse"]["myst_substitutions"]
    assert subs["edition"] == cff["version"]
    assert subs["released"] == cff["date-released"]


def test_every_chapter_has_its_cite_line():
    for path in nbtools.chapters():
        nb = nbformat.read(path, as_version=4)
        title = re.match(r"#\s+(.+)", nb.cells[0].source).group(1).strip()
        lines = [c.source for c in nb.cells if c.cell_type == "markdown" and "Cite this chapter" in c.source]
        assert len(lines) == 1, path.name
        assert title in lines[0] and "{{ edition }}" in lines[0] and "{{ released }}" in lines[0], path.name


def test_glossary_terms_are_defined_and_used(root):
    text = (root / "pages" / "glossary.md").read_text(encoding="utf-8")
    block = re.search(r"```\{glossary\}\n(.*?)```", text, re.S).group(1)
    defined = set(re.findall(r"^(\S.*)$", block, re.M))
    assert len(defined) >= 15
    used = set()
    for path in nbtools.chapters():
        used.update(re.findall(r"\{term\}`[^`<]*<([^>]+)>`", path.read_text(encoding="utf-8")))
    assert used, "no chapter links a glossary term"
    assert used <= defined, f"linked but not defined: {used - defined}"
    for term in ["JCPOA", "P5+1", "IRGC", "SCO", "CICA", "GCC", "Belt and Road", "TIV", "CINC", "MID", "ideal point"]:
        assert term in defined, term


def test_binder_files_install_the_lock(root):
    reqs = (root / "binder" / "requirements.txt").read_text()
    assert "-r ../requirements.lock" in reqs
    assert (root / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    # postBuild installs the book's package, editable and without dependencies (the lock has them)
    installs = [line.split() for line in (root / "binder" / "postBuild").read_text().splitlines()
                if line.startswith("pip install")]
    assert len(installs) == 1, installs
    assert {"--no-deps", "-e"} <= set(installs[0]) and installs[0][-1] == ".", installs[0]
    assert os.access(root / "binder" / "postBuild", os.X_OK)


def test_every_chapter_has_a_parameters_cell():
    for path in nbtools.chapters():
        nb = nbformat.read(path, as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, path.name
        assert re.search(r"^[A-Z_]+(, [A-Z_]+)* = ", tagged[0].source, re.M), path.name


def _glued(nb) -> dict[str, str]:
    out = {}
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            name = o.get("metadata", {}).get("scrapbook", {}).get("name")
            if name and "application/papermill.record/text/plain" in o.get("data", {}):
                out[name] = o["data"]["application/papermill.record/text/plain"]
    return out


@pytest.mark.parametrize(
    ("stem", "params", "changed", "same"),
    [
        # compare Russia with China instead of Iran: every ratio changes, the data years do not
        ("01_historical_implications", {"STRONGER": "RUS", "WEAKER": "CHN"},
         ["ch01_ratio_2012", "ch01_ratio_last", "ch01_peak_ratio"], ["ch01_last_year", "ch01_rus_1991"]),
        # Iran's own trade reports instead of its partners' mirror reports
        ("07_rationale_constraints", {"REPORTER": "iran"}, None, None),
    ],
)
def test_chapters_rerun_with_other_parameters(root, tmp_path, monkeypatch, stem, params, changed, same):
    """A student's change of parameters runs through and changes what it should (papermill)."""
    import papermill

    monkeypatch.setenv("NEXUS_FIGDATA", str(tmp_path / "figdata"))
    src = root / "notebooks" / f"{stem}.ipynb"
    out = tmp_path / f"{stem}.ipynb"
    papermill.execute_notebook(str(src), str(out), parameters=params, cwd=str(root / "notebooks"),
                               kernel_name="python3", progress_bar=False, log_output=False)
    before, after = _glued(nbformat.read(src, as_version=4)), _glued(nbformat.read(out, as_version=4))
    assert set(after) == set(before), "the rerun glued a different set of values"
    if changed is None:  # every figure's data must still be written, and at least one number moves
        changed = [k for k in before if before[k] != after[k]]
        assert changed, f"{params} changed none of the chapter's numbers"
    for key in changed:
        assert after[key] != before[key], key
    for key in same or []:
        assert after[key] == before[key], key
    written = {p.name for p in (tmp_path / "figdata").glob("*.csv")}
    committed = {p.name for p in (root / "notebooks" / "figdata").glob(f"fig-{stem[:2]}-*.csv")}
    assert written == committed


@pytest.mark.parametrize(
    ("stem", "params", "message"),
    [
        ("03_pahlavi_to_islamic_republic", {"PARTNERS": ["RUS", "XYZ"]},
         "PARTNERS: 'XYZ' not in data/unga_agreement.csv"),
        ("10_after_2017", {"PARTNERS": ["CHN", "RUS"]},
         "the text's partners: 'DEU', 'ITA', 'KOR' not in PARTNERS"),
    ],
)
def test_bad_parameters_fail_with_a_clear_message(root, tmp_path, monkeypatch, stem, params, message):
    """A student's parameter that names something the data (or the text) lack stops the chapter
    with a message naming the parameter, the value and the file, not with an empty chart."""
    import papermill

    monkeypatch.setenv("NEXUS_FIGDATA", str(tmp_path / "figdata"))
    with pytest.raises(papermill.PapermillExecutionError) as err:
        papermill.execute_notebook(str(root / "notebooks" / f"{stem}.ipynb"), str(tmp_path / "out.ipynb"),
                                   parameters=params, cwd=str(root / "notebooks"), kernel_name="python3",
                                   progress_bar=False, log_output=False)
    assert err.value.ename == "ValueError" and message in err.value.evalue, err.value.evalue


def test_chart_cells_show_their_chart_in_jupyter_but_not_twice_in_the_book():
    """charts.publish displays the figure (a reader running the cell sees it) and glues it; the
    cell is tagged remove-output so that the book shows it once, where {glue:figure} puts it."""
    n = 0
    for path in nbtools.chapters():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and "charts.publish(" in cell.source:
                n += 1
                assert "remove-output" in cell.metadata.get("tags", []), f"{path.name}: {cell.source[:60]}"
                shown = [o for o in cell.outputs if "image/png" in o.get("data", {})]
                assert len(shown) == cell.source.count("charts.publish(") and all(
                    o["metadata"].get("scrapbook", {}).get("mime_prefix") == "" for o in shown), path.name
    assert n >= 10


def test_how_to_cite_and_footer_give_the_current_edition(root, config, html):
    """The edition is written in _config.yml (and CITATION.cff, checked above); the how-to-cite
    page's BibTeX and text and every page's footer must give the same one."""
    subs = config["parse"]["myst_substitutions"]
    year, month = (int(x) for x in subs["released"].split("-")[:2])
    text = (root / "pages" / "how_to_cite.md").read_text(encoding="utf-8")
    assert re.findall(r"edition\s*=\s*\{([^}]*)\}", text) == [subs["edition"]]
    assert re.findall(r"year\s*=\s*\{(\d+)\}", text) == [str(year)]
    assert re.findall(r"month\s*=\s*\{(\d+)\}", text) == [str(month)]
    assert re.findall(r"edition (\d+\.\d+\.\d+), (\d{4})", text) == [(subs["edition"], str(year))]
    for page in ["index.html", "notebooks/01_historical_implications.html", "pages/seminar/teachers.html"]:
        footer = (html / page).read_text(encoding="utf-8")
        assert f"Edition {subs['edition']}. Text and figures CC BY 4.0" in footer, page
