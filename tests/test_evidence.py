"""Evidence is never overstated: no silent null direction, the strongest outcome is positive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from codify.project import load_checked
from codify.render.playbook import PlaybookInput, render_playbook, strongest_outcome
from codify.validate.jsonschema import json_schema
from codify.validate.model import Loaded
from codify.vocab import Rule, Severity

SPEC = """\
codify: 1
kind: innovation
id: x
name: X
version: "1.0.0"
summary: s
core:
  - {{id: a, name: A, purpose: p, form: f, class: essential}}
evidence:
  outcomes:
{outcomes}
"""


def _load(tmp_path: Path, outcomes: str) -> Loaded[Any]:
    path = tmp_path / "innovation.yaml"
    path.write_text(SPEC.format(outcomes=outcomes), encoding="utf-8")
    return load_checked(path)


@pytest.mark.parametrize("written", ["direction: null", "direction: ~", "direction:"])
def test_a_direction_written_empty_is_a_schema_error(tmp_path: Path, written: str) -> None:
    loaded = _load(tmp_path, f"    - id: o\n      measure: m\n      result: r\n      {written}")
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    assert [(f.rule, f.line, f.path) for f in errors] == [
        (Rule.SCHEMA, 14, "evidence.outcomes[0].direction")
    ]
    assert not loaded.ok


def test_the_json_schema_refuses_null_too() -> None:
    outcome = json_schema("innovation")["$defs"]["Outcome"]["properties"]["direction"]
    assert "null" not in str(outcome)


def test_the_strongest_outcome_is_a_positive_one(tmp_path: Path) -> None:
    loaded = _load(
        tmp_path,
        "    - {id: unstated, measure: u, result: r, design: rct}\n"
        "    - {id: null-rct, measure: n, result: r, design: rct, direction: no-effect}\n"
        "    - {id: good-cohort, measure: g, result: r, design: cohort, direction: positive}\n"
        "    - {id: good-audit, measure: h, result: r, design: audit, direction: positive}",
    )
    assert loaded.ok and loaded.model is not None
    best = strongest_outcome(loaded.model)
    assert best is not None and best.id == "good-cohort"


def test_no_positive_outcome_means_no_strongest_outcome(tmp_path: Path) -> None:
    loaded = _load(
        tmp_path,
        "    - {id: unstated, measure: u, result: r, design: rct}\n"
        "    - {id: null-rct, measure: n, result: r, design: rct, direction: no-effect}",
    )
    assert loaded.ok and loaded.model is not None
    assert strongest_outcome(loaded.model) is None
    html = render_playbook(PlaybookInput(loaded.model, tmp_path))
    assert "The strongest outcome" not in html
