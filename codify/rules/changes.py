"""What changed between two releases of a spec, each change classified major, minor or patch;
and the history folder of earlier releases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codify.errors import UsageError
from codify.findings import Finding
from codify.models import Innovation
from codify.models.common import semver_tuple
from codify.models.spec import ChoiceElement, RangeElement
from codify.text import number
from codify.validate.model import load_spec
from codify.vocab import ChangeKind, ChangeLevel

MAJOR, MINOR, PATCH = ChangeLevel.MAJOR, ChangeLevel.MINOR, ChangeLevel.PATCH


@dataclass(frozen=True)
class Change:
    """One difference between two releases, with the version bump it needs.

    Logic reads ``kind``, ``section``, ``target`` and ``part``, never ``message``, which is for
    people and may be reworded.
    """

    level: ChangeLevel
    section: str
    target: str | None
    message: str
    kind: ChangeKind = ChangeKind.CHANGED
    part: str = ""
    """What changed within the target (``purpose``, ``option:weekly``, ``max``), if anything."""

    @property
    def key(self) -> str:
        """What identifies the change whatever its wording (feeds the finding's fingerprint)."""
        return ":".join(
            [self.level.value, self.kind.value, self.section, self.target or "", self.part]
        )

    @property
    def order(self) -> tuple[int, str, str, str, str]:
        """Worst first, then by section, target and part."""
        return (-self.level.rank, self.section, self.target or "", self.kind.value, self.part)


@dataclass
class ReleaseDiff:
    """Every change from one release to the next, and whether the version bump covers them."""

    old_version: str
    new_version: str
    changes: list[Change] = field(default_factory=list)

    @property
    def needed(self) -> ChangeLevel | None:
        """The bump the changes need (None when nothing changed)."""
        return max((c.level for c in self.changes), key=lambda lv: lv.rank, default=None)

    @property
    def bump(self) -> ChangeLevel | None:
        """The bump the version numbers show (None when equal or lower)."""
        old, new = semver_tuple(self.old_version), semver_tuple(self.new_version)
        if new <= old:
            return None
        return MAJOR if new[0] > old[0] else MINOR if new[1] > old[1] else PATCH


def diff_releases(old: Innovation, new: Innovation) -> ReleaseDiff:
    """Classify every change from ``old`` to ``new`` by FORMAT.md's versioning rules."""
    out = ReleaseDiff(old.version, new.version)
    add = out.changes.append
    for name in ("name", "summary", "problem", "licence"):
        if getattr(old, name) != getattr(new, name):
            add(Change(PATCH, name, None, f"{name} reworded", part=name))
    for name in ("status", "owner", "logo"):
        if getattr(old, name) != getattr(new, name):
            add(Change(MINOR, name, None, f"{name} changed", part=name))
    _diff_list(add, "core", old.core, new.core, MAJOR, MAJOR, _core_fields)
    _diff_list(add, "periphery", old.periphery, new.periphery, MINOR, MAJOR, _periphery_fields)
    _diff_list(add, "proscribed", old.proscribed, new.proscribed, MAJOR, MINOR, _plain(PATCH))
    _diff_list(add, "measures", old.measures, new.measures, MINOR, MINOR, _measure_fields)
    for idx, change in enumerate(out.changes):
        if change.section == "measures" and change.kind is ChangeKind.ADDED:
            measure = next((m for m in new.measures if m.id == change.target), None)
            if measure is not None and measure.required:
                out.changes[idx] = Change(
                    MAJOR,
                    "measures",
                    change.target,
                    f"required measure '{change.target}' added",
                    ChangeKind.ADDED,
                )
    _diff_list(
        add,
        "evidence.outcomes",
        old.evidence.outcomes,
        new.evidence.outcomes,
        MINOR,
        MINOR,
        _plain(MINOR),
    )
    _diff_list(
        add,
        "evidence.stories",
        old.evidence.stories,
        new.evidence.stories,
        MINOR,
        MINOR,
        _plain(MINOR),
    )
    for name in ("prerequisites", "roles", "resources", "plan", "references"):
        _diff_list(add, name, getattr(old, name), getattr(new, name), MINOR, MINOR, _plain(PATCH))
    if old.glossary != new.glossary:
        add(Change(PATCH, "glossary", None, "glossary changed", part="glossary"))
    return out


FieldRule = Callable[[Any, Any, str, Callable[[Change], None]], None]


def _diff_list(
    add: Callable[[Change], None],
    section: str,
    old: list[Any],
    new: list[Any],
    added: ChangeLevel,
    removed: ChangeLevel,
    fields: FieldRule,
) -> None:
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    for ident in after.keys() - before.keys():
        add(Change(added, section, ident, f"{_noun(section)} '{ident}' added", ChangeKind.ADDED))
    for ident in before.keys() - after.keys():
        add(
            Change(
                removed, section, ident, f"{_noun(section)} '{ident}' removed", ChangeKind.REMOVED
            )
        )
    for ident in sorted(before.keys() & after.keys()):
        if before[ident] != after[ident]:
            fields(before[ident], after[ident], section, add)


def _noun(section: str) -> str:
    return {
        "core": "core function",
        "periphery": "periphery element",
        "proscribed": "proscribed practice",
        "measures": "measure",
        "evidence.outcomes": "outcome",
        "evidence.stories": "story",
        "plan": "plan step",
        "prerequisites": "prerequisite",
        "roles": "role",
        "resources": "resource",
        "references": "reference",
    }.get(section, section)


def _plain(level: ChangeLevel) -> FieldRule:
    def rule(old: Any, new: Any, section: str, add: Callable[[Change], None]) -> None:
        changed = [k for k in type(new).model_fields if getattr(old, k) != getattr(new, k)]
        add(
            Change(
                level,
                section,
                new.id,
                f"{_noun(section)} '{new.id}': {', '.join(changed)} changed",
                part=",".join(changed),
            )
        )

    return rule


def _core_fields(old: Any, new: Any, section: str, add: Callable[[Change], None]) -> None:
    ident = new.id

    def note(level: ChangeLevel, what: str, part: str) -> None:
        add(Change(level, section, ident, f"core function '{ident}': {what}", part=part))

    if old.purpose != new.purpose:
        note(MAJOR, "purpose changed", "purpose")
    if old.class_ != new.class_:
        note(MAJOR, f"class {old.class_.value} -> {new.class_.value}", "class")
    for name in ("name", "form"):
        if getattr(old, name) != getattr(new, name):
            note(PATCH, f"{name} reworded", name)
    if old.evidence != new.evidence:
        note(MINOR, "evidence changed", "evidence")
    _variant_fields(old, new, section, add)
    checks_old = {c.id: c for c in old.fidelity}
    checks_new = {c.id: c for c in new.fidelity}
    for cid in sorted(checks_new.keys() - checks_old.keys()):
        note(MAJOR, f"fidelity check '{cid}' added", f"fidelity:{cid}:added")
    for cid in sorted(checks_old.keys() - checks_new.keys()):
        note(MINOR, f"fidelity check '{cid}' removed", f"fidelity:{cid}:removed")
    for cid in sorted(checks_old.keys() & checks_new.keys()):
        a, b = checks_old[cid], checks_new[cid]
        if a.target != b.target:
            # A changed target may tighten the check; a reviewer cannot tell codify otherwise.
            note(MAJOR, f"fidelity check '{cid}' target changed", f"fidelity:{cid}:target")
        elif a != b:
            note(PATCH, f"fidelity check '{cid}' reworded", f"fidelity:{cid}:wording")


def _variant_fields(old: Any, new: Any, section: str, add: Callable[[Change], None]) -> None:
    # A new sanctioned variant widens what sites may do; removing one can make a site that
    # uses it non-compliant; rewording its form or conditions is wording alone.
    ident = new.id
    before = {v.id: v for v in old.variants}
    after = {v.id: v for v in new.variants}
    say = f"core function '{ident}'"
    for vid in sorted(after.keys() - before.keys()):
        add(Change(MINOR, section, ident, f"{say}: variant '{vid}' added", part=f"variant:{vid}"))
    for vid in sorted(before.keys() - after.keys()):
        add(Change(MAJOR, section, ident, f"{say}: variant '{vid}' removed", part=f"variant:{vid}"))
    for vid in sorted(before.keys() & after.keys()):
        if before[vid] != after[vid]:
            add(
                Change(
                    PATCH, section, ident, f"{say}: variant '{vid}' reworded", part=f"variant:{vid}"
                )
            )


def _periphery_fields(old: Any, new: Any, section: str, add: Callable[[Change], None]) -> None:
    ident = new.id
    say = f"periphery element '{ident}'"
    if old.kind != new.kind:
        add(Change(MAJOR, section, ident, f"{say}: kind {old.kind} -> {new.kind}", part="kind"))
        return
    if old.serves != new.serves:
        add(Change(MAJOR, section, ident, f"{say}: now serves '{new.serves}'", part="serves"))
    if old.name != new.name:
        add(Change(PATCH, section, ident, f"{say}: name reworded", part="name"))
    if old.guidance != new.guidance:
        add(Change(MINOR, section, ident, f"{say}: guidance changed", part="guidance"))
    if old.default != new.default:
        add(Change(MINOR, section, ident, f"{say}: default changed", part="default"))
    if isinstance(old, ChoiceElement) and isinstance(new, ChoiceElement):
        _choice_fields(old, new, say, add)
    elif isinstance(old, RangeElement) and isinstance(new, RangeElement):
        _range_fields(old, new, say, add)


def _choice_fields(
    old: ChoiceElement, new: ChoiceElement, say: str, add: Callable[[Change], None]
) -> None:
    def note(level: ChangeLevel, what: str, part: str) -> None:
        add(Change(level, "periphery", new.id, f"{say}: {what}", part=part))

    before = {o.value: o for o in old.options}
    after = {o.value: o for o in new.options}
    for value in sorted(after.keys() - before.keys()):
        note(MINOR, f"option '{value}' added", f"option:{value}")
    for value in sorted(before.keys() - after.keys()):
        note(MAJOR, f"option '{value}' removed", f"option:{value}")
    for value in sorted(before.keys() & after.keys()):
        if before[value] != after[value]:
            note(MINOR, f"option '{value}' relabelled", f"option:{value}")
    if old.allow_other != new.allow_other:
        level = MAJOR if old.allow_other else MINOR
        said = "no longer" if old.allow_other else "now"
        note(level, f"other values {said} allowed", "allow_other")


def _range_fields(
    old: RangeElement, new: RangeElement, say: str, add: Callable[[Change], None]
) -> None:
    def shown(value: float | None) -> str:
        return "none" if value is None else number(value)

    narrower_min = new.min is not None and (old.min is None or new.min > old.min)
    narrower_max = new.max is not None and (old.max is None or new.max < old.max)
    if old.min != new.min:
        level = MAJOR if narrower_min else MINOR
        add(
            Change(
                level,
                "periphery",
                new.id,
                f"{say}: min {shown(old.min)} -> {shown(new.min)}"
                + (" (narrowed)" if narrower_min else " (widened)"),
                part="min",
            )
        )
    if old.max != new.max:
        level = MAJOR if narrower_max else MINOR
        add(
            Change(
                level,
                "periphery",
                new.id,
                f"{say}: max {shown(old.max)} -> {shown(new.max)}"
                + (" (narrowed)" if narrower_max else " (widened)"),
                part="max",
            )
        )
    if old.unit != new.unit:
        add(
            Change(MAJOR, "periphery", new.id, f"{say}: unit {old.unit} -> {new.unit}", part="unit")
        )


def _measure_fields(old: Any, new: Any, section: str, add: Callable[[Change], None]) -> None:
    ident = new.id
    if old.required != new.required:
        level = MAJOR if new.required else MINOR
        add(
            Change(
                level,
                section,
                ident,
                f"measure '{ident}' is now {'required' if new.required else 'optional'}",
                part="required",
            )
        )
    for name in ("frequency", "target"):
        if getattr(old, name) != getattr(new, name):
            add(Change(MINOR, section, ident, f"measure '{ident}': {name} changed", part=name))
    for name in ("name", "definition"):
        if getattr(old, name) != getattr(new, name):
            add(Change(PATCH, section, ident, f"measure '{ident}': {name} reworded", part=name))


@dataclass
class History:
    """Earlier releases of a spec, by version, for saying what changed since a site's base."""

    releases: dict[str, Innovation] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def load_history(folder: Path | None) -> History:
    """Every valid innovation spec under ``folder`` (any file names), keyed by version."""
    history = History()
    if folder is None:
        return history
    if not folder.is_dir():
        raise UsageError(f"{folder}: --history must be a folder of earlier innovation specs")
    for path in sorted([*folder.rglob("*.yaml"), *folder.rglob("*.yml")]):
        loaded = load_spec(path)
        if loaded.model is not None:
            history.releases[loaded.model.version] = loaded.model
        else:
            history.findings.extend(loaded.findings)
    return history
