"""The data layer: manifest, checksums, re-derivation and data-aware caching."""
from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import re
import subprocess
import sys

import nbformat
import pytest

from nexus import data, nbtools

REQUIRED = ["title", "description", "publisher", "version", "licenses", "bibkey", "upstream",
            "hash", "rows", "schema", "source_line", "years", "script"]


@pytest.fixture(scope="module")
def manifest(root):
    return json.loads((root / "data" / "datapackage.json").read_text())


def test_manifest_is_a_valid_data_package(root):
    from frictionless import Package

    report = Package(str(root / "data" / "datapackage.json")).validate()
    errors = report.flatten(["rowNumber", "fieldName", "type", "message"])
    assert report.valid, errors[:5]


def test_every_resource_is_fully_described(manifest, root):
    bib = (root / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", bib))
    for res in manifest["resources"]:
        missing = [k for k in REQUIRED if not res.get(k)]
        assert not missing, f"{res['name']}: manifest lacks {missing}"
        assert res["bibkey"] in keys, f"{res['name']}: bib key {res['bibkey']} not in references.bib"
        assert res["schema"]["primaryKey"], f"{res['name']}: no primary key"
        for f in res["schema"]["fields"]:
            assert f.get("description"), f"{res['name']}.{f['name']}: no description"
        assert (root / res["script"]).is_file()


def test_checksums_and_row_counts_match(manifest, root):
    for res in manifest["resources"]:
        raw = (root / "data" / res["path"]).read_bytes()
        assert "sha256:" + hashlib.sha256(raw).hexdigest() == res["hash"], res["name"]
        # count records as CSV, so that a quoted field holding a line break is one record
        records = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
        assert len(records) - 1 == res["rows"], f"{res['name']}: {len(records) - 1} records, manifest says {res['rows']}"


def test_no_stray_files_in_data(manifest, root):
    listed = {res["path"] for res in manifest["resources"]}
    present = {p.name for p in (root / "data").glob("*.csv")}
    assert present == listed, f"unlisted: {present - listed}; missing: {listed - present}"


def test_build_validates_before_it_vouches(manifest, script):
    """build.py validates every derived file with frictionless before writing its sha256 into the
    manifest (which lets load() skip the full pass): a bad frame stops it, naming row and column."""
    build = script("build")
    res = copy.deepcopy(next(r for r in manifest["resources"] if r["name"] == "periods"))
    good = (data.paths.DATA / res["path"]).read_bytes()
    build.validate_all([res], {res["name"]: good})  # the committed bytes pass
    lines = good.decode().splitlines(keepends=True)
    dup = "".join(lines[:3] + [lines[2]] + lines[3:]).encode()  # row 4 repeats row 3's key
    with pytest.raises(build.DeriveError, match=r"data/periods\.csv, row 4, column 'period_id': primary-key"):
        build.validate_all([res], {res["name"]: dup})


def test_rederivation_reproduces_data_byte_for_byte(raw, root):
    proc = subprocess.run([sys.executable, "data/scripts/build.py", "--check", "--raw", str(raw)],
                          cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_notebook_stamps_are_current():
    assert nbtools.stale() == []


def test_changed_data_reexecutes_exactly_the_notebooks_that_read_it(monkeypatch):
    """jupyter-cache hashes code only; the stamp puts each file's checksum into that code."""
    from jupyter_cache.cache.main import JupyterCacheBase

    notebooks = nbtools.chapters()
    assert notebooks, "no chapter notebooks"
    cache = JupyterCacheBase("unused")
    before = {p: cache.create_hashed_notebook(nbformat.read(p, as_version=4))[1] for p in notebooks}
    target = "nmc"
    real = data.stamp

    def fake_stamp(names):  # the file 'nmc' has changed; every other file is as it was
        out = real(names)
        return {n: ("0" * 12 if n == target else v) for n, v in out.items()}

    monkeypatch.setattr(nbtools, "current_stamp", fake_stamp)
    readers = []
    for p in notebooks:
        nb = nbformat.read(p, as_version=4)
        reads = target in nbtools.declared(nb)
        readers += [p] if reads else []
        copy_path = p.parent / f".stamptest-{p.name}"
        try:
            nbformat.write(copy.deepcopy(nb), copy_path)
            nbtools.restamp(copy_path)
            after = cache.create_hashed_notebook(nbformat.read(copy_path, as_version=4))[1]
        finally:
            copy_path.unlink(missing_ok=True)
        assert (after != before[p]) == reads, p.name
    assert readers, f"no chapter reads {target}; pick a file that one does"


def test_stale_stamp_fails_the_notebook(monkeypatch):
    with pytest.raises(data.DataError, match="data stamp out of date.*make stamp"):
        data.check_stamp({"nmc": "000000000000"})


def test_generated_pages_are_current(root):
    """pages/data_appendix.md and pages/events.md are generated from the manifest."""
    proc = subprocess.run([sys.executable, "-m", "nexus.appendix", "--check"], cwd=root,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
