"""Diffs: every site of a project against its spec, and one release against the next."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from codify.errors import UsageError
from codify.findings import Finding, cap_per_file
from codify.models import AdaptationFile, Innovation
from codify.models.common import semver_tuple
from codify.project import Project, site_files
from codify.rules.changes import History, diff_releases
from codify.rules.site import SiteResult, judge_site, unmatched_site
from codify.vocab import Rule, Severity
from codify.yaml.document import Document

VALIDATE_RULES = frozenset({Rule.WRONG_INNOVATION, Rule.UNKNOWN_TARGET})
# What validate reports of results files and of a site's rebase and readiness entries.
RESULTS_VALIDATE_RULES = frozenset(
    {Rule.RESULTS_SYNTAX, Rule.RESULTS_DUPLICATE, Rule.RESULTS_GRANULARITY, Rule.UNKNOWN_TARGET}
)


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
            else " (keep earlier releases in the project's history/ folder to list the changes)"
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
    # A spec named without its sites: every results finding would be about a site not named
    # (and is dropped), so the results are not read at all.
    if project.sites or project.every_site_loaded():
        from codify.results.outcomes import outcomes_of

        outcomes = outcomes_of(project)
        if outcomes is not None:
            findings.extend(f for f in outcomes.findings if f.rule in RESULTS_VALIDATE_RULES)
    return cap_per_file(findings)


def sites_in(folder: Path) -> list[Path]:
    """Site files of a --sites folder."""
    if not folder.is_dir():
        raise UsageError(f"{folder}: --sites must be a folder of site files")
    return site_files(folder)
