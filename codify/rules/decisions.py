"""The network's decisions on a site's adaptations: variants, wider targets, the decision trail.

FORMAT.md's "Network decisions": an adaptation may take a sanctioned variant of a core function,
target a plan step, role or measure (FRAME-IS), and carry who decided, when, and until when the
decision stands. These rules add their findings through the site judge of ``rules.site``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from codify.models.site import TARGET_PREFIXES, Adaptation
from codify.models.spec import CoreFunction
from codify.text import did_you_mean, join_values
from codify.vocab import NEW_TARGET, AdaptationStatus, Nature, Rule, Severity

if TYPE_CHECKING:
    from codify.rules.site import Judge
    from codify.yaml.document import PathKey

DECIDED_STATUSES = frozenset({AdaptationStatus.APPROVED, AdaptationStatus.REJECTED})


def split_target(target: str) -> tuple[str | None, str]:
    """``plan:first-round`` as ``("plan", "first-round")``; a plain id as ``(None, id)``."""
    prefix, sep, ident = target.partition(":")
    return (prefix, ident) if sep else (None, target)


def strategy_pool(j: Judge, prefix: str) -> list[str]:
    """The ids a ``plan:``, ``role:`` or ``measure:`` target may name."""
    spec = j.spec
    if prefix == "plan":
        return [s.id for s in spec.plan]
    if prefix == "role":
        return [r.id for r in spec.roles]
    return [m.id for m in spec.measures] if prefix == "measure" else []


def judge_wider_target(j: Judge, a: Adaptation, tpath: PathKey, label: str) -> None:
    """Findings for a ``plan:``, ``role:`` or ``measure:`` target (FRAME-IS strategy changes)."""
    prefix, ident = split_target(a.target)
    assert prefix is not None
    if _unknown_wider(j, a, tpath, label):
        return
    if prefix == "measure" and Nature.REMOVING in a.frame.nature:
        measure = next(m for m in j.spec.measures if m.id == ident)
        required = "required" if measure.required else "optional"
        message = f"{label} removes the {required} measure '{ident}' ({measure.name})"
        j.measure_dropped(tpath, message, measure.required, a.target, a)
        return
    j.add(
        Rule.STRATEGY_CHANGED,
        Severity.INFO,
        tpath,
        f"{label} changes {_NOUNS[prefix]} '{ident}' "
        f"({', '.join(n.value for n in a.frame.nature)}): a change to how the innovation is "
        "implemented, not to the innovation",
        target=a.target,
        adaptation=a,
    )


_NOUNS = {"plan": "the plan step", "role": "the role", "measure": "the measure"}


def _unknown_wider(j: Judge, a: Adaptation, tpath: PathKey, label: str) -> bool:
    """Report a wider target whose prefix or id names nothing; True when it did."""
    prefix, ident = split_target(a.target)
    assert prefix is not None
    if prefix not in TARGET_PREFIXES:
        hint = did_you_mean(prefix, TARGET_PREFIXES) or (
            f" (a target prefix is one of {join_values(p + ':' for p in TARGET_PREFIXES)})"
        )
        message = f"{label}: target '{a.target}' has an unknown prefix '{prefix}:'{hint}"
    else:
        pool = strategy_pool(j, prefix)
        if ident in pool:
            return False
        noun = _NOUNS[prefix].removeprefix("the ")
        message = f"{label}: target '{a.target}' names no {noun} of the spec" + (
            did_you_mean(ident, pool) or f" ({noun}s: {join_values(pool) or 'none'})"
        )
    j.unknown_target(tpath, message, a.target, a)
    return True


def variant_problem(j: Judge, a: Adaptation, base: PathKey, label: str) -> bool:
    """Report a ``variant`` that names nothing; True when the adaptation's variant is unusable."""
    if a.variant is None:
        return False
    element = j.spec.element(a.target)
    path = (*base, "variant")
    if not isinstance(element, CoreFunction):
        j.unknown_target(
            path,
            f"{label}: variant '{a.variant}' given, but only a core function has variants "
            f"and '{a.target}' is not one",
            a.target,
            a,
        )
        return True
    if element.variant(a.variant) is None:
        pool = [v.id for v in element.variants]
        j.unknown_target(
            path,
            f"{label}: '{a.variant}' is not a sanctioned variant of '{element.id}'"
            + (did_you_mean(a.variant, pool) or f" (variants: {join_values(pool) or 'none'})"),
            a.target,
            a,
        )
        return True
    return False


def judge_variant(j: Judge, a: Adaptation, fn: CoreFunction, tpath: PathKey, label: str) -> bool:
    """``core-variant`` in place of ``core-form-changed`` when the variant exists; True if so."""
    variant = fn.variant(a.variant) if a.variant else None
    if variant is None:
        return False
    j.add(
        Rule.CORE_VARIANT,
        Severity.INFO,
        tpath,
        f"{label} delivers the core function '{fn.id}' ({fn.name}) in its sanctioned variant "
        f"'{variant.id}'",
        target=fn.id,
        adaptation=a,
    )
    return True


def judge_decision(j: Judge, a: Adaptation, base: PathKey, label: str, today: date) -> None:
    """``decision-undocumented``, ``review-overdue`` and unknown measures in ``affects``."""
    measures = [m.id for m in j.spec.measures]
    for k, ident in enumerate(a.affects):
        if ident not in measures:
            j.unknown_target(
                (*base, "affects", k),
                f"{label}: affects '{ident}', which is not a measure of the spec"
                + did_you_mean(ident, measures),
                ident,
                a,
            )
    if a.status in DECIDED_STATUSES and a.decision is None:
        j.add(
            Rule.DECISION_UNDOCUMENTED,
            Severity.WARNING,
            (*base, "status"),
            f"{label} is {a.status.value} but records no decision: add decision: {{by, role, "
            "date, rationale} (codify decide does it)",
            target=_target(a),
            adaptation=a,
            keep_severity=True,
        )
    if overdue(a, today):
        assert a.review_by is not None
        j.add(
            Rule.REVIEW_OVERDUE,
            Severity.WARNING,
            (*base, "review_by"),
            f"{label} ({a.status.value}) was due for review on {a.review_by.isoformat()}",
            target=_target(a),
            adaptation=a,
        )


def overdue(a: Adaptation, today: date) -> bool:
    """Whether an adaptation is past its ``review_by`` without a decision since."""
    if a.review_by is None or a.review_by >= today:
        return False
    if a.status is AdaptationStatus.PROPOSED:
        return True
    if a.status is AdaptationStatus.APPROVED:
        return a.decision is None or a.decision.date < a.review_by
    return False


def _target(a: Adaptation) -> str | None:
    return None if a.target == NEW_TARGET else a.target
