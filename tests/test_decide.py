"""codify decide and codify propose-release: edits in place that keep every other byte."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from codify.authoring.decide import Verdict, record_decision
from codify.authoring.draft import write_draft
from codify.cli import app
from codify.models import Innovation
from codify.network.propose import AddOptions, AddToggle, AddVariant, Proposal, WidenRange
from codify.vocab import AdaptationStatus
from tests.test_decisions import DECIDED, adaptation, write_project

VERDICT = Verdict(
    AdaptationStatus.APPROVED, "Network board", date(2026, 2, 1), "programme lead", "Keeps it."
)


def decide(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["decide", *args])
    return result.exit_code, result.stderr


def test_decide_rejects_in_place_and_the_file_validates(runner: CliRunner, project: Path) -> None:
    site = project / "sites" / "york.yaml"
    before = site.read_text()
    code, said = decide(
        runner,
        "york",
        "action-points",
        "--reject",
        "--by",
        "Schwartz Rounds steering group",
        "--role",
        "clinical lead",
        "--note",
        "Rounds reflect: they do not solve problems.",
        "--date",
        "2026-02-01",
        "--project",
        str(project),
    )
    assert code == 0, said
    assert "action-points proposed -> rejected" in said
    old = before.splitlines()
    k = old.index("    status: proposed")
    assert site.read_text().splitlines() == [
        *old[:k],
        "    status: rejected",
        "    decision:",
        "      by: Schwartz Rounds steering group",
        "      role: clinical lead",
        "      date: 2026-02-01",
        '      rationale: "Rounds reflect: they do not solve problems."',
        *old[k + 1 :],
    ]
    assert runner.invoke(app, ["validate", str(site)]).exit_code == 0
    found = json.loads(runner.invoke(app, ["diff", str(project), "-f", "json"]).stdout)["findings"]
    mine = [f for f in found if f.get("adaptation") == "action-points"]
    assert {(f["rule"], f["severity"]) for f in mine} == {("proscribed-adopted", "info")}


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


def propose(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["propose-release", *args, "--today", "2026-03-01"])
    return result.exit_code, result.stderr


def test_propose_release_on_the_example_is_the_minor_release_it_says(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    spec = project / "innovation.yaml"
    before = spec.read_bytes()
    draft = project / "draft.yaml"  # beside the spec, so its assets/ resolve
    code, said = propose(runner, str(project), "--min-sites", "2", "-o", str(draft))
    assert code == 0, said
    assert "drafted: Periphery element 'follow-up-huddles'" in said
    assert spec.read_bytes() == before
    text = draft.read_text()
    assert text.startswith("# Schwartz Rounds, written as a codify spec")
    assert 'version: "1.2.0"' in text
    assert "following leeds, york." in text and "serves: TODO" in text
    result = runner.invoke(app, ["diff", str(spec), str(draft), "-f", "json"])
    assert result.exit_code == 0
    found = json.loads(result.stdout)["findings"]
    assert [f["rule"] for f in found] == ["spec-change"]
    assert found[0]["message"] == "minor: periphery element 'follow-up-huddles' added"
    checked = json.loads(runner.invoke(app, ["validate", str(draft), "-f", "json"]).stdout)
    assert [f["rule"] for f in checked["findings"]] == ["placeholder"]


def test_propose_release_without_convergence_writes_nothing(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.yaml"
    code, said = propose(runner, str(project), "-o", str(draft))
    assert code == 0
    assert "no approved adaptation has converged at 3 or more sites" in said
    assert not draft.exists()


def test_propose_release_never_writes_over_the_spec(runner: CliRunner, project: Path) -> None:
    spec = project / "innovation.yaml"
    before = spec.read_bytes()
    code, said = propose(runner, str(project), "--min-sites", "2", "-o", str(spec))
    assert code == 2 and "is the spec itself" in said
    assert spec.read_bytes() == before


CHOICE = """\
  - id: venue
    name: Venue
    serves: panel
    kind: choice
    options:
      - value: hall
"""


def _choose(value: str) -> str:
    return f"choices:\n  {value}\n"


def converge_project(root: Path, sites: list[tuple[str, str]]) -> Path:
    """Sites with one approved, decided adaptation each: (choice line, adaptation) pairs."""
    write_project(root)
    spec = root / "innovation.yaml"
    spec.write_text(spec.read_text().replace("roles:\n", CHOICE + "roles:\n"))
    head = (root / "sites").resolve()
    for i, (choice, body) in enumerate(sites):
        text = f"codify: 1\nkind: adaptation\nsite: {{id: site-{i}, name: Site {i}}}\n"
        text += f'innovation: demo\nbased_on: "1.0.0"\n{_choose(choice)}adaptations:\n{body}'
        (head / f"site-{i}.yaml").write_text(text)
    return root


def test_groups_on_one_element_merge_into_one_change(runner: CliRunner, tmp_path: Path) -> None:
    short_a = adaptation("short-a", "minutes", DECIDED, nature="[shortening]")
    short_b = adaptation("short-b", "minutes", DECIDED, nature="[shortening, tailoring]")
    venue = adaptation("outdoors", "venue", DECIDED)
    online = adaptation("by-video", "panel", DECIDED)
    root = converge_project(
        tmp_path,
        [
            ("minutes: 25", short_a + venue + online),
            ("minutes: 20", short_a + venue.replace("outdoors", "garden") + online),
            ("minutes: 15", short_b + venue),
            ("minutes: 28", short_b),
        ],
    )
    for i, value in enumerate(["park", "park", "chapel"]):
        site = root / "sites" / f"site-{i}.yaml"
        site.write_text(site.read_text().replace("choices:\n", f"choices:\n  venue: {value}\n"))
    draft = tmp_path / "draft.yaml"
    code, said = propose(runner, str(root), "--min-sites", "2", "-o", str(draft))
    assert code == 0, said
    text = draft.read_text()
    assert "{id: minutes, name: Minutes, serves: panel, kind: range, min: 15, max: 60," in text
    assert text.count("- value: park") == 1 and text.count("- value: chapel") == 1
    assert "variants:\n      - id: online\n" in text
    assert "      - id: by-video\n        form: A change.\n" in text
    changes = text[text.index("changelog:") :]
    assert "widened from 30-60 minutes to 15-60 minutes, following site-0, site-1, site-2, " in (
        changes.replace("\n", " ")
    )
    result = runner.invoke(app, ["diff", str(root / "innovation.yaml"), str(draft)])
    assert result.exit_code == 0, result.stdout
    assert "version-bump" not in result.stdout


def test_a_major_change_is_listed_not_drafted(runner: CliRunner, tmp_path: Path) -> None:
    drop = adaptation("no-panel", "panel", DECIDED, nature="[removing]", fidelity="inconsistent")
    root = converge_project(tmp_path, [("minutes: 30", drop), ("minutes: 30", drop)])
    code, said = propose(runner, str(root), "--min-sites", "2", "-o", str(tmp_path / "d.yaml"))
    assert code == 0
    assert "for the innovator: major, not drafted: sites change the core function 'panel'" in said
    assert "nothing was written" in said
    assert not (tmp_path / "d.yaml").exists()


SPEC_LINES = [
    "codify: 1",
    "kind: innovation",
    "id: demo",
    "name: Demo",
    'version: "1.0.0"',
    "summary: A demo.",
    "core:",
    "  - id: panel",
    "    name: Panel",
    "    purpose: Stories.",
    "    form: Three tellers.",
    "    class: essential",
    "periphery:",
    "  - id: minutes",
    "    name: Minutes",
    "    serves: panel",
    "    kind: range",
    "    min: 30",
    "    max: 60",
    "  - id: venue",
    "    name: Venue",
    "    serves: panel",
    "    kind: choice",
    "    options:",
    "      - value: hall",
]


@st.composite
def spec_files(draw: st.DrawFn) -> str:
    lines = []
    for line in SPEC_LINES:
        lines.append(draw(blank) + line + draw(comment))
        if draw(st.integers(0, 4)) == 0:
            lines.append(" " * draw(st.sampled_from([0, 2, 4])) + "#" + draw(comment))
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=spec_files())
def test_draft_keeps_every_line_of_the_spec(text: str) -> None:
    from codify.validate.model import validate_document
    from codify.yaml.document import parse_document

    doc, _ = parse_document(text, "innovation.yaml")
    assert doc is not None
    spec, problems = validate_document(doc, Innovation)
    assert spec is not None, problems
    proposal = Proposal(spec, 2)
    proposal.drafted += [
        WidenRange("minutes", 15, 60, "Minutes widened.", ("a", "b")),
        AddOptions("venue", ("park",), "Park added.", ("a", "b")),
        AddVariant("panel", "online", "On a video call.", "Variant added.", ("a", "b")),
        AddToggle("huddles", "Huddles", "A huddle.", "Huddles added.", ("a", "b")),
    ]
    draft, version = write_draft(text, proposal, date(2026, 3, 1))
    assert version == "1.1.0"
    new = iter(draft.splitlines())
    for old in text.splitlines():
        # Every line of the spec is still there, in order; only two values changed.
        expected = old.replace('"1.0.0"', '"1.1.0"').replace("min: 30", "min: 15")
        assert expected in new, old
    doc, problems = parse_document(draft, "draft.yaml")
    assert doc is not None and not problems
    model, problems = validate_document(doc, Innovation)
    assert model is not None, problems
    assert [o.value for o in model.periphery[1].options] == ["hall", "park"]  # type: ignore[union-attr]
    assert [v.id for v in model.core[0].variants] == ["online"]
    assert model.changelog[0].changes[-1] == "Huddles added."


@settings(max_examples=200, deadline=None)
@given(value=st.text(min_size=1, max_size=40))
def test_inserted_text_reads_back_as_written(value: str) -> None:
    from ruamel.yaml import YAML

    from codify.authoring.edit import scalar

    assert YAML(typ="safe").load(f"key: {scalar(value)}\n")["key"] == value


def test_playbook_says_variants_decisions_and_what_changed(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    site = project / "sites" / "leeds.yaml"
    result = runner.invoke(
        app, ["build", str(project), "--site", str(site), "-f", "html", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = (out / "schwartz-rounds-leeds.html").read_text()
    assert "Other forms the innovators have approved" in html and "Virtual Schwartz Round" in html
    assert (
        "In a sanctioned variant: A Virtual Schwartz Round, held on an online meeting platform, "
        "for times when staff cannot gather in one room. Meant to move" in html
    )
    assert (
        "Approved by Rounds steering group (clinical lead) on 4 November 2024. "
        "To be reviewed by 1 April 2025." in html
    )
    # Without a changelog entry, what changed comes from history/.
    assert "What changed in this release, since version 1.0.0:" in html
    assert "Periphery element “How the board shows support” added (minor)" in html
    assert "How often Rounds are held: option “Every six weeks” added (minor)" in html
    assert "Open to all staff: variant &#39;virtual&#39; added (minor)" in html
    # With one, the changelog entry is printed instead.
    spec = project / "innovation.yaml"
    spec.write_text(
        spec.read_text()
        + 'changelog:\n  - version: "1.1.0"\n    date: 2025-01-01\n'
        + "    changes: [Six-weekly Rounds.]\n"
    )
    result = runner.invoke(app, ["build", str(project), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = (out / "schwartz-rounds.html").read_text()
    assert '<time datetime="2025-01-01">' in html and "<li>Six-weekly Rounds.</li>" in html
    assert "since version" not in html


def test_propose_release_appends_to_an_existing_changelog(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    spec = project / "innovation.yaml"
    spec.write_text(
        spec.read_text()
        + "changelog:  # kept\n"
        + '  - version: "1.1.0"\n    date: 2025-01-01\n    changes: [Six-weekly Rounds.]\n'
        + "# the end\n"
    )
    draft = tmp_path / "draft.yaml"
    code, said = propose(runner, str(project), "--min-sites", "2", "-o", str(draft))
    assert code == 0, said
    text = draft.read_text()
    assert text.endswith(
        "changelog:  # kept\n"
        '  - version: "1.1.0"\n    date: 2025-01-01\n    changes: [Six-weekly Rounds.]\n'
        '  - version: "1.2.0"\n    date: 2026-03-01\n    changes:\n'
        "      - Periphery element 'follow-up-huddles' (Follow up huddles) added as a toggle, off "
        "by default; the core function it serves is for the innovator to fill in, following "
        "leeds, york.\n# the end\n"
    )


def test_decide_says_what_an_approved_adaptation_still_breaks(
    runner: CliRunner, project: Path
) -> None:
    site = project / "sites" / "york.yaml"
    code, said = decide(runner, str(site), "action-points", "--approve", "--by", "Board")
    assert code == 0
    assert "action-points still has, against the spec:" in said
    assert "proscribed-adopted  adaptation 'action-points' adopts" in said
    assert "status: approved\n    decision:\n      by: Board\n" in site.read_text()


def test_crlf_files_keep_their_line_ends(runner: CliRunner, project: Path, tmp_path: Path) -> None:
    for path in (project / "innovation.yaml", project / "sites" / "york.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    site = project / "sites" / "york.yaml"
    code, said = decide(runner, str(site), "action-points", "--reject", "--by", "Board")
    assert code == 0, said
    data = site.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"    status: rejected\r\n    decision:\r\n      by: Board\r\n" in data
    draft = tmp_path / "draft.yaml"
    code, said = propose(runner, str(project), "--min-sites", "2", "-o", str(draft))
    assert code == 0, said
    data = draft.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"") and b"serves: TODO\r\n" in data


def test_upgrade_keeps_crlf_line_ends_too(runner: CliRunner, project: Path) -> None:
    site = project / "sites" / "hse-team-time.yaml"
    site.write_bytes(site.read_bytes().replace(b"\n", b"\r\n"))
    runner.invoke(app, ["upgrade", str(site)])
    data = site.read_bytes()
    assert b'based_on: "1.1.0"\r\n' in data
    assert b"\n" not in data.replace(b"\r\n", b"")
