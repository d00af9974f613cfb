"""codify decide and codify propose-release: edits in place that keep every other byte."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from codify.authoring.decide import Verdict, record_decision
from codify.cli import app
from codify.vocab import AdaptationStatus
from tests.test_decisions import DECIDED, adaptation, write_project

VERDICT = Verdict(
    AdaptationStatus.APPROVED, "Network board", date(2026, 2, 1), "programme lead", "Keeps it."
)


def decide(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["decide", *args])
    return result.exit_code, result.stderr


def test_decide_approves_in_place_and_the_file_validates(runner: CliRunner, project: Path) -> None:
    site = project / "sites" / "leeds.yaml"
    before = site.read_text()
    code, said = decide(
        runner,
        "leeds",
        "follow-up-huddles",
        "--approve",
        "--by",
        "Rounds steering group",
        "--role",
        "clinical lead",
        "--note",
        "Panellists need it: two felt exposed.",
        "--date",
        "2026-02-01",
        "--project",
        str(project),
    )
    assert code == 0, said
    assert "follow-up-huddles proposed -> approved" in said
    old = before.splitlines()
    k = old.index("    status: proposed")
    assert site.read_text().splitlines() == [
        *old[:k],
        "    status: approved",
        "    decision:",
        "      by: Rounds steering group",
        "      role: clinical lead",
        "      date: 2026-02-01",
        '      rationale: "Panellists need it: two felt exposed."',
        *old[k + 1 :],
    ]
    assert runner.invoke(app, ["validate", str(site)]).exit_code == 0
    found = json.loads(runner.invoke(app, ["diff", str(project), "-f", "json"]).stdout)["findings"]
    mine = [f for f in found if f.get("adaptation") == "follow-up-huddles"]
    assert {f["rule"] for f in mine} == {"unmapped-addition"}


def test_decide_replaces_an_earlier_decision(runner: CliRunner, tmp_path: Path) -> None:
    body = adaptation("a", "minutes", "decision:\n  by: Old board\n  date: 2024-01-01\n# kept\n")
    body += adaptation("b", "minutes", DECIDED)
    root = write_project(tmp_path, body)
    site = root / "sites" / "site-0.yaml"
    code, said = decide(
        runner, str(site), "a", "--reject", "--by", "New board", "--date", "2025-01-01"
    )
    assert code == 0, said
    text = site.read_text()
    assert "Old board" not in text and "# kept" in text
    assert (
        "    status: rejected\n    decision:\n      by: New board\n      date: 2025-01-01\n" in text
    )
    assert text.count("decision:") == 2


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["winter-onlin", "--approve", "--by", "x"], "did you mean 'winter-online'?"),
        (["winter-online", "--by", "x"], "exactly one of --approve or --reject"),
        (["winter-online", "--approve", "--reject", "--by", "x"], "exactly one"),
        (["winter-online", "--approve"], "--by is required"),
        (["winter-online", "--approve", "--by", "x", "--date", "1 May"], "--date '1 May'"),
    ],
)
def test_decide_refuses_bad_requests_and_writes_nothing(
    runner: CliRunner, project: Path, args: list[str], said: str
) -> None:
    site = project / "sites" / "leeds.yaml"
    before = site.read_bytes()
    code, err = decide(runner, str(site), *args)
    assert code == 2
    assert said in err
    assert site.read_bytes() == before


def test_decide_finds_a_site_by_id_with_a_suggestion(runner: CliRunner, project: Path) -> None:
    code, err = decide(runner, "leds", "a", "--approve", "--by", "x", "--project", str(project))
    assert code == 2 and "did you mean 'leeds'?" in err


def test_decide_on_a_syntax_error_leaves_the_file(runner: CliRunner, project: Path) -> None:
    site = project / "sites" / "leeds.yaml"
    broken = site.read_text().replace("  frequency: monthly", "  frequency: [monthly")
    site.write_text(broken)
    code, err = decide(runner, str(site), "winter-online", "--approve", "--by", "x")
    assert code == 1
    assert "yaml-syntax" in err and "nothing was written" in err
    assert site.read_text() == broken


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write a read-only file")
def test_decide_on_a_read_only_file_leaves_it(runner: CliRunner, project: Path) -> None:
    site = project / "sites" / "leeds.yaml"
    before = site.read_bytes()
    site.chmod(0o444)
    try:
        code, err = decide(runner, str(site), "winter-online", "--approve", "--by", "x")
    finally:
        site.chmod(0o644)
    assert code == 2 and "read-only" in err
    assert site.read_bytes() == before


def test_decide_checks_writability_even_as_root(project: Path) -> None:
    # os.access ignores permission bits for root, so test the check on a file root cannot
    # write either: one in a folder that does not exist.
    from codify.authoring.decide import check_writable
    from codify.errors import UsageError

    with pytest.raises(UsageError, match="read-only"):
        check_writable(project / "missing" / "site.yaml")


def test_decide_dry_run_prints_a_diff(runner: CliRunner, project: Path) -> None:
    site = project / "sites" / "york.yaml"
    before = site.read_bytes()
    result = runner.invoke(
        app, ["decide", str(site), "action-points", "--reject", "--by", "Board", "--dry-run"]
    )
    assert result.exit_code == 0
    assert "-    status: proposed\n+    status: rejected\n+    decision:" in result.stdout
    assert site.read_bytes() == before


comment = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=20
).map(lambda t: " # " + t.replace("\n", " ") if t else "")
blank = st.sampled_from(["", "\n"])


@st.composite
def site_files(draw: st.DrawFn) -> str:
    quote = draw(st.sampled_from(['"', "'", ""]))
    earlier = draw(st.booleans())
    lines = [
        f"#{draw(comment)}",
        f"codify: 1{draw(comment)}",
        "kind: adaptation",
        "site: {id: here, name: Here}",
        "innovation: demo",
        draw(blank) + f'based_on: "1.0.0"{draw(comment)}',
        f"adaptations:{draw(comment)}",
        f"  - id: first{draw(comment)}",
        "    target: minutes",
        "    description: A change.",
        "    frame: {nature: [tailoring], fidelity: consistent}",
        draw(blank) + f"    justification: Because.{draw(comment)}",
        f"    status: {quote}proposed{quote}{draw(comment)}",
    ]
    if earlier:
        lines += ["    decision:", f"      by: Someone{draw(comment)}", "      date: 2024-01-01"]
    lines += [
        draw(blank) + f"  # between{draw(comment)}",
        "  - id: second",
        "    target: minutes",
        "    description: Another.",
        "    frame: {nature: [tailoring], fidelity: consistent}",
        "    justification: Because.",
        f"    status: approved{draw(comment)}",
        draw(blank) + f"#{draw(comment)}",
    ]
    return "\n".join(lines) + "\n"


def _outside_decisions(lines: list[str]) -> list[str]:
    return [ln for ln in lines if not ln.startswith(("    decision:", "      "))]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=site_files(), which=st.sampled_from(["first", "second"]))
def test_decide_keeps_every_other_byte(text: str, which: str) -> None:
    old, new = ("proposed", "approved") if which == "first" else ("approved", "rejected")
    verdict = Verdict(AdaptationStatus(new), "Board", date(2026, 2, 1))
    result, was = record_decision(text, which, verdict)
    assert was == old
    before = _outside_decisions(text.splitlines(keepends=True))
    after = _outside_decisions(result.splitlines(keepends=True))
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][1] == changed[0][0].replace(old, new, 1)
    decisions = result.count("    decision:\n      by: Board\n      date: 2026-02-01\n")
    assert decisions == 1
