"""Where things are: every path is resolved from the repository root.

The root is the folder holding ``_config.yml``; it is found by walking up from
this file (editable install) or from the current directory, so a notebook runs
the same from jupyter-book, from pytest/nbval and from a reader's Jupyter
started anywhere inside the repository.
"""
from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    env = os.environ.get("NEXUS_ROOT")
    if env:
        return Path(env).resolve()
    for start in (Path(__file__).resolve(), Path.cwd().resolve()):
        for candidate in (start, *start.parents):
            if (candidate / "_config.yml").is_file() and (candidate / "data").is_dir():
                return candidate
    raise RuntimeError(
        "Cannot find the book's root (a folder with _config.yml and data/). "
        "Run from inside the repository or set NEXUS_ROOT."
    )


ROOT: Path = _find_root()
DATA: Path = ROOT / "data"
MANIFEST: Path = DATA / "datapackage.json"
DOWNLOADS: Path = ROOT / "notebooks" / "_downloads"


def raw_root() -> Path:
    """Folder of the raw public datasets (``NEXUS_RAW_DATA``, default ``../shared/data``)."""
    env = os.environ.get("NEXUS_RAW_DATA")
    return Path(env).resolve() if env else (ROOT.parent / "shared" / "data").resolve()


def rel(path: Path) -> str:
    """A path as shown to readers: relative to the repository root, never absolute."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return Path(path).name


def toc_files(root: Path | None = None) -> list[str]:
    """Every document of the book's ``_toc.yml`` (the root first), as paths without suffix."""
    import yaml

    root = Path(root) if root is not None else ROOT
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(node) -> None:
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(toc.get("parts", toc.get("chapters", [])))
    return files
