"""Every site rule of FORMAT.md on small cases, and the examples' findings exactly."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from codify.project import load_project
from codify.rules.changes import History, load_history
from codify.rules.project import diff_project
from codify.vocab import Fidelity, Rule
from tests.paths import EXAMPLES

SPEC = """\
codify: 1
kind: innovation
id: demo
name: Demo
version: "2.0.0"
summary: A demo.
core:
  - {id: panel, name: Panel, purpose: Stories., form: Three tellers., class: essential}
  - {id: reflect, name: Reflect, purpose: Think., form: Facilitated., class: essential}
periphery:
  - id: frequency
    name: Frequency
    serves: panel
    kind: choice
    options: [{value: monthly, label: Monthly}, {value: fortnightly}]
  - {id: minutes, name: Minutes, serves: panel, kind: range, min: 30, max: 60, unit: minutes}
  - {id: food, name: Food, serves: panel, kind: toggle}
  - {id: title, name: Title, serves: panel, kind: text}
  - id: venue
    name: Venue
    serves: panel
    kind: choice
    options: [{value: hall}]
    allow_other: true
proscribed:
  - {id: fixing, statement: Solve problems., breaks: [reflect]}
measures:
  - {id: attendance, name: Attendance, definition: Count., required: true}
  - {id: survey, name: Survey, definition: Forms., required: false}
"""


def judge(tmp_path: Path, site_body: str, based_on: str = "2.0.0") -> list[tuple[str, ...]]:
    (tmp_path / "sites").mkdir(exist_ok=True)
    (tmp_path / "innovation.yaml").write_text(SPEC)
    head = (
        f"codify: 1\nkind: adaptation\nsite: {{id: here, name: Here}}\ninnovation: demo\n"
        f'based_on: "{based_on}"\n'
    )
    (tmp_path / "sites" / "here.yaml").write_text(head + textwrap.dedent(site_body))
    project = load_project([tmp_path])
    assert project.findings() == [], project.findings()
    [result] = diff_project(project)
    return [
        (f.rule.value, f.severity.value, f.target or "", str(f.line), f.message)
        for f in result.findings
    ]


def adaptation(target: str, nature: str, fidelity: str, status: str = "approved") -> str:
    return textwrap.dedent(f"""\
    adaptations:
      - id: change
        target: {target}
        description: A change.
        frame: {{nature: [{nature}], fidelity: {fidelity}}}
        justification: Because.
        status: {status}
        decision: {{by: Network board, date: 2025-01-01}}
    """)


def rules(found: list[tuple[str, ...]]) -> list[tuple[str, str]]:
    return [(f[0], f[1]) for f in found]


@pytest.mark.parametrize(
    ("value", "ok"), [("monthly", True), ("Monthly", False), ("weekly", False), ("12", False)]
)
def test_choice_options(tmp_path: Path, value: str, ok: bool) -> None:
    found = judge(tmp_path, f"choices:\n  frequency: {value}\n")
    assert rules(found) == [
        ("periphery-choice" if ok else "periphery-out-of-bounds", "info" if ok else "error")
    ]
    if value == "Monthly":
        assert "'Monthly' is a label, write its value 'monthly'" in found[0][4]


def test_range_bounds_message(tmp_path: Path) -> None:
    found = judge(tmp_path, "choices:\n  minutes: 120\n")
    assert found == [
        (
            "periphery-out-of-bounds",
            "error",
            "minutes",
            "7",
            "minutes: 120 is above the allowed 30-60 minutes",
        )
    ]


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("minutes: 30", "periphery-choice"),
        ("minutes: 60.0", "periphery-choice"),
        ("minutes: 29", "periphery-out-of-bounds"),
        ('minutes: "45 minutes"', "periphery-out-of-bounds"),
        ("food: true", "periphery-choice"),
        ("food: yes-please", "periphery-out-of-bounds"),
        ("title: Our Rounds", "periphery-choice"),
        ("title: 12", "periphery-out-of-bounds"),
        ("venue: canteen", "periphery-choice"),
        ("venue: 3", "periphery-out-of-bounds"),
    ],
)
def test_each_element_kind(tmp_path: Path, body: str, rule: str) -> None:
    assert rules(judge(tmp_path, f"choices:\n  {body}\n"))[0][0] == rule


def test_unknown_choice_suggests_closest(tmp_path: Path) -> None:
    [found] = judge(tmp_path, "choices:\n  frequncy: monthly\n")
    assert found[:3] == ("unknown-target", "error", "frequncy")
    assert "did you mean 'frequency'?" in found[4]


def test_choice_on_a_core_function_is_unknown_target(tmp_path: Path) -> None:
    [found] = judge(tmp_path, "choices:\n  panel: two\n")
    assert found[0] == "unknown-target" and "is a core function" in found[4]


def test_core_consistent_is_form_changed(tmp_path: Path) -> None:
    found = judge(tmp_path, adaptation("panel", "tailoring", "consistent"))
    assert rules(found) == [("core-form-changed", "warning")]


@pytest.mark.parametrize("fidelity", ["inconsistent", "unknown"])
def test_core_inconsistent_or_unknown_is_function_changed(tmp_path: Path, fidelity: str) -> None:
    found = judge(tmp_path, adaptation("panel", "tailoring", fidelity))
    assert rules(found) == [("core-function-changed", "error")]


@pytest.mark.parametrize("nature", ["removing", "departing", "drift"])
def test_breaking_nature_declared_consistent_also_mismatches(tmp_path: Path, nature: str) -> None:
    found = judge(tmp_path, adaptation("panel", nature, "consistent"))
    assert sorted(rules(found)) == [
        ("core-function-changed", "error"),
        ("fidelity-mismatch", "warning"),
    ]


def test_proscribed_is_only_proscribed_adopted(tmp_path: Path) -> None:
    found = judge(tmp_path, adaptation("fixing", "adding", "unknown"))
    assert rules(found) == [("proscribed-adopted", "error")]
    found = judge(tmp_path, adaptation("fixing", "adding", "consistent"))
    assert sorted(rules(found)) == [
        ("fidelity-mismatch", "warning"),
        ("proscribed-adopted", "error"),
    ]


def test_new_is_unmapped_addition_and_never_mismatches(tmp_path: Path) -> None:
    found = judge(tmp_path, adaptation("new", "adding", "consistent"))
    assert rules(found) == [("unmapped-addition", "warning")]
    assert found[0][2] == ""  # target is null for new


def test_periphery_target_fidelity_follows_the_choice(tmp_path: Path) -> None:
    body = "choices:\n  minutes: 90\n" + adaptation("minutes", "lengthening", "consistent")
    found = judge(tmp_path, body)
    assert sorted(rules(found)) == [
        ("fidelity-mismatch", "warning"),
        ("periphery-out-of-bounds", "error"),
    ]
    body = "choices:\n  minutes: 45\n" + adaptation("minutes", "shortening", "inconsistent")
    assert ("fidelity-mismatch", "warning") in rules(judge(tmp_path, body))
    body = "choices:\n  minutes: 45\n" + adaptation("minutes", "shortening", "unknown")
    assert ("fidelity-mismatch", "warning") not in rules(judge(tmp_path, body))


@pytest.mark.parametrize("status", ["rejected", "withdrawn"])
def test_closed_adaptations_are_info_with_status(tmp_path: Path, status: str) -> None:
    found = judge(tmp_path, adaptation("fixing", "adding", "unknown", status))
    assert rules(found) == [("proscribed-adopted", "info")]
    assert f"[{status}]" in found[0][4]


def test_approved_does_not_make_out_of_bounds_allowed(tmp_path: Path) -> None:
    body = "choices:\n  minutes: 90\n" + adaptation("minutes", "lengthening", "unknown")
    assert ("periphery-out-of-bounds", "error") in rules(judge(tmp_path, body))


def test_unknown_adaptation_target(tmp_path: Path) -> None:
    [found] = judge(tmp_path, adaptation("panels", "tailoring", "unknown"))
    assert found[0] == "unknown-target" and "did you mean 'panel'?" in found[4]


def test_measures_dropped(tmp_path: Path) -> None:
    found = judge(tmp_path, "measures_dropped: [attendance, survey, atendance]\n")
    assert rules(found) == [
        ("measure-dropped", "error"),
        ("measure-dropped", "info"),
        ("unknown-target", "error"),
    ]


def test_wrong_innovation(tmp_path: Path) -> None:
    SITE = "choices: {}\n"
    found = judge(tmp_path, SITE)
    assert found == []
    (tmp_path / "sites" / "here.yaml").write_text(
        "codify: 1\nkind: adaptation\nsite: {id: here, name: Here}\ninnovation: other\n"
        'based_on: "2.0.0"\n'
    )
    [result] = diff_project(load_project([tmp_path]))
    assert [f.rule for f in result.findings] == [Rule.WRONG_INNOVATION]


def test_stale_base_without_and_with_history(tmp_path: Path) -> None:
    [found] = judge(tmp_path, "choices: {}\n", based_on="1.0.0")
    assert found[:2] == ("stale-base", "warning")
    assert "history/ folder" in found[4]
    history = tmp_path / "history"
    history.mkdir()
    (history / "old.yaml").write_text(
        SPEC.replace('"2.0.0"', '"1.0.0"').replace(
            "{value: fortnightly}", "{value: fortnightly}, {value: weekly}"
        )
    )
    [result] = diff_project(load_project([tmp_path]), load_history(history))
    [stale] = result.findings
    assert stale.details == ("major: periphery element 'frequency': option 'weekly' removed",)


def test_newer_base_than_spec_is_flagged(tmp_path: Path) -> None:
    [found] = judge(tmp_path, "choices: {}\n", based_on="3.0.0")
    assert found[0] == "stale-base" and "newer than the spec" in found[4]


def test_computed_fidelity_is_recorded(tmp_path: Path) -> None:
    judge(tmp_path, adaptation("fixing", "adding", "unknown"))
    [result] = diff_project(load_project([tmp_path]), History())
    assert result.fidelity == {"change": Fidelity.INCONSISTENT}


# The examples were written to show every kind of finding; pin them exactly.
# The examples' review_by dates are judged as of this day, so the expected set never drifts.
TODAY = date(2026, 3, 1)
EXPECTED = {
    "dafne": {
        ("cork", "stale-base", None, 9),
        ("cork", "periphery-choice", "course-format", 11),
        ("cork", "periphery-out-of-bounds", "group-size", 12),
        ("cork", "periphery-choice", "interpreter-available", 13),
        ("cork", "review-overdue", "interpreter-available", 29),
        ("cork", "core-function-changed", "skills-curriculum", 36),
        ("cork", "review-overdue", "skills-curriculum", 48),
        ("cork", "measure-dropped", "severe-hypos", 49),
        ("newcastle", "periphery-choice", "course-format", 11),
        ("newcastle", "periphery-choice", "group-size", 12),
        ("newcastle", "periphery-choice", "follow-up-weeks", 13),
        ("newcastle", "periphery-choice", "interpreter-available", 14),
        ("newcastle", "core-variant", "group-learning", 17),
        ("newcastle", "strategy-changed", "plan:first-course", 38),
    },
    "florence": {
        ("ayrshire", "wrong-innovation", None, 8),
        ("ayrshire", "periphery-choice", "protocols", 11),
        ("ayrshire", "periphery-out-of-bounds", "messages-per-day", 12),
        ("ayrshire", "periphery-out-of-bounds", "alert-threshold-systolic", 13),
        ("ayrshire", "proscribed-adopted", "monitored-without-reviewer", 16),
        ("ayrshire", "measure-dropped", "alert-response-time", 26),
        ("ayrshire", "unknown-target", "patients-seen", 26),
        ("stoke", "periphery-choice", "protocols", 11),
        ("stoke", "periphery-choice", "messages-per-day", 12),
        ("stoke", "periphery-choice", "alert-threshold-systolic", 13),
        ("stoke", "core-form-changed", "clinician-review", 16),
        ("stoke", "decision-undocumented", "clinician-review", 31),
    },
    "schwartz-rounds": {
        ("hse-team-time", "stale-base", None, 13),
        ("hse-team-time", "periphery-choice", "frequency", 15),
        ("hse-team-time", "periphery-out-of-bounds", "round-length-minutes", 16),
        ("hse-team-time", "periphery-out-of-bounds", "panel-size", 17),
        ("hse-team-time", "periphery-choice", "volunteers-attend", 18),
        ("hse-team-time", "core-variant", "all-staff-forum", 21),
        ("hse-team-time", "fidelity-mismatch", "round-length-minutes", 55),
        ("hse-team-time", "core-function-changed", "panel-stories", 69),
        ("hse-team-time", "fidelity-mismatch", "panel-stories", 78),
        ("hse-team-time", "measure-dropped", "evaluation-forms", 88),
        ("leeds", "periphery-choice", "frequency", 15),
        ("leeds", "periphery-choice", "round-length-minutes", 16),
        ("leeds", "periphery-choice", "panel-size", 17),
        ("leeds", "periphery-choice", "volunteers-attend", 18),
        ("leeds", "periphery-choice", "clinical-champion", 19),
        ("leeds", "periphery-choice", "board-support", 20),
        ("leeds", "periphery-choice", "local-name", 21),
        ("leeds", "core-variant", "all-staff-forum", 24),
        ("leeds", "review-overdue", "all-staff-forum", 46),
        ("leeds", "unmapped-addition", None, 53),
        ("leeds", "fidelity-mismatch", "round-length-minutes", 78),
        ("york", "periphery-out-of-bounds", "frequency", 12),
        ("york", "unknown-target", "panel-sise", 13),
        ("york", "periphery-choice", "clinical-champion", 14),
        ("york", "core-variant", "all-staff-forum", 17),
        ("york", "unmapped-addition", None, 39),
        ("york", "proscribed-adopted", "problem-solving", 61),
        ("york", "review-overdue", "problem-solving", 74),
        ("york", "proscribed-adopted", "mandatory-attendance", 76),
        ("york", "measure-dropped", "rounds-held", 89),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_examples_show_the_findings_they_were_written_for(name: str) -> None:
    project = load_project([EXAMPLES / name])
    assert project.findings() == []
    got = {
        (f.site, f.rule.value, f.target, f.line)
        for r in diff_project(project, today=TODAY)
        for f in r.findings
    }
    assert got == EXPECTED[name]


def test_examples_between_them_show_every_site_rule() -> None:
    shown = {rule for cases in EXPECTED.values() for _, rule, _, _ in cases}
    site_rules = {
        Rule.PERIPHERY_CHOICE,
        Rule.PERIPHERY_OUT_OF_BOUNDS,
        Rule.CORE_FORM_CHANGED,
        Rule.CORE_FUNCTION_CHANGED,
        Rule.PROSCRIBED_ADOPTED,
        Rule.UNMAPPED_ADDITION,
        Rule.FIDELITY_MISMATCH,
        Rule.MEASURE_DROPPED,
        Rule.UNKNOWN_TARGET,
        Rule.STALE_BASE,
        Rule.WRONG_INNOVATION,
        Rule.CORE_VARIANT,
        Rule.REVIEW_OVERDUE,
        Rule.STRATEGY_CHANGED,
        Rule.DECISION_UNDOCUMENTED,
    }
    assert {r.value for r in site_rules} <= shown
