"""``codify propose-release``: what the network has converged on, as changes to the next release.

An approved adaptation made at N or more distinct sites (the same target plus the same adaptation
id or the same set of natures) becomes a proposed change: a range widened to the most extreme
value chosen, each out-of-bounds option added once, a core-form change made a sanctioned variant,
a `new` addition made a toggle element for the innovator to finish. A change that would need a
major release is listed for the innovator but not drafted. Nothing here decides for the innovator.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from codify.models import AdaptationFile, Innovation
from codify.models.site import Adaptation
from codify.models.spec import (
    ChoiceElement,
    CoreFunction,
    Proscribed,
    RangeElement,
    describe_bounds,
)
from codify.rules.site import SiteResult
from codify.vocab import BREAKING_NATURES, NEW_TARGET, AdaptationStatus, Fidelity

Member = tuple[str, Adaptation]
"""(site id, adaptation) of one approved adaptation in a convergent group."""


@dataclass(frozen=True)
class WidenRange:
    """A range element widened to include every value the sites chose."""

    element: str
    low: float | None
    high: float | None
    text: str
    sites: tuple[str, ...]


@dataclass(frozen=True)
class AddOptions:
    """New options of a choice element, each once."""

    element: str
    values: tuple[str, ...]
    text: str
    sites: tuple[str, ...]


@dataclass(frozen=True)
class AddVariant:
    """A sanctioned variant of a core function, from the form the sites deliver it in."""

    core: str
    variant: str
    form: str
    text: str
    sites: tuple[str, ...]


@dataclass(frozen=True)
class AddToggle:
    """A new periphery toggle, off by default, whose core function the innovator chooses."""

    element: str
    name: str
    guidance: str
    text: str
    sites: tuple[str, ...]


Drafted = WidenRange | AddOptions | AddVariant | AddToggle


@dataclass
class Proposal:
    """The drafted changes, and what converged but is left to the innovator."""

    spec: Innovation
    min_sites: int
    drafted: list[Drafted] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)
    """Convergent changes not drafted: major ones, strategy changes, nothing to widen."""


def _sites(members: list[Member]) -> tuple[str, ...]:
    return tuple(sorted({site for site, _ in members}))


def _names(sites: tuple[str, ...]) -> str:
    return f"following {', '.join(sites)}"


def convergent_groups(
    sites: list[tuple[AdaptationFile, SiteResult]], min_sites: int
) -> dict[str, list[Member]]:
    """Approved adaptations made at ``min_sites`` or more sites, merged per element they change.

    A ``new`` addition groups by its adaptation id only: two unrelated additions share natures.
    """
    groups: dict[tuple[str, str], dict[str, Adaptation]] = defaultdict(dict)
    for site, _ in sites:
        for a in site.adaptations:
            if a.status is not AdaptationStatus.APPROVED:
                continue
            groups[(a.target, f"id:{a.id}")].setdefault(site.site.id, a)
            if a.target != NEW_TARGET:
                natures = ",".join(sorted(n.value for n in a.frame.nature))
                groups[(a.target, f"nature:{natures}")].setdefault(site.site.id, a)
    merged: dict[str, dict[tuple[str, str], Adaptation]] = defaultdict(dict)
    for (target, how), members in groups.items():
        if len(members) < min_sites:
            continue
        element = f"new:{how[3:]}" if target == NEW_TARGET else target
        for site_id, a in members.items():
            merged[element][(site_id, a.id)] = a
    return {el: [(s, a) for (s, _), a in sorted(m.items())] for el, m in sorted(merged.items())}


def propose_release(
    spec: Innovation, sites: list[tuple[AdaptationFile, SiteResult]], min_sites: int = 3
) -> Proposal:
    """The changes the network's convergent, approved adaptations suggest for the next release."""
    proposal = Proposal(spec, min_sites)
    choices = {site.site.id: site.choices for site, _ in sites}
    fidelity = {site.site.id: result.fidelity for site, result in sites}
    for element, members in convergent_groups(sites, min_sites).items():
        who = _sites(members)
        if element.startswith("new:"):
            _propose_toggle(proposal, element[4:], members, who)
            continue
        target = spec.element(element)
        if isinstance(target, RangeElement):
            values = [choices[s].get(element) for s in who]
            _propose_range(proposal, target, values, who)
        elif isinstance(target, ChoiceElement):
            values = [choices[s].get(element) for s in who]
            _propose_options(proposal, target, values, who)
        elif isinstance(target, CoreFunction):
            _propose_variant(proposal, target, members, fidelity, who)
        elif isinstance(target, Proscribed):
            proposal.listed.append(
                f"major, not drafted: sites adopt the proscribed practice '{element}' "
                f"({_names(who)})"
            )
        else:
            proposal.listed.append(
                f"not drafted: '{element}' changed the same way at {len(who)} sites "
                f"({_names(who)}); nothing in the spec to widen"
            )
    return proposal


def _propose_range(
    p: Proposal, el: RangeElement, values: Sequence[object], who: tuple[str, ...]
) -> None:
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    outside = [v for v in numbers if not el.allows(v)]
    if not outside:
        p.listed.append(f"not drafted: '{el.id}' is adapted at {len(who)} sites within its range")
        return
    low = min([*outside, el.min]) if el.min is not None and min(outside) < el.min else el.min
    high = max([*outside, el.max]) if el.max is not None and max(outside) > el.max else el.max
    widened = describe_bounds(low, high, el.unit)
    text = f"Range of '{el.id}' ({el.name}) widened from {el.describe()} to {widened}"
    p.drafted.append(WidenRange(el.id, low, high, f"{text}, {_names(who)}.", who))


def _propose_options(
    p: Proposal, el: ChoiceElement, values: Sequence[object], who: tuple[str, ...]
) -> None:
    known = {o.value for o in el.options}
    new = sorted({v for v in values if isinstance(v, str) and v not in known})
    if not new or el.allow_other:
        p.listed.append(f"not drafted: '{el.id}' is adapted at {len(who)} sites within its options")
        return
    said = ", ".join(f"'{v}'" for v in new)
    text = f"Option{'s' if len(new) > 1 else ''} {said} added to '{el.id}' ({el.name})"
    p.drafted.append(AddOptions(el.id, tuple(new), f"{text}, {_names(who)}.", who))


def _propose_variant(
    p: Proposal,
    fn: CoreFunction,
    members: list[Member],
    fidelity: dict[str, dict[str, Fidelity]],
    who: tuple[str, ...],
) -> None:
    breaking = [
        (s, a)
        for s, a in members
        if a.frame.fidelity is not Fidelity.CONSISTENT
        or any(n in BREAKING_NATURES for n in a.frame.nature)
    ]
    if breaking:
        p.listed.append(
            f"major, not drafted: sites change the core function '{fn.id}' itself "
            f"({_names(_sites(breaking))}); only the innovator can decide a new core"
        )
        return
    fresh = [(s, a) for s, a in members if a.variant is None or fn.variant(a.variant) is None]
    if not fresh:
        return  # every site already uses a sanctioned variant
    ids = sorted({a.id for _, a in fresh}, key=lambda i: (-sum(a.id == i for _, a in fresh), i))
    ident = ids[0] if fn.variant(ids[0]) is None else f"{ids[0]}-variant"
    form = next(a.description for _, a in fresh if a.id == ids[0]).strip()
    text = f"Sanctioned variant '{ident}' of the core function '{fn.id}' ({fn.name}) added"
    p.drafted.append(AddVariant(fn.id, ident, form, f"{text}, {_names(who)}.", who))


def _propose_toggle(p: Proposal, ident: str, members: list[Member], who: tuple[str, ...]) -> None:
    if ident in p.spec.target_ids():
        p.listed.append(
            f"not drafted: the addition '{ident}' ({_names(who)}) has the id of an existing "
            "element; rename it to draft it"
        )
        return
    name = ident.replace("-", " ").capitalize()
    guidance = members[0][1].description.strip()
    text = (
        f"Periphery element '{ident}' ({name}) added as a toggle, off by default; the core "
        "function it serves is for the innovator to fill in"
    )
    p.drafted.append(AddToggle(ident, name, guidance, f"{text}, {_names(who)}.", who))
