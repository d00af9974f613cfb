"""What each command does between parsing and printing, kept out of the CLI module."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from codify.authoring.upgrade import Upgrade, plan_upgrade
from codify.errors import InvalidInputError, UsageError
from codify.findings import Finding
from codify.models import AdaptationFile, Innovation
from codify.network.review import Review, review_network
from codify.project import SPEC_NAME, Project, load_checked, load_project, paused_gc
from codify.rules.project import affected_sites, diff_project, load_history, sites_in
from codify.rules.release import diff_releases, release_findings
from codify.rules.site import SiteResult
from codify.rules.waivers import apply_waivers, load_waivers
from codify.validate.model import Loaded
from codify.vocab import Severity
from codify.yaml.document import display_path

if TYPE_CHECKING:
    from codify.network.propose import Proposal


def run_diff(
    paths: Sequence[Path],
    sites: Path | None,
    history: Path | None,
    waivers: Path | None,
    today: date,
) -> list[Finding]:
    """Findings of ``codify diff``: sites against the spec, or release against release."""
    with paused_gc():
        return _run_diff(paths, sites, history, waivers, today)


def _run_diff(
    paths: Sequence[Path],
    sites: Path | None,
    history: Path | None,
    waivers: Path | None,
    today: date,
) -> list[Finding]:
    """Findings of ``codify diff``: sites against the spec, or release against release."""
    files = [p for p in paths if p.is_file()]
    specs = [load_checked(p) for p in files] if len(files) == len(paths) == 2 else []
    if specs and all(isinstance(s.model, Innovation) for s in specs):
        findings = _diff_two_releases(specs[0], specs[1], sites)
    else:
        if sites is not None:
            raise UsageError("--sites goes with two releases of a spec (old.yaml new.yaml)")
        project = load_project(paths)
        findings = project.findings()
        assert project.spec is not None
        if project.spec.ok:
            past = load_history(history)
            findings.extend(past.findings)
            for result in diff_project(project, past, today):
                findings.extend(result.findings)
        if not project.sites:
            raise UsageError(
                "no site files to judge; give a project folder with sites/ or "
                "the spec followed by site files"
            )
    if waivers is not None:
        loaded = load_waivers(waivers)
        if loaded.model is None:
            return findings + loaded.findings
        findings = apply_waivers(findings, loaded, today)
    return findings


def _diff_two_releases(
    old: Loaded[Innovation], new: Loaded[Innovation], sites: Path | None
) -> list[Finding]:
    assert old.model is not None and new.model is not None and new.doc is not None
    problems = old.findings + new.findings
    if not (old.ok and new.ok):
        return problems
    release = diff_releases(old.model, new.model)
    affected: dict[str, list[str]] = {}
    site_findings: list[Finding] = []
    if sites is not None:
        loaded: list[Loaded[AdaptationFile]] = []
        for path in sites_in(sites):
            site = load_checked(path, "adaptation")
            site_findings.extend(site.findings)
            loaded.append(site)
        affected = affected_sites(old.model, new.model, loaded, release)
    return site_findings + release_findings(release, new.doc, affected)


def judged_sites(
    paths: Sequence[Path], today: date | None = None
) -> tuple[Project, list[tuple[AdaptationFile, SiteResult]]]:
    """A project whose every file is valid, and each site with its judgement."""
    project = load_project(paths)
    problems = [f for f in project.findings() if f.severity is Severity.ERROR]
    if problems:
        raise_invalid(problems)
    results = diff_project(project, today=today)
    return project, [
        (site, result) for (_, site), result in zip(project.valid_sites(), results, strict=True)
    ]


def run_review(
    paths: Sequence[Path], min_sites: int, today: date | None = None
) -> tuple[Review, Path | None]:
    """The network review of a project, with reviews due as of ``today``."""
    with paused_gc():
        project, sites = judged_sites(paths, today)
        assert project.spec is not None and project.spec.model is not None
        day = today or date.today()
        return review_network(project.spec.model, sites, min_sites, day), project.root


def raise_invalid(findings: Sequence[Finding]) -> NoReturn:
    """Stop with the findings that make an input unusable."""
    raise InvalidInputError(
        "the input has errors; fix them first (codify validate)", list(findings)
    )


def load_valid_spec(project: Path) -> Innovation:
    """The spec of a project folder, refusing one with errors."""
    loaded = load_checked(project / SPEC_NAME if project.is_dir() else project, "innovation")
    if loaded.model is None or not loaded.ok:
        raise_invalid(loaded.findings)
    assert isinstance(loaded.model, Innovation)
    return loaded.model


def run_upgrade(
    site_file: Path, to: str | None, spec_path: Path | None, history: Path | None
) -> Upgrade:
    """Plan the upgrade of one site file (the CLI decides whether to write it)."""
    if not site_file.is_file():
        raise UsageError(f"{site_file}: no such file")
    spec_path = spec_path or site_file.resolve().parent.parent / SPEC_NAME
    if not spec_path.is_file():
        raise UsageError(f"{site_file}: no {SPEC_NAME} beside its sites/ folder; give --spec")
    spec = load_valid_spec(spec_path)
    version = to or spec.version
    releases = {**load_history(history).releases, spec.version: spec}
    if version not in releases:
        raise UsageError(
            f"version {version} is not the spec's ({spec.version}); give "
            "--history with a folder that holds it"
        )
    return plan_upgrade(site_file, releases, version, display_path(site_file))


def run_export(paths: Sequence[Path], kind: str, fmt: str) -> str:
    """The text of ``codify export``: a TIDieR checklist, or every adaptation as FRAME CSV."""
    from codify.network import export

    if kind == "frame-csv":
        loaded, sites = judged_sites(paths)
        assert loaded.spec is not None and loaded.spec.model is not None
        return export.frame_csv(loaded.spec.model, sites)
    # TIDieR describes the spec alone: a broken site file must not stop it.
    spec = load_project(paths).spec
    if spec is None or not isinstance(spec.model, Innovation) or not spec.ok:
        raise_invalid(spec.findings if spec else [])
    assert spec is not None and isinstance(spec.model, Innovation)
    model = spec.model
    return export.tidier_csv(model) if fmt == "csv" else export.tidier_markdown(model)


def run_propose(
    paths: Sequence[Path], min_sites: int, today: date, output: Path | None
) -> tuple[Proposal, str | None]:
    """The next release drafted from convergent approved adaptations (None: nothing to draft)."""
    from codify.authoring.draft import check_draft, write_draft
    from codify.network.propose import propose_release

    spec_path = _spec_path(paths)
    if output is not None and output.resolve() == spec_path.resolve():
        raise UsageError(f"{output} is the spec itself; write the draft to another file")
    with paused_gc():
        project, sites = judged_sites(paths, today)
    assert project.spec is not None and project.spec.model is not None
    spec = project.spec.model
    proposal = propose_release(spec, sites, min_sites)
    if not proposal.drafted:
        return proposal, None
    draft, version = write_draft(spec_path.read_text(encoding="utf-8"), proposal, today)
    check_draft(draft, spec, version, display_path(output or spec_path))
    return proposal, draft


def _spec_path(paths: Sequence[Path]) -> Path:
    for path in paths:
        if path.is_dir():
            return path / SPEC_NAME
    for path in paths:
        loaded = load_checked(path)
        if isinstance(loaded.model, Innovation) or path.name == SPEC_NAME:
            return path
    raise UsageError(f"no innovation spec given; name a project folder or its {SPEC_NAME}")
