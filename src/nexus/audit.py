"""Lighthouse on the built book, served the way GitHub Pages serves it.

``python -m nexus.audit [--html _build/html] [page ...]`` (``make audit``) serves the HTML from
127.0.0.1 with gzip and GitHub Pages' ``Cache-Control: max-age=600``, runs Lighthouse (the npm
package pinned in package.json, with Debian's Chromium, mobile form factor and Lighthouse's
default simulated throttling) on every page of the book or the pages named, prints the four
scores of each page and writes them, with the command and the date, into
``benchmarks/README.md`` between the ``lighthouse`` markers. ``tests/test_lighthouse.py``
asserts the thresholds on three pages with the same functions.
"""
from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from . import paths

CHROMIUM = Path(os.environ.get("NEXUS_CHROMIUM", "/usr/bin/chromium"))
LIGHTHOUSE = paths.ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".map"}
README = paths.ROOT / "benchmarks" / "README.md"
BEGIN, END = "<!-- lighthouse: begin (written by make audit) -->", "<!-- lighthouse: end -->"


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: gzip for text, ``max-age=600``."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gz = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gz and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


@contextmanager
def serve(html: Path):
    """The folder over HTTP on 127.0.0.1 at a free port; yields the base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesHandler, directory=str(html)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def lighthouse(url: str) -> dict:
    """Lighthouse's report (the JSON ``lhr``) of one page, mobile."""
    proc = subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--chrome-path={CHROMIUM}", f"--chrome-flags={CHROME_FLAGS}",
         f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile"],
        capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def scores(lhr: dict) -> dict[str, int]:
    return {c: round(100 * (lhr["categories"][c]["score"] or 0)) for c in CATEGORIES}


def failing(lhr: dict, category: str) -> list[str]:
    """The audits of a category that lose points: 'id (score): title'."""
    out = []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = lhr["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            out.append(f"{ref['id']} ({audit['score']}): {audit.get('displayValue') or audit['title']}")
    return out


def pages(html: Path) -> list[str]:
    return [f"{f}.html" for f in paths.toc_files(paths.ROOT)]


def record(rows: dict[str, dict[str, int]], command: str) -> None:
    """Write the table into benchmarks/README.md between the markers (added at the end if absent)."""
    lines = [BEGIN, "", f"Measured {datetime.date.today().isoformat()} with `{command}` (Lighthouse "
             f"{_version()}, mobile, simulated throttling; Debian's Chromium; the book served with gzip "
             "and `Cache-Control: max-age=600` as on GitHub Pages). Performance varies by a few points "
             "from run to run on a shared machine.", "",
             "| page | performance | accessibility | best practices | SEO |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| `{p}` | " + " | ".join(str(s[c]) for c in CATEGORIES) + " |" for p, s in rows.items()]
    lines += ["", END]
    block = "\n".join(lines)
    text = README.read_text(encoding="utf-8") if README.is_file() else "# Benchmarks\n"
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Lighthouse (make audit)\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


def _version() -> str:
    return json.loads((LIGHTHOUSE.parents[1] / "package.json").read_text())["version"]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m nexus.audit", description=__doc__.splitlines()[0])
    ap.add_argument("--html", type=Path, default=paths.ROOT / "_build" / "html")
    ap.add_argument("--no-record", action="store_true", help="print only; leave benchmarks/README.md alone")
    ap.add_argument("page", nargs="*")
    args = ap.parse_args(argv)
    todo = args.page or pages(args.html)
    rows = {}
    with serve(args.html) as base:
        for page in todo:
            lhr = lighthouse(base + page)
            rows[page] = scores(lhr)
            print(page, rows[page], flush=True)
            for c in CATEGORIES:
                for f in failing(lhr, c):
                    print(f"    {c}: {f}", flush=True)
    if not args.no_record:
        record(rows, "make audit" if not args.page else "python -m nexus.audit " + " ".join(args.page))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
