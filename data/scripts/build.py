"""Derive every file in data/ from the raw public datasets and write the manifest.

Usage (from the repository root): ``python data/scripts/build.py [--raw DIR] [--check]``

Each ``derive_*.py`` module beside this file declares ``RESOURCES`` (metadata
of the files it makes) and ``derive(raw: Path) -> dict[str, DataFrame]``.
This script runs them all, checks that each frame matches its declared schema,
writes the CSVs (sorted by primary key, LF line ends, so a rerun gives the same
bytes) and writes ``data/datapackage.json`` with checksums and row counts.
``--check`` derives into memory and fails if any file differs from data/.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
ROOT = DATA.parent
DEFAULT_RAW = ROOT.parent / "shared" / "data"

REQUIRED = ["name", "title", "description", "source", "raw_files", "publisher", "version",
            "license", "bibkey", "upstream", "years", "primary_key", "fields", "source_line"]
TYPES = {"integer", "number", "string", "boolean", "date", "year"}


class DeriveError(RuntimeError):
    pass


def modules() -> list:
    mods = []
    for path in sorted(HERE.glob("derive_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mods.append(mod)
    return mods


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8")


def conform(meta: dict, df: pd.DataFrame, script: str) -> pd.DataFrame:
    """Check a derived frame against its declared fields; order columns and rows."""
    names = [f[0] for f in meta["fields"]]
    where = f"{script}: resource {meta['name']!r}"
    if list(df.columns) != names and set(df.columns) != set(names):
        raise DeriveError(f"{where}: columns {list(df.columns)} do not match declared fields {names}")
    df = df[names].copy()
    for fname, ftype, *_ in meta["fields"]:
        if ftype not in TYPES:
            raise DeriveError(f"{where}: field {fname!r} has unknown type {ftype!r}")
        if ftype in {"integer", "year"}:
            col = df[fname]
            if col.notna().any() and not (pd.to_numeric(col.dropna()) % 1 == 0).all():
                raise DeriveError(f"{where}: field {fname!r} declared integer but has fractions")
            df[fname] = pd.array(col, dtype="Int64")
    pk = meta["primary_key"]
    if pk:
        dup = df.duplicated(pk, keep=False)
        if dup.any():
            raise DeriveError(f"{where}: duplicate primary key {pk} in rows like {df[dup].head(3).to_dict('records')}")
        df = df.sort_values(pk, kind="mergesort").reset_index(drop=True)
    if df.empty:
        raise DeriveError(f"{where}: derived an empty table")
    return df


def descriptor(meta: dict, data: bytes, rows: int, script: str) -> dict:
    fields = []
    for spec in meta["fields"]:
        # (name, type, description[, unit][, constraints]): a str after the description is the
        # unit, a dict the Frictionless constraints (e.g. {"enum": [...]}), which the validator checks
        fname, ftype, desc = spec[0], spec[1], spec[2]
        f = {"name": fname, "type": ftype, "description": desc}
        for extra in spec[3:]:
            if isinstance(extra, dict):
                f["constraints"] = extra
            elif extra:
                f["unit"] = extra
        fields.append(f)
    return {
        "name": meta["name"],
        "path": f"{meta['name']}.csv",
        "title": meta["title"],
        "description": meta["description"],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "rows": rows,
        "licenses": [{"name": "publisher-terms", "title": meta["license"]}],
        "sources": [{"title": meta["publisher"], "version": meta["version"],
                     "path": meta["upstream"]}],
        "publisher": meta["publisher"],
        "version": meta["version"],
        "bibkey": meta["bibkey"],
        "upstream": meta["upstream"],
        "raw": {"folder": meta["source"], "files": meta["raw_files"]},
        "years": meta["years"],
        "quirks": meta.get("quirks", []),
        "source_line": meta["source_line"],
        "script": f"data/scripts/{script}",
        "schema": {
            "fields": fields,
            "primaryKey": meta["primary_key"],
            "missingValues": [""],
        },
    }


def validate_all(resources: list[dict], outputs: dict[str, bytes]) -> None:
    """Validate each derived file against its descriptor with frictionless (schema, types,
    primary key) in a scratch folder; raise DeriveError naming file, row and column."""
    import tempfile

    from nexus.data import problems

    found = []
    with tempfile.TemporaryDirectory() as tmp:
        for res in resources:
            (Path(tmp) / res["path"]).write_bytes(outputs[res["name"]])
            found += problems(res, Path(tmp), f"data/{res['path']}")
    if found:
        more = f" (and {len(found) - 20} more)" if len(found) > 20 else ""
        raise DeriveError("derived data fail validation: " + "; ".join(found[:20]) + more)


def build(raw: Path, check: bool = False, only: set[str] | None = None) -> list[str]:
    if not raw.is_dir():
        raise DeriveError(f"raw data folder not found: {raw} (set --raw or NEXUS_RAW_DATA)")
    resources, changed, outputs = [], [], []
    for mod in modules():
        script = Path(mod.__file__).name
        metas = {m["name"]: m for m in mod.RESOURCES}
        for m in metas.values():
            missing = [k for k in REQUIRED if k not in m]
            if missing:
                raise DeriveError(f"{script}: resource {m.get('name')!r} lacks {missing}")
        if only and not (set(metas) & only):
            continue
        frames = mod.derive(raw)
        if set(frames) != set(metas):
            raise DeriveError(f"{script}: derive() returned {sorted(frames)}, RESOURCES declares {sorted(metas)}")
        for name, meta in metas.items():
            df = conform(meta, frames[name], script)
            data = to_csv_bytes(df)
            resources.append(descriptor(meta, data, len(df), script))
            outputs.append((name, data))
    # The manifest's sha256 vouches for a file: nexus.data.load() skips the full frictionless
    # pass when the bytes match. So every file is validated here before anything is written.
    validate_all(resources, dict(outputs))
    for name, data in outputs:
        target = DATA / f"{name}.csv"
        if not target.is_file() or target.read_bytes() != data:
            changed.append(name)
            if not check:
                target.write_bytes(data)
    package = {
        "name": "iran-russia-nexus-data",
        "title": "Data of The Iran–Russia Nexus: a reproducible analysis book",
        "description": "Tidy files derived by data/scripts from public datasets; each resource names its publisher, version, licence, bib key and upstream origin.",
        "licenses": [{"name": "publisher-terms", "title": "Each resource keeps its publisher's terms (see the resource)"}],
        "profile": "data-package",
        "resources": sorted(resources, key=lambda r: r["name"]),
    }
    text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    target = DATA / "datapackage.json"
    if only:  # keep the other resources' entries as they are
        old = json.loads(target.read_text()) if target.is_file() else {"resources": []}
        keep = [r for r in old["resources"] if r["name"] not in {r["name"] for r in resources}]
        package["resources"] = sorted(keep + resources, key=lambda r: r["name"])
        text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    if not target.is_file() or target.read_text() != text:
        changed.append("datapackage.json")
        if not check:
            target.write_text(text)
    return changed


def main(argv: list[str] | None = None) -> int:
    import os

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=Path(os.environ.get("NEXUS_RAW_DATA", DEFAULT_RAW)))
    ap.add_argument("--check", action="store_true", help="fail if data/ would change")
    ap.add_argument("--only", nargs="*", help="derive only these resources")
    args = ap.parse_args(argv)
    changed = build(args.raw, check=args.check, only=set(args.only) if args.only else None)
    if args.check and changed:
        print("data/ differs from a fresh derivation:", ", ".join(changed), file=sys.stderr)
        return 1
    print(("would change: " if args.check else "changed: ") + (", ".join(changed) or "nothing"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
