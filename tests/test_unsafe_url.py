"""``unsafe-url`` is a finding like any other: positioned, in every format, counted for exit."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from codify.cli import app


def _spoil(project: Path) -> Path:
    spec = project / "innovation.yaml"
    text = spec.read_text(encoding="utf-8")
    text = text.replace(
        "problem: |\n",
        "problem: |\n  See ![chart](https://example.org/chart.png) and ![x](../secret.png).\n\n",
        1,
    )
    spec.write_text(text, encoding="utf-8")
    return spec


def _where(spec: Path, needle: str) -> tuple[int, int]:
    for number, line in enumerate(spec.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def test_validate_reports_unsafe_images_where_they_are_written(
    runner: CliRunner, project: Path
) -> None:
    spec = _spoil(project)
    result = runner.invoke(app, ["validate", str(spec), "--format", "json"])
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "unsafe-url"]
    assert [(f["severity"], f["line"], f["column"], f["path"]) for f in found] == [
        ("warning", *_where(spec, "https://example.org/chart.png"), "problem"),
        ("warning", *_where(spec, "../secret.png"), "problem"),
    ]
    github = runner.invoke(app, ["validate", str(spec), "--format", "github"]).stdout
    line, col = _where(spec, "https://example.org/chart.png")
    assert (
        f"::warning file={spec},line={line},col={col},title=codify unsafe-url::"
        in github.replace("%3A", ":")
    )


def test_unsafe_images_count_for_the_exit_code(runner: CliRunner, project: Path) -> None:
    spec = _spoil(project)
    site = project / "sites" / "leeds.yaml"
    args = [str(spec), str(site)]
    assert runner.invoke(app, ["diff", *args]).exit_code == 0
    assert runner.invoke(app, ["diff", *args, "--fail-on", "warning"]).exit_code == 1
    out = project.parent / "out"
    build = ["build", str(project), "-o", str(out), "--format", "html"]
    assert runner.invoke(app, build).exit_code == 0
    strict = runner.invoke(app, [*build, "--fail-on", "warning"])
    assert strict.exit_code == 1 and "unsafe-url" in strict.stderr


def test_the_examples_have_no_unsafe_images(runner: CliRunner) -> None:
    from tests.paths import EXAMPLE_DIRS

    for example in EXAMPLE_DIRS:
        body = json.loads(runner.invoke(app, ["validate", str(example), "--format", "json"]).stdout)
        assert not [f for f in body["findings"] if f["rule"] == "unsafe-url"]


def test_build_reports_an_address_inside_an_svg_asset(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    svg = project / "assets" / "mark.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n'
        '  <image href="http://127.0.0.1:9/tracker.png" width="10" height="10"/>\n'
        "</svg>\n",
        encoding="utf-8",
    )
    spec = project / "innovation.yaml"
    text = spec.read_text(encoding="utf-8")
    assert "  src: assets/rounds-mark.svg" in text
    spec.write_text(text.replace("  src: assets/rounds-mark.svg", "  src: assets/mark.svg"))
    result = runner.invoke(
        app, ["build", str(project), "-o", str(tmp_path / "out"), "--format", "pdf"]
    )
    assert result.exit_code == 0, result.output
    assert f"{svg}\n  2:16  warning  unsafe-url  PDF: 'http://127.0.0.1:9/tracker.png'" in (
        result.stderr
    )
