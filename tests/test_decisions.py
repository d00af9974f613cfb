"""Network decisions: variants, wider targets, the decision trail, --today and the review queue."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from codify.cli import app
from codify.validate.jsonschema import json_schema
from codify.vocab import RULE_HELP, Rule

SPEC = """\
codify: 1
kind: innovation
id: demo
name: Demo
version: "1.0.0"
summary: A demo.
core:
  - id: panel
    name: Panel
    purpose: Stories.
    form: Three tellers in a room.
    class: essential
    variants:
      - id: online
        form: Three tellers on a video call.
        conditions: When staff work across several sites.
  - {id: reflect, name: Reflect, purpose: Think., form: Facilitated., class: essential}
periphery:
  - {id: minutes, name: Minutes, serves: panel, kind: range, min: 30, max: 60, unit: minutes}
roles:
  - {id: facilitator, name: Facilitator}
plan:
  - {id: first-round, name: Hold the first Round, phase: implementation}
measures:
  - {id: attendance, name: Attendance, definition: Count., required: true}
  - {id: survey, name: Survey, definition: Forms., required: false}
"""

HEAD = """\
codify: 1
kind: adaptation
site: {id: here, name: Here}
innovation: demo
based_on: "1.0.0"
"""


def adaptation(ident: str, target: str, extra: str = "", **frame: str) -> str:
    """One adaptation in block style; ``extra`` lines go at its end."""
    nature = frame.get("nature", "[tailoring]")
    fidelity = frame.get("fidelity", "consistent")
    status = frame.get("status", "approved")
    lines = [
        f"id: {ident}",
        f"target: {target}",
        "description: A change.",
        f"frame: {{nature: {nature}, fidelity: {fidelity}}}",
        "justification: Because.",
        f"status: {status}",
        *extra.splitlines(),
    ]
    return "  - " + "\n    ".join(lines) + "\n"


def write_project(root: Path, *sites: str) -> Path:
    (root / "sites").mkdir(parents=True, exist_ok=True)
    (root / "innovation.yaml").write_text(SPEC)
    for i, body in enumerate(sites):
        head = HEAD.replace("id: here, name: Here", f"id: site-{i}, name: Site {i}")
        (root / "sites" / f"site-{i}.yaml").write_text(head + "adaptations:\n" + body)
    return root


def diff_json(runner: CliRunner, root: Path, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["diff", str(root), "-f", "json", *args])
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return findings


def rules(findings: list[dict[str, object]], adaptation: str) -> dict[str, str]:
    return {
        str(f["rule"]): str(f["severity"]) for f in findings if f.get("adaptation") == adaptation
    }


def message(findings: list[dict[str, object]], rule: str) -> str:
    return next(str(f["message"]) for f in findings if f["rule"] == rule)


DECIDED = """\
decision: {by: Network board, role: programme lead, date: 2025-01-10}
"""


def test_a_sanctioned_variant_is_core_variant_not_core_form_changed(
    runner: CliRunner, tmp_path: Path
) -> None:
    body = adaptation("go-online", "panel", "variant: online\n" + DECIDED)
    body += adaptation("other-form", "panel", DECIDED)
    found = diff_json(runner, write_project(tmp_path, body))
    assert rules(found, "go-online") == {"core-variant": "info"}
    assert rules(found, "other-form") == {"core-form-changed": "warning"}


def test_a_variant_never_excuses_a_changed_function(runner: CliRunner, tmp_path: Path) -> None:
    body = adaptation("drop-panel", "panel", "variant: online\n" + DECIDED, nature="[removing]")
    found = diff_json(runner, write_project(tmp_path, body))
    assert rules(found, "drop-panel") == {
        "core-function-changed": "error",
        "fidelity-mismatch": "warning",
    }


def test_an_unknown_variant_is_unknown_target_with_a_suggestion(
    runner: CliRunner, tmp_path: Path
) -> None:
    body = adaptation("typo", "panel", "variant: onlin\n" + DECIDED)
    body += adaptation("wrong-kind", "minutes", "variant: online\n" + DECIDED)
    found = diff_json(runner, write_project(tmp_path, body))
    assert rules(found, "typo") == {"unknown-target": "error", "core-form-changed": "warning"}
    assert "did you mean 'online'?" in message(found, "unknown-target")
    assert rules(found, "wrong-kind")["unknown-target"] == "error"
    assert any("only a core function has variants" in str(f["message"]) for f in found)


def test_wider_targets_are_strategy_changes(runner: CliRunner, tmp_path: Path) -> None:
    body = adaptation("coach", "plan:first-round", DECIDED, nature="[lengthening]")
    body += adaptation("one-facilitator", "role:facilitator", DECIDED, nature="[substituting]")
    body += adaptation("paper-forms", "measure:survey", DECIDED, nature="[substituting]")
    found = diff_json(runner, write_project(tmp_path, body))
    for ident in ("coach", "one-facilitator", "paper-forms"):
        assert rules(found, ident) == {"strategy-changed": "info"}, ident
    coach = next(f for f in found if f.get("adaptation") == "coach")
    assert coach["target"] == "plan:first-round"


def test_removing_a_measure_through_a_target_is_measure_dropped(
    runner: CliRunner, tmp_path: Path
) -> None:
    body = adaptation("no-count", "measure:attendance", DECIDED, nature="[removing]")
    body += adaptation("no-survey", "measure:survey", DECIDED, nature="[removing]")
    found = diff_json(runner, write_project(tmp_path, body))
    assert rules(found, "no-count") == {"measure-dropped": "error"}
    assert rules(found, "no-survey") == {"measure-dropped": "info"}


def test_unknown_wider_targets_suggest_the_closest(runner: CliRunner, tmp_path: Path) -> None:
    body = adaptation("a", "plan:frist-round", DECIDED)
    body += adaptation("b", "pla:first-round", DECIDED)
    body += adaptation("c", "role:facilitatr", DECIDED)
    body += adaptation("d", "measure:attendence", DECIDED)
    found = diff_json(runner, write_project(tmp_path, body))
    said = {f["adaptation"]: str(f["message"]) for f in found if f["rule"] == "unknown-target"}
    assert "did you mean 'first-round'?" in said["a"]
    assert "unknown prefix 'pla:'; did you mean 'plan'?" in said["b"]
    assert "did you mean 'facilitator'?" in said["c"]
    assert "did you mean 'attendance'?" in said["d"]


def test_decided_adaptations_need_a_decision_whatever_the_status(
    runner: CliRunner, tmp_path: Path
) -> None:
    body = adaptation("approved-bare", "minutes")
    body += adaptation("rejected-bare", "minutes", status="rejected")
    body += adaptation("proposed-bare", "minutes", status="proposed")
    body += adaptation("approved-decided", "minutes", DECIDED)
    root = write_project(tmp_path, body)
    found = diff_json(runner, root)
    assert rules(found, "approved-bare") == {"decision-undocumented": "warning"}
    assert rules(found, "rejected-bare") == {"decision-undocumented": "warning"}
    assert rules(found, "proposed-bare") == {}
    assert rules(found, "approved-decided") == {}
    # The warning counts for --fail-on even on a rejected adaptation.
    only = write_project(tmp_path / "b", adaptation("no", "minutes", status="rejected"))
    assert runner.invoke(app, ["diff", str(only), "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(app, ["diff", str(only)]).exit_code == 0


def test_review_overdue_depends_on_today(runner: CliRunner, tmp_path: Path) -> None:
    body = adaptation("waiting", "minutes", "review_by: 2025-06-01\n", status="proposed")
    body += adaptation("stale", "minutes", DECIDED + "review_by: 2025-06-01\n")
    fresh = "decision: {by: Board, date: 2025-06-01}\nreview_by: 2025-06-01\n"
    body += adaptation("redecided", "minutes", fresh)
    body += adaptation("gone", "minutes", DECIDED + "review_by: 2025-06-01\n", status="rejected")
    root = write_project(tmp_path, body)
    before = diff_json(runner, root, "--today", "2025-06-01")
    assert [f for f in before if f["rule"] == "review-overdue"] == []
    after = diff_json(runner, root, "--today", "2025-06-02")
    late = sorted(str(f["adaptation"]) for f in after if f["rule"] == "review-overdue")
    assert late == ["stale", "waiting"]
    again = diff_json(runner, root, "--today", "2025-06-02")
    assert again == after


def test_bad_today_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    root = write_project(tmp_path, adaptation("a", "minutes", DECIDED))
    for command in ("diff", "review"):
        result = runner.invoke(app, [command, str(root), "--today", "2025-13-01"])
        assert result.exit_code == 2
        assert "--today '2025-13-01' is not a date" in result.stderr


def test_affects_names_measures(runner: CliRunner, tmp_path: Path) -> None:
    body = adaptation("a", "minutes", DECIDED + "affects: [attendance, atendance]\n")
    found = diff_json(runner, write_project(tmp_path, body))
    assert rules(found, "a") == {"unknown-target": "error"}
    assert "did you mean 'attendance'?" in message(found, "unknown-target")


def test_reason_codes_and_free_text_are_both_accepted(runner: CliRunner, tmp_path: Path) -> None:
    reasons = "frame: {nature: [tailoring], fidelity: consistent, reasons: " + (
        "{organisation: [time, winter bed pressures], recipient: [access, time]}}"
    )
    body = adaptation("a", "minutes", DECIDED).replace(
        "frame: {nature: [tailoring], fidelity: consistent}", reasons
    )
    root = write_project(tmp_path, body)
    result = runner.invoke(app, ["validate", str(root)])
    assert result.exit_code == 0, result.output
    review = json.loads(
        runner.invoke(app, ["review", str(root), "-f", "json", "--today", "2026-01-01"]).stdout
    )
    # `time` is FRAME's code at the organisation level only; at recipient level it is free text.
    assert review["reasons"] == [
        {"level": "organisation", "code": "time", "sites": ["site-0"], "adaptations": 1},
        {"level": "recipient", "code": "access", "sites": ["site-0"], "adaptations": 1},
    ]
    assert {(r["level"], r["text"]) for r in review["free_reasons"]} == {
        ("organisation", "winter bed pressures"),
        ("recipient", "time"),
    }


def test_review_queue_oldest_first_with_findings_and_due_reviews(
    runner: CliRunner, tmp_path: Path
) -> None:
    late = adaptation(
        "later", "new", "decided: 2025-05-01\naffects: [attendance]\n", status="proposed"
    )
    early = adaptation("earlier", "panel", "decided: 2024-02-01\n", status="proposed")
    due = adaptation("due", "minutes", DECIDED + "review_by: 2025-03-01\n")
    counted = "frame: {nature: [tailoring], fidelity: consistent, reasons: {organisation: [time]}}"
    timed = adaptation("timed", "minutes", DECIDED).replace(
        "frame: {nature: [tailoring], fidelity: consistent}", counted
    )
    root = write_project(tmp_path, late + due + timed, early + timed)
    out = runner.invoke(app, ["review", str(root), "-f", "json", "--today", "2025-04-01"])
    body = json.loads(out.stdout)
    proposed = body["decisions"]["proposed"]
    assert [(p["site"], p["adaptation"]) for p in proposed] == [
        ("site-1", "earlier"),
        ("site-0", "later"),
    ]
    assert proposed[1]["affects"] == ["attendance"]
    assert len(proposed[0]["findings"]) == 1  # core-form-changed
    assert [d["adaptation"] for d in body["decisions"]["due_for_review"]] == ["due"]
    assert body["reasons"][0] == {
        "level": "organisation",
        "code": "time",
        "sites": ["site-0", "site-1"],
        "adaptations": 2,
    }
    text = runner.invoke(app, ["review", str(root), "--today", "2025-04-01"]).stdout
    assert "Decisions waiting (proposed, oldest first)" in text
    assert text.index("site-1/earlier") < text.index("site-0/later")
    assert "organisation:time" in text
    markdown = runner.invoke(app, ["review", str(root), "-f", "markdown"]).stdout
    assert "### Decisions waiting" in markdown and "| organisation | `time` |" in markdown
    html = runner.invoke(app, ["review", str(root), "-f", "html", "--today", "2025-04-01"]).stdout
    assert 'id="queue-h"' in html and 'id="reasons-h"' in html and "earlier" in html


def test_every_new_rule_is_documented_and_in_the_schema() -> None:
    for rule in (
        Rule.CORE_VARIANT,
        Rule.STRATEGY_CHANGED,
        Rule.DECISION_UNDOCUMENTED,
        Rule.REVIEW_OVERDUE,
    ):
        assert rule in RULE_HELP
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    for rule in Rule:
        assert f"`{rule.value}`" in readme, rule
    spec = json.dumps(json_schema("innovation"))
    site = json.dumps(json_schema("adaptation"))
    for name in ("variants", "conditions", "changelog"):
        assert f'"{name}"' in spec
    for name in ("variant", "affects", "review_by", "decision", "rationale", "competing-demands"):
        assert f'"{name}"' in site
