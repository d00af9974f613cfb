"""Decisions, variants and release notes in the words a playbook reader uses."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from codify.models import Innovation
from codify.models.common import semver_tuple
from codify.models.site import Adaptation
from codify.models.spec import CoreFunction, Proscribed
from codify.vocab import NEW_TARGET, AdaptationStatus


def long_date(day: date) -> str:
    """``4 November 2024``."""
    return f"{day.day} {day:%B %Y}"


def target_words(spec: Innovation, a: Adaptation) -> str:
    """What an adaptation changes, named as the spec names it."""
    prefix, _, ident = a.target.partition(":")
    if ident:
        groups: dict[str, tuple[str, list[Any]]] = {
            "plan": ("the plan step", spec.plan),
            "role": ("the role", spec.roles),
            "measure": ("the measure", spec.measures),
        }
        noun, items = groups.get(prefix, ("", []))
        name = next((i.name for i in items if i.id == ident), ident)
        return f"{noun} {name}".strip()
    if a.target == NEW_TARGET:
        return "something the spec does not describe (an addition)"
    element = spec.element(a.target)
    if isinstance(element, CoreFunction):
        words = f"the core function {element.name}"
        variant = element.variant(a.variant) if a.variant else None
        return words + (f", in its sanctioned variant “{variant.id}”" if variant else "")
    if isinstance(element, Proscribed):
        return f"the proscribed practice: {element.statement}"
    return f"the adaptable element {element.name}" if element is not None else a.target


def decision_words(a: Adaptation) -> str:
    """Where the network stands on an adaptation, as a sentence."""
    review = f" To be reviewed by {long_date(a.review_by)}." if a.review_by else ""
    if a.status is AdaptationStatus.PROPOSED:
        return "Proposed; the network has not decided yet." + review
    if a.status is AdaptationStatus.WITHDRAWN:
        return "Withdrawn by the site."
    verb = "Approved" if a.status is AdaptationStatus.APPROVED else "Rejected"
    if a.decision is None:
        return f"{verb}; who decided, and when, is not recorded." + review
    d = a.decision
    role = f" ({d.role})" if d.role else ""
    return f"{verb} by {d.by}{role} on {long_date(d.date)}." + review


def release_notes(spec: Innovation, root: Path | None) -> dict[str, Any] | None:
    """What changed in this release: its changelog entry, else the diff from the history folder."""
    entry = next((e for e in spec.changelog if e.version == spec.version), None)
    if entry is not None:
        return {"date": long_date(entry.date), "items": list(entry.changes), "since": None}
    history = root / "history" if root is not None else None
    if history is None or not history.is_dir():
        return None
    from codify.rules.changes import diff_releases, load_history

    older = [
        v for v in load_history(history).releases if semver_tuple(v) < semver_tuple(spec.version)
    ]
    if not older:
        return None
    since = max(older, key=semver_tuple)
    previous = load_history(history).releases[since]
    changes = sorted(
        diff_releases(previous, spec).changes, key=lambda c: (-c.level.rank, c.message)
    )
    items = [f"{c.message[0].upper()}{c.message[1:]} ({c.level.value})" for c in changes]
    return {"date": None, "items": items, "since": since} if items else None
