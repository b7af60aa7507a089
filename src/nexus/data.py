"""Loading the book's data: every file is read through :func:`load`.

Each file in ``data/`` is described in the Frictionless data package
``data/datapackage.json`` (the manifest): title, publisher, version, licence,
bib key, upstream origin, sha256, row count and schema. :func:`load` checks the
file against that entry and returns a typed :class:`pandas.DataFrame`. Any
failure raises :class:`DataError`, whose message names the file, the row and
the column and says what was expected. Nothing is dropped or coerced silently.

How much checking a load does depends on whether the manifest vouches for the
file. ``make data`` (``data/scripts/build.py``) validates every file with
frictionless (schema, types, primary key) before it writes the file's sha256
into the manifest, and the tests validate the whole committed package again.
So when a file's bytes still hash to the manifest's sha256, :func:`load` only
checks its header and row count and skips the full frictionless pass, which
costs 10-170 ms a file and used to be repeated in every chapter. When the bytes
differ (the file was edited by hand, or corrupted), :func:`load` runs the full
frictionless validation first, so that the error names the row and column, and
then reports the checksum mismatch. ``validate(name)`` always runs the full pass.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths

__all__ = ["DataError", "load", "manifest", "problems", "resource", "sha256", "validate", "stamp", "check_stamp", "used", "require", "years_span", "entry_id", "DataUsed"]


class DataError(ValueError):
    """A data file does not match its manifest entry."""


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def _read_manifest(path: Path) -> dict:
    if not path.is_file():
        raise DataError(f"{paths.rel(path)}: manifest not found; run `make data`")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{paths.rel(path)}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from None


@lru_cache(maxsize=4)
def _manifest_cached(path: str, mtime: float) -> dict:
    return _read_manifest(Path(path))


def manifest(path: Path | None = None) -> dict:
    """The data package descriptor (``data/datapackage.json``)."""
    path = Path(path or paths.MANIFEST)
    if not path.is_file():
        return _read_manifest(path)
    return _manifest_cached(str(path), path.stat().st_mtime)


def resource(name: str, manifest_path: Path | None = None) -> dict:
    """The manifest entry of one data file."""
    pkg = manifest(manifest_path)
    for res in pkg.get("resources", []):
        if res.get("name") == name:
            return res
    known = ", ".join(sorted(r["name"] for r in pkg.get("resources", [])))
    raise DataError(f"no data file named {name!r} in {paths.rel(Path(manifest_path or paths.MANIFEST))}; known: {known}")


_PANDAS_TYPES = {
    "integer": "Int64",
    "number": "float64",
    "string": "string",
    "boolean": "boolean",
    "year": "Int64",
    "date": "string",  # kept as ISO text: pandas Timestamps cannot hold years before 1677
}


def _describe_error(file: str, err: dict, schema: dict) -> str:
    row = err.get("rowNumber")
    field = err.get("fieldName")
    kind = err.get("type")
    if kind == "primary-key" and not field:
        field = ", ".join(schema.get("primaryKey", []))
    where = file
    if row is not None:
        where += f", row {row}"
    if field:
        where += f", column {field!r}"
    expected = ""
    if field and kind in {"type-error", "constraint-error"}:
        spec = next((f for f in schema.get("fields", []) if f["name"] == field), None)
        if spec:
            expected = f" (expected {spec['type']}{', ' + json.dumps(spec.get('constraints')) if spec.get('constraints') else ''})"
    return f"{where}: {kind}: {err.get('note') or err.get('message')}{expected}"


def problems(descriptor: dict, base: Path, shown: str) -> list[str]:
    """Frictionless's findings for one resource descriptor whose ``path`` is relative to ``base``,
    each as ``"<shown>, row R, column 'C': <kind>: <what>"``; empty if the file is valid."""
    from frictionless import Resource  # imported here: it is slow to import

    keep = {"name", "path", "schema", "format", "encoding", "dialect"}
    report = Resource.from_descriptor({k: v for k, v in descriptor.items() if k in keep},
                                      basepath=str(base)).validate()
    keys = ["rowNumber", "fieldName", "type", "note", "message"]
    return [_describe_error(shown, dict(zip(keys, e, strict=True)), descriptor["schema"])
            for e in report.flatten(keys)]


def _raise_problems(found: list[str]) -> None:
    if found:
        more = f" (and {len(found) - 10} more)" if len(found) > 10 else ""
        raise DataError("; ".join(found[:10]) + more)


def validate(name: str, manifest_path: Path | None = None, *, base: Path | None = None,
             full: bool = True) -> dict:
    """Check one file against its manifest entry; return the entry or raise DataError.

    ``full=True`` (the default) always runs frictionless over every row. ``full=False``
    (what :func:`load` uses) runs it only when the file's sha256 differs from the
    manifest's; when they match it checks the header, since the file's bytes are the
    ones ``make data`` validated.
    """
    res = resource(name, manifest_path)
    base = Path(base or Path(manifest_path or paths.MANIFEST).parent)
    path = base / res["path"]
    shown = paths.rel(path)
    if not path.is_file():
        raise DataError(f"{shown}: file not found (manifest entry {name!r}); run `make data`")
    columns = [f["name"] for f in res["schema"]["fields"]]
    if path.stat().st_size == 0:
        raise DataError(f"{shown}: file is empty (expected a header row with columns {columns})")
    expected = res.get("hash", "").removeprefix("sha256:")
    actual = sha256(path)
    vouched = bool(expected) and actual == expected
    if full or not vouched:
        _raise_problems(problems(res, base, shown))
    else:
        with open(path, encoding=res.get("encoding", "utf-8"), newline="") as fh:
            header = next(csv.reader(fh), [])
        if header != columns:
            _raise_problems(
                [f"{shown}, row 1, column {c!r}: missing from the header" for c in columns if c not in header]
                + [f"{shown}, row 1, column {c!r}: not in the manifest's schema" for c in header if c not in columns]
                or [f"{shown}, row 1: columns in the order {header}, the manifest has {columns}"])
    if expected and not vouched:
        raise DataError(
            f"{shown}: checksum mismatch: expected sha256 {expected[:12]}…, found {actual[:12]}…; "
            "the file was edited after `make data` (re-derive it, or run `make data` to update the manifest)"
        )
    return res


def load(name: str, *, manifest_path: Path | None = None) -> pd.DataFrame:
    """Load a validated data file by its manifest name, e.g. ``load("nmc")``."""
    res = validate(name, manifest_path, full=False)
    base = Path(manifest_path or paths.MANIFEST).parent
    fields = res["schema"]["fields"]
    dtypes = {f["name"]: _PANDAS_TYPES.get(f["type"], "string") for f in fields}
    missing = res["schema"].get("missingValues", [""])
    try:
        df = pd.read_csv(
            base / res["path"], dtype=dtypes, keep_default_na=False, na_values=missing, encoding="utf-8"
        )
    except (ValueError, TypeError) as exc:  # the manifest vouched for bytes that do not parse
        shown = paths.rel(base / res["path"])
        _raise_problems(problems(res, base, shown))  # names the row and column
        raise DataError(f"{shown}: cannot be read with the manifest's types: {exc}") from None
    rows = res.get("rows")
    if rows is not None and len(df) != rows:
        raise DataError(f"{paths.rel(base / res['path'])}: {len(df)} rows read, manifest says {rows}")
    df.attrs["name"] = name
    df.attrs["source"] = res.get("source_line", res.get("title", name))
    df.attrs["bibkey"] = res.get("bibkey")
    return df


def stamp(names: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Short checksums of the named files, as written into each notebook's setup cell."""
    return {n: resource(n).get("hash", "").removeprefix("sha256:")[:12] for n in names}


def check_stamp(declared: dict[str, str]) -> list[str]:
    """Check a notebook's declared data stamp against the manifest; return the names.

    The stamp sits in the notebook's source, so jupyter-cache re-executes the
    notebook whenever a file it reads changes (``make stamp`` rewrites it).
    """
    current = stamp(list(declared))
    stale = {n: (declared[n], current[n]) for n in declared if declared[n] != current[n]}
    if stale:
        detail = ", ".join(f"{n}: notebook has {a}, manifest has {b}" for n, (a, b) in stale.items())
        raise DataError(f"data stamp out of date ({detail}); run `make stamp` and re-execute")
    return list(declared)


YEAR = re.compile(r"(?<![0-9])([0-9]{3,4})(?:s)?(?![0-9])")


def years_span(years: str) -> str:
    """The manifest's ``years`` text in short, first–last year: "Russia 1815–2018; Iran 1921–2018"
    -> "1815–2018", "ninth century (year 800) to 2025" -> "800–2025", "May 1987 – July 2026" ->
    "1987–2026". The years before the first parenthesis count (what follows qualifies them), unless
    there are none; a single year stays one year, spans with a gap stay as they are."""
    head = years.split(" (", 1)[0]
    if re.fullmatch(r"[0-9]{3,4}\u2013[0-9]{3,4}(, [0-9]{3,4}\u2013[0-9]{3,4})+", head):
        return head  # spans with gaps ("1927–1946, 2001–2018") stay as they are
    found = [int(y) for y in YEAR.findall(head) or YEAR.findall(years) if 600 <= int(y) <= 2100]
    if not found:
        return years
    lo, hi = min(found), max(found)
    return str(lo) if lo == hi else f"{lo}\u2013{hi}"


def entry_id(name: str) -> str:
    """The HTML id of a file's entry in the data appendix: the label ``data-<name>`` as docutils
    writes it (``data-alliances_counts`` -> ``data-alliances-counts``)."""
    return "data-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


APPENDIX = "../pages/data_appendix.html"  # from a chapter's page (notebooks/NN_….html)


def _breakable(path: str) -> str:
    """A file path, HTML-escaped, that may break after "/" and "_" (``<wbr>``): the table's last
    column is narrow."""
    import html

    return re.sub(r"([/_])", r"\1<wbr>", html.escape(path))


class DataUsed:
    """The "Data used in this chapter" table that :func:`used` returns: one header row, no index
    column, no ``<style>``, the same bytes on every run (strict nbval compares them). Its HTML
    links each file to its entry in the data appendix; its text form is for the console."""

    COLUMNS = ("Dataset", "What it measures", "Years", "Appendix entry")

    def __init__(self, names: list[str] | tuple[str, ...]):
        self.rows = []
        for n in names:
            r = resource(n)
            self.rows.append({"name": n, "file": f"data/{r['path']}", "dataset": r["source_line"],
                              "measures": r["title"], "years": years_span(r["years"])})

    def __len__(self) -> int:
        return len(self.rows)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{c: v for c, v in zip(self.COLUMNS, (r["dataset"], r["measures"], r["years"], r["file"]),
                                                    strict=True)} for r in self.rows])

    def _repr_html_(self) -> str:
        import html

        esc = html.escape
        head = "".join(f'<th scope="col">{esc(c)}</th>' for c in self.COLUMNS)
        body = "".join(
            f"<tr><td>{esc(r['dataset'])}</td><td>{esc(r['measures'])}</td><td>{esc(r['years'])}</td>"
            f'<td><a href="{APPENDIX}#{entry_id(r["name"])}"><code>{_breakable(r["file"])}</code></a></td></tr>\n'
            for r in self.rows)
        return (f'<table class="dataframe nexus-used">\n<thead><tr>{head}</tr></thead>\n'
                f"<tbody>\n{body}</tbody>\n</table>")

    def __repr__(self) -> str:
        return "\n".join(f"{r['file']}: {r['measures']} ({r['years']}); {r['dataset']}" for r in self.rows)


def used(names: list[str]) -> DataUsed:
    """The files a chapter read, as the short table of its last cell: dataset, what the file
    measures, its years and a link to its entry in the data appendix (see :class:`DataUsed`)."""
    return DataUsed(names)


def require(chosen, available, *, parameter: str, where: str) -> None:
    """Fail clearly when a reader's parameter names something the data (or the text) lack.

    ``require(PARTNERS, trade["partner_iso3"], parameter="PARTNERS", where="data/iran_partners.csv")``
    raises ``ValueError: PARTNERS: 'XYZ' not in data/iran_partners.csv (available: ...)``
    instead of drawing an empty line or failing later with a bare KeyError.
    """
    have = {str(a) for a in available if a is not None and a == a}
    missing = [c for c in chosen if str(c) not in have]
    if missing:
        shown = ", ".join(sorted(have)[:40]) + (" …" if len(have) > 40 else "")
        raise ValueError(f"{parameter}: {', '.join(map(repr, missing))} not in {where} (available: {shown})")
