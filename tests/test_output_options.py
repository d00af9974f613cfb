"""Options mean the same in every format: --no-info, --fail-on, impossible combinations."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from codify.cli import app
from tests.paths import EXAMPLES, ROOT

SR = str(EXAMPLES / "schwartz-rounds")


def _diff(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["diff", SR, "--fail-on", "never", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_no_info_hides_info_findings_in_every_format(runner: CliRunner) -> None:
    assert "periphery-choice" in _diff(runner, "--format", "markdown")
    assert "::notice" in _diff(runner, "--format", "github")
    for fmt in ("text", "markdown", "github"):
        out = _diff(runner, "--format", fmt, "--no-info")
        assert "periphery-choice" not in out, fmt
        assert "::notice" not in out and "ℹ️" not in out and "  info  " not in out, fmt
    body = json.loads(_diff(runner, "--format", "json", "--no-info"))
    assert {f["severity"] for f in body["findings"]} == {"error", "warning"}


def test_totals_count_what_was_found_and_say_what_is_hidden(runner: CliRunner) -> None:
    everything = json.loads(_diff(runner, "--format", "json"))
    info = everything["summary"]["info"]
    assert info > 0
    hidden = json.loads(_diff(runner, "--format", "json", "--no-info"))
    assert hidden["summary"] == everything["summary"]
    assert hidden["hidden"] == {"info": info}
    text = _diff(runner, "--no-info").splitlines()[-1]
    assert re.search(rf"\b{info} info \({info} info not shown\)", text), text
    markdown = _diff(runner, "--format", "markdown", "--no-info")
    assert f"{info} info ({info} info not shown)" in markdown
    assert "not shown" not in _diff(runner)


def test_review_fails_on_errors_like_diff(runner: CliRunner) -> None:
    for fmt in ("text", "json", "markdown", "html"):
        result = runner.invoke(app, ["review", SR, "--format", fmt])
        assert result.exit_code == 1, (fmt, result.output)
        assert result.stdout
    assert runner.invoke(app, ["review", SR, "--fail-on", "never"]).exit_code == 0


def test_readme_exit_codes_promise_what_review_does() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Exit codes") :]
    assert "| 1 | problems found" in table
    assert "`review` exits 1" in readme


@pytest.mark.parametrize("fmt", ["markdown"])
def test_frame_csv_in_another_format_is_a_usage_error(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(app, ["export", SR, "--as", "frame-csv", "--format", fmt])
    assert result.exit_code == 2
    assert "frame-csv" in result.stderr and not result.stdout
    ok = runner.invoke(app, ["export", SR, "--as", "frame-csv", "--format", "csv"])
    assert ok.exit_code == 0 and ok.stdout.startswith("site,")
