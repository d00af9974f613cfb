"""The real CLI, through Typer's runner and once as the installed entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codify import __version__
from codify.cli import app
from tests.paths import CASES, EXAMPLE_DIRS, EXAMPLES

SR = str(EXAMPLES / "schwartz-rounds")


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_version_and_help(runner: CliRunner) -> None:
    code, out, _ = run(runner, "--version")
    assert (code, out.strip()) == (0, f"codify {__version__}")
    code, out, _ = run(runner, "--help")
    assert code == 0
    for command in (
        "validate",
        "diff",
        "build",
        "review",
        "export",
        "schema",
        "init",
        "adapt",
        "upgrade",
    ):
        assert command in out


@pytest.mark.parametrize("example", EXAMPLE_DIRS, ids=lambda p: p.name)
def test_every_example_spec_validates(runner: CliRunner, example: Path) -> None:
    # Sites may carry findings that diff reports, but every file must be well-formed.
    code, out, _ = run(runner, "validate", str(example / "innovation.yaml"))
    assert (code, out.strip()) == (0, "total: 0 errors, 0 warnings, 0 info in 1 file"), out
    code, out, _ = run(runner, "validate", *map(str, sorted((example / "sites").iterdir())))
    assert code == 0, out


def test_validate_project_folder_reports_unknown_ids(runner: CliRunner) -> None:
    code, out, _ = run(runner, "validate", SR)
    assert code == 1
    assert "unknown-target" in out and "did you mean 'panel-size'?" in out


def test_validate_json_shape(runner: CliRunner) -> None:
    code, out, _ = run(
        runner, "validate", str(CASES / "invalid" / "spec-many-errors.yaml"), "--format", "json"
    )
    assert code == 1
    body = json.loads(out)
    assert set(body) == {"codify", "findings", "summary"}
    assert body["summary"] == {"error": 6, "warning": 0, "info": 0}
    for finding in body["findings"]:
        assert {"rule", "severity", "file", "line", "column", "message", "fingerprint"} <= set(
            finding
        )
        assert finding["line"] >= 1 and finding["column"] >= 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "no/such/path.yaml"], "no such file or folder"),
        (["validate", str(CASES)], "no innovation.yaml in this folder"),
        (["diff", SR, "--fail-on", "sometimes"], "sometimes"),
        (["validate"], "Missing argument"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    code, out, err = run(runner, *args)
    assert code == 2
    assert message in err + out
    assert "Traceback" not in err + out


@pytest.mark.parametrize("case", sorted((CASES / "invalid").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bad_input_is_one_clear_screen(runner: CliRunner, case: Path) -> None:
    code, out, err = run(runner, "validate", str(case))
    assert code == 1
    assert "Traceback" not in out + err
    assert f"{case.name}" in out and "error" in out
    assert len(out.splitlines()) < 40


def test_diff_fail_on_levels(runner: CliRunner) -> None:
    leeds = str(EXAMPLES / "schwartz-rounds" / "sites" / "leeds.yaml")
    spec = str(EXAMPLES / "schwartz-rounds" / "innovation.yaml")
    assert run(runner, "diff", spec, leeds)[0] == 0  # warnings only
    assert run(runner, "diff", spec, leeds, "--fail-on", "warning")[0] == 1
    assert run(runner, "diff", SR)[0] == 1
    assert run(runner, "diff", SR, "--fail-on", "never")[0] == 0


def test_diff_text_is_grouped_by_site_with_summaries(runner: CliRunner) -> None:
    _, out, _ = run(runner, "diff", SR, "--today", "2026-03-01")
    assert out.index("(site hse-team-time)") < out.index("(site leeds)") < out.index("(site york)")
    assert "  york: 3 errors, 2 warnings, 5 info" in out
    assert out.rstrip().endswith("total: 7 errors, 7 warnings, 17 info in 3 files")
    york = out[out.index("(site york)") :]
    assert york.index("error") < york.index("info")
    assert "\x1b[" not in out  # not a terminal: no colour


def test_diff_markdown_and_github(runner: CliRunner) -> None:
    _, md, _ = run(runner, "diff", SR, "--format", "markdown")
    assert md.startswith("## codify findings")
    assert "| ❌ error | `periphery-out-of-bounds` | line 12 |" in md
    _, gh, _ = run(runner, "diff", SR, "--format", "github")
    assert "::error file=" in gh and ",line=12,col=3,title=codify periphery-out-of-bounds::" in gh


def test_diff_two_releases_flags_under_bump(runner: CliRunner, tmp_path: Path) -> None:
    old = EXAMPLES / "schwartz-rounds" / "innovation.yaml"
    new = tmp_path / "innovation.yaml"
    new.write_text(
        old.read_text()
        .replace("    max: 75\n", "    max: 70\n")
        .replace('version: "1.1.0"', 'version: "1.2.0"')
    )
    code, out, _ = run(
        runner,
        "diff",
        str(old),
        str(new),
        "--sites",
        str(EXAMPLES / "schwartz-rounds" / "sites"),
        "--format",
        "json",
    )
    assert code == 1
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert rules[0] == "version-bump" and "spec-change" in rules


def test_diff_history_lists_changes(runner: CliRunner) -> None:
    _, out, _ = run(runner, "diff", SR, "--history", f"{SR}/history")
    assert "- minor: periphery element 'board-support' added" in out


def test_waivers(runner: CliRunner, tmp_path: Path) -> None:
    _, out, _ = run(runner, "diff", SR, "--format", "json")
    errors = [f for f in json.loads(out)["findings"] if f["severity"] == "error"]
    lines = [
        f"- fingerprint: {f['fingerprint']}\n  reason: reviewed\n  reviewer: network"
        for f in errors
    ]
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "\n".join(lines) + "\n- fingerprint: 000000000000\n  reason: old\n"
        "  reviewer: x\n  expires: 2020-01-01\n"
    )
    code, out, _ = run(runner, "diff", SR, "--waivers", str(waivers), "--format", "json")
    body = json.loads(out)
    assert code == 0
    assert all("waived" in f for f in body["findings"] if f["severity"] == "error")
    expired = [f for f in body["findings"] if f["rule"] == "waiver-expired"]
    assert len(expired) == 1 and expired[0]["line"] == len(errors) * 3 + 1


def test_schema_command_writes_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / ".codify" / "innovation.schema.json"
    code, _, _ = run(runner, "schema", "innovation", "-o", str(target))
    assert code == 0
    schema = json.loads(target.read_text())
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["additionalProperties"] is False


def test_installed_entry_point_runs(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "codify"
    assert exe.exists(), "the codify entry point is not installed in this environment"
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [str(exe), "diff", SR, "--format", "json", "--today", "2026-03-01"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["summary"] == {"error": 7, "warning": 7, "info": 17}
    done = subprocess.run(
        [sys.executable, "-m", "codify", "--version"], capture_output=True, text=True, check=False
    )
    assert done.stdout.strip() == f"codify {__version__}"
