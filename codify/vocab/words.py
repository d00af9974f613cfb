"""Human words for the values a reader sees: FRAME codes, statuses, roles and targets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from codify.vocab.spec import NEW_TARGET

WORDS: dict[str, dict[str, str]] = {
    "planned": {
        "planned-proactive": "Planned ahead (proactive)",
        "planned-reactive": "Planned in response to a problem (reactive)",
        "unplanned-reactive": "Unplanned, in response to a problem (reactive)",
    },
    "when": {
        "pre-implementation": "Before implementation",
        "implementation": "During implementation",
        "scale-up": "During scale-up",
        "sustainment": "During sustainment",
    },
    "decided_by": {
        "political-leaders": "political leaders",
        "programme-leader": "programme leader",
        "funder": "funder",
        "administrator": "administrator",
        "programme-manager": "programme manager",
        "developer": "the innovation's developer",
        "researcher": "researcher",
        "delivery-team": "delivery team",
        "practitioner": "practitioner",
        "community": "community members",
        "recipients": "the people it serves",
    },
    "nature": {
        "integrating-framework": "integrating another framework",
        "integrating-treatment": "integrating another treatment",
        "departing": "departing from it",
        "drift": "drifting from it",
    },
    "fidelity": {
        "consistent": "Consistent with the core",
        "inconsistent": "Inconsistent with the core",
        "unknown": "Not known",
    },
    "status": {
        "proposed": "Proposed",
        "approved": "Approved",
        "rejected": "Rejected",
        "withdrawn": "Withdrawn",
    },
    "design": {
        "rct": "Randomised controlled trial",
        "controlled-before-after": "Controlled before-and-after study",
        "interrupted-time-series": "Interrupted time series",
        "cohort": "Cohort study",
        "audit": "Audit",
        "economic": "Economic evaluation",
        "qualitative": "Qualitative study",
        "other": "Other design",
    },
    "direction": {
        "positive": "Positive",
        "no-effect": "No effect",
        "negative": "Negative",
        "mixed": "Mixed",
    },
    "class": {
        "essential": "Essential, unique to this innovation",
        "necessary": "Necessary, not unique",
    },
    "level": {"must": "Must have", "should": "Should have"},
    "kind": {"setup": "Set-up", "recurring": "Recurring", "licence": "Licence"},
}


def word(group: str, value: Any) -> str:
    """One value in human words: the group's own phrase, else the code with hyphens as spaces."""
    code = str(getattr(value, "value", value))
    said = WORDS.get(group, {}).get(code)
    if said is not None:
        return said
    return code.replace("-", " ")


def sentence(text: str) -> str:
    """The text with its first letter in upper case."""
    return text[:1].upper() + text[1:]


def joined(group: str, values: Iterable[Any]) -> str:
    """Values as words joined the way a person writes a list: "a, b and c"."""
    items = [word(group, v) for v in values]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def target_name(target: str, names: dict[str, str]) -> str:
    """What an adaptation changes, by name: an element, a plan step, a role, or something new."""
    if target == NEW_TARGET:
        return "Something new, not in the spec"
    kind, _, ident = target.partition(":")
    if ident:
        label = {"plan": "Plan step", "role": "Role", "measure": "Measure"}.get(kind, kind)
        return f"{label}: {names.get(target, ident.replace('-', ' '))}"
    return names.get(target, target.replace("-", " "))
