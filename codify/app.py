"""One function per command: typed options in, data out. The CLI only parses and prints.

Nothing here prints or exits; errors are codify's own (``codify.errors``) and the CLI's one
handler shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from codify.errors import InvalidInputError, UsageError
from codify.findings import Finding, cap_per_file
from codify.models import AdaptationFile, Innovation
from codify.project import (
    SPEC_NAME,
    Project,
    load_checked,
    load_projects,
    one_project,
    paused_gc,
)
from codify.rules.changes import diff_releases, load_history
from codify.rules.project import (
    diff_project,
    project_findings,
    sites_in,
)
from codify.rules.release import Affected, affected_sites, release_findings
from codify.rules.site import SiteResult
from codify.validate.model import Loaded
from codify.vocab import BuildFormat, ExportFormat, ExportKind, Handout, Paper, Severity
from codify.yaml.document import display_path

# What only some commands need is imported where it is used: every command pays for what is
# imported here, and `codify validate` should not load the upgrader or the review.
if TYPE_CHECKING:
    from codify.authoring.decide import Decided, Verdict
    from codify.authoring.new import NewFile
    from codify.authoring.upgrade import Upgrade
    from codify.network.propose import Proposal
    from codify.network.review import Review
    from codify.render.build import Built
    from codify.results.outcomes import Outcomes


@dataclass(frozen=True)
class Checked:
    """What ``codify validate`` found, and in how many files."""

    findings: list[Finding]
    files: int


def run_validate(paths: Sequence[Path]) -> Checked:
    """Check every file named: syntax, fields, types, ids and cross-references."""
    from codify.project import load_projects
    from codify.rules.project import validate_project

    projects = load_projects(paths)
    files = sum(len(p.sites) + (p.spec is not None) for p in projects)
    return Checked([f for project in projects for f in validate_project(project)], files)


def run_schema(kind: str) -> str:
    """The JSON Schema of a file kind."""
    from codify.validate.jsonschema import render_schema

    return render_schema(kind)


def run_diff(
    paths: Sequence[Path],
    sites: Path | None,
    history: Path | None,
    waivers: Path | None,
    today: date,
) -> list[Finding]:
    """Findings of ``codify diff``: sites against the spec, or release against release."""
    with paused_gc():
        return cap_per_file(_run_diff(paths, sites, history, waivers, today))


def _run_diff(
    paths: Sequence[Path],
    sites: Path | None,
    history: Path | None,
    waivers: Path | None,
    today: date,
) -> list[Finding]:
    """Findings of ``codify diff``: sites against the spec, or release against release."""
    for path in paths:
        if not path.exists():
            raise UsageError(f"{display_path(path)}: no such file or folder")
    files = [p for p in paths if p.is_file()]
    specs = [load_checked(p) for p in files] if len(files) == len(paths) == 2 else []
    if specs and all(isinstance(s.model, Innovation) for s in specs):
        findings = _diff_two_releases(specs[0], specs[1], sites)
    else:
        if sites is not None:
            raise UsageError("--sites goes with two releases of a spec (old.yaml new.yaml)")
        projects = load_projects(paths)
        own = (p.history_folder() for p in projects)  # as build does; --history names another
        history = history or next((f for f in own if f is not None), None)
        findings = _diff_projects(projects, history, today)
    if waivers is not None:
        from codify.rules.waivers import apply_waivers, load_waivers

        loaded = load_waivers(waivers)
        if loaded.model is None:
            return findings + loaded.findings
        findings = apply_waivers(findings, loaded, today)
    return findings


def _diff_projects(projects: Sequence[Project], history: Path | None, today: date) -> list[Finding]:
    """Every project's own findings, and each of its sites judged against its spec."""
    if not any(p.spec is not None for p in projects):
        raise UsageError(
            "no innovation spec given; name a project folder or its "
            f"{SPEC_NAME} along with the site files"
        )
    if not any(p.sites for p in projects):
        raise UsageError(
            "no site files to judge; give a project folder with sites/ or "
            "the spec followed by site files"
        )
    from codify.results.outcomes import outcome_findings

    past = load_history(history)
    findings = list(past.findings)
    for project in projects:
        findings.extend(project_findings(project))
        if project.spec is not None and project.spec.ok:
            for result in diff_project(project, past, today):
                findings.extend(result.findings)
            findings.extend(outcome_findings(project))
    return findings


def _diff_two_releases(
    old: Loaded[Innovation], new: Loaded[Innovation], sites: Path | None
) -> list[Finding]:
    assert old.model is not None and new.model is not None and new.doc is not None
    problems = old.findings + new.findings
    if not (old.ok and new.ok):
        return problems
    release = diff_releases(old.model, new.model)
    affected: Affected = {}
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
    paths: Sequence[Path], command: str, today: date | None = None
) -> tuple[Project, list[tuple[AdaptationFile, SiteResult]]]:
    """A project whose every file is valid, and each site with its judgement as of ``today``."""
    project = one_project(paths, command)
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
    from codify.network.outcomes import review_outcomes
    from codify.network.review import review_network
    from codify.results.outcomes import outcome_findings

    with paused_gc():
        project, sites = judged_sites(paths, "review", today)
        assert project.spec is not None and project.spec.model is not None
        day = today or date.today()
        # Results and readiness findings count in the review as they do in diff.
        extra: dict[str | None, list[Finding]] = {}
        for found in outcome_findings(project):
            extra.setdefault(found.site, []).append(found)
        for site, result in sites:
            result.findings.extend(extra.get(site.site.id, []))
        review = review_network(project.spec.model, sites, min_sites, day)
        review.outcomes = review_outcomes(project)
        return review, project.root


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
    if not site_file.exists():
        raise UsageError(f"{site_file}: no such file")
    spec_path = spec_path or site_file.resolve().parent.parent / SPEC_NAME
    if not spec_path.is_file():
        raise UsageError(f"{site_file}: no {SPEC_NAME} beside its sites/ folder; give --spec")
    spec = load_valid_spec(spec_path)
    version = to or spec.version
    if history is None:  # the project's own earlier releases, as diff and build use them
        own = spec_path.parent / "history"
        history = own if own.is_dir() else None
    releases = {**load_history(history).releases, spec.version: spec}
    if version not in releases:
        raise UsageError(
            f"version {version} is not the spec's ({spec.version}); give "
            "--history with a folder that holds it"
        )
    from codify.authoring.upgrade import plan_upgrade

    return plan_upgrade(site_file, releases, version, display_path(site_file))


def run_export(paths: Sequence[Path], kind: ExportKind, fmt: ExportFormat | None) -> str:
    """The text of ``codify export``: a TIDieR checklist, or every adaptation as FRAME CSV."""
    from codify.network import export

    if kind is ExportKind.FRAME_CSV:
        if fmt not in (None, ExportFormat.CSV):
            raise UsageError(f"--as frame-csv is CSV only; there is no --format {fmt} for it")
        loaded, sites = judged_sites(paths, "export")
        assert loaded.spec is not None and loaded.spec.model is not None
        return export.frame_csv(loaded.spec.model, sites)
    # TIDieR describes the spec alone: a broken site file must not stop it.
    project = one_project(paths, "export")
    spec = project.spec
    if spec is None or not isinstance(spec.model, Innovation) or not spec.ok:
        raise_invalid(spec.findings if spec else [])
    assert spec is not None and isinstance(spec.model, Innovation)
    model = spec.model
    # Item 10 (modifications) comes from the sites that adapt this innovation.
    adopters = [site for _, site in project.valid_sites() if site.innovation == model.id]
    if fmt is ExportFormat.CSV:
        return export.tidier_csv(model, adopters)
    return export.tidier_markdown(model, adopters)


def run_init(folder: Path, ident: str | None, name: str | None) -> list[Path]:
    """Create a new project folder; the paths created."""
    from codify.authoring.new import create_files, init_files

    return create_files(init_files(folder, ident, name))


def run_adapt(project: Path, site: str, name: str | None) -> list[Path]:
    """Create the site file of a new adopting site (and the editor schema if missing)."""
    from codify.authoring.new import SCHEMA_DIR, NewFile, adapt_text, create_files
    from codify.authoring.results import results_template
    from codify.project import SITES_DIR
    from codify.results.outcomes import results_path
    from codify.validate.jsonschema import render_schema

    spec = load_valid_spec(project)
    folder = project if project.is_dir() else project.parent
    site_id = Path(site).stem if site.endswith((".yaml", ".yml")) else site
    files: list[NewFile] = [
        NewFile(folder / SITES_DIR / f"{site_id}.yaml", adapt_text(spec, site_id, name))
    ]
    schema = folder / SCHEMA_DIR / "adaptation.schema.json"
    if not schema.exists():
        files.append(NewFile(schema, render_schema("adaptation")))
    results = results_path(folder, site_id)
    if not results.exists():
        files.append(NewFile(results, results_template(spec, site_id)))
    return create_files(files)


@dataclass(frozen=True)
class BuildOptions:
    """What ``codify build`` was asked for."""

    project: Path
    output: Path
    fmt: BuildFormat = BuildFormat.ALL
    site: str | None = None
    all_sites: bool = False
    jobs: int = 1
    paper: Paper = Paper.A4
    templates: Path | None = None
    css: Path | None = None
    today: date | None = None
    handout: Handout | None = None
    force: bool = False


def run_build(options: BuildOptions, progress: Callable[[Built, int], None]) -> Built:
    """Build the playbooks asked for, reporting each as it is written (with the total)."""
    from codify.render.build import BuildJob, build_all, site_paths

    if not options.project.exists():
        raise UsageError(f"{display_path(options.project)}: no such file or folder")
    for extra in (options.templates, options.css):
        if extra is not None and not extra.exists():
            raise UsageError(f"{display_path(extra)}: no such file or folder")
    folder = options.project.parent if options.project.is_file() else options.project
    handout = options.handout.value if options.handout else None
    o = options
    common = (o.output, o.fmt, o.paper, o.templates, o.css, o.today, handout)
    jobs = [BuildJob(folder, s, *common) for s in site_paths(folder, o.site, o.all_sites)]

    def report(done: Built) -> None:
        progress(done, len(jobs))

    return build_all(jobs, options.jobs, report, force=options.force)


def run_propose(
    paths: Sequence[Path], min_sites: int, today: date, output: Path | None
) -> tuple[Proposal, str | None]:
    """The next release drafted from convergent approved adaptations (None: nothing to draft)."""
    from codify.authoring.draft import check_draft, write_draft
    from codify.authoring.upgrade import read_site_text
    from codify.network.propose import propose_release

    spec_path = _spec_path(paths)
    if output is not None and output.resolve() == spec_path.resolve():
        raise UsageError(f"{output} is the spec itself; write the draft to another file")
    with paused_gc():
        project, sites = judged_sites(paths, "propose-release", today)
    assert project.spec is not None and project.spec.model is not None
    spec = project.spec.model
    proposal = propose_release(spec, sites, min_sites)
    if not proposal.drafted:
        return proposal, None
    # The spec exactly as stored (CRLF kept, its BOM put back), through the guarded reader.
    text, bom = read_site_text(spec_path, display_path(spec_path))
    draft, version = write_draft(text, proposal, today)
    draft = bom + draft
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


def run_decide(
    site: str, adaptation: str, verdict: Verdict, project: Path, dry_run: bool
) -> tuple[Path, Decided, list[Finding]]:
    """Record a decision in a site file (unless a dry run), and what the adaptation still has."""
    from codify.authoring.decide import check_writable, findings_after, plan_decision
    from codify.files import write_atomic
    from codify.project import find_site

    path = find_site(project, site)
    result = plan_decision(path, display_path(path), adaptation, verdict)
    if dry_run:
        return path, result, []
    check_writable(path)
    write_atomic(path, result.new_text)
    return path, result, findings_after(path, result, verdict.date)


def run_results(paths: Sequence[Path], site: str | None, measure: str | None) -> Outcomes:
    """What happened at each site: charts, signals and readiness, with every finding."""
    from codify.results.outcomes import load_outcomes

    return load_outcomes(paths, site, measure)


def run_results_init(paths: Sequence[Path], site: str) -> list[Path]:
    """Write ``results/SITE.csv``, a template, for an existing site; the paths created."""
    from codify.authoring.results import init_results

    return init_results(paths, site)
