"""Case folders: every file under cases/valid loads clean; every file under cases/invalid
reports exactly the findings its ``# expect: RULE LINE:COL text`` comments name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from codify.project import load_projects
from codify.rules.project import validate_project
from tests.paths import CASES

EXPECT = re.compile(r"^# expect: (\S+) (\d+):(\d+) (.+)$", re.MULTILINE)


def _findings(path: Path) -> list[tuple[str, int, int, str]]:
    return [
        (f.rule.value, f.line, f.column, f.message)
        for p in load_projects([path])
        for f in validate_project(p)
    ]


@pytest.mark.parametrize("path", sorted((CASES / "valid").glob("*.yaml")), ids=lambda p: p.stem)
def test_valid_case_has_no_findings(path: Path) -> None:
    assert _findings(path) == []


@pytest.mark.parametrize("path", sorted((CASES / "invalid").glob("*.yaml")), ids=lambda p: p.stem)
def test_invalid_case_reports_exactly_the_expected_findings(path: Path) -> None:
    expected = EXPECT.findall(path.read_text(encoding="utf-8"))
    assert expected, f"{path.name} has no '# expect:' lines"
    found = _findings(path)
    for rule, line, col, text in expected:
        matches = [
            f
            for f in found
            if f[0] == rule and f[1] == int(line) and f[2] == int(col) and text in f[3]
        ]
        assert matches, f"{path.name}: no {rule} at {line}:{col} containing {text!r}; got {found}"
    # Nothing more: every finding reported is one an '# expect:' line declares.
    undeclared = [
        f
        for f in found
        if not any(
            f[0] == rule and f[1] == int(line) and f[2] == int(col) and text in f[3]
            for rule, line, col, text in expected
        )
    ]
    assert not undeclared, f"{path.name}: findings no '# expect:' line declares: {undeclared}"
