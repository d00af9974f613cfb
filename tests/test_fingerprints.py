"""Fingerprints are pinned: a network's waiver files name them, so they must never drift."""

from __future__ import annotations

import json
from dataclasses import replace

from typer.testing import CliRunner

from codify.cli import app
from codify.findings import Finding
from codify.vocab import Rule, Severity
from tests.paths import EXAMPLES, ROOT

PINNED = [
    (
        Finding(
            Rule.PERIPHERY_OUT_OF_BOUNDS,
            Severity.ERROR,
            "sites/leeds.yaml",
            12,
            5,
            "frequency: 'weekly' is not an allowed option",
            site="leeds",
            target="frequency",
        ),
        "998bf44c2f87",
    ),
    (
        Finding(
            Rule.SCHEMA, Severity.ERROR, "innovation.yaml", 3, 1, "bad class", key="core[0].class"
        ),
        "9d495d2119a3",
    ),
    (
        Finding(
            Rule.CORE_FORM_CHANGED,
            Severity.WARNING,
            "sites/stoke.yaml",
            15,
            13,
            "any wording",
            site="stoke",
            target="clinician-review",
            adaptation="pharmacist-reviewer",
        ),
        "eafe489785f6",
    ),
]


def test_fingerprint_values_are_pinned() -> None:
    for finding, expected in PINNED:
        assert finding.fingerprint == expected, (
            f"the fingerprint of {finding.rule.value} changed: every waiver file a network keeps "
            "would silently stop applying"
        )
        moved = replace(finding, line=99, column=9, message="reworded", fingerprint="")
        assert moved.fingerprint == expected


def test_the_readme_fingerprints_are_the_real_ones(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["diff", str(EXAMPLES / "florence"), "--format", "json", "--fail-on", "never"]
    )
    prints = {f["fingerprint"] for f in json.loads(result.stdout)["findings"]}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert '"eafe489785f6"' in readme and "eafe489785f6" in prints
    assert '"227fa174d5a6"' in readme and "227fa174d5a6" in prints
