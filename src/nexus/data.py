"""Loading the book's data: every file is read through :func:`load`.

Each file in ``data/`` is described in the Frictionless data package
``data/datapackage.json`` (the manifest): title, publisher, version, licence,
bib key, upstream origin, sha256, row count and schema. :func:`load` checks the
file against that entry with frictionless (schema, types, primary key, hash and
row count) and returns a typed :class:`pandas.DataFrame`. Any failure raises
:class:`DataError`, whose message names the file, the row and the column and
says what was expected. Nothing is dropped or coerced silently.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths

__all__ = ["DataError", "load", "manifest", "resource", "sha256", "stamp", "check_stamp", "used"]


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


def validate(name: str, manifest_path: Path | None = None, *, base: Path | None = None) -> dict:
    """Check one file against its manifest entry; return the entry or raise DataError."""
    from frictionless import Resource  # imported here: it is slow to import

    res = resource(name, manifest_path)
    base = Path(base or Path(manifest_path or paths.MANIFEST).parent)
    path = base / res["path"]
    shown = paths.rel(path)
    if not path.is_file():
        raise DataError(f"{shown}: file not found (manifest entry {name!r}); run `make data`")
    if path.stat().st_size == 0:
        raise DataError(f"{shown}: file is empty (expected a header row with columns "
                        f"{[f['name'] for f in res['schema']['fields']]})")
    expected = res.get("hash", "").removeprefix("sha256:")
    actual = sha256(path)
    descriptor = {k: v for k, v in res.items() if k in {"name", "path", "schema", "format", "encoding", "dialect"}}
    report = Resource.from_descriptor(descriptor, basepath=str(base)).validate()
    problems = [
        _describe_error(shown, e, res["schema"])
        for e in report.flatten(["rowNumber", "fieldName", "type", "note", "message"])
        for e in [dict(zip(["rowNumber", "fieldName", "type", "note", "message"], e, strict=True))]
    ]
    if problems:
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise DataError("; ".join(problems[:10]) + more)
    if expected and actual != expected:
        raise DataError(
            f"{shown}: checksum mismatch: expected sha256 {expected[:12]}…, found {actual[:12]}…; "
            "the file was edited after `make data` (re-derive it, or run `make data` to update the manifest)"
        )
    return res


def load(name: str, *, manifest_path: Path | None = None) -> pd.DataFrame:
    """Load a validated data file by its manifest name, e.g. ``load("nmc")``."""
    res = validate(name, manifest_path)
    base = Path(manifest_path or paths.MANIFEST).parent
    fields = res["schema"]["fields"]
    dtypes = {f["name"]: _PANDAS_TYPES.get(f["type"], "string") for f in fields}
    missing = res["schema"].get("missingValues", [""])
    df = pd.read_csv(
        base / res["path"], dtype=dtypes, keep_default_na=False, na_values=missing, encoding="utf-8"
    )
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


def used(names: list[str]) -> pd.DataFrame:
    """The manifest entries of the files a chapter read, as a table for its last cell."""
    rows = []
    for n in names:
        r = resource(n)
        rows.append({
            "file": f"data/{r['path']}",
            "title": r["title"],
            "publisher": r["publisher"],
            "version": r["version"],
            "cite as": r["bibkey"],
            "rows": r["rows"],
            "sha256": r["hash"].removeprefix("sha256:")[:12],
        })
    return pd.DataFrame(rows).set_index("file")
