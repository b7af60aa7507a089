#!/usr/bin/env python
"""Speed benchmark of the book build, run by ``make bench`` (never by the tests).

Everything happens on a COPY of the repository in a temporary folder: the files
``git ls-files`` lists (tracked, plus untracked files that are not git-ignored)
and everything under ``data/``; ``node_modules/`` is symlinked for the browser
tests. This checkout's ``_build`` and notebooks are never touched. Every
subprocess gets ``NEXUS_ROOT=<copy>`` and ``PYTHONPATH=<copy>/src`` (so the
copy's ``nexus`` package is imported, not the editable install's).

Measured, wall clock:

1. cold build: ``jupyter-book build . -W -n --keep-going`` with no ``_build``
   (every notebook executed);
2. warm rebuild, nothing changed;
3. rebuild after one prose edit: (a) a sentence appended to a Markdown cell of
   one chapter; (b) a sentence appended to ``pages/licence.md``;
4. rebuild after one data file changes: one value of a small CSV is changed,
   its sha256/bytes updated in ``data/datapackage.json``, ``python -m
   nexus.nbtools stamp`` run; the notebooks re-executed (new jupyter-cache
   records) must be exactly those whose stamp names the file;
5. the full test suite (``python -m pytest -q``), after reverting the edits;
6. total size of ``_build/html`` and its largest page.

Baseline, measured in the same run: a generated book with as many trivial
notebooks as the real one has chapters (each imports pandas and matplotlib and
draws one line y = k*x), with the same execution settings; its cold build, warm
rebuild and one-edit rebuilds. Each time is reported with its ratio to the
baseline's, and PASS/FAIL against the targets (cold <= 2x, warm and one-edit
<= 2x, tests < 300 s). The quick rebuilds (warm, prose edits) are repeated
``--repeat`` times (a new sentence each time) and the median is reported.
The targets never fail the script; a wrong set of re-executed notebooks in
step 4 does (exit status 1).

``--profile`` then re-executes every chapter once more in the copy with
nbclient and reports per-cell times and, measured inside each kernel, the time
spent in ``nexus.data.validate`` (frictionless + sha256, called by every
``load()``) and in rendering figures to PNG.

Output: a table on stdout, ``benchmarks/results/bench-<UTC date-time>.csv`` and
``benchmarks/results/latest.csv``; build logs in
``benchmarks/results/logs-<UTC date-time>/``.

    python benchmarks/run.py [--skip-tests] [--profile] [--repeat N] [--cold-repeat N] [--data-file NAME] [--keep]
"""
from __future__ import annotations

import argparse
import ast
import csv
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import yaml

from nexus.paths import copy_repo, toc_files

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
PY = sys.executable
JB = str(Path(PY).with_name("jupyter-book"))
BUILD = ["build", ".", "-W", "-n", "--keep-going"]

SETUP_RE = re.compile(r"nexus\.setup\((\{.*?\})\)", re.S)
SENTENCE = "This sentence was appended by the speed benchmark."

# targets: ratio to the baseline (or seconds for the tests)
TARGET_RATIO = {"cold_build": 2.0, "warm_rebuild": 2.0, "edit_chapter_prose": 2.0, "edit_page_prose": 2.0}
TARGET_TESTS_S = 300.0

# copying the repository: nexus.paths.copy_repo (shared with tests/test_determinism.py)


def make_env(copy: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["NEXUS_ROOT"] = str(copy)
    env["PYTHONPATH"] = os.pathsep.join([str(copy / "src"), *filter(None, [env.get("PYTHONPATH")])])
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    for var in ("NEXUS_HTML", "NEXUS_FIGDATA"):
        env.pop(var, None)
    # the raw datasets sit next to the real repository, not next to the copy
    raw = ROOT.parent / "shared" / "data"
    if "NEXUS_RAW_DATA" not in env and raw.is_dir():
        env["NEXUS_RAW_DATA"] = str(raw)
    return env


# ---------------------------------------------------------------------------------------------
# building and reading jupyter-cache


def cache_records(book: Path) -> dict[int, dict]:
    """pk -> {uri, created, seconds} of the book's jupyter-cache (empty if there is none)."""
    path = book / "_build" / ".jupyter_cache"
    if not (path / "global.db").is_file():
        return {}
    from jupyter_cache import get_cache

    return {r.pk: {"uri": r.uri, "created": r.created, "seconds": (r.data or {}).get("execution_seconds")}
            for r in get_cache(str(path)).list_cache_records()}


def doc_name(book: Path, uri: str) -> str:
    try:
        return Path(uri).resolve().relative_to(book.resolve()).as_posix()
    except ValueError:
        return uri


# myst-nb logs "<path>.ipynb: Executing notebook using local CWD" / "...: Using cached notebook: ID=n"
LOG_RE = re.compile(r"(\S+\.ipynb): (Executing notebook|Using cached notebook)")


def build(book: Path, env: dict, label: str, logdir: Path) -> dict:
    """One timed ``jupyter-book build``; returns seconds, rc and the notebooks (re-)executed."""
    before = cache_records(book)
    t0 = time.perf_counter()
    proc = subprocess.run([JB, *BUILD], cwd=book, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    log = proc.stdout + "\n--- stderr ---\n" + proc.stderr
    logdir.mkdir(parents=True, exist_ok=True)
    (logdir / f"{label}.log").write_text(log, encoding="utf-8")
    after = cache_records(book)
    executed = sorted(doc_name(book, r["uri"]) for pk, r in after.items()
                      if pk not in before or before[pk]["created"] != r["created"])
    # the log says the same thing; kept as a cross-check
    log_exec = sorted({doc_name(book, m.group(1)) for m in LOG_RE.finditer(log)
                       if m.group(2) == "Executing notebook"})
    # Sphinx warnings only (the kernels' "[IPKernelApp] WARNING | ... without encryption" is noise)
    warnings = sum(1 for ln in proc.stderr.splitlines() if "WARNING:" in ln and not ln.startswith("[IPKernelApp]"))
    status = "ok" if proc.returncode == 0 else f"rc={proc.returncode}"
    print(f"  {label:<30} {seconds:8.1f} s  {status:<6} executed {len(executed)} notebook(s)"
          f"{'' if not warnings else f', {warnings} Sphinx warning(s)'}", flush=True)
    if log_exec != executed:
        print(f"    note: the log says executed {log_exec}, jupyter-cache says {executed}", flush=True)
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        print(f"    build failed; see {logdir / (label + '.log')}\n{tail}", file=sys.stderr)
    return {"seconds": seconds, "rc": proc.returncode, "executed": executed, "log_executed": log_exec,
            "records": after, "warnings": warnings, "all": [seconds]}


def merge(runs: list[dict]) -> dict:
    """Several builds of one kind as one result: the median time, all times kept."""
    out = dict(runs[-1])
    out["all"] = [r["seconds"] for r in runs]
    out["seconds"] = statistics.median(out["all"])
    out["rc"] = max(r["rc"] for r in runs)
    out["executed"] = sorted({e for r in runs for e in r["executed"]})
    return out


def repeated(book: Path, env: dict, label: str, logdir: Path, n: int, edit=None) -> dict:
    """``n`` builds (each after ``edit()`` if given); the median time, all times kept."""
    runs = []
    for i in range(n):
        if edit:
            edit()
        runs.append(build(book, env, f"{label}-{i + 1}" if n > 1 else label, logdir))
    return merge(runs)


def cold_pairs(base: Path, copy: Path, env: dict, logdir: Path, n: int) -> tuple[dict, dict]:
    """``n`` cold builds of the baseline and of the book, alternating (so that a busy spell of the
    machine falls on both), each with no ``_build``; the medians. The book's last build stays."""
    b_runs, runs = [], []
    for i in range(n):
        suffix = f"-{i + 1}" if n > 1 else ""
        shutil.rmtree(base / "_build", ignore_errors=True)
        b_runs.append(build(base, env, f"baseline-cold{suffix}", logdir))
        shutil.rmtree(copy / "_build", ignore_errors=True)
        runs.append(build(copy, env, f"cold{suffix}", logdir))
    # the baseline's later steps start from a cold-built _build of its own
    if n > 1:
        shutil.rmtree(base / "_build", ignore_errors=True)
        build(base, env, "baseline-cold-again", logdir)
    return merge(b_runs), merge(runs)


# ---------------------------------------------------------------------------------------------
# the edits


def toc_notebooks(book: Path) -> list[str]:
    out = []
    for f in toc_files(book):
        p = book / f
        if p.suffix != ".ipynb":
            p = p.with_suffix(".ipynb")
        if p.is_file():
            out.append(p.relative_to(book).as_posix())
    return out


def append_to_markdown_cell(nb_path: Path) -> None:
    nb = nbformat.read(nb_path, as_version=4)
    cell = [c for c in nb.cells if c.cell_type == "markdown"][-1]
    cell.source = cell.source.rstrip("\n") + " " + SENTENCE
    nbformat.write(nb, nb_path)


def append_to_page(md: Path) -> None:
    md.write_text(md.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + SENTENCE + "\n", encoding="utf-8")


def stamps(book: Path) -> dict[str, dict[str, str]]:
    """notebook (relative path) -> its data stamp."""
    out = {}
    for path in sorted((book / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for c in nb.cells:
            if c.cell_type == "code":
                m = SETUP_RE.search(c.source)
                if m:
                    out[path.relative_to(book).as_posix()] = ast.literal_eval(m.group(1))
                    break
    return out


def pick_data_file(book: Path, wanted: str | None) -> dict:
    """A small CSV read by one or a few chapters, with a free numeric column to change."""
    pkg = json.loads((book / "data" / "datapackage.json").read_text(encoding="utf-8"))
    st = stamps(book)
    cands = []
    for res in pkg["resources"]:
        users = [nb for nb, s in st.items() if res["name"] in s]
        key = set(res["schema"].get("primaryKey", []))
        nums = [f["name"] for f in res["schema"]["fields"]
                if f["type"] == "number" and f["name"] not in key and not f.get("constraints")]
        if res.get("format") == "csv" and nums and users:
            cands.append((len(users), res.get("bytes", 0), res["name"], nums[0]))
    if wanted:
        match = [c for c in cands if c[2] == wanted]
        if not match:
            raise SystemExit(f"--data-file {wanted}: not a CSV read by a chapter with a free number column; "
                             f"candidates: {', '.join(sorted(c[2] for c in cands))}")
        n, size, name, col = match[0]
    else:  # fewest readers, then smallest
        n, size, name, col = sorted(c for c in cands if c[0] <= 3)[0]
    res = next(r for r in pkg["resources"] if r["name"] == name)
    return {"name": name, "path": res["path"], "column": col, "bytes": size}


def change_one_value(csv_path: Path, column: str) -> str:
    """Change the last digit of ``column`` in the middle data row, in place; keep every other byte."""
    lines = csv_path.read_bytes().decode("utf-8").split("\n")
    header = next(csv.reader([lines[0]]))
    col = header.index(column)
    body = [i for i in range(1, len(lines)) if lines[i].strip()]
    for i in body[len(body) // 2:] + body[: len(body) // 2]:
        line = lines[i].rstrip("\r")
        if '"' in line:
            continue
        cells = line.split(",")
        if len(cells) != len(header) or not re.fullmatch(r"-?\d+(\.\d+)?", cells[col]):
            continue
        old = cells[col]
        d = int(old[-1])
        cells[col] = old[:-1] + str(d + 1 if d < 9 else d - 1)
        lines[i] = ",".join(cells) + ("\r" if lines[i].endswith("\r") else "")
        csv_path.write_bytes("\n".join(lines).encode("utf-8"))
        return f"row {i + 1}, {column}: {old} -> {cells[col]}"
    raise SystemExit(f"{csv_path.name}: found no row whose {column!r} could be changed")


def update_manifest(manifest: Path, name: str, csv_path: Path) -> None:
    data = csv_path.read_bytes()
    pkg = json.loads(manifest.read_text(encoding="utf-8"))
    res = next(r for r in pkg["resources"] if r["name"] == name)
    res["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    res["bytes"] = len(data)
    manifest.write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# the baseline book


def baseline_book(dst: Path, real: Path, n: int) -> None:
    cfg = yaml.safe_load((real / "_config.yml").read_text(encoding="utf-8"))
    sphinx_cfg = {k: v for k, v in ((cfg.get("sphinx") or {}).get("config") or {}).items()
                  if k.startswith("nb_execution")}
    config = {
        "title": "Baseline",
        "author": "benchmark",
        "only_build_toc_files": True,
        "exclude_patterns": ["_build"],
        "execute": cfg.get("execute", {"execute_notebooks": "cache"}),
        "sphinx": {"config": sphinx_cfg},
    }
    dst.mkdir(parents=True)
    (dst / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    chapters = [{"file": f"notebooks/nb{k:02d}"} for k in range(1, n + 1)] + [{"file": "pages/about"}]
    toc = {"format": "jb-book", "root": "index", "chapters": chapters}
    (dst / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    (dst / "index.md").write_text("# Baseline\n\nA book of trivial notebooks.\n", encoding="utf-8")
    (dst / "pages").mkdir()
    (dst / "pages" / "about.md").write_text("# About\n\nA page of prose.\n", encoding="utf-8")
    (dst / "notebooks").mkdir()
    for k in range(1, n + 1):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
        nb.cells = [
            nbformat.v4.new_markdown_cell(f"# Chapter {k}\n\nA straight line with slope {k}."),
            nbformat.v4.new_code_cell(
                "import matplotlib.pyplot as plt\nimport pandas as pd\n\n"
                f"k = {k}\nframe = pd.DataFrame({{'x': range(50)}})\nframe['y'] = k * frame['x']\n"
                "fig, ax = plt.subplots()\nax.plot(frame['x'], frame['y'])\n"
                "ax.set_title(f'y = {k} x')\nplt.show()"),
        ]
        nbformat.write(nb, dst / "notebooks" / f"nb{k:02d}.ipynb")


def change_baseline_code(nb_path: Path) -> None:
    nb = nbformat.read(nb_path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code")
    cell.source = re.sub(r"^k = (\d+)$", lambda m: f"k = {int(m.group(1)) + 100}", cell.source, flags=re.M)
    nbformat.write(nb, nb_path)


# ---------------------------------------------------------------------------------------------
# sizes, tests, profile


def html_sizes(book: Path) -> dict:
    html = book / "_build" / "html"
    files = [p for p in html.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    images = [p for p in files if p.suffix in {".png", ".svg", ".jpg"} and "_static" not in p.parts]
    big_img = max(images, key=lambda p: p.stat().st_size) if images else None
    return {
        "total": sum(p.stat().st_size for p in files), "files": len(files),
        "pages": sum(p.stat().st_size for p in pages), "n_pages": len(pages),
        "largest": largest.stat().st_size, "largest_name": largest.relative_to(html).as_posix(),
        "images": sum(p.stat().st_size for p in images), "n_images": len(images),
        "largest_image": big_img.stat().st_size if big_img else 0,
        "largest_image_name": big_img.relative_to(html).as_posix() if big_img else "",
    }


def run_tests(book: Path, env: dict, logdir: Path, timeout: float) -> dict:
    t0 = time.perf_counter()
    try:
        proc = subprocess.run([PY, "-m", "pytest", "-q"], cwd=book, env=env, capture_output=True, text=True,
                              timeout=timeout)
        rc, out = proc.returncode, proc.stdout + "\n--- stderr ---\n" + proc.stderr
    except subprocess.TimeoutExpired as exc:
        partial = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        rc, out = "timeout", f"timed out after {timeout} s\n{partial}"
    seconds = time.perf_counter() - t0
    (logdir / "pytest.log").write_text(out, encoding="utf-8")
    summary = next((ln.strip("= ") for ln in reversed(out.splitlines())
                    if re.search(r"\d+ (passed|failed|error)", ln)), "")
    failed = [ln.split(" - ")[0].removeprefix("FAILED ") for ln in out.splitlines() if ln.startswith("FAILED ")]
    print(f"  {'test suite':<30} {seconds:8.1f} s  rc={rc}  {summary}", flush=True)
    for f in failed:
        print(f"    failed: {f}", flush=True)
    return {"seconds": seconds, "rc": rc, "summary": summary, "failed": failed}


# Runs in a subprocess: executes each chapter with nbclient, timing every cell, with
# nexus.data.validate and FigureCanvasBase.print_figure wrapped by timers inside the kernel.
PROFILE_SNIPPET = r'''
import json, sys, time
from pathlib import Path
import nbformat
from nbclient import NotebookClient

INSTRUMENT = """
import time as _t, json as _j
import nexus.data as _nd
from matplotlib.backend_bases import FigureCanvasBase as _FCB
_T = {"validate": 0.0, "validate_n": 0, "print_figure": 0.0, "print_figure_n": 0}
def _wrap(fn, key):
    def inner(*a, **k):
        t0 = _t.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            _T[key] += _t.perf_counter() - t0
            _T[key + "_n"] += 1
    return inner
_nd.validate = _wrap(_nd.validate, "validate")
_FCB.print_figure = _wrap(_FCB.print_figure, "print_figure")
"""
out = []
for p in sys.argv[1:]:
    nb = nbformat.read(p, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(Path(p).parent)}})
    client.reset_execution_trackers()
    t0 = time.perf_counter()
    with client.setup_kernel():
        start = time.perf_counter() - t0

        def extra(source):  # a cell of our own: nbclient stores it at its index, so append it
            nb.cells.append(nbformat.v4.new_code_cell(source))
            client.execute_cell(nb.cells[-1], len(nb.cells) - 1)
            return nb.cells.pop()

        i0 = time.perf_counter()
        extra(INSTRUMENT)  # imports pandas, matplotlib and nexus, as the setup cell would
        imports = time.perf_counter() - i0
        total = 0.0
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            c0 = time.perf_counter()
            client.execute_cell(cell, i)
            secs = time.perf_counter() - c0
            total += secs
            png = sum(len(o.get("data", {}).get("image/png", "")) + len(
                      o.get("data", {}).get("application/papermill.record/image/png", ""))
                      for o in cell.get("outputs", []))
            first = next((ln for ln in cell.source.splitlines() if ln.strip() and not ln.startswith("#")), "")
            out.append({"notebook": Path(p).name, "cell": str(i), "seconds": secs, "png_b64_bytes": png,
                        "loads": cell.source.count("load("), "first_line": first[:70]})
        probe = extra("print(_j.dumps(_T))")
        timers = json.loads("".join(o.get("text", "") for o in probe.outputs if o.get("name") == "stdout"))
    out.append({"notebook": Path(p).name, "cell": "kernel start", "seconds": start, "png_b64_bytes": 0,
                "loads": 0, "first_line": ""})
    out.append({"notebook": Path(p).name, "cell": "imports", "seconds": imports, "png_b64_bytes": 0,
                "loads": 0, "first_line": "pandas, matplotlib, nexus (before the chapter's cells)"})
    out.append({"notebook": Path(p).name, "cell": "all code cells", "seconds": total, "png_b64_bytes": 0,
                "loads": 0, "first_line": ""})
    out.append({"notebook": Path(p).name, "cell": "in validate()", "seconds": timers["validate"],
                "png_b64_bytes": 0, "loads": timers["validate_n"], "first_line": "frictionless + sha256, per load()"})
    out.append({"notebook": Path(p).name, "cell": "in print_figure()", "seconds": timers["print_figure"],
                "png_b64_bytes": 0, "loads": 0, "first_line": f"{timers['print_figure_n']} PNG renders"})
print(json.dumps(out))
'''

IMPORT_SNIPPET = r"""
import time
t = time.perf_counter(); import pandas, matplotlib.pyplot; base = time.perf_counter() - t
t = time.perf_counter(); import nexus; from myst_nb import glue; nx = time.perf_counter() - t
t = time.perf_counter(); import frictionless; fr = time.perf_counter() - t
from nexus import data
import pandas as pd
names = [r["name"] for r in data.manifest()["resources"]]
t = time.perf_counter(); [data.validate(n) for n in names]; val = time.perf_counter() - t
t = time.perf_counter(); [pd.read_csv(data.paths.DATA / data.resource(n)["path"]) for n in names]; rc = time.perf_counter() - t
print(f"{base:.3f} {nx:.3f} {fr:.3f} {val:.3f} {rc:.3f} {len(names)}")
"""


def profile(book: Path, env: dict, notebooks: list[str]) -> list[dict]:
    """Per-cell execution times of every chapter (nbclient), and the cost of the package's imports/loads."""
    print("profiling: executing every chapter once more, timing each cell ...", flush=True)
    proc = subprocess.run([PY, "-c", PROFILE_SNIPPET, *[str(book / nb) for nb in notebooks]], cwd=book, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
        return []
    cells = json.loads(proc.stdout.strip().splitlines()[-1])
    imp = subprocess.run([PY, "-c", IMPORT_SNIPPET], cwd=book, env=env, capture_output=True, text=True)
    if imp.returncode == 0:
        base, nx, fr, val, rc, n = imp.stdout.split()
        for label, secs, loads in (("import pandas + matplotlib.pyplot", base, 0),
                                   ("then import nexus + myst_nb.glue", nx, 0),
                                   ("then import frictionless", fr, 0),
                                   (f"validate() all {n} data files", val, n),
                                   (f"pd.read_csv() the same {n} files", rc, n)):
            cells.append({"notebook": "(fresh interpreter)", "cell": label, "seconds": float(secs),
                          "png_b64_bytes": 0, "loads": int(loads), "first_line": ""})
    return cells


# ---------------------------------------------------------------------------------------------


def fmt_s(x):
    return "" if x is None else f"{x:.1f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--skip-tests", action="store_true", help="do not time the test suite (it is slow)")
    ap.add_argument("--profile", action="store_true",
                    help="also time every cell of every chapter, validation and PNG rendering")
    ap.add_argument("--repeat", type=int, default=3,
                    help="builds per quick rebuild (warm, prose edits); the median is reported (default 3)")
    ap.add_argument("--cold-repeat", type=int, default=3,
                    help="cold builds of each book, alternating baseline and book; the median is "
                         "reported (default 3: the machine's speed varies from minute to minute)")
    ap.add_argument("--data-file", help="manifest name of the data file to change (default: picked)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--tmp", help="parent folder of the temporary copies (default: system temp)")
    ap.add_argument("--test-timeout", type=float, default=3600.0)
    args = ap.parse_args(argv)
    rep = max(1, args.repeat)

    stamp_time = dt.datetime.now(dt.UTC)
    load_start = os.getloadavg()[0]
    tag = stamp_time.strftime("%Y-%m-%dT%H%M%SZ")
    logdir = RESULTS / f"logs-{tag}"
    logdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="nexus-bench-", dir=args.tmp))
    copy, base = work / "book", work / "baseline"
    rows: list[dict] = []
    failed_check = False

    def row(metric, value, unit, baseline=None, target="", status="", detail=""):
        ratio = (value / baseline) if (baseline and value is not None and unit == "s") else None
        rows.append({"metric": metric, "value": value, "unit": unit, "baseline": baseline,
                     "ratio": ratio, "target": target, "status": status, "detail": detail})

    try:
        n_files = copy_repo(ROOT, copy)
        shutil.rmtree(copy / "_build", ignore_errors=True)
        env = make_env(copy)
        notebooks = toc_notebooks(copy)
        print(f"copy: {n_files} files -> {copy}; {len(notebooks)} notebooks in _toc.yml", flush=True)

        # warm the OS page cache for the toolchain, so neither book pays for it alone
        subprocess.run([PY, "-c", "import matplotlib.pyplot, pandas, myst_nb, sphinx, jupyter_book"],
                       env=env, capture_output=True)

        # ---- baseline
        baseline_book(base, copy, len(notebooks))
        print("cold builds (baseline and book alternating):", flush=True)
        b_cold, cold = cold_pairs(base, copy, env, logdir, max(1, args.cold_repeat))
        print("baseline book:", flush=True)
        b_warm = repeated(base, env, "baseline-warm", logdir, rep)
        b_edit = repeated(base, env, "baseline-edit-notebook-md", logdir, rep,
                          lambda: append_to_markdown_cell(base / "notebooks" / "nb01.ipynb"))
        b_page = repeated(base, env, "baseline-edit-page-md", logdir, rep,
                          lambda: append_to_page(base / "pages" / "about.md"))
        change_baseline_code(base / "notebooks" / "nb02.ipynb")
        b_code = build(base, env, "baseline-edit-code", logdir)
        b_html = html_sizes(base)

        # ---- the book
        print("the book (after its cold builds above):", flush=True)
        exec_times = sorted(((doc_name(copy, r["uri"]), r["seconds"] or 0.0) for r in cold["records"].values()),
                            key=lambda t: -t[1])
        html = html_sizes(copy)
        warm = repeated(copy, env, "warm", logdir, rep)

        originals: dict[Path, bytes] = {}

        def keep(p: Path):
            originals.setdefault(p, p.read_bytes())

        chapter = copy / notebooks[0]
        keep(chapter)
        edit_nb = repeated(copy, env, "edit-chapter-prose", logdir, rep, lambda: append_to_markdown_cell(chapter))

        licence = copy / "pages" / "licence.md"
        if not licence.is_file():  # any Markdown page of the book will do
            licence = next((copy / f).with_suffix(".md") for f in toc_files(copy)
                           if (copy / f).with_suffix(".md").is_file())
        page_label = licence.relative_to(copy).as_posix()
        keep(licence)
        edit_page = repeated(copy, env, "edit-page-prose", logdir, rep, lambda: append_to_page(licence))

        # data edit
        pick = pick_data_file(copy, args.data_file)
        csv_path = copy / "data" / pick["path"]
        manifest = copy / "data" / "datapackage.json"
        for nb in stamps(copy):
            keep(copy / nb)
        keep(csv_path)
        keep(manifest)
        what = change_one_value(csv_path, pick["column"])
        update_manifest(manifest, pick["name"], csv_path)
        st = subprocess.run([PY, "-m", "nexus.nbtools", "stamp"], cwd=copy, env=env, capture_output=True, text=True)
        (logdir / "stamp.log").write_text(st.stdout + st.stderr, encoding="utf-8")
        if st.returncode != 0:
            print(st.stdout + st.stderr, file=sys.stderr)
        expected = sorted(nb for nb, s in stamps(copy).items() if pick["name"] in s)
        data_b = build(copy, env, "edit-data", logdir)
        got = data_b["executed"]
        ok = got == expected and data_b["rc"] == 0
        failed_check = not ok
        print(f"  data edit: {pick['path']} {what}; stamped by {expected}; re-executed {got}: "
              f"{'PASS' if ok else 'FAIL'}", flush=True)

        # revert every edit; the old cache records still match, so nothing should execute
        for p, data in originals.items():
            if p.read_bytes() != data:  # rewrite only what changed: Sphinx re-reads any touched page
                p.write_bytes(data)
        revert = build(copy, env, "revert-edits", logdir)

        tests = None if args.skip_tests else run_tests(copy, env, logdir, args.test_timeout)
        prof = profile(copy, env, notebooks) if args.profile else []

        # ---- rows
        def timed(metric, r, ref, detail=""):
            value, refv = r["seconds"], (ref["seconds"] if ref else None)
            tgt, stt = "", ""
            if metric in TARGET_RATIO and refv:
                tgt = f"<= {TARGET_RATIO[metric]:g}x baseline"
                stt = "PASS" if value / refv <= TARGET_RATIO[metric] else "FAIL"
            if len(r["all"]) > 1:
                detail += (f"; median of {len(r['all'])}: " + "/".join(f"{s:.1f}" for s in r["all"])
                           + (" vs " + "/".join(f"{s:.1f}" for s in ref["all"]) if ref else ""))
            if r["rc"] != 0:
                detail = f"build rc={r['rc']}; " + detail
            row(metric, value, "s", refv, tgt, stt, detail)

        timed("cold_build", cold, b_cold, f"{len(cold['executed'])} notebooks executed "
              f"(baseline {len(b_cold['executed'])}); sum of execution times {sum(t for _, t in exec_times):.1f} s "
              f"(baseline {sum(r['seconds'] or 0 for r in b_cold['records'].values()):.1f} s)")
        timed("warm_rebuild", warm, b_warm, f"{len(warm['executed'])} executed")
        timed("edit_chapter_prose", edit_nb, b_edit,
              f"sentence appended to a Markdown cell of {notebooks[0]}; {len(edit_nb['executed'])} executed")
        timed("edit_page_prose", edit_page, b_page,
              f"sentence appended to {page_label}; {len(edit_page['executed'])} executed")
        timed("edit_data_file", data_b, b_code,
              f"{pick['path']} {what}; re-executed {', '.join(Path(g).stem for g in got) or 'none'}; "
              f"baseline: one code edit re-executing {len(b_code['executed'])} notebook")
        row("edit_data_reexecuted_set", len(got), "notebooks", None, "== notebooks stamping the file",
            "PASS" if ok else "FAIL", f"expected {expected}; got {got}")
        timed("revert_edits_rebuild", revert, None, f"{len(revert['executed'])} executed (old cache records reused)")
        if tests is not None:
            row("test_suite", tests["seconds"], "s", None, f"< {TARGET_TESTS_S:g} s",
                "PASS" if tests["seconds"] < TARGET_TESTS_S else "FAIL",
                f"rc={tests['rc']}; {tests['summary']}"
                + (f"; failed: {', '.join(tests['failed'])}" if tests["failed"] else ""))
        row("html_total", html["total"], "bytes", b_html["total"], "", "",
            f"{html['files']} files in _build/html ({html['n_images']} images, {html['images']} bytes)")
        row("html_pages", html["pages"], "bytes", b_html["pages"], "", "", f"{html['n_pages']} .html pages")
        row("html_largest_page", html["largest"], "bytes", b_html["largest"], "", "", html["largest_name"])
        row("html_largest_image", html["largest_image"], "bytes", b_html["largest_image"], "", "",
            html["largest_image_name"])
        for name, secs in exec_times:
            row(f"exec:{name}", secs, "s", None, "", "", "jupyter-cache execution_seconds, cold build")
        for c in prof:
            row(f"profile:{c['notebook']}:{c['cell']}", c["seconds"], "s", None, "", "",
                f"loads={c['loads']} png_b64={c['png_b64_bytes']} {c['first_line']}")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    # ---- output
    main_rows = [r for r in rows if not r["metric"].startswith(("exec:", "profile:"))]
    head = f"{'metric':<26} {'value':>12} {'unit':<9} {'baseline':>10} {'ratio':>6}  {'target':<20} {'':4}  detail"
    print("\n" + head + "\n" + "-" * len(head))
    for r in main_rows:
        v = fmt_s(r["value"]) if r["unit"] == "s" else f"{r['value']:,}"
        b = "" if r["baseline"] is None else (fmt_s(r["baseline"]) if r["unit"] == "s" else f"{r['baseline']:,}")
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
        print(f"{r['metric']:<26} {v:>12} {r['unit']:<9} {b:>10} {ratio:>6}  {r['target']:<20} {r['status']:4}  "
              f"{r['detail']}")
    exec_rows = [r for r in rows if r["metric"].startswith("exec:")]
    if exec_rows:
        print("\nexecution time per notebook (cold build, jupyter-cache):")
        for r in exec_rows:
            print(f"  {r['metric'][5:]:<50} {r['value']:6.1f} s")
    prof_rows = [r for r in rows if r["metric"].startswith("profile:")]
    if prof_rows:
        print("\nprofile (--profile), per chapter:")
        for r in prof_rows:
            if not r["metric"].split(":", 2)[2].isdigit():
                print(f"  {r['metric'][8:]:<60} {r['value']:6.2f} s  {r['detail']}")
        print("slowest cells:")
        cells = sorted((r for r in prof_rows if r["metric"].split(":", 2)[2].isdigit()), key=lambda r: -r["value"])
        for r in cells[:10]:
            print(f"  {r['metric'][8:]:<60} {r['value']:6.2f} s  {r['detail']}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    meta = {"date_utc": stamp_time.isoformat(timespec="seconds"), "nproc": os.cpu_count(),
            "ram_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "python": sys.version.split()[0],
            # other work on the machine inflates every time: the 1-minute load average at start and end
            "loadavg_start": f"{load_start:.2f}", "loadavg_end": f"{os.getloadavg()[0]:.2f}"}
    fields = ["metric", "value", "unit", "baseline", "ratio", "target", "status", "detail", *meta]
    out = RESULTS / f"bench-{tag}.csv"
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        for r in rows:
            r = {**r, **meta}
            for k in ("value", "baseline", "ratio"):
                if isinstance(r[k], float):
                    r[k] = f"{r[k]:.3f}"
            w.writerow(r)
    shutil.copyfile(out, RESULTS / "latest.csv")
    print(f"\nwrote {out.relative_to(ROOT)} and benchmarks/results/latest.csv; logs in {logdir.relative_to(ROOT)}/")
    print(f"machine: {meta['nproc']} CPUs, {meta['ram_gib']} GiB RAM, Python {meta['python']}; "
          f"load average {meta['loadavg_start']} at start, {meta['loadavg_end']} at end")
    return 1 if failed_check else 0


if __name__ == "__main__":
    sys.exit(main())
