"""Readiness: every severity FORMAT.md gives prerequisite-unmet, and left-out prerequisites."""

from __future__ import annotations

import pytest

from codify.rules.readiness import Entry, Prerequisite, judge_readiness
from codify.vocab import PrereqLevel, ReadinessStatus, Rule, Severity

MUST, SHOULD = PrereqLevel.MUST, PrereqLevel.SHOULD


@pytest.mark.parametrize(
    ("level", "status", "severity"),
    [
        (MUST, ReadinessStatus.MET, None),
        (MUST, ReadinessStatus.NOT_MET, Severity.ERROR),
        (MUST, ReadinessStatus.PARTLY, Severity.WARNING),
        (MUST, ReadinessStatus.UNKNOWN, Severity.WARNING),
        (SHOULD, ReadinessStatus.NOT_MET, Severity.INFO),
        (SHOULD, ReadinessStatus.PARTLY, None),
        (SHOULD, ReadinessStatus.UNKNOWN, None),
        (SHOULD, ReadinessStatus.MET, None),
    ],
)
def test_severity_by_level_and_status(
    level: PrereqLevel, status: ReadinessStatus, severity: Severity | None
) -> None:
    prereqs = [Prerequisite("room", "A room.", level)]
    rows, findings = judge_readiness(
        "leeds", "sites/leeds.yaml", prereqs, [Entry("room", status, None, None, 7, 13)], (5, 1)
    )
    assert [r.status for r in rows] == [status]
    assert [(f.rule, f.severity, f.line, f.column) for f in findings] == (
        [(Rule.PREREQUISITE_UNMET, severity, 7, 13)] if severity else []
    )


def test_left_out_prerequisites_are_unknown_at_the_readiness_key() -> None:
    prereqs = [Prerequisite("licence", "A licence.", MUST), Prerequisite("room", "A room.", SHOULD)]
    entries = [Entry("licens", ReadinessStatus.MET, None, None, 8, 13, (7, 19))]
    rows, findings = judge_readiness("york", "sites/york.yaml", prereqs, entries, (6, 1))
    assert [(r.prerequisite, r.status) for r in rows] == [
        ("licence", ReadinessStatus.UNKNOWN),
        ("room", ReadinessStatus.UNKNOWN),
    ]
    assert [(f.rule, f.severity, f.line, f.column) for f in findings] == [
        (Rule.UNKNOWN_TARGET, Severity.ERROR, 7, 19),
        (Rule.PREREQUISITE_UNMET, Severity.WARNING, 6, 1),
    ]
    assert "did you mean 'licence'?" in findings[0].message
    assert [r.as_json()["status"] for r in rows] == ["unknown", "unknown"]
