"""Diffs: every site of a project against its spec, and one release against the next."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from codify.errors import UsageError
from codify.findings import Finding, cap_per_file
from codify.models import AdaptationFile, Innovation
from codify.models.common import semver_tuple
from codify.project import Project, site_files
from codify.rules.release import Affected, ReleaseDiff, diff_releases
from codify.rules.site import SiteResult, judge_site, unmatched_site
from codify.validate.model import Loaded, load_spec
from codify.vocab import ChangeKind, ChangeLevel, Rule, Severity
from codify.yaml.document import Document

VALIDATE_RULES = frozenset({Rule.WRONG_INNOVATION, Rule.UNKNOWN_TARGET})


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


def diff_project(
    project: Project, history: History | None = None, today: date | None = None
) -> list[SiteResult]:
    """Judge every valid site of a project against its (valid) spec, as of ``today``."""
    assert project.spec is not None and project.spec.model is not None
    spec = project.spec.model
    results = []
    for loaded, site in project.valid_sites():
        assert loaded.doc is not None
        result = judge_site(spec, site, loaded.doc, today)
        stale = stale_base(spec, site, loaded.doc, history or History())
        if stale is not None:
            result.findings.insert(0, stale)
        results.append(result)
    return results


def stale_base(
    spec: Innovation, site: AdaptationFile, doc: Document, history: History
) -> Finding | None:
    """A stale-base warning when the site adopted an older release, listing what changed."""
    base, current = semver_tuple(site.based_on), semver_tuple(spec.version)
    if base == current:
        return None
    line, col = doc.where(("based_on",))
    if base > current:
        return Finding(
            Rule.STALE_BASE,
            Severity.WARNING,
            doc.file,
            line,
            col,
            f"based_on {site.based_on} is newer than the spec's version {spec.version}; "
            "is the spec out of date?",
            key=f"{site.based_on}>{spec.version}",
            site=site.site.id,
        )
    old = history.releases.get(site.based_on)
    details: tuple[str, ...] = ()
    if old is not None:
        changes = diff_releases(old, spec).changes
        details = tuple(
            f"{c.level.value}: {c.message}" for c in sorted(changes, key=lambda c: c.order)
        )
        said = f"; {len(changes)} change(s) since, listed below"
    else:
        said = (
            f" ({site.based_on} is not in the history folder, so the changes are not listed)"
            if history.releases
            else " (give --history to list the changes)"
        )
    return Finding(
        Rule.STALE_BASE,
        Severity.WARNING,
        doc.file,
        line,
        col,
        f"based on {site.based_on}, but the spec is at {spec.version}{said}",
        key=f"{site.based_on}<{spec.version}",
        site=site.site.id,
        details=details,
    )


def project_findings(project: Project) -> list[Finding]:
    """Every file's own findings, and a wrong-innovation error for a site no spec matched."""
    findings = project.findings()
    if project.spec is None and project.unmatched_ids:
        for site in project.sites:
            found = unmatched_site(site, project.unmatched_ids)
            if found is not None:
                findings.append(found)
    return findings


def validate_project(project: Project) -> list[Finding]:
    """Every file's own problems, plus the cross-file ones validate must report."""
    findings = project_findings(project)
    if project.spec is not None and project.spec.model is not None:
        for result in diff_project(project):
            findings.extend(f for f in result.findings if f.rule in VALIDATE_RULES)
    return cap_per_file(findings)


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


def sites_in(folder: Path) -> list[Path]:
    """Site files of a --sites folder."""
    if not folder.is_dir():
        raise UsageError(f"{folder}: --sites must be a folder of site files")
    return site_files(folder)
