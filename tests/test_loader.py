"""The loader fails loudly, naming file, row and column, on every kind of bad input."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from nexus import data
from nexus.data import DataError

GOOD = "iso3,year,value\nIRN,2000,1.5\nRUS,2000,2.5\nIRN,2001,\n"


def make_package(tmp_path: Path, text: str = GOOD, *, hash_of: str | None = None) -> Path:
    """A one-resource data package in tmp_path whose manifest matches ``hash_of`` (default: text)."""
    (tmp_path / "toy.csv").write_text(text)
    import hashlib

    digest = hashlib.sha256((hash_of if hash_of is not None else text).encode()).hexdigest()
    pkg = {
        "name": "toy-package",
        "resources": [{
            "name": "toy", "path": "toy.csv", "format": "csv", "encoding": "utf-8",
            "hash": f"sha256:{digest}", "rows": 3,
            "schema": {
                "fields": [
                    {"name": "iso3", "type": "string"},
                    {"name": "year", "type": "integer"},
                    {"name": "value", "type": "number"},
                ],
                "primaryKey": ["iso3", "year"],
                "missingValues": [""],
            },
        }],
    }
    (tmp_path / "datapackage.json").write_text(json.dumps(pkg))
    return tmp_path / "datapackage.json"


def test_good_file_loads_typed(tmp_path):
    df = data.load("toy", manifest_path=make_package(tmp_path))
    assert list(df.columns) == ["iso3", "year", "value"]
    assert str(df["year"].dtype) == "Int64" and str(df["value"].dtype) == "float64"
    assert df["value"].isna().sum() == 1  # the empty cell is missing, not dropped
    assert len(df) == 3


# Each bad file is tried twice: edited after `make data` (its sha256 no longer matches the
# manifest, so load() runs the full frictionless pass), and with a manifest that vouches for the
# bad bytes (as if the manifest had been edited by hand), where load() must still name the place.
EDITED, VOUCHED = "edited", "vouched"


def bad_package(tmp_path, text, case):
    return make_package(tmp_path, text, hash_of=GOOD if case == EDITED else text)


@pytest.mark.parametrize("case", [EDITED, VOUCHED])
def test_missing_column(tmp_path, case):
    text = "iso3,year\nIRN,2000\nRUS,2000\nIRN,2001\n"
    with pytest.raises(DataError, match=r"toy\.csv.*column 'value'"):
        data.load("toy", manifest_path=bad_package(tmp_path, text, case))


@pytest.mark.parametrize("case", [EDITED, VOUCHED])
def test_wrong_type_names_row_and_column(tmp_path, case):
    text = GOOD.replace("RUS,2000,2.5", "RUS,2000,lots")
    with pytest.raises(DataError) as err:
        data.load("toy", manifest_path=bad_package(tmp_path, text, case))
    msg = str(err.value)
    assert "toy.csv, row 3, column 'value'" in msg and "expected number" in msg


def test_duplicated_key(tmp_path):
    text = GOOD.replace("IRN,2001,", "IRN,2000,3")
    with pytest.raises(DataError, match=r"toy\.csv, row 4, column 'iso3, year': primary-key"):
        data.load("toy", manifest_path=bad_package(tmp_path, text, EDITED))


def test_validate_is_always_full(tmp_path):
    """validate() (the tests' and build.py's check) finds what a vouched load does not look for."""
    text = GOOD.replace("IRN,2001,", "IRN,2000,3")
    with pytest.raises(DataError, match=r"row 4, column 'iso3, year': primary-key"):
        data.validate("toy", bad_package(tmp_path, text, VOUCHED))


def test_vouched_file_skips_frictionless(tmp_path, monkeypatch):
    """When the bytes match the manifest's sha256, load() does not run frictionless at all."""
    manifest = make_package(tmp_path)
    monkeypatch.setattr(data, "problems", lambda *a, **k: pytest.fail("frictionless ran"))
    assert len(data.load("toy", manifest_path=manifest)) == 3
    (tmp_path / "toy.csv").write_text(GOOD.replace("1.5", "1.6"))
    with pytest.raises(pytest.fail.Exception, match="frictionless ran"):
        data.load("toy", manifest_path=manifest)


def test_reordered_header(tmp_path):
    text = "year,iso3,value\n2000,IRN,1.5\n2000,RUS,2.5\n2001,IRN,\n"
    with pytest.raises(DataError, match=r"toy\.csv, row 1: columns in the order"):
        data.load("toy", manifest_path=bad_package(tmp_path, text, VOUCHED))


def test_edited_bytes_fail_checksum(tmp_path):
    edited = GOOD.replace("1.5", "1.6")
    with pytest.raises(DataError, match=r"toy\.csv: checksum mismatch"):
        data.load("toy", manifest_path=make_package(tmp_path, edited, hash_of=GOOD))


def test_missing_file(tmp_path):
    manifest = make_package(tmp_path)
    (tmp_path / "toy.csv").unlink()
    with pytest.raises(DataError, match=r"toy\.csv: file not found"):
        data.load("toy", manifest_path=manifest)


def test_empty_file(tmp_path):
    with pytest.raises(DataError, match=r"toy\.csv: file is empty"):
        data.load("toy", manifest_path=make_package(tmp_path, ""))


def test_unknown_name(tmp_path):
    with pytest.raises(DataError, match=r"no data file named 'nope'.*known: toy"):
        data.load("nope", manifest_path=make_package(tmp_path))


def test_row_count_mismatch(tmp_path):
    manifest = make_package(tmp_path)
    pkg = json.loads(manifest.read_text())
    pkg["resources"][0]["rows"] = 4
    manifest.write_text(json.dumps(pkg))
    with pytest.raises(DataError, match=r"3 rows read, manifest says 4"):
        data.load("toy", manifest_path=manifest)


def test_real_manifest_files_all_load(root):
    """Every file of the book's data package loads and validates as it is committed."""
    pkg = json.loads((root / "data" / "datapackage.json").read_text())
    assert pkg["resources"], "the manifest lists no files"
    for res in pkg["resources"]:
        df = data.load(res["name"])
        assert len(df) == res["rows"] > 0
        assert list(df.columns) == [f["name"] for f in res["schema"]["fields"]]


def test_edited_copy_of_real_file_is_caught(root, tmp_path):
    shutil.copy(root / "data" / "datapackage.json", tmp_path)
    shutil.copy(root / "data" / "nmc.csv", tmp_path)
    df = pd.read_csv(tmp_path / "nmc.csv")
    df.loc[5, "cinc"] = 0.5
    df.to_csv(tmp_path / "nmc.csv", index=False)
    with pytest.raises(DataError, match="nmc.csv: checksum mismatch"):
        data.load("nmc", manifest_path=tmp_path / "datapackage.json")


def test_require_names_parameter_value_and_source():
    data.require(["IRN", "RUS"], pd.Series(["IRN", "RUS", "USA", None]), parameter="P", where="x.csv")
    with pytest.raises(ValueError, match=r"^PARTNERS: 'XYZ', 'DEU' not in data/t\.csv \(available: IRN, RUS\)$"):
        data.require(["RUS", "XYZ", "DEU"], ["RUS", "IRN"], parameter="PARTNERS", where="data/t.csv")
