"""Determinism: a second clean build gives the same bytes, and re-execution reproduces the PNGs.

Two halves make up "two clean builds are byte-identical":

* execution: strict nbval re-executes every chapter and compares every output with the committed
  one, the figures' PNG bytes included (nbval skips ``image/png`` by default;
  the book's pytest plugin ``nexus.pytest_plugin`` puts it back). ``test_nbval_compares_png_bytes`` proves that a
  changed PNG fails;
* Sphinx: ``test_second_clean_build_is_byte_identical`` builds the book again in a copy of the
  repository in another folder, with no ``_build`` except the executed notebooks (which nbval shows
  to be reproducible), and compares every file of the two ``_build/html`` trees.
"""
from __future__ import annotations

import base64
import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nexus.paths import copy_repo

PNG = "image/png"
# The execution-status page records how long each chapter took: it varies by design.
VARIES = {"pages/execution.html"}


def tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_second_clean_build_is_byte_identical(html, root, tmp_path):
    copy = tmp_path / "book"
    copy_repo(root, copy)
    cache = root / "_build" / ".jupyter_cache"
    if cache.is_dir():
        shutil.copytree(cache, copy / "_build" / ".jupyter_cache")
    exe = Path(sys.executable).with_name("jupyter-book")
    env = {**os.environ, "NEXUS_ROOT": str(copy), "PYDEVD_DISABLE_FILE_VALIDATION": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(copy / "src"), os.environ.get("PYTHONPATH")]))}
    env.pop("NEXUS_HTML", None)
    # the copy has no .git: the pages' "last changed" dates (nexus.sphinxext) come from this
    # repository's history, so both builds are of the same commit
    git_dir = subprocess.run(["git", "-C", str(root), "rev-parse", "--absolute-git-dir"],
                             capture_output=True, text=True)
    if git_dir.returncode == 0:
        env["NEXUS_GIT_DIR"] = git_dir.stdout.strip()
    proc = subprocess.run([str(exe), "build", ".", "-W", "-n", "--keep-going"], cwd=copy,
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    second = copy / "_build" / "html"
    first_files, second_files = tree(html), tree(second)
    assert first_files == second_files, (
        f"only in the first build: {sorted(first_files - second_files)[:10]}; "
        f"only in the second: {sorted(second_files - first_files)[:10]}")
    differ = [f for f in sorted(first_files - VARIES)
              if not filecmp.cmp(html / f, second / f, shallow=False)]
    assert not differ, f"{len(differ)} files differ between two clean builds: {differ[:10]}"
    assert len(first_files) > 100  # pages, images, downloads: the comparison covered the book


@pytest.fixture
def tampered(root, tmp_path) -> Path:
    """A copy of chapter I, in the notebooks folder's place, with one bit of one figure flipped."""
    nb = nbformat.read(root / "notebooks" / "01_historical_implications.ipynb", as_version=4)
    flipped = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if PNG in out.get("data", {}) and not flipped:
                png = bytearray(base64.b64decode(out["data"][PNG]))
                png[len(png) // 2] ^= 1
                out["data"][PNG] = base64.b64encode(bytes(png)).decode()
                flipped += 1
    assert flipped == 1, "chapter I has no glued figure to tamper with"
    path = tmp_path / "notebooks" / "tampered.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)
    return path


def test_nbval_compares_png_bytes(root, tampered):
    """With the project's pytest settings, a chapter whose committed PNG differs by one bit from
    what re-execution draws fails nbval; so `make test` checks every figure's bytes."""
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-c", str(root / "pyproject.toml"),
                           "--rootdir", str(tampered.parent.parent), str(tampered)],
                          cwd=root, capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out[-3000:]
    assert "1 failed" in out and "md5=" in out, out[-3000:]
