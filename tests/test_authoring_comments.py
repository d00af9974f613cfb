"""What init and adapt write in comments: an example that works, placeholders named in full."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codify.cli import app
from codify.project import load_projects
from codify.rules.project import validate_project
from codify.validate.model import load_site
from codify.vocab import Rule, Severity
from tests.paths import EXAMPLE_DIRS


@pytest.mark.parametrize("example", EXAMPLE_DIRS, ids=lambda p: p.name)
def test_the_frame_example_of_adapt_validates_once_uncommented(
    runner: CliRunner, tmp_path: Path, example: Path
) -> None:
    project = tmp_path / example.name
    shutil.copytree(example, project)
    assert runner.invoke(app, ["adapt", str(project), "--site", "new-site"]).exit_code == 0
    site = project / "sites" / "new-site.yaml"
    lines = site.read_text(encoding="utf-8").splitlines()
    start = lines.index("# adaptations:")
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("#"))
    lines[start:end] = [line.removeprefix("# ") for line in lines[start:end]]
    site.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_site(site)
    assert loaded.model is not None, loaded.findings
    assert [a.id for a in loaded.model.adaptations] == ["local-change"]
    findings = [f for p in load_projects([site.parent.parent]) for f in validate_project(p)]
    mine = [f for f in findings if f.file.endswith("new-site.yaml")]
    assert not [f for f in mine if f.severity is Severity.ERROR], mine


def test_placeholder_warnings_name_the_full_path(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "peer-support"
    assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    findings = [f for p in load_projects([folder / "innovation.yaml"]) for f in validate_project(p)]
    messages = {f.message.split(":")[0] for f in findings if f.rule is Rule.PLACEHOLDER}
    assert {"summary", "owner.name", "core[0].name", "core[0].fidelity[0].statement"} <= messages
    assert all(re.fullmatch(r"[a-z_]+(\.[a-z_]+|\[\d+\])*", m) for m in messages), messages
    assert "name" not in messages and "statement" not in messages
