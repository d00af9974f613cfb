"""Several specs given as files: each site is checked against the spec its `innovation` names."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codify.cli import app
from tests.paths import EXAMPLE_DIRS, EXAMPLES


def _all_files() -> list[str]:
    files = [d / "innovation.yaml" for d in EXAMPLE_DIRS]
    files += sorted(p for d in EXAMPLE_DIRS for p in (d / "sites").glob("*.yaml"))
    return [str(p) for p in files]


def _json(runner: CliRunner, *args: str) -> dict[str, object]:
    result = runner.invoke(app, [*args, "--format", "json"])
    body: dict[str, object] = json.loads(result.stdout)
    body["exit"] = result.exit_code
    return body


def _keys(body: dict[str, object]) -> set[tuple[str, str]]:
    """(rule, file name) of every finding; ayrshire.yaml, which adapts an innovation no spec
    has the id of, is judged against florence only when given in florence's folder."""
    findings = body["findings"]
    assert isinstance(findings, list)
    keys = {(f["rule"], Path(f["file"]).name) for f in findings}
    return {k for k in keys if k[1] != "ayrshire.yaml"}


def test_validate_with_every_file_checks_each_site_against_its_spec(runner: CliRunner) -> None:
    together = _json(runner, "validate", *_all_files())
    folders = [_json(runner, "validate", str(d)) for d in EXAMPLE_DIRS]
    assert ("unknown-target", "york.yaml") in _keys(together)
    findings = together["findings"]
    assert isinstance(findings, list)
    ayrshire = [f for f in findings if f["file"].endswith("ayrshire.yaml")]
    assert [(f["rule"], f["site"]) for f in ayrshire] == [("wrong-innovation", "ayrshire")]
    assert _keys(together) == set().union(*(_keys(f) for f in folders))
    assert together["exit"] == 1


def test_diff_with_every_file_judges_each_site_against_its_spec(runner: CliRunner) -> None:
    together = _json(runner, "diff", *_all_files(), "--fail-on", "never")
    folders = [_json(runner, "diff", str(d), "--fail-on", "never") for d in EXAMPLE_DIRS]
    assert _keys(together) == set().union(*(_keys(f) for f in folders))
    assert len(_keys(together)) > 10


def test_a_site_matching_no_spec_given_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    stray = tmp_path / "stray.yaml"
    york = (EXAMPLES / "schwartz-rounds" / "sites" / "york.yaml").read_text(encoding="utf-8")
    stray.write_text(york.replace("innovation: schwartz-rounds", "innovation: nowhere"))
    specs = [str(EXAMPLES / n / "innovation.yaml") for n in ("dafne", "florence")]
    for command in ("validate", "diff"):
        body = _json(runner, command, *specs, str(stray))
        assert body["exit"] == 1
        findings = body["findings"]
        assert isinstance(findings, list)
        [problem] = [f for f in findings if f["file"].endswith("stray.yaml")]
        assert problem["rule"] == "wrong-innovation" and problem["severity"] == "error"
        assert (problem["line"], problem["site"]) == (9, "york")
        assert "nowhere" in problem["message"]


@pytest.mark.parametrize("command", [["review"], ["export", "--as", "tidier"]])
def test_one_innovation_commands_refuse_several_specs(
    runner: CliRunner, command: list[str]
) -> None:
    result = runner.invoke(app, [*command, *_all_files()])
    assert result.exit_code == 2
    assert "one innovation at a time" in result.stderr


def test_files_of_one_project_still_work_as_before(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "sr"
    shutil.copytree(EXAMPLES / "schwartz-rounds", folder)
    files = [str(folder / "innovation.yaml"), *map(str, sorted((folder / "sites").glob("*")))]
    as_files = _json(runner, "diff", *files, "--fail-on", "never")
    as_folder = _json(runner, "diff", str(folder), "--fail-on", "never")
    assert as_files["findings"] == as_folder["findings"]
