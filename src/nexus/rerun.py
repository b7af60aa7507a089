"""Rerun a chapter anywhere: the setup block at the top of every chapter, and what it installs.

Every chapter's first code cell starts with a short, visible block (written by
``python -m nexus.nbtools stamp`` from :func:`bootstrap_source`, so that no chapter spells it
differently). Where the book's package is importable (a checkout with ``make setup``, ``make
lab``, Binder) the block does nothing. Where it is not (Colab, a notebook downloaded alone) it

1. uses the checkout the notebook sits in, if there is one (``../src/nexus``); otherwise
2. clones the book's repository at the edition's tag into ``~/iran-russia-nexus-<edition>``:
   the repository is ``repository.url`` of ``_config.yml`` unless ``NEXUS_REPO`` (a git URL or
   a local path) says otherwise, and the tag ``v<edition>`` unless ``NEXUS_REF`` names another
   branch or tag;
3. puts the clone's ``src`` on ``sys.path`` and calls :func:`install_requirements`, which installs
   the exact versions of :data:`STACK` from the clone's ``requirements.lock`` where the running
   Python has others (Colab ships its own pandas and matplotlib), so that the chapter's numbers
   and figures are the book's.

Where nothing can be fetched the block stops with one message that says what is missing and
the two ways to get it. This module uses the standard library only: it runs before anything
else is installed.
"""
from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

# The distributions a chapter imports (directly or through nexus), pinned by the book's lock.
STACK = ("pandas", "numpy", "matplotlib", "myst-nb", "frictionless", "PyYAML")
# import names whose module, once imported, a pip install cannot replace in a running kernel
MODULES = {"pandas": "pandas", "numpy": "numpy", "matplotlib": "matplotlib", "myst-nb": "myst_nb",
           "frictionless": "frictionless", "PyYAML": "yaml"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path) -> dict[str, str]:
    """The versions of :data:`STACK` in a requirements lock (``name==version`` lines)."""
    found = {}
    for line in Path(lock).read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", line)
        if m:
            found[_norm(m.group(1))] = m.group(2)
    missing = [d for d in STACK if _norm(d) not in found]
    if missing:
        raise SystemExit(f"{lock}: no pinned version for {missing}")
    return {d: found[_norm(d)] for d in STACK}


def _installed(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def to_install(lock: Path) -> list[str]:
    """``name==version`` of every pinned distribution that this Python has in another version."""
    return [f"{d}=={v}" for d, v in pins(lock).items() if _installed(d) != v]


def install_requirements(book: Path | str | None = None) -> list[str]:
    """Install the book's pinned stack where this Python differs; return what was installed.

    If a distribution had to be replaced after its module was imported in this kernel, the new
    version cannot take effect until a restart: stop with a message that says so.
    """
    book = Path(book) if book is not None else Path(__file__).resolve().parents[2]
    needed = to_install(book / "requirements.lock")
    if not needed:
        return []
    print("Installing the book's pinned packages: " + ", ".join(needed), flush=True)
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *needed])
    if proc.returncode:
        raise SystemExit("pip could not install " + ", ".join(needed) + ". Install them by hand "
                         "(pip install " + " ".join(needed) + ") and rerun this cell.")
    loaded = [spec for spec in needed if MODULES[spec.split("==")[0]] in sys.modules]
    if loaded:
        raise SystemExit("The book's " + ", ".join(loaded) + " replaced versions this kernel had "
                         "already imported. Restart the kernel (on Colab: Runtime, Restart session) "
                         "and run this cell again; the book is already fetched.")
    return needed


def bootstrap_source(repo_url: str, edition: str) -> str:
    """The block every chapter's setup cell starts with (checked by the tests, written by stamp)."""
    return f'''# Rerun anywhere: with the book's package installed (a checkout, `make lab`, Binder) this block does
# nothing. Opened alone (Colab, a downloaded notebook) it fetches the book at edition {edition} and
# installs its pinned packages. NEXUS_REPO (a git URL or a local path) and NEXUS_REF override.
import importlib.util
import os
import subprocess
import sys

if importlib.util.find_spec("nexus") is None:
    REPO = os.environ.get("NEXUS_REPO", "{repo_url}")
    REF = os.environ.get("NEXUS_REF", "v{edition}")
    BOOK = os.path.abspath("..") if os.path.isdir("../src/nexus") else os.path.expanduser("~/iran-russia-nexus-" + REF)
    fetch = ["git", "clone", "--quiet", "--depth=1", "--branch", REF, REPO, BOOK]
    if not os.path.isdir(BOOK) and subprocess.run(fetch, env={{**os.environ, "GIT_TERMINAL_PROMPT": "0"}}).returncode:
        raise SystemExit(f"This chapter needs the book's package and data: the book at {{REF}} from {{REPO}} could "
                         "not be fetched. Either clone the book (git clone " + REPO + ") and open the chapter "
                         "there, or set NEXUS_REPO to a git URL or a local copy of the book, then rerun this cell.")
    sys.path.insert(0, os.path.join(BOOK, "src"))
    import nexus.rerun

    nexus.rerun.install_requirements(BOOK)
'''
