"""Speed and size benchmark of the book (``make bench``; not part of the tests).

Works on copies in a temporary folder, never on this checkout's _build or notebooks. Measures,
for the real book and for a baseline book with the same number of trivial notebooks (each imports
pandas and matplotlib and draws one distinct line), with wall-clock time:

* cold build (clean _build: every notebook executed), warm rebuild (nothing changed), rebuild
  after one prose edit;
* for the real book only: rebuild after one data file changes (which chapters re-executed, against
  the chapters whose data stamp names that file), the test suite (``--skip-tests`` to omit), total
  HTML size and the largest page.

Prints a table with each figure's ratio to the baseline and writes benchmarks/results/*.csv.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
JB = [str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"]


def run(cmd: list[str], cwd: Path) -> tuple[float, str]:
    env = {**os.environ, "NEXUS_ROOT": str(cwd)}
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{(proc.stdout + proc.stderr)[-3000:]}")
    return took, proc.stdout + proc.stderr


def copy_book(dest: Path) -> Path:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for f in files:
        (dest / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / f, dest / f)
    return dest


def baseline_book(dest: Path, n: int) -> Path:
    dest.mkdir(parents=True)
    # the book's execution settings (cache mode, timeout), nothing else
    cfg = (
        'title: "Baseline"\nonly_build_toc_files: true\n'
        'execute:\n  execute_notebooks: cache\n  cache: "_build/.jupyter_cache"\n  timeout: 120\n'
        '  allow_errors: false\n  stderr_output: error\n'
        'sphinx:\n  config:\n    nb_execution_raise_on_error: true\n'
    )
    (dest / "_config.yml").write_text(cfg)
    toc = ["format: jb-book", "root: index", "chapters:"] + [f"  - file: nb{i:02d}" for i in range(n)]
    (dest / "_toc.yml").write_text("\n".join(toc) + "\n")
    (dest / "index.md").write_text("# Baseline\n\nTrivial notebooks.\n")
    for i in range(n):
        nb = nbformat.v4.new_notebook(cells=[
            nbformat.v4.new_markdown_cell(f"# Notebook {i}\n\nOne plot."),
            nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nimport pandas as pd\n"
                                      f"s = pd.Series(range(10)) * {i + 1}\nfig, ax = plt.subplots()\n"
                                      "ax.plot(s.index, s.values)\nplt.show()"),
        ])
        nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
        nbformat.write(nb, dest / f"nb{i:02d}.ipynb")
    return dest


def edit_prose(book: Path, real: bool) -> None:
    target = book / ("pages/licence.md" if real else "index.md")
    target.write_text(target.read_text() + "\nOne more sentence for the benchmark.\n")


def change_data(book: Path, name: str) -> set[str]:
    """Change one value of data/<name>.csv, update the manifest and the stamps; return readers."""
    path = book / "data" / f"{name}.csv"
    lines = path.read_text().splitlines(keepends=True)
    lines[1] = lines[1].replace("1", "2", 1)
    path.write_text("".join(lines))
    raw = path.read_bytes()
    pkg_path = book / "data" / "datapackage.json"
    pkg = json.loads(pkg_path.read_text())
    for res in pkg["resources"]:
        if res["name"] == name:
            res["hash"] = "sha256:" + hashlib.sha256(raw).hexdigest()
            res["bytes"] = len(raw)
    pkg_path.write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n")
    run([sys.executable, "-m", "nexus.nbtools", "stamp"], book)
    readers = set()
    for nb_path in sorted((book / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        code = "\n".join(c.source for c in nbformat.read(nb_path, as_version=4).cells if c.cell_type == "code")
        if re.search(r"nexus\.setup\(\{[^}]*[\"']" + re.escape(name) + r"[\"']\s*:", code):
            readers.add(nb_path.stem)
    return readers


def html_size(book: Path) -> tuple[int, str, int]:
    pages = list((book / "_build" / "html").rglob("*.html"))
    total = sum(p.stat().st_size for p in (book / "_build" / "html").rglob("*") if p.is_file())
    big = max(pages, key=lambda p: p.stat().st_size)
    return total, big.relative_to(book / "_build" / "html").as_posix(), big.stat().st_size


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-tests", action="store_true")
    ap.add_argument("--data-file", default="brent_annual", help="data file to change for the data rebuild")
    args = ap.parse_args()
    n = len(re.findall(r"file: notebooks/", (ROOT / "_toc.yml").read_text()))
    rows: list[tuple[str, float, float | None, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = baseline_book(Path(tmp) / "baseline", n)
        book = copy_book(Path(tmp) / "book")
        b_cold, _ = run(JB, base)
        b_warm, _ = run(JB, base)
        edit_prose(base, real=False)
        b_edit, _ = run(JB, base)
        cold, _ = run(JB, book)
        warm, _ = run(JB, book)
        edit_prose(book, real=True)
        edit, _ = run(JB, book)
        readers = change_data(book, args.data_file)
        cache_dir = book / "_build" / ".jupyter_cache"
        before = {p.relative_to(cache_dir) for p in cache_dir.rglob("*.ipynb")}
        data_t, _ = run(JB, book)
        after = {p.relative_to(cache_dir) for p in cache_dir.rglob("*.ipynb")}
        reexec = len(after - before)
        total, big, big_size = html_size(book)
        rows += [("cold build (all notebooks executed)", cold, b_cold, "<= 2x"),
                 ("warm rebuild (nothing changed)", warm, b_warm, "<= 2x"),
                 ("rebuild after one prose edit", edit, b_edit, "<= 2x"),
                 (f"rebuild after {args.data_file}.csv changes ({reexec} notebooks re-executed; "
                  f"readers by stamp: {len(readers)})", data_t, None, "")]
        if not args.skip_tests:
            tests, _ = run([sys.executable, "-m", "pytest", "-q"], book)
            rows.append(("full test suite", tests, None, "< 300 s"))
    print(f"{'measure':<75} {'seconds':>8} {'baseline':>9} {'ratio':>6}  target")
    out = []
    for name, secs, base_s, target in rows:
        ratio = secs / base_s if base_s else None
        verdict = ""
        if target.startswith("<= 2x") and ratio is not None:
            verdict = "PASS" if ratio <= 2 else "FAIL"
        if target.startswith("< 300"):
            verdict = "PASS" if secs < 300 else "FAIL"
        print(f"{name:<75} {secs:8.1f} {base_s or float('nan'):9.1f} {ratio or float('nan'):6.2f}  {target} {verdict}")
        out.append({"measure": name, "seconds": round(secs, 1), "baseline_seconds": round(base_s, 1) if base_s else "",
                    "ratio": round(ratio, 2) if ratio else "", "target": target, "verdict": verdict})
    print(f"total HTML size: {total / 1e6:.1f} MB; largest page: {big} ({big_size / 1e3:.0f} kB)")
    out.append({"measure": "total HTML size (bytes)", "seconds": "", "baseline_seconds": "", "ratio": "",
                "target": str(total), "verdict": ""})
    out.append({"measure": f"largest page {big} (bytes)", "seconds": "", "baseline_seconds": "", "ratio": "",
                "target": str(big_size), "verdict": ""})
    res = ROOT / "benchmarks" / "results"
    res.mkdir(parents=True, exist_ok=True)
    for name in (f"bench-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M}.csv", "latest.csv"):
        with open(res / name, "w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(out[0]))
            w.writeheader()
            w.writerows(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
