"""init, adapt and upgrade: files that validate as written, and rewrites that lose nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from codify.authoring.upgrade import rewrite_based_on
from codify.cli import app
from codify.project import load_projects
from codify.rules.project import validate_project
from codify.validate.model import load_spec
from codify.vocab import Rule
from tests.paths import EXAMPLE_DIRS, EXAMPLES


def findings(path: Path) -> list[tuple[str, str]]:
    return [
        (f.rule.value, f.severity.value) for p in load_projects([path]) for f in validate_project(p)
    ]


def test_init_writes_a_project_that_validates_with_placeholder_warnings(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "peer-support"
    result = runner.invoke(app, ["init", str(folder), "--name", 'Peer support: "for all"'])
    assert result.exit_code == 0, result.output
    spec = folder / "innovation.yaml"
    first = spec.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=.codify/innovation.schema.json"
    assert json.loads((folder / ".codify" / "innovation.schema.json").read_text())["title"]
    assert (folder / "sites").is_dir() and (folder / "assets").is_dir()
    found = findings(folder)
    assert found and set(found) == {("placeholder", "warning")}
    model = load_spec(spec).model
    assert model is not None and model.id == "peer-support"
    assert model.name == 'Peer support: "for all"'
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0


def test_init_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "innovation.yaml").write_text("mine")
    result = runner.invoke(app, ["init", str(folder)])
    assert result.exit_code == 2
    assert "refusing to overwrite" in result.stderr
    assert (folder / "innovation.yaml").read_text() == "mine"
    assert not (folder / ".codify").exists()


@pytest.mark.parametrize("example", EXAMPLE_DIRS, ids=lambda p: p.name)
def test_adapt_writes_a_site_that_validates(
    runner: CliRunner, tmp_path: Path, example: Path
) -> None:
    project = tmp_path / example.name
    shutil.copytree(example, project)
    result = runner.invoke(app, ["adapt", str(project), "--site", "new-site"])
    assert result.exit_code == 0, result.output
    site = project / "sites" / "new-site.yaml"
    text = site.read_text()
    assert "# adaptations:" in text and "#     frame:" in text
    spec = load_spec(project / "innovation.yaml").model
    assert spec is not None
    for el in spec.periphery:
        assert f"{el.id}:" in text
    result = runner.invoke(
        app, ["diff", str(project / "innovation.yaml"), str(site), "--format", "json"]
    )
    body = json.loads(result.stdout)
    assert body["summary"]["error"] == 0 and body["summary"]["warning"] == 0, body
    again = runner.invoke(app, ["adapt", str(project), "--site", "new-site"])
    assert again.exit_code == 2


COMMENTED = """\
# A site file with comments everywhere.
codify: 1   # format
kind: adaptation

site:   # who we are
  id: leeds  # our id
  name: Leeds
innovation: schwartz-rounds
based_on: '1.0.0'   # keep me
# between
choices:
  frequency: monthly   # chosen in 2024


  panel-size: 3
adaptations: []  # none yet
# the end
"""


def test_upgrade_changes_only_based_on(runner: CliRunner, project: Path) -> None:
    site = project / "sites" / "commented.yaml"
    site.write_text(COMMENTED)
    result = runner.invoke(app, ["upgrade", str(site)])
    assert result.exit_code == 0, result.output
    new = site.read_text()
    assert new == COMMENTED.replace("based_on: '1.0.0'", "based_on: '1.1.0'")
    result = runner.invoke(app, ["upgrade", str(site)])
    assert "unchanged" in result.stderr and site.read_text() == new


def test_upgrade_dry_run_prints_a_diff_and_writes_nothing(runner: CliRunner, project: Path) -> None:
    site = project / "sites" / "hse-team-time.yaml"
    before = site.read_text()
    result = runner.invoke(app, ["upgrade", str(site), "--dry-run"])
    assert site.read_text() == before
    assert '-based_on: "1.0.0"\n+based_on: "1.1.0"\n' in result.stdout
    # The project's own history/ holds 1.0.0, as diff uses it: old findings are not repeated.
    assert result.exit_code == 0, result.output
    assert "finding(s) the site already had under 1.0.0 are not repeated" in result.stderr
    shutil.rmtree(project / "history")
    result = runner.invoke(app, ["upgrade", str(site), "--dry-run"])
    assert result.exit_code == 1  # without the old release, every finding is reported
    assert "periphery-out-of-bounds" in result.stderr


def test_upgrade_to_unknown_version_is_a_usage_error(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, ["upgrade", str(project / "sites" / "leeds.yaml"), "--to", "9.0.0"])
    assert result.exit_code == 2 and "--history" in result.stderr
    result = runner.invoke(
        app,
        [
            "upgrade",
            str(project / "sites" / "leeds.yaml"),
            "--to",
            "1.0.0",
            "--history",
            str(project / "history"),
        ],
    )
    assert result.exit_code == 1  # 1.0.0 has no board-support element
    assert "'board-support' is not a periphery element" in result.stderr


def test_upgrade_reports_what_the_new_release_breaks(runner: CliRunner, project: Path) -> None:
    spec = project / "innovation.yaml"
    spec.write_text(spec.read_text().replace("    max: 4\n", "    max: 3\n"))
    site = project / "sites" / "extra.yaml"
    site.write_text(COMMENTED.replace("panel-size: 3", "panel-size: 4"))
    result = runner.invoke(app, ["upgrade", str(site)])
    assert result.exit_code == 1
    assert "panel-size: 4 is above the allowed 3-3 people" in result.stderr


# Property tests: comments in every position survive, and the same version is a no-op.
comment = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=30
).map(lambda t: " # " + t.replace("\n", " ") if t else "")
blank = st.sampled_from(["", "\n"])


@st.composite
def site_files(draw: st.DrawFn) -> str:
    quote = draw(st.sampled_from(['"', "'", ""]))
    lines = [
        f"#{draw(comment)}",
        f"codify: 1{draw(comment)}",
        draw(blank) + f"kind: adaptation{draw(comment)}",
        f"site:{draw(comment)}",
        f"  id: here{draw(comment)}",
        f"  name: Here{draw(comment)}",
        f"innovation: schwartz-rounds{draw(comment)}",
        draw(blank) + f"based_on: {quote}1.0.0{quote}{draw(comment)}",
        f"choices:{draw(comment)}",
        f"  panel-size: 3{draw(comment)}",
        draw(blank) + f"#{draw(comment)}",
    ]
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=site_files(), version=st.sampled_from(["1.0.0", "1.1.0", "12.3.45"]))
def test_rewrite_keeps_every_comment_and_line(text: str, version: str) -> None:
    new = rewrite_based_on(text, version)
    if version == "1.0.0":
        assert new == text
        return
    old_lines, new_lines = text.splitlines(), new.splitlines()
    assert len(old_lines) == len(new_lines)
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert len(changed) == 1
    before, after = changed[0]
    assert after == before.replace("1.0.0", version, 1)
    assert [ln for ln in new_lines if "#" in ln and "based_on" not in ln] == [
        ln for ln in old_lines if "#" in ln and "based_on" not in ln
    ]


def test_pre_commit_hooks_name_real_commands() -> None:
    from codify.yaml.document import parse_document

    root = EXAMPLES.parent
    doc, problems = parse_document((root / ".pre-commit-hooks.yaml").read_text(), "hooks")
    assert doc is not None and not problems
    entries = {hook["id"]: hook["entry"] for hook in doc.data}
    assert entries == {
        "codify-validate": "codify validate",
        "codify-diff": "codify diff --fail-on error",
    }
    assert Rule.PLACEHOLDER.value == "placeholder"


def test_upgrade_with_history_reports_only_what_the_release_introduces(
    runner: CliRunner, project: Path
) -> None:
    site = project / "sites" / "hse-team-time.yaml"
    result = runner.invoke(app, ["upgrade", str(site), "--history", str(project / "history")])
    assert result.exit_code == 0, result.output  # 1.1.0 only widened what sites may do
    assert "6 finding(s) the site already had under 1.0.0 are not repeated" in result.stderr
    spec = project / "innovation.yaml"
    spec.write_text(spec.read_text().replace("    max: 4\n", "    max: 3\n"))
    extra = project / "sites" / "extra.yaml"
    extra.write_text(COMMENTED.replace("panel-size: 3", "panel-size: 4"))
    result = runner.invoke(app, ["upgrade", str(extra), "--history", str(project / "history")])
    assert result.exit_code == 1
    assert "what changes in 1.1.0" in result.stderr
    assert "panel-size: 4 is above the allowed 3-3 people" in result.stderr
    assert "frequency" not in result.stderr.split("this site has:")[1]
