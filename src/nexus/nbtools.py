"""Notebook maintenance: data stamps, in-place execution, output hygiene.

``python -m nexus.nbtools stamp``    rewrite each chapter's data stamp from the manifest, and the
                                    rerun block that starts its setup cell (nexus.rerun)
``python -m nexus.nbtools execute``  stamp, then re-execute every chapter in place
``python -m nexus.nbtools check``    fail if any stamp is stale (used by the tests)
``python -m nexus.nbtools chapter 06 [papermill options]``  rerun chapter 06 with other parameters
                                    (``-p NAME VALUE``) into ``_build/runs/``; ``--help-parameters``
                                    prints the chapter's parameters cell (``make chapter``)

The stamp is the dict passed to ``nexus.setup({...})`` in a chapter's setup cell:
file name -> first 12 hex digits of its sha256. It is part of the cell's source,
so jupyter-cache (which hashes code only) re-executes a chapter exactly when a
data file it reads changes.
"""
from __future__ import annotations

import ast
import os
import re
import sys
from pathlib import Path

import nbformat

from . import paths
from .data import stamp as current_stamp

NOTEBOOKS = paths.ROOT / "notebooks"
SETUP_RE = re.compile(r"nexus\.setup\((\{.*?\})\)", re.S)
LOAD_RE = re.compile(r"""\bload\(\s*["']([A-Za-z0-9_]+)["']""")


def chapters() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def declared(nb) -> dict[str, str]:
    for cell in nb.cells:
        if cell.cell_type == "code":
            m = SETUP_RE.search(cell.source)
            if m:
                return ast.literal_eval(m.group(1))
    return {}


TIMELINE_RE = re.compile(r"\btimeline\.(events|periods|period_of)\(")


def loaded(nb) -> set[str]:
    """Files the notebook reads: names passed to load("...") and the timeline's tables."""
    names = set()
    for c in nb.cells:
        if c.cell_type == "code":
            names.update(LOAD_RE.findall(c.source))
            for fn in TIMELINE_RE.findall(c.source):
                names.add("events" if fn == "events" else "periods")
    return names


BOOTSTRAP_END = "    nexus.rerun.install_requirements(BOOK)\n"
SETUP_TAGS = ["hide-input"]  # visible on request: nobody runs code they cannot see
# What the collapsed toggles of a chapter's two opening code cells say (myst-nb's cell-level
# code_prompt_show/hide), so a reader knows which is which without opening them.
PROMPTS = {
    "setup": {"code_prompt_show": "Show the rerun block and set-up code",
              "code_prompt_hide": "Hide the rerun block and set-up code"},
    "parameters": {"code_prompt_show": "Show the chapter's parameters (what you may change)",
                   "code_prompt_hide": "Hide the chapter's parameters"},
}


def bootstrap() -> str:
    """The rerun block every setup cell starts with, from the edition and repository in _config.yml."""
    from . import project
    from .rerun import bootstrap_source

    return bootstrap_source(project.repository_url(), project.edition())


def with_bootstrap(source: str) -> str:
    """A setup cell's source with the current rerun block at its start (replacing an older one)."""
    if source.startswith("# Rerun anywhere") and BOOTSTRAP_END in source:
        source = source[source.index(BOOTSTRAP_END) + len(BOOTSTRAP_END):].lstrip("\n")
    return bootstrap() + "\n" + source


def restamp(path: Path) -> bool:
    """Rewrite the stamp and the rerun block of one notebook; return True if it changed."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        m = SETUP_RE.search(cell.source)
        if not m:
            continue
        names = list(ast.literal_eval(m.group(1)))
        for extra in sorted(loaded(nb) - set(names)):
            names.append(extra)
        new = "{" + ", ".join(f'"{k}": "{v}"' for k, v in current_stamp(names).items()) + "}"
        source = with_bootstrap(cell.source[: m.start(1)] + new + cell.source[m.end(1):])
        tags = [t for t in cell.metadata.get("tags", []) if t not in ("remove-cell", "remove-input")]
        tags += [t for t in SETUP_TAGS if t not in tags]
        changed = _set_prompts(nb)
        if source != cell.source or tags != cell.metadata.get("tags") or changed:
            cell.source = source
            cell.metadata["tags"] = tags
            nbformat.write(nb, path)
            return True
        return False
    raise SystemExit(f"{paths.rel(path)}: no nexus.setup({{...}}) call in a code cell")


def _opening_cells(nb) -> dict[str, object]:
    """The chapter's setup cell and its parameters cell, by the keys of ``PROMPTS``."""
    out = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if "setup" not in out and SETUP_RE.search(cell.source):
            out["setup"] = cell
        if "parameters" in cell.metadata.get("tags", []):
            out["parameters"] = cell
    return out


def _set_prompts(nb) -> bool:
    changed = False
    for role, cell in _opening_cells(nb).items():
        mystnb = dict(cell.metadata.get("mystnb", {}))
        if any(mystnb.get(k) != v for k, v in PROMPTS[role].items()):
            cell.metadata["mystnb"] = {**mystnb, **PROMPTS[role]}
            changed = True
    return changed


def stale() -> list[str]:
    problems = []
    for path in chapters():
        nb = nbformat.read(path, as_version=4)
        dec = declared(nb)
        if not dec:
            problems.append(f"{paths.rel(path)}: no data stamp (nexus.setup({{...}}))")
            continue
        setup = next(c for c in nb.cells if c.cell_type == "code" and SETUP_RE.search(c.source))
        if not setup.source.startswith(bootstrap()):
            problems.append(f"{paths.rel(path)}: the setup cell does not start with the current rerun block "
                            "(nexus.rerun; edition or repository.url changed in _config.yml?)")
        for role, cell in _opening_cells(nb).items():
            if any(cell.metadata.get("mystnb", {}).get(k) != v for k, v in PROMPTS[role].items()):
                problems.append(f"{paths.rel(path)}: the {role} cell's toggle does not say what it hides (make stamp)")
        if setup.metadata.get("tags", []) != SETUP_TAGS:
            problems.append(f"{paths.rel(path)}: the setup cell's tags are {setup.metadata.get('tags')}, not {SETUP_TAGS}")
        undeclared = loaded(nb) - set(dec)
        if undeclared:
            problems.append(f"{paths.rel(path)}: loads {sorted(undeclared)} without stamping them")
        cur = current_stamp(list(dec))
        for k, v in dec.items():
            if cur[k] != v:
                problems.append(f"{paths.rel(path)}: stamp of {k!r} is {v}, data has {cur[k]}")
    return problems


def clean(nb) -> None:
    """Drop per-run metadata so committed notebooks are stable."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}


def execute(path: Path, parameters: dict | None = None) -> None:
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    clean(nb)
    nbformat.write(nb, path)


def chapter_path(number: str) -> Path:
    """The chapter notebook numbered ``number`` (``06`` or ``6``)."""
    found = sorted(NOTEBOOKS.glob(f"{int(number):02d}_*.ipynb")) if number.isdigit() else []
    if not found:
        raise SystemExit(f"no chapter numbered {number!r} in notebooks/ (chapters: "
                         + ", ".join(p.name[:2] for p in chapters()) + ")")
    return found[0]


def parameters_cell(path: Path) -> str:
    """The source of the chapter's cell tagged ``parameters`` (what a reader may change)."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            return cell.source
    raise SystemExit(f"{paths.rel(path)}: no cell tagged 'parameters'")


def rerun_chapter(number: str, args: list[str]) -> Path:
    """Execute a chapter with papermill options (``-p NAME VALUE``) into ``_build/runs/``."""
    import subprocess

    src = chapter_path(number)
    runs = Path(os.environ["NEXUS_RUNS"]) if os.environ.get("NEXUS_RUNS") else paths.ROOT / "_build" / "runs"
    out = runs / src.name
    out.parent.mkdir(parents=True, exist_ok=True)
    papermill = Path(sys.executable).with_name("papermill")
    cmd = [str(papermill), str(src), str(out), "--cwd", str(NOTEBOOKS), "-k", "python3", *args]
    # the rerun's figure data go beside it, never over the committed notebooks/figdata/
    env = {**os.environ, "NEXUS_FIGDATA": str(out.parent / "figdata")}
    if subprocess.run(cmd, env=env).returncode:
        raise SystemExit(f"papermill failed; the partial run is {paths.rel(out)}")
    return out


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "check"
    if cmd == "chapter":
        if len(argv) < 2:
            raise SystemExit("usage: python -m nexus.nbtools chapter NN [--help-parameters | -p NAME VALUE ...]")
        if "--help-parameters" in argv[2:]:
            path = chapter_path(argv[1])
            print(f"Parameters of {paths.rel(path)} (change them with ARGS='-p NAME VALUE ...'; "
                  "a list or string value is written as in Python, e.g. -p COMPARE CHN):\n")
            print(parameters_cell(path))
            return 0
        out = rerun_chapter(argv[1], argv[2:])
        print(f"The rerun chapter is {paths.rel(out)}")
        return 0
    targets = [Path(a) for a in argv[1:]] or chapters()
    if cmd == "stamp":
        for p in targets:
            if restamp(p):
                print(f"restamped {paths.rel(p)}")
        return 0
    if cmd == "execute":
        for p in targets:
            restamp(p)
            print(f"executing {paths.rel(p)}", flush=True)
            execute(p)
        return 0
    if cmd == "check":
        problems = stale()
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
