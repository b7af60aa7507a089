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


# folders never copied by copy_repo (used by its fallback walk when git is unavailable)
SKIP_DIRS = {".git", ".venv", "_build", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache",
             ".ipynb_checkpoints"}


def repo_files(root: Path | None = None) -> list[str]:
    """The book's source files: tracked plus untracked, not ignored ones (``git ls-files``), plus
    all of ``data/``; without git, the tree minus build, environment and cache folders."""
    import subprocess

    root = Path(root) if root is not None else ROOT
    files: set[str] = set()
    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], capture_output=True, check=True).stdout
        files.update(p for p in out.decode().split("\0") if p)
    except (OSError, subprocess.CalledProcessError):
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
            files.update(Path(dirpath, f).relative_to(root).as_posix() for f in filenames)
    for p in (root / "data").rglob("*"):
        if p.is_file() and "__pycache__" not in p.parts:
            files.add(p.relative_to(root).as_posix())
    return sorted(f for f in files
                  if (root / f).is_file() and not f.startswith(("benchmarks/results/", "_build/")))


def copy_repo(root: Path, dst: Path) -> int:
    """Copy the book's source files (:func:`repo_files`) to ``dst``; symlink ``node_modules``
    (git-ignored; the browser tests need axe-core from it). Returns the number of files."""
    import shutil

    root, dst = Path(root), Path(dst)
    files = repo_files(root)
    for name in files:
        target = dst / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    if (root / "node_modules").is_dir() and not (dst / "node_modules").exists():
        (dst / "node_modules").symlink_to(root / "node_modules", target_is_directory=True)
    return len(files)
