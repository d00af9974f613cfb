"""``codify results`` through the real CLI, and results in validate, diff, review and build."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codify.cli import app
from tests.paths import EXAMPLE_DIRS, EXAMPLES


def _copy(tmp_path: Path, name: str = "dafne") -> Path:
    target = tmp_path / name
    shutil.copytree(EXAMPLES / name, target)
    return target


@pytest.mark.parametrize("example", EXAMPLE_DIRS, ids=lambda p: p.name)
def test_every_example_has_results_for_two_sites(runner: CliRunner, example: Path) -> None:
    result = runner.invoke(app, ["results", str(example), "--format", "json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert list(body) == ["codify", "series", "signals", "readiness", "findings"]
    sites = {s["site"] for s in body["series"] if len(s["points"]) == 24}
    assert len(sites) >= 2
    keys = [(s["site"], s["measure"]) for s in body["series"]]
    assert keys == sorted(keys)
    for series in body["series"]:
        periods = [p["period"] for p in series["points"]]
        assert periods == sorted(periods)
        assert series["variation"] == series["points"][-1]["type"]
    assert body["signals"] and body["readiness"]
    text = (example / "README.md").read_text()
    assert "illustrative" in text and "invented" in text


def test_results_json_matches_format(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        [
            "results",
            str(EXAMPLES / "dafne"),
            "--site",
            "newcastle",
            "--measure",
            "course-completion",
            "--format",
            "json",
        ],
    )
    body = json.loads(result.stdout)
    [series] = body["series"]
    assert (series["site"], series["unit"], series["improvement"]) == (
        "newcastle",
        "share",
        "increase",
    )
    first = series["points"][0]
    assert list(first)[:7] == ["period", "value", "segment", "mean", "lower", "upper", "type"]
    assert first["note"] == "illustrative: invented figures for the example"
    assert body["signals"] == [
        {
            "site": "newcastle",
            "adaptation": "remote-groups",
            "measure": "course-completion",
            "decided": "2024-02-05",
            "signal": "concern",
            "before": 11,
            "after": 13,
        }
    ]
    assert {r["prerequisite"]: r["status"] for r in body["readiness"]} == {
        "two-educators": "met",
        "teaching-room": "met",
    }


def test_a_rebase_starts_a_new_segment(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        [
            "results",
            str(EXAMPLES / "schwartz-rounds"),
            "--site",
            "york",
            "--measure",
            "attendance",
            "--format",
            "json",
        ],
    )
    points = json.loads(result.stdout)["series"][0]["points"]
    assert [p["segment"] for p in points] == [0] * 12 + [1] * 12
    assert points[0]["mean"] != points[-1]["mean"]


def test_text_markdown_and_html(runner: CliRunner, tmp_path: Path) -> None:
    project = str(EXAMPLES / "schwartz-rounds")
    text = runner.invoke(app, ["results", project]).stdout
    assert "after winter-online, attendance:" in text
    assert "not proof that the adaptation caused it" in text
    assert "no results file (results/hse-team-time.csv)" in text
    markdown = runner.invoke(app, ["results", project, "-f", "markdown"]).stdout
    assert "| Evaluation forms |" in markdown
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["results", project, "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    charts = re.findall(r'<svg class="xmr" viewBox="0 0 640 250" role="img"', html)
    assert len(charts) == 4
    assert html.count('<details class="xmr-data">') == 4  # a data table for every chart
    assert "<script" not in html and "# Illustrative" not in html  # the CSV comment is not data
    assert 'aria-labelledby="chart-york-evaluation-forms-t chart-york-evaluation-forms-d"' in html


def test_bad_results_are_findings_and_the_exit_code_follows_fail_on(
    runner: CliRunner, tmp_path: Path
) -> None:
    project = _copy(tmp_path)
    path = project / "results" / "newcastle.csv"
    lines = path.read_text().splitlines()
    lines[3] = lines[3].replace(",", ";", 1)  # measure;period: an unknown measure
    lines.append("course-completion,2024-03,19,23,again")
    lines.append("course-complete,2025-03,19,23,")
    path.write_text("\n".join(lines) + "\n")
    (project / "results" / "leeds.csv").write_text("measure,period,value\n")
    result = runner.invoke(app, ["results", str(project), "-f", "json"])
    assert result.exit_code == 1
    found = {
        (f["rule"], f["file"].split("/")[-1], f["line"])
        for f in json.loads(result.stdout)["findings"]
    }
    assert ("results-duplicate", "newcastle.csv", len(lines) - 1) in found
    assert ("unknown-target", "leeds.csv", 1) in found
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    assert any("did you mean 'course-completion'?" in m for m in messages)
    never = runner.invoke(app, ["results", str(project), "--fail-on", "never"])
    assert never.exit_code == 0
    validate = runner.invoke(app, ["validate", str(project), "-f", "json"])
    rules = {f["rule"] for f in json.loads(validate.stdout)["findings"]}
    assert {"results-duplicate", "unknown-target"} <= rules
    assert "too-few-points" not in rules  # validate reports only what makes a file wrong
    diff = runner.invoke(app, ["diff", str(project), "-f", "json"])
    rules = {f["rule"] for f in json.loads(diff.stdout)["findings"]}
    assert {"results-duplicate", "prerequisite-unmet", "too-few-points"} <= rules


def test_site_readiness_rebase_and_affects_are_checked(runner: CliRunner, tmp_path: Path) -> None:
    project = _copy(tmp_path)
    site = project / "sites" / "newcastle.yaml"
    text = site.read_text()
    text = text.replace("course-completion]", "course-complete]")
    text = text.replace(
        "  - prerequisite: teaching-room\n    status: met",
        "  - prerequisite: teaching-rooms\n    status: met",
    )
    text += "rebase:\n  - measure: course-completion\n    period: 2030-01\n    reason: moved\n"
    site.write_text(text)
    result = runner.invoke(app, ["results", str(project), "-f", "json"])
    findings = json.loads(result.stdout)["findings"]
    found = {(f["rule"], f["line"]) for f in findings if f.get("site") == "newcastle"}
    lines = text.splitlines()
    # An affected measure the spec lacks is a site rule: diff reports it, once.
    diffed = runner.invoke(app, ["diff", str(project), "-f", "json"])
    at = 1 + next(i for i, x in enumerate(lines) if "course-complete]" in x)
    typos = [
        f
        for f in json.loads(diffed.stdout)["findings"]
        if f["rule"] == "unknown-target" and f["line"] == at
    ]
    assert len(typos) == 1 and "course-complete" in typos[0]["message"]
    assert (
        "unknown-target",
        1 + next(i for i, x in enumerate(lines) if "teaching-rooms" in x),
    ) in found
    assert ("rebase-ignored", 1 + next(i for i, x in enumerate(lines) if "2030-01" in x)) in found
    # teaching-room is now left out, so it is unknown: a should prerequisite gets no finding.
    assert not any(r == "prerequisite-unmet" for r, _ in found)


def test_readiness_findings_by_level_and_status(runner: CliRunner, tmp_path: Path) -> None:
    project = _copy(tmp_path)
    site = project / "sites" / "newcastle.yaml"
    text = (
        site.read_text()
        .replace(
            "  - prerequisite: two-educators\n    status: met",
            "  - prerequisite: two-educators\n    status: not-met",
        )
        .replace(
            "  - prerequisite: teaching-room\n    status: met",
            "  - prerequisite: teaching-room\n    status: not-met",
        )
    )
    site.write_text(text)
    result = runner.invoke(app, ["diff", str(project), "-f", "json"])
    got = sorted(
        (f["severity"], f["target"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "prerequisite-unmet"
    )
    assert ("error", "two-educators") in got and ("info", "teaching-room") in got


def test_init_and_adapt_write_a_template_that_reads_clean(
    runner: CliRunner, tmp_path: Path
) -> None:
    project = _copy(tmp_path)
    (project / "results" / "cork.csv").unlink()
    result = runner.invoke(app, ["results", str(project), "--init", "cork"])
    assert result.exit_code == 0, result.output
    template = (project / "results" / "cork.csv").read_text()
    assert "measure,period,value,denominator,note" in template
    assert "# hba1c-change,2025-01,0,,example: HbA1c change at 12 months (mmol/mol)" in template
    again = runner.invoke(app, ["results", str(project), "--init", "cork"])
    assert again.exit_code == 2 and "refusing to overwrite" in again.stderr
    unknown = runner.invoke(app, ["results", str(project), "--init", "corck"])
    assert unknown.exit_code == 2 and "did you mean 'cork'?" in unknown.stderr
    body = json.loads(
        runner.invoke(app, ["results", str(project), "--site", "cork", "-f", "json"]).stdout
    )
    assert body["series"] == [] and not [
        f for f in body["findings"] if f.get("site") == "cork" and f["file"].endswith(".csv")
    ]
    adapt = runner.invoke(app, ["adapt", str(project), "--site", "gateshead"])
    assert adapt.exit_code == 0 and (project / "results" / "gateshead.csv").is_file()


def test_unknown_site_or_measure_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["results", str(EXAMPLES / "dafne"), "--site", "newcastel"])
    assert result.exit_code == 2 and "did you mean 'newcastle'?" in result.stderr
    result = runner.invoke(app, ["results", str(EXAMPLES / "dafne"), "--measure", "hba1c"])
    assert result.exit_code == 2


def test_review_has_an_outcomes_part_in_every_format(runner: CliRunner, tmp_path: Path) -> None:
    project = str(EXAMPLES / "schwartz-rounds")
    text = runner.invoke(app, ["review", project]).stdout
    assert "Outcomes: the latest point of each site's chart" in text
    assert "winter-online -> attendance: 1 site made this change;" in text
    body = json.loads(runner.invoke(app, ["review", project, "-f", "json"]).stdout)
    outcomes = body["outcomes"]
    assert outcomes["readiness"]["york"]["room-and-food"] == "not-met"
    assert outcomes["readiness"]["hse-team-time"] is None
    assert "not proof" in outcomes["caution"]
    markdown = runner.invoke(app, ["review", project, "-f", "markdown"]).stdout
    assert "### Readiness" in markdown and "### Signals after adaptations" in markdown
    out = tmp_path / "review.html"
    runner.invoke(app, ["review", project, "-f", "html", "-o", str(out)])
    html = out.read_text()
    assert 'id="outcomes-h"' in html and "small-multiples" in html and "✗ not met" in html


def test_a_site_playbook_shows_your_results(tmp_path: Path) -> None:
    from codify.render.build import BuildJob, build_one
    from codify.vocab import BuildFormat, Paper

    root = EXAMPLES / "schwartz-rounds"
    job = BuildJob(
        root, root / "sites" / "leeds.yaml", tmp_path, BuildFormat.HTML, Paper.A4, None, None
    )
    html = build_one(job).files[0].read_text()
    section = html[html.index('id="your-results"') :]
    assert section.count('<svg class="xmr"') == 2
    assert "Illustrative example" in section  # the site's illustrative story, labelled
    assert "✓ met" in html and "◐ partly" in html  # the readiness checklist with status
    spec_job = BuildJob(root, None, tmp_path, BuildFormat.HTML, Paper.A4, None, None)
    spec_html = build_one(spec_job).files[0].read_text()
    assert 'id="your-results"' not in spec_html and 'class="box"' in spec_html


def test_a_consented_site_story_needs_a_source_or_the_illustrative_label(
    runner: CliRunner, tmp_path: Path
) -> None:
    project = _copy(tmp_path, "schwartz-rounds")
    site = project / "sites" / "leeds.yaml"
    text = site.read_text()
    site.write_text(text.replace("    illustrative: true\n", ""))
    result = runner.invoke(app, ["validate", str(site), "-f", "json"])
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "reference"]
    assert len(found) == 1 and "illustrative: true" in found[0]["message"]
    site.write_text(
        text.replace("    illustrative: true\n", "    source: Leeds staff survey, 2025\n")
    )
    result = runner.invoke(app, ["validate", str(site), "-f", "json"])
    assert result.exit_code == 0, result.stdout


def test_a_site_file_with_a_typo_still_owns_its_results(runner: CliRunner, tmp_path: Path) -> None:
    project = _copy(tmp_path)
    site = project / "sites" / "newcastle.yaml"
    site.write_text(site.read_text().replace("justification:", "justifcation:", 1))
    result = runner.invoke(app, ["validate", str(project), "-f", "json"])
    found = json.loads(result.stdout)["findings"]
    assert any(f["rule"] == "schema" and "justifcation" in f["message"] for f in found)
    assert not any("no site has id 'newcastle'" in f["message"] for f in found)
