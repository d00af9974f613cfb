"""What happened at each site of a project: charts, signals and readiness, with findings."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from codify.errors import InvalidInputError, UsageError
from codify.findings import Finding
from codify.models import AdaptationFile, Innovation
from codify.models.site import Adaptation
from codify.project import Project, one_project, paused_gc
from codify.results.reading import FIDELITY, load_results
from codify.results.series import MeasureInfo, RebaseRef, Series, build_series, missing_measures
from codify.results.signals import Signal, signal_after
from codify.rules.readiness import Entry, Prerequisite, Readiness, judge_readiness
from codify.rules.site import unknown_target
from codify.text import did_you_mean
from codify.validate.model import Loaded
from codify.vocab import Improvement
from codify.yaml.document import Document, display_path

RESULTS_DIR = "results"


@dataclass
class SiteOutcome:
    """One site's charts, signals after its adaptations, and readiness."""

    site: str
    name: str
    results_file: str | None
    series: list[Series] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    readiness: list[Readiness] | None = None
    findings: list[Finding] = field(default_factory=list)
    illustrative: bool = False
    """The site file says its record is invented (``site.illustrative``)."""


def measure_infos(spec: Innovation) -> dict[str, MeasureInfo]:
    """Every chartable series of a spec: its measures and its fidelity checks."""
    out = {
        m.id: MeasureInfo(m.id, m.name, m.improvement, m.target_value, m.unit, m.required)
        for m in spec.measures
    }
    for core in spec.core:
        for check in core.fidelity:
            key = f"{FIDELITY}{check.id}"
            # A fidelity series is the share of occasions that met the check: higher is better.
            name = " ".join(check.statement.split())
            out[key] = MeasureInfo(key, name, Improvement.INCREASE, None, "share")
    return out


def results_path(root: Path, site_id: str) -> Path:
    """Where a site's results file lives: ``results/SITE-ID.csv``."""
    return root / RESULTS_DIR / f"{site_id}.csv"


def site_outcome(
    spec: Innovation, site: AdaptationFile, doc: Document, root: Path | None
) -> SiteOutcome:
    """Read a site's results (if any) and judge its readiness."""
    infos = measure_infos(spec)
    path = results_path(root, site.site.id) if root is not None else None
    shown = display_path(path) if path is not None and path.is_file() else None
    outcome = SiteOutcome(site.site.id, site.site.name, shown)
    outcome.illustrative = site.site.illustrative
    outcome.findings.extend(_rebase_targets(site, doc, infos))
    if path is not None and shown is not None:
        checks = {k[len(FIDELITY) :] for k in infos if k.startswith(FIDELITY)}
        measures = {k for k in infos if not k.startswith(FIDELITY)}
        results = load_results(path, shown, site.site.id, measures, checks)
        outcome.findings.extend(results.findings)
        rebases = _rebases(site, doc)
        outcome.series, found = build_series(results, infos, rebases, doc.file)
        outcome.findings.extend(found)
        outcome.findings.extend(missing_measures(results, infos, site.measures_dropped))
        outcome.signals = _signals(site, doc, outcome, infos)
    if site.readiness is not None:
        outcome.readiness, found = _readiness(spec, site, doc)
        outcome.findings.extend(found)
    return outcome


def _rebases(site: AdaptationFile, doc: Document) -> list[RebaseRef]:
    out = []
    for i, entry in enumerate(site.rebase):
        line, column = doc.where(("rebase", i, "period"))
        out.append(RebaseRef(entry.measure, entry.period, entry.reason, line, column))
    return out


def _rebase_targets(
    site: AdaptationFile, doc: Document, infos: dict[str, MeasureInfo]
) -> list[Finding]:
    out = []
    for i, entry in enumerate(site.rebase):
        if entry.measure not in infos:
            line, column = doc.where(("rebase", i, "measure"))
            message = (
                f"rebase names measure '{entry.measure}', which the spec lacks"
                f"{did_you_mean(entry.measure, infos)}"
            )
            key = f"rebase:{entry.measure}"
            out.append(
                unknown_target(
                    doc.file,
                    (line, column),
                    message,
                    key=key,
                    site=site.site.id,
                    target=entry.measure,
                )
            )
    return out


def decision_date(adaptation: Adaptation) -> date | None:
    """An adaptation's ``decided`` date, else its decision's date (FORMAT's signal date)."""
    if adaptation.decided is not None:
        return adaptation.decided
    return adaptation.decision.date if adaptation.decision is not None else None


def _signals(
    site: AdaptationFile, doc: Document, outcome: SiteOutcome, infos: dict[str, MeasureInfo]
) -> list[Signal]:
    by_measure = {s.measure.id: s for s in outcome.series}
    out = []
    # An affected measure the spec lacks is reported once, by the decision rules.
    for adaptation in site.adaptations:
        for measure in adaptation.affects:
            series = by_measure.get(measure)
            if series is not None:
                out.append(signal_after(series, adaptation.id, decision_date(adaptation)))
    return out


def _readiness(
    spec: Innovation, site: AdaptationFile, doc: Document
) -> tuple[list[Readiness], list[Finding]]:
    prereqs = [Prerequisite(p.id, p.statement, p.level) for p in spec.prerequisites]
    entries = []
    for i, entry in enumerate(site.readiness or []):
        line, column = doc.where(("readiness", i, "status"))
        named = doc.where(("readiness", i, "prerequisite"))
        entries.append(
            Entry(
                entry.prerequisite, entry.status, entry.evidence, entry.checked, line, column, named
            )
        )
    key_at = doc.key_where(("readiness",))
    return judge_readiness(site.site.id, doc.file, prereqs, entries, key_at)


def stray_results(root: Path | None, site_ids: set[str]) -> list[Finding]:
    """A finding for each results file whose name is no site's id."""
    folder = root / RESULTS_DIR if root is not None else None
    if folder is None or not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.glob("*.csv")):
        if path.stem not in site_ids:
            message = (
                f"no site has id '{path.stem}': results files are named by a site's id"
                f"{did_you_mean(path.stem, site_ids)}"
            )
            key = f"results-file:{path.stem}"
            out.append(unknown_target(display_path(path), (1, 1), message, key=key))
    return out


@dataclass
class Outcomes:
    """What happened across a project's sites, as ``codify results`` reports it."""

    spec: Innovation
    sites: list[SiteOutcome]
    findings: list[Finding] = field(default_factory=list)
    root: Path | None = None
    """The project folder (assets and results are found from it)."""

    @property
    def series(self) -> list[Series]:
        """Every chart, ordered by site id then measure id."""
        return [s for site in sorted(self.sites, key=lambda o: o.site) for s in site.series]

    @property
    def signals(self) -> list[Signal]:
        """Every signal after an adaptation, by site, then adaptation, then measure."""
        found = [s for site in self.sites for s in site.signals]
        return sorted(found, key=lambda s: (s.site, s.adaptation, s.measure))

    @property
    def readiness(self) -> list[Readiness]:
        """Every site's readiness entries (left-out prerequisites as unknown)."""
        ordered = sorted(self.sites, key=lambda o: o.site)
        return [r for site in ordered for r in site.readiness or []]

    def as_json(
        self, version: str, findings: list[dict[str, object]], series: bool = True
    ) -> dict[str, object]:
        """FORMAT.md's JSON object for ``codify results`` (without series when asked)."""
        body: dict[str, object] = {"codify": version}
        if series:
            body["series"] = [s.as_json() for s in self.series]
        body["signals"] = [s.as_json() for s in self.signals]
        body["readiness"] = [r.as_json() for r in self.readiness]
        body["findings"] = findings
        return body


def project_outcomes(
    spec: Innovation,
    sites: list[tuple[AdaptationFile, Document]],
    root: Path | None,
) -> Outcomes:
    """Every site's outcome, plus results files that belong to no site."""
    outcomes = [site_outcome(spec, site, doc, root) for site, doc in sites]
    stray = stray_results(root, {site.site.id for site, _ in sites})
    findings = stray + [f for o in outcomes for f in o.findings]
    return Outcomes(spec, outcomes, findings, root)


def narrow(outcomes: Outcomes, site: str | None, measure: str | None) -> Outcomes:
    """Only one site's and/or one measure's part (findings are kept whole for that site)."""
    chosen = [o for o in outcomes.sites if site is None or o.site == site]
    if measure is not None:
        chosen = [
            SiteOutcome(
                o.site,
                o.name,
                o.results_file,
                [s for s in o.series if s.measure.id == measure],
                [s for s in o.signals if s.measure == measure],
                o.readiness,
                o.findings,
                o.illustrative,
            )
            for o in chosen
        ]
    findings = [f for f in outcomes.findings if site is None or f.site in (site, None)]
    return Outcomes(outcomes.spec, chosen, findings, outcomes.root)


def _raw_site_id(loaded: Loaded[Any]) -> str | None:
    data = loaded.doc.data if loaded.doc is not None else None
    about = data.get("site") if isinstance(data, dict) else None
    ident = about.get("id") if isinstance(about, dict) else None
    return ident if isinstance(ident, str) else None


def outcomes_of(project: Project) -> Outcomes | None:
    """The outcomes of a loaded project folder whose spec is valid, else None."""
    spec = project.spec
    if spec is None or not isinstance(spec.model, Innovation) or project.root is None:
        return None
    sites = [(model, loaded.doc) for loaded, model in project.valid_sites() if loaded.doc]
    outcomes = project_outcomes(spec.model, sites, project.root)
    # A site file with errors of its own still names its results file: not a stray.
    named = {_raw_site_id(loaded) for loaded in project.sites} | {
        Path(loaded.file).stem for loaded in project.sites
    }
    outcomes.findings = [
        f
        for f in outcomes.findings
        if not (f.key.startswith("results-file:") and f.key.split(":", 1)[1] in named)
    ]
    if not project.every_site_loaded():
        # Only some site files were named: results of the others are not strays.
        outcomes.findings = [f for f in outcomes.findings if f.site is not None]
    return outcomes


def outcome_findings(project: Project) -> list[Finding]:
    """Results files, rebases and readiness of a project folder, as diff reports them."""
    outcomes = outcomes_of(project)
    return outcomes.findings if outcomes is not None else []


def load_outcomes(paths: Sequence[Path], site: str | None, measure: str | None) -> Outcomes:
    """``codify results``: the project named, every site's outcome, narrowed as asked."""
    with paused_gc():
        project = one_project(paths, "results")
        spec = project.spec
        if spec is None or not isinstance(spec.model, Innovation) or not spec.ok:
            raise InvalidInputError(
                "the input has errors; fix them first (codify validate)",
                list(spec.findings if spec else []),
            )
        valid = [(model, loaded.doc) for loaded, model in project.valid_sites() if loaded.doc]
        outcomes = project_outcomes(spec.model, valid, project.root)
        # Hundreds of thousands of points were made with the collector paused; freezing them
        # spares the collection that re-enabling it would start (a second or more at scale).
        gc.freeze()
    ids = [model.site.id for model, _ in valid]
    if site is not None and site not in ids:
        raise UsageError(f"--site: no site has id '{site}'{did_you_mean(site, ids)}")
    measures = [m.id for m in spec.model.measures]
    if measure is not None and measure not in measures and not measure.startswith(FIDELITY):
        hint = did_you_mean(measure, measures)
        raise UsageError(f"--measure: the spec has no measure '{measure}'{hint}")
    outcomes.findings = project.findings() + outcomes.findings
    return narrow(outcomes, site, measure)
