"""Rerun anywhere: a chapter opened alone fetches the book and gives the committed outputs;
without a repository it stops with one clear message; Binder's postBuild makes the data found.

The kernel runs in a fresh virtual environment that sees this environment's packages but not
the editable install of ``nexus`` (a ``.pth`` line adds site-packages to ``sys.path``; the
``.pth`` files inside it, among them the editable install's, are not processed), so the package
is not importable: as in Colab or in a notebook downloaded from the book.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import nbformat
import pytest

from nexus import project, rerun

CHAPTER = "notebooks/01_historical_implications.ipynb"  # the shortest chapter


def _git(*args, cwd=None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def committed(root):
    """HEAD of this repository (what a clone gets), or skip where there is no git history."""
    try:
        return _git("rev-parse", "HEAD", cwd=root)
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip("not a git checkout")


@pytest.fixture(scope="module")
def bare(root, committed, tmp_path_factory):
    """A bare clone of this repository with a branch at HEAD (the test's edition tag)."""
    path = tmp_path_factory.mktemp("repo") / "book.git"
    _git("clone", "--quiet", "--bare", str(root), str(path))
    _git("update-ref", "refs/heads/rerun-test", committed, cwd=path)
    return path


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """A kernel in a fresh venv that sees this environment's packages, but not nexus."""
    base = tmp_path_factory.mktemp("kernel")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    (site / "book-packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    python = venv / "bin" / "python"
    probe = subprocess.run([str(python), "-c", "import importlib.util as u; print(u.find_spec('nexus') is None)"],
                           capture_output=True, text=True, env={k: v for k, v in os.environ.items()
                                                                if k not in ("PYTHONPATH", "NEXUS_ROOT")})
    assert probe.stdout.strip() == "True", "the test kernel must not see the editable nexus"
    spec = base / "jupyter" / "kernels" / "alone"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "alone", "language": "python"}), encoding="utf-8")
    return base


def _run_alone(root, kernel, tmp_path, monkeypatch, env: dict[str, str]):
    """Copy the committed chapter alone into an empty folder and execute it there."""
    from nbclient import NotebookClient

    alone = tmp_path / "downloads"
    alone.mkdir()
    text = subprocess.run(["git", "show", f"HEAD:{CHAPTER}"], cwd=root, check=True,
                          capture_output=True, text=True).stdout
    (alone / Path(CHAPTER).name).write_text(text, encoding="utf-8")
    for var in ("PYTHONPATH", "NEXUS_ROOT", "NEXUS_REPO", "NEXUS_REF"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("JUPYTER_PATH", str(kernel / "jupyter"))
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    nb = nbformat.reads(text, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="alone", resources={"metadata": {"path": str(alone)}})
    return nbformat.reads(text, as_version=4), nb, client


def _outputs(nb) -> list:
    keep = ("text/plain", "image/png", "text/html", "text/markdown")
    out = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            out.append([(o.get("output_type"), o.get("name"), o.get("text"),
                         {k: v for k, v in o.get("data", {}).items() if k in keep}) for o in cell.outputs])
    return out


def test_chapter_alone_fetches_the_book_and_gives_the_committed_outputs(root, bare, kernel, tmp_path, monkeypatch):
    committed, nb, client = _run_alone(root, kernel, tmp_path, monkeypatch,
                                       {"NEXUS_REPO": str(bare), "NEXUS_REF": "rerun-test"})
    client.execute()
    assert (tmp_path / "home" / "iran-russia-nexus-rerun-test" / "data" / "datapackage.json").is_file()
    got, want = _outputs(nb), _outputs(committed)
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        assert g == w, f"code cell {i} of {CHAPTER} differs when the chapter runs alone"


def test_chapter_alone_without_a_repository_says_what_to_do(root, kernel, tmp_path, monkeypatch):
    from nbclient.exceptions import CellExecutionError

    # no NEXUS_REPO, and no way out: every proxy points at a closed local port
    closed = "http://127.0.0.1:9"
    _, nb, client = _run_alone(root, kernel, tmp_path, monkeypatch,
                               {"https_proxy": closed, "HTTPS_PROXY": closed, "http_proxy": closed,
                                "HTTP_PROXY": closed, "ALL_PROXY": closed, "GIT_CONFIG_NOSYSTEM": "1"})
    with pytest.raises(CellExecutionError) as info:
        client.execute()
    message = str(info.value)
    assert "SystemExit" in message
    assert "could not be fetched" in message and project.repository_url() in message
    assert "git clone" in message and "NEXUS_REPO" in message
    assert not (tmp_path / "home" / f"iran-russia-nexus-v{project.edition()}").exists()


def test_binder_postbuild_makes_the_package_and_data_found(root, committed, tmp_path):
    copy = tmp_path / "binder-home"
    copy.mkdir()
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=root, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(copy)], input=archive, check=True)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    site = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    (site / "book-packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NEXUS_ROOT")}
    env["PATH"] = f"{venv / 'bin'}:{env['PATH']}"
    env["PIP_NO_INDEX"] = "1"  # offline: nothing may come from the index
    proc = subprocess.run(["bash", "binder/postBuild"], cwd=copy, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    probe = ("import nexus, nexus.paths as p; print(p.ROOT); print(len(nexus.load('nmc')))")
    out = subprocess.run([str(venv / "bin" / "python"), "-c", probe], cwd=copy / "notebooks", env=env,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    where, rows = out.stdout.split()
    assert Path(where).resolve() == copy.resolve() and int(rows) > 0
    # repo2docker installs the book's exact lock before postBuild runs
    assert "-r ../requirements.lock" in (copy / "binder" / "requirements.txt").read_text(encoding="utf-8")


def test_rerun_stack_is_pinned_by_the_lock(root):
    pins = rerun.pins(root / "requirements.lock")
    assert set(pins) == set(rerun.STACK)
    # in the book's own environment nothing needs installing
    assert rerun.to_install(root / "requirements.lock") == []


def test_repository_url_is_one_setting(root, config):
    import yaml

    url = project.repository_url()
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["repository-code"].rstrip("/") == url
    assert url in (root / "pages" / "how_to_cite.md").read_text(encoding="utf-8")
    for nb in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        setup = next(c.source for c in nbformat.read(nb, as_version=4).cells if "nexus.setup(" in c.source)
        assert f'"NEXUS_REPO", "{url}"' in setup, f"{nb.name}: the rerun block names another URL"
    assert config["launch_buttons"]["colab_url"] and config["repository"]["url"].rstrip("/") == url


def test_edition_is_one_setting(root):
    import tomllib

    import yaml

    edition = project.edition()
    assert tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"] == edition
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == edition and str(cff["date-released"]) == project.released()


def test_make_lab_opens_the_notebooks_with_the_book_kernel(root):
    """`make lab` (one command) serves notebooks/ in JupyterLab with the book's kernel registered."""
    import signal
    import socket
    import time
    import urllib.request

    if not (root / ".venv" / "bin" / "jupyter-lab").exists():
        pytest.skip("JupyterLab is not installed in .venv (make setup installs requirements-lab.lock)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    args = f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token=nexus-test"
    if os.geteuid() == 0:  # CI runs as root, which Jupyter refuses without this
        args += " --allow-root"
    proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}/api"
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/contents?token=nexus-test", timeout=2) as r:
                    contents = json.load(r)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within 60 s")
        names = {c["name"] for c in contents["content"]}
        assert {p.name for p in (root / "notebooks").glob("[0-9][0-9]_*.ipynb")} <= names
        with urllib.request.urlopen(f"{base}/kernelspecs?token=nexus-test", timeout=5) as r:
            specs = json.load(r)["kernelspecs"]
        assert "iran-russia-nexus" in specs
        assert specs["iran-russia-nexus"]["spec"]["argv"][0].startswith(str(root / ".venv"))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_make_chapter_reruns_with_parameters_into_build_runs(root, tmp_path):
    """`make chapter N=06 ARGS=...` writes _build/runs/, never the committed notebook or figure data."""
    figdata = root / "notebooks" / "figdata"
    before = {p.name: p.read_bytes() for p in figdata.glob("fig-06-*.csv")}
    notebook = (root / "notebooks" / "06_rouhani.ipynb").read_bytes()
    runs = tmp_path / "runs"  # NEXUS_RUNS stands in for _build/runs/, so a teacher's runs are kept
    proc = subprocess.run(["make", "--no-print-directory", "chapter", "N=06", "ARGS=-p COMPARE CHN"], cwd=root,
                          capture_output=True, text=True, env={**os.environ, "NEXUS_RUNS": str(runs)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = nbformat.read(runs / "06_rouhani.ipynb", as_version=4)
    injected = next(c for c in out.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert 'COMPARE = "CHN"' in injected.source
    assert "CHN" in (runs / "figdata" / "fig-06-icews.csv").read_text(encoding="utf-8")
    assert {p.name: p.read_bytes() for p in figdata.glob("fig-06-*.csv")} == before
    assert (root / "notebooks" / "06_rouhani.ipynb").read_bytes() == notebook
    listing = subprocess.run(["make", "--no-print-directory", "chapter", "N=06", "HELP=1"], cwd=root,
                             capture_output=True, text=True).stdout
    assert "COMPARE = " in listing and "Parameters of notebooks/06_rouhani.ipynb" in listing
