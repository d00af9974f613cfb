"""``codify review``: the adopter network's view across every site of a project."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from codify.findings import CLOSED_STATUSES, Finding, summarise
from codify.models import AdaptationFile, Innovation
from codify.models.common import semver_tuple
from codify.models.site import Adaptation
from codify.models.spec import CoreFunction, Proscribed
from codify.network.decisions import DecisionQueue, decision_queue
from codify.rules.site import SiteResult
from codify.vocab import NEW_TARGET, AdaptationStatus, CellState, Fidelity, Planned, Rule

# Worst first: what a matrix cell shows when several findings land on one element.
CELL_STATES = tuple(CellState)
_RULE_STATE = {
    Rule.CORE_VARIANT: CellState.IN_BOUNDS,
    Rule.PROSCRIBED_ADOPTED: CellState.PROSCRIBED,
    Rule.CORE_FUNCTION_CHANGED: CellState.CORE_CHANGED,
    Rule.PERIPHERY_OUT_OF_BOUNDS: CellState.OUT_OF_BOUNDS,
    Rule.CORE_FORM_CHANGED: CellState.CORE_FORM,
    Rule.PERIPHERY_CHOICE: CellState.IN_BOUNDS,
}


@dataclass(frozen=True)
class Cell:
    """One site's state on one element: a state name, a symbol and the words to show."""

    state: CellState
    text: str

    @property
    def symbol(self) -> str:
        """A symbol that reads without colour."""
        return self.state.symbol


@dataclass(frozen=True)
class DriftEvent:
    """An adaptation moving a site away from the core: inconsistent or unplanned."""

    decided: date | None
    adaptation: str
    target: str
    fidelity: Fidelity
    unplanned: bool
    status: AdaptationStatus


@dataclass
class SiteView:
    """Everything the review says about one site."""

    id: str
    name: str
    file: str
    based_on: str
    stale: bool
    findings: list[Finding]
    dropped: list[str]
    proposed: list[str]
    drift: list[DriftEvent]

    @property
    def summary(self) -> dict[str, int]:
        """Counts of findings by severity."""
        return summarise(self.findings)


@dataclass(frozen=True)
class Addition:
    """An adaptation with target ``new``: something the spec does not describe yet."""

    site: str
    adaptation: str
    status: AdaptationStatus
    description: str


# Every format of the review carries these sections, under these titles, in this order.
SECTIONS = {
    "sites": "Per site",
    "matrix": "Sites by elements",
    "pressure": "Core under pressure",
    "convergence": "Convergence",
    "additions": "Unmapped additions",
    "drift": "Drift",
}


@dataclass(frozen=True)
class Convergence:
    """The same adaptation at several sites: a candidate for the next release of the spec."""

    target: str
    nature: tuple[str, ...]
    adaptation: str | None
    sites: tuple[tuple[str, str], ...]
    """(site id, justification) pairs."""


@dataclass(frozen=True)
class BoundsCluster:
    """A periphery element chosen out of bounds at several sites: the range may be wrong."""

    element: str
    sites: tuple[tuple[str, str], ...]
    """(site id, the value it chose) pairs."""


@dataclass
class Review:
    """The network's view: matrix, per-site summaries, drift, convergence, core pressure."""

    spec: Innovation
    sites: list[SiteView]
    columns: list[tuple[str, str, str]]
    """(element id, name, 'core' or 'periphery')."""
    matrix: dict[str, dict[str, Cell]]
    convergent: list[Convergence]
    bounds: list[BoundsCluster]
    pressure: list[tuple[str, str, list[str]]]
    """(core id, name, sites that changed it), most-changed first."""
    min_sites: int
    findings: list[Finding] = field(default_factory=list)
    additions: list[Addition] = field(default_factory=list)
    """Open adaptations with target ``new`` at every site, in site order."""
    queue: DecisionQueue = field(default_factory=lambda: DecisionQueue([], [], [], []))
    today: date | None = None


def review_network(
    spec: Innovation,
    sites: list[tuple[AdaptationFile, SiteResult]],
    min_sites: int = 3,
    today: date | None = None,
) -> Review:
    """Build the network review from every site's judgement; linear in the number of sites.

    ``today`` decides which decided adaptations are due for review (default: the machine's date).
    """
    day = today or date.today()
    columns = [(fn.id, fn.name, "core") for fn in spec.core] + [
        (el.id, el.name, "periphery") for el in spec.periphery
    ]
    elements = {e.id: e for group in (spec.core, spec.periphery, spec.proscribed) for e in group}
    views, matrix = [], {}
    for site, result in sites:
        views.append(_site_view(spec, site, result))
        matrix[site.site.id] = _row(spec, site, result, elements)
    pressure = _pressure(spec, views, matrix)
    return Review(
        spec,
        views,
        columns,
        matrix,
        _convergence(spec, sites, min_sites),
        _bounds_clusters(spec, sites, min_sites),
        pressure,
        min_sites,
        [f for _, r in sites for f in r.findings],
        [
            Addition(site.site.id, a.id, a.status, a.description)
            for site, _ in sites
            for a in site.adaptations
            if a.target == NEW_TARGET and a.status not in CLOSED_STATUSES
        ],
        decision_queue(sites, day),
        day,
    )


def _site_view(spec: Innovation, site: AdaptationFile, result: SiteResult) -> SiteView:
    drift = [
        DriftEvent(
            a.decided,
            a.id,
            a.target,
            result.fidelity.get(a.id, Fidelity.UNKNOWN),
            a.frame.planned is Planned.UNPLANNED_REACTIVE,
            a.status,
        )
        for a in site.adaptations
        if a.status not in CLOSED_STATUSES
        and (
            result.fidelity.get(a.id) is Fidelity.INCONSISTENT
            or a.frame.planned is Planned.UNPLANNED_REACTIVE
        )
    ]
    drift.sort(key=lambda d: (d.decided is None, d.decided or date.min, d.adaptation))
    return SiteView(
        site.site.id,
        site.site.name,
        result.file,
        site.based_on,
        semver_tuple(site.based_on) < semver_tuple(spec.version),
        result.findings,
        list(site.measures_dropped),
        [a.id for a in site.adaptations if a.status is AdaptationStatus.PROPOSED],
        drift,
    )


def _row(
    spec: Innovation, site: AdaptationFile, result: SiteResult, elements: Mapping[str, object]
) -> dict[str, Cell]:
    row: dict[str, Cell] = {}

    def put(element: str, cell: Cell) -> None:
        old = row.get(element)
        if old is None or CELL_STATES.index(cell.state) < CELL_STATES.index(old.state):
            row[element] = cell

    for f in result.findings:
        state = _RULE_STATE.get(f.rule)
        if state is None or f.status in CLOSED_STATUSES or f.target is None:
            continue
        element = elements.get(f.target)
        if isinstance(element, Proscribed):
            for core_id in element.breaks:
                put(core_id, Cell(state, f"adopts {element.id}"))
        elif isinstance(element, CoreFunction):
            put(f.target, Cell(state, f.adaptation or ""))
        elif element is not None:
            value = site.choices.get(f.target)
            put(f.target, Cell(state, _value(value) if f.target in site.choices else "adapted"))
    for fn in spec.core:
        row.setdefault(fn.id, Cell(CellState.UNSET, "kept"))
    for el in spec.periphery:
        row.setdefault(el.id, Cell(CellState.UNSET, "default"))
    return row


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _convergence(
    spec: Innovation, sites: list[tuple[AdaptationFile, SiteResult]], min_sites: int
) -> list[Convergence]:
    by_shape: dict[tuple[str, tuple[str, ...]], dict[str, str]] = defaultdict(dict)
    by_id: dict[str, dict[str, str]] = defaultdict(dict)
    targets: dict[str, str] = {}
    for site, _ in sites:
        for a in site.adaptations:
            if a.status in CLOSED_STATUSES or _sanctioned(spec, a):
                continue
            nature = tuple(sorted(n.value for n in a.frame.nature))
            if a.target != NEW_TARGET:
                by_shape[(a.target, nature)].setdefault(site.site.id, a.justification)
            by_id[a.id].setdefault(site.site.id, a.justification)
            targets[a.id] = a.target
    found: list[Convergence] = []
    seen: set[frozenset[str]] = set()
    for (target, nature), who in sorted(by_shape.items()):
        if len(who) >= min_sites:
            found.append(Convergence(target, nature, None, tuple(sorted(who.items()))))
            seen.add(frozenset(who) | {target})
    for ident, who in sorted(by_id.items()):
        if len(who) >= min_sites and frozenset(who) | {targets[ident]} not in seen:
            found.append(Convergence(targets[ident], (), ident, tuple(sorted(who.items()))))
    found.sort(key=lambda c: (-len(c.sites), c.target))
    return found


def _sanctioned(spec: Innovation, a: Adaptation) -> bool:
    # A sanctioned variant is already in the spec: not a candidate for its next release.
    element = spec.element(a.target)
    return bool(a.variant and isinstance(element, CoreFunction) and element.variant(a.variant))


def _bounds_clusters(
    spec: Innovation, sites: list[tuple[AdaptationFile, SiteResult]], min_sites: int
) -> list[BoundsCluster]:
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for site, result in sites:
        for element, ok in result.in_bounds.items():
            if not ok:
                out[element].append((site.site.id, _value(site.choices[element])))
    return [
        BoundsCluster(el, tuple(sorted(who)))
        for el, who in sorted(out.items())
        if len(who) >= min_sites
    ]


def _pressure(
    spec: Innovation, views: list[SiteView], matrix: dict[str, dict[str, Cell]]
) -> list[tuple[str, str, list[str]]]:
    changed = {CellState.PROSCRIBED, CellState.CORE_CHANGED, CellState.CORE_FORM}
    counts: Counter[str] = Counter()
    who: dict[str, list[str]] = defaultdict(list)
    for view in views:
        for fn in spec.core:
            if matrix[view.id][fn.id].state in changed:
                counts[fn.id] += 1
                who[fn.id].append(view.id)
    order = sorted(spec.core, key=lambda fn: (-counts[fn.id], fn.id))
    return [(fn.id, fn.name, who[fn.id]) for fn in order]
