"""Publishing: the GitHub Actions workflows, the changelog and the pages' "last changed" dates.

* every workflow in ``.github/workflows/`` is valid YAML with jobs and steps;
* the workflows run the book through ``.ci/run`` and make targets only, the same ones ``.ci/run``
  and the Makefile define: the tests on every push and pull request (``.ci/run``, i.e. ``make
  test``), on a tag the book and the PDF (``.ci/run book pdf``) published to Pages and attached
  to the release, and every week ``make linkcheck``;
* ``pages/changelog.md`` is in the toc and has an entry for every edition up to the current one;
* the dates come from git and fall back to a clear value without it.
"""
from __future__ import annotations

import re
import shlex
import subprocess

import pytest
import yaml

from nexus import sphinxext

WORKFLOWS = ".github/workflows"


def _workflows(root) -> dict[str, dict]:
    files = sorted((root / WORKFLOWS).glob("*.yml")) + sorted((root / WORKFLOWS).glob("*.yaml"))
    assert files, f"no workflow in {WORKFLOWS}"
    return {f.name: yaml.safe_load(f.read_text(encoding="utf-8")) for f in files}


def _on(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as True
    on = workflow.get("on", workflow.get(True))
    return {on: None} if isinstance(on, str) else {k: None for k in on} if isinstance(on, list) else on


def _make_targets(root) -> set[str]:
    text = (root / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*):", text, re.M))


def _ci_run_calls(workflow: dict) -> list[tuple[str, list[str]]]:
    """(job, targets) of every step that runs .ci/run (no argument: ['test'])."""
    calls = []
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            for line in str(step.get("run", "")).splitlines():
                words = shlex.split(line, comments=True)
                if words and words[0] in (".ci/run", "./.ci/run"):
                    calls.append((name, words[1:] or ["test"]))
                assert not (words and words[0] in ("make", "jupyter-book", "pytest")), (
                    f"job {name} runs {line!r}: run the book through .ci/run and make targets")
    return calls


def test_workflows_are_valid_yaml_with_jobs(root):
    for name, wf in _workflows(root).items():
        assert isinstance(wf, dict) and wf.get("jobs"), name
        assert _on(wf), f"{name}: no trigger"
        for job_name, job in wf["jobs"].items():
            assert job.get("runs-on") and job.get("steps"), f"{name}: job {job_name}"
            for step in job["steps"]:
                assert ("run" in step) != ("uses" in step), f"{name}: job {job_name}: {step}"


def test_ci_run_defaults_to_make_test(root):
    text = (root / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -- test" in text and re.search(r'^make "\$@"', text, re.M)


def test_workflows_call_the_make_targets_of_ci_run(root):
    targets = _make_targets(root)
    wfs = _workflows(root)
    calls = {name: _ci_run_calls(wf) for name, wf in wfs.items()}
    for name, found in calls.items():
        for job, args in found:
            assert set(args) <= targets, f"{name}: job {job} runs .ci/run {args}; Makefile targets: {sorted(targets)}"
    ci = next((wf for name, wf in wfs.items() if {"push", "pull_request"} <= set(_on(wf))), None)
    assert ci is not None, "no workflow runs on push and pull_request"
    ci_calls = _ci_run_calls(ci)
    assert any(args == ["test"] for _, args in ci_calls), "the tests (.ci/run) do not run on every push"
    assert "v*" in (_on(ci)["push"] or {}).get("tags", []), "no release on a tag"
    release = [job for job, args in ci_calls if {"book", "pdf"} <= set(args)]
    assert release, "no job builds the book and the PDF"
    uses = [s.get("uses", "") for job in ci["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)
    assert any(u.startswith("softprops/action-gh-release") for u in uses)
    weekly = [wf for wf in wfs.values() if "schedule" in _on(wf)]
    assert any(["linkcheck"] in [a for _, a in _ci_run_calls(wf)] for wf in weekly), "no weekly linkcheck"


def test_changelog_lists_every_edition(root, config):
    toc = (root / "_toc.yml").read_text(encoding="utf-8")
    assert "pages/changelog" in toc
    text = (root / "pages" / "changelog.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\d+\.\d+\.\d+)", text, re.M)
    edition = str(config["parse"]["myst_substitutions"]["edition"])
    assert {"0.1.0", "0.2.0", edition} <= set(headings), headings
    assert headings == sorted(headings, key=lambda v: tuple(map(int, v.split("."))), reverse=True)


def test_last_changed_dates_from_git(root, tmp_path, monkeypatch):
    monkeypatch.delenv("NEXUS_GIT_DIR", raising=False)
    sphinxext._git_dates.cache_clear()
    try:
        if subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True).returncode:
            pytest.skip("this checkout has no git history")
        dates = sphinxext._git_dates(str(root))
        assert dates and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates.values())
        assert "index.md" in dates and "_config.yml" in dates
        # a folder without git history: no dates, and the pages say so instead of failing
        assert sphinxext._git_dates(str(tmp_path)) is None
    finally:
        sphinxext._git_dates.cache_clear()
    assert "no git history" in sphinxext.NO_HISTORY
