"""Release findings: the changes of a new release, the version it needs, the sites it affects."""

from __future__ import annotations

from collections.abc import Sequence

from codify.findings import Finding
from codify.models import AdaptationFile, Innovation
from codify.models.common import semver_tuple
from codify.rules.changes import MAJOR, MINOR, Change, ReleaseDiff
from codify.rules.site import judge_site
from codify.validate.model import Loaded
from codify.vocab import ChangeKind, ChangeLevel, Rule, Severity
from codify.yaml.document import Document

Affected = dict[tuple[str, str], list[str]]
"""Site ids a release leaves with a new error, by the (section, target) of a major change."""


def release_findings(
    diff: ReleaseDiff, doc: Document, affected: Affected | None = None
) -> list[Finding]:
    """Findings for a release diff: one per change, and a version-bump error when under-bumped."""
    findings = []
    affected = affected or {}
    for change in sorted(diff.changes, key=lambda c: c.order):
        path = _change_path(doc, change)
        line, col = doc.where(path)
        where = (change.section, change.target or "")
        sites = affected.get(where, []) if change.level is MAJOR else []
        message = f"{change.level.value}: {change.message}"
        if sites:
            message += f" (affects {', '.join(sites)})"
        findings.append(
            Finding(
                Rule.SPEC_CHANGE,
                Severity.INFO,
                doc.file,
                line,
                col,
                message,
                key=change.key,
                target=change.target,
                details=tuple(f"affects site {s}" for s in sites),
            )
        )
    needed, bump = diff.needed, diff.bump
    if needed is not None and (bump is None or bump.rank < needed.rank):
        line, col = doc.where(("version",))
        got = "no bump" if bump is None else f"a {bump.value} bump"
        findings.insert(
            0,
            Finding(
                Rule.VERSION_BUMP,
                Severity.ERROR,
                doc.file,
                line,
                col,
                f"version {diff.old_version} -> {diff.new_version} is {got}, but the changes need "
                f"a {needed.value} bump (next version: {next_version(diff.old_version, needed)})",
                key=f"{diff.old_version}->{diff.new_version}",
            ),
        )
    return findings


def next_version(version: str, level: ChangeLevel) -> str:
    """The smallest version after ``version`` with a bump of ``level``."""
    major, minor, patch = semver_tuple(version)
    if level is MAJOR:
        return f"{major + 1}.0.0"
    if level is MINOR:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def _change_path(doc: Document, change: Change) -> tuple[str | int, ...]:
    section = tuple(change.section.split("."))
    if change.target is None:
        return section
    data = doc.data
    for part in section:
        data = data.get(part) if isinstance(data, dict) else None
    if isinstance(data, list):
        for i, item in enumerate(data):
            if isinstance(item, dict) and item.get("id") == change.target:
                return (*section, i)
    return section


def affected_sites(
    old: Innovation,
    new: Innovation,
    sites: Sequence[Loaded[AdaptationFile]],
    release: ReleaseDiff,
) -> Affected:
    """For each element a major change touches, the sites the new release leaves with a new
    error on it, or that use an element the release removes."""
    out: Affected = {}
    majors = [c for c in release.changes if c.level is ChangeLevel.MAJOR and c.target]
    for loaded in sites:
        if loaded.model is None or loaded.doc is None:
            continue

        def errors(spec: Innovation, loaded: Loaded[AdaptationFile] = loaded) -> set[str]:
            assert loaded.model is not None and loaded.doc is not None
            result = judge_site(spec, loaded.model, loaded.doc)
            return {
                f"{f.rule.value}:{f.target}"
                for f in result.findings
                if f.severity is Severity.ERROR and f.target
            }

        fresh = errors(new) - errors(old)
        touched = {key.split(":", 1)[1] for key in fresh}
        uses = set(loaded.model.choices) | {a.target for a in loaded.model.adaptations}
        for change in majors:
            assert change.target is not None
            removed = change.kind is ChangeKind.REMOVED
            if change.target in touched or (change.target in uses and removed):
                who = out.setdefault((change.section, change.target), [])
                if loaded.model.site.id not in who:
                    who.append(loaded.model.site.id)
    return out
