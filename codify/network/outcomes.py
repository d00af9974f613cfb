"""The review's outcomes part: measures across sites, observed fidelity, readiness, signals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from codify.project import Project
from codify.results.describe import ASSURANCE_WORDS, value_text
from codify.results.outcomes import Outcomes, outcomes_of
from codify.results.reading import FIDELITY
from codify.results.series import Series
from codify.results.signals import CAUTION, Signal
from codify.vocab import PointType, ReadinessStatus, SignalKind


@dataclass(frozen=True)
class SiteMeasure:
    """One site's chart of a measure, summarised: latest value, variation and assurance."""

    site: str
    latest: str
    period: str
    variation: PointType
    assurance: str | None
    series: Series


@dataclass
class MeasureRow:
    """A measure (or fidelity check) across the network, one entry a site that reports it."""

    id: str
    name: str
    target: str | None
    sites: list[SiteMeasure] = field(default_factory=list)

    def count(self, kind: PointType) -> int:
        """How many sites' latest points are of this type."""
        return sum(1 for s in self.sites if s.variation is kind)


@dataclass
class SignalGroup:
    """One adaptation (by id) and one measure: what happened after it at each site."""

    adaptation: str
    measure: str
    signals: list[Signal]

    def sentence(self, measure_name: str) -> str:
        """ "3 sites made this change; 2 show improvement in X after it, 1 no signal"."""
        counts = Counter(s.signal for s in self.signals)
        order = [
            SignalKind.IMPROVEMENT,
            SignalKind.CONCERN,
            SignalKind.MIXED,
            SignalKind.NEUTRAL,
            SignalKind.NONE,
            SignalKind.TOO_FEW_POINTS,
            SignalKind.UNDATED,
        ]

        def show(k: SignalKind) -> str:
            return "shows" if counts[k] == 1 else "show"

        words = {
            SignalKind.IMPROVEMENT: f"{show(SignalKind.IMPROVEMENT)} improvement in "
            f"{measure_name} after it",
            SignalKind.CONCERN: f"{show(SignalKind.CONCERN)} concern in {measure_name} after it",
            SignalKind.MIXED: f"{show(SignalKind.MIXED)} both improvement and concern",
            SignalKind.NEUTRAL: f"{show(SignalKind.NEUTRAL)} a change that is neither better "
            "nor worse",
            SignalKind.NONE: "no signal",
            SignalKind.TOO_FEW_POINTS: "too few points to tell",
            SignalKind.UNDATED: "undated",
        }
        parts = [f"{counts[k]} {words[k]}" for k in order if counts[k]]
        n = len(self.signals)
        return f"{n} site{'s' if n != 1 else ''} made this change; " + ", ".join(parts)


@dataclass
class NetworkOutcomes:
    """What the network review shows of results, fidelity, readiness and signals."""

    measures: list[MeasureRow]
    fidelity: list[MeasureRow]
    prerequisites: list[tuple[str, str, str]]
    """(id, statement, level) of every spec prerequisite."""
    readiness: dict[str, dict[str, ReadinessStatus] | None]
    """site id -> prerequisite id -> status; None for a site without a readiness list."""
    signals: list[SignalGroup]
    caution: str = CAUTION


def _row(series: Series) -> SiteMeasure:
    latest = series.points[-1]
    assured = series.assurance
    return SiteMeasure(
        series.site,
        value_text(latest.value, series.measure.unit),
        latest.period,
        series.variation,
        ASSURANCE_WORDS[assured] if assured else None,
        series,
    )


def network_outcomes(outcomes: Outcomes) -> NetworkOutcomes:
    """Summarise a project's outcomes for the review."""
    spec = outcomes.spec
    rows: dict[str, MeasureRow] = {}
    for m in spec.measures:
        target = value_text(m.target_value, m.unit) if m.target_value is not None else None
        rows[m.id] = MeasureRow(m.id, m.name, target)
    for core in spec.core:
        for check in core.fidelity:
            rows[f"{FIDELITY}{check.id}"] = MeasureRow(
                f"{FIDELITY}{check.id}", check.statement, None
            )
    for series in outcomes.series:
        rows[series.measure.id].sites.append(_row(series))
    groups: dict[tuple[str, str], list[Signal]] = {}
    for signal in outcomes.signals:
        groups.setdefault((signal.adaptation, signal.measure), []).append(signal)
    ordered = sorted(outcomes.sites, key=lambda o: o.site)
    return NetworkOutcomes(
        measures=[r for k, r in rows.items() if not k.startswith(FIDELITY)],
        fidelity=[r for k, r in rows.items() if k.startswith(FIDELITY) and r.sites],
        prerequisites=[(p.id, p.statement, p.level.value) for p in spec.prerequisites],
        readiness={
            o.site: (
                {r.prerequisite: r.status for r in o.readiness} if o.readiness is not None else None
            )
            for o in ordered
        },
        signals=[SignalGroup(a, m, s) for (a, m), s in sorted(groups.items())],
    )


def review_outcomes(project: Project) -> NetworkOutcomes | None:
    """The review's outcomes part, when any site has results or a readiness list."""
    outcomes = outcomes_of(project)
    if outcomes is None or not any(o.series or o.readiness is not None for o in outcomes.sites):
        return None
    return network_outcomes(outcomes)
