"""Shared fixtures: the repository root, the raw data folder, the derive scripts, the built HTML."""
from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "data" / "scripts"
RAW = Path(os.environ.get("NEXUS_RAW_DATA", ROOT.parent / "shared" / "data"))
LOCAL_HOST = "127.0.0.1"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def config(root) -> dict:
    """The book's _config.yml."""
    import yaml

    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def raw() -> Path:
    """The raw public datasets; tests that need them are skipped where they are absent."""
    if not RAW.is_dir():
        pytest.skip(f"raw datasets not present at {RAW.name}")
    return RAW


def load_script(stem: str):
    """Import data/scripts/<stem>.py as a module."""
    path = SCRIPTS / f"{stem}.py"
    spec = importlib.util.spec_from_file_location(stem, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[stem] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def script():
    return load_script


@pytest.fixture(scope="session")
def html(root) -> Path:
    """Build the book once per test session with -W --keep-going: a clean Sphinx build (no
    ``_build/html`` or doctrees left from earlier builds, which would change the pages: Sphinx
    adds ``?v=`` checksums to static links only when the files are already there), with
    notebook outputs from the execution cache where their code and data stamp are unchanged.

    If NEXUS_HTML names a folder, that already-built HTML is used and nothing is built.
    """
    prebuilt = os.environ.get("NEXUS_HTML")
    if prebuilt:
        path = Path(prebuilt).resolve()
        assert (path / "index.html").is_file(), f"NEXUS_HTML={prebuilt} has no index.html"
        return path
    for stale in ("html", ".doctrees", "jupyter_execute"):
        shutil.rmtree(root / "_build" / stale, ignore_errors=True)
    exe = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run([str(exe), "build", ".", "-W", "-n", "--keep-going"], cwd=root,
                          capture_output=True, text=True, env={**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-6000:]
    # Sphinx's own warnings ("path:line: WARNING: ..."); -W already makes them fatal, this names them.
    # (ipykernel's "[IPKernelApp] WARNING | Kernel is running over TCP" is not a build warning.)
    sphinx_warnings = [line for line in log.splitlines() if "WARNING:" in line]
    assert not sphinx_warnings, sphinx_warnings[:10]
    return root / "_build" / "html"


@pytest.fixture(scope="session")
def server(html):
    """The built HTML over HTTP on 127.0.0.1, at a free port; yields the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(Quiet, directory=str(html)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://{LOCAL_HOST}:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def book_pages(html: Path, root: Path) -> list[str]:
    """The pages to test, relative to the HTML root: every _toc.yml entry, the search page, the general index."""
    from nexus.paths import toc_files

    book = html.parents[1] if (html.parents[1] / "_toc.yml").is_file() else root
    return [f"{f}.html" for f in toc_files(book)] + ["search.html", "genindex.html"]


@pytest.fixture(scope="module")
def frames(request, raw, script):
    """name -> (metadata, derived frame) for every resource of the test module's MODULES."""
    out = {}
    for stem in request.module.MODULES:
        mod = script(stem)
        derived = mod.derive(raw)
        for meta in mod.RESOURCES:
            out[meta["name"]] = (meta, derived[meta["name"]])
    return out


def one(df, **where):
    """The single row of df matching every column=value given; fails if there are 0 or several."""
    sel = df
    for k, v in where.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"{where}: {len(sel)} rows"
    return sel.iloc[0]
