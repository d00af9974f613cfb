"""Release against release: each change classified, under-bumped versions refused."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from codify.models import Innovation
from codify.rules.changes import ReleaseDiff, diff_releases
from codify.rules.release import affected_sites, next_version, release_findings
from codify.validate.model import load_site, load_spec
from codify.vocab import ChangeKind, ChangeLevel, Rule
from tests.paths import EXAMPLES

SPEC = EXAMPLES / "schwartz-rounds" / "innovation.yaml"


def spec_with(tmp_path: Path, old: str, new: str, version: str = "1.1.0") -> Path:
    text = SPEC.read_text()
    assert old in text, old
    path = tmp_path / "new.yaml"
    path.write_text(text.replace(old, new).replace('version: "1.1.0"', f'version: "{version}"'))
    return path


def levels(tmp_path: Path, old: str, new: str) -> set[tuple[str, str]]:
    before = load_spec(SPEC).model
    after = load_spec(spec_with(tmp_path, old, new)).model
    assert before is not None and after is not None
    return {(c.level.value, c.message) for c in diff_releases(before, after).changes}


CASES = [
    ("    max: 75\n", "    max: 70\n", "major", "max 75 -> 70 (narrowed)"),
    ("    max: 75\n", "    max: 90\n", "minor", "max 75 -> 90 (widened)"),
    ("    min: 60\n    max: 75\n", "    max: 75\n", "minor", "min 60 -> none (widened)"),
    (
        "      - value: board-report\n        label: A yearly report to the board\n",
        "",
        "major",
        "option 'board-report' removed",
    ),
    (
        "      - value: board-report\n",
        "      - value: board-report\n      - value: x-new\n"
        "        label: New\n      - value: board-y\n",
        "minor",
        "option 'x-new' added",
    ),
    ("    allow_other: true\n", "    allow_other: false\n", "major", "other values no longer"),
    (
        "        target: 3-4 panellists\n",
        "        target: 3 panellists\n",
        "major",
        "fidelity check 'mixed-panel' target changed",
    ),
    (
        "      - id: own-perspective\n",
        "      - id: extra-check\n        statement: New.\n      - id: own-perspective\n",
        "major",
        "fidelity check 'extra-check' added",
    ),
    ("Makes it safe to speak", "Makes it very safe to speak", "major", "purpose changed"),
    ("      A Round at a fixed time", "      A Round at one fixed time", "patch", "form reworded"),
    ("    default: 60\n", "    default: 65\n", "minor", "default changed"),
    ("    required: false\n", "    required: true\n", "major", "is now required"),
    (
        "proscribed:\n",
        "proscribed:\n  - id: sell-tickets\n    statement: Charge staff.\n"
        "    breaks: [all-staff-forum]\n",
        "major",
        "proscribed practice 'sell-tickets' added",
    ),
    (
        "measures:\n",
        "measures:\n  - id: new-one\n    name: N\n    definition: D\n    required: true\n",
        "major",
        "required measure 'new-one' added",
    ),
    (
        "measures:\n",
        "measures:\n  - id: new-one\n    name: N\n    definition: D\n",
        "minor",
        "measure 'new-one' added",
    ),
    (
        "  stories:\n",
        "  stories:\n    - id: s2\n      teller: patient\n      quote: Q\n",
        "minor",
        "story 's2' added",
    ),
]


@pytest.mark.parametrize(("old", "new", "level", "message"), CASES, ids=[c[3][:40] for c in CASES])
def test_change_levels(tmp_path: Path, old: str, new: str, level: str, message: str) -> None:
    found = levels(tmp_path, old, new)
    assert any(lv == level and message in msg for lv, msg in found), found


def test_core_function_removed_is_major(tmp_path: Path) -> None:
    text = SPEC.read_text()
    start = text.index("  - id: regular-rhythm")
    end = text.index("periphery:")
    path = tmp_path / "new.yaml"
    cut = text[:start] + text[end:]
    # the periphery that served it must now serve something else
    path.write_text(
        cut.replace("serves: regular-rhythm", "serves: all-staff-forum").replace(
            'version: "1.1.0"', 'version: "2.0.0"'
        )
    )
    old, new = load_spec(SPEC), load_spec(path)
    assert new.ok, new.findings
    assert old.model is not None and new.model is not None
    diff = diff_releases(old.model, new.model)
    assert diff.needed is ChangeLevel.MAJOR and diff.bump is ChangeLevel.MAJOR
    assert "core function 'regular-rhythm' removed" in {c.message for c in diff.changes}


@pytest.mark.parametrize(
    ("version", "flagged"), [("1.1.1", True), ("1.2.0", True), ("2.0.0", False), ("1.1.0", True)]
)
def test_version_bump_error(tmp_path: Path, version: str, flagged: bool) -> None:
    path = spec_with(tmp_path, "    max: 75\n", "    max: 70\n", version)
    old, new = load_spec(SPEC), load_spec(path)
    assert old.model is not None and new.model is not None and new.doc is not None
    findings = release_findings(diff_releases(old.model, new.model), new.doc)
    bumps = [f for f in findings if f.rule is Rule.VERSION_BUMP]
    assert bool(bumps) is flagged
    if flagged:
        assert "need a major bump (next version: 2.0.0)" in bumps[0].message
        assert bumps[0].line == 6


def test_identical_releases_have_no_changes() -> None:
    model = load_spec(SPEC).model
    assert isinstance(model, Innovation)
    assert diff_releases(model, model).changes == []


def test_affected_sites_are_named(tmp_path: Path) -> None:
    path = spec_with(tmp_path, "    min: 60\n    max: 75\n", "    min: 60\n    max: 60\n", "2.0.0")
    path.write_text(
        path.read_text()
        .replace(
            "      - value: six-weekly\n", "      - value: six-weekly\n      - value: weekly\n"
        )
        .replace("      - value: monthly\n        label: Monthly\n", "")
    )
    path.write_text(path.read_text().replace("    default: monthly\n", ""))
    old, new = load_spec(SPEC).model, load_spec(path).model
    assert old is not None and new is not None
    sites = [load_site(p) for p in sorted((EXAMPLES / "schwartz-rounds" / "sites").iterdir())]
    release = diff_releases(old, new)
    affected = affected_sites(old, new, sites, release)
    assert affected[("periphery", "frequency")] == ["hse-team-time", "leeds"]
    assert ("periphery", "round-length-minutes") not in affected


def test_next_version() -> None:
    assert next_version("1.4.2", ChangeLevel.MAJOR) == "2.0.0"
    assert next_version("1.4.2", ChangeLevel.MINOR) == "1.5.0"
    assert next_version("1.4.2", ChangeLevel.PATCH) == "1.4.3"


def test_rewording_a_change_never_changes_a_result(tmp_path: Path) -> None:
    path = spec_with(tmp_path, "    min: 60\n    max: 75\n", "    min: 60\n    max: 60\n", "2.0.0")
    path.write_text(
        path.read_text()
        .replace("      - value: monthly\n        label: Monthly\n", "")
        .replace("    default: monthly\n", "")
        .replace(
            "measures:\n", "measures:\n  - {id: extra, name: E, definition: d, required: true}\n"
        )
    )
    old, new = load_spec(SPEC).model, load_spec(path).model
    assert old is not None and new is not None
    sites = [load_site(p) for p in sorted((EXAMPLES / "schwartz-rounds" / "sites").iterdir())]
    release = diff_releases(old, new)
    reworded = ReleaseDiff(
        release.old_version,
        release.new_version,
        [replace(c, message=f"said otherwise {i}") for i, c in enumerate(release.changes)],
    )
    assert affected_sites(old, new, sites, reworded) == affected_sites(old, new, sites, release)
    doc = load_spec(path).doc
    assert doc is not None

    def result(diff: ReleaseDiff) -> list[tuple[str, str, tuple[str, ...]]]:
        affected = affected_sites(old, new, sites, diff)
        found = release_findings(diff, doc, affected)
        return sorted((f.fingerprint, f.severity.value, f.details) for f in found)

    assert result(reworded) == result(release)
    added = [c for c in release.changes if c.target == "extra"]
    assert [(c.level, c.kind) for c in added] == [(ChangeLevel.MAJOR, ChangeKind.ADDED)]
