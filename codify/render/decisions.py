"""Decisions, variants and release notes in the words a playbook reader uses."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from codify.models import Innovation
from codify.models.common import semver_tuple
from codify.models.site import Adaptation
from codify.vocab import AdaptationStatus
from codify.vocab.words import sentence

if TYPE_CHECKING:
    from codify.rules.changes import Change


def long_date(day: date) -> str:
    """``4 November 2024``."""
    return f"{day.day} {day:%B %Y}"


_VANCOUVER = re.compile(r"[^\W\d][\w'’-]*(?: [^\W\d][\w'’-]*)* [A-Z]{1,3}")


def short_authors(authors: str | None) -> str:
    """Authors as a citation in running text: "Dawson et al." for three or more written as
    medicine writes them ("Dawson J, McCarthy I, Taylor C"); any other form as written."""
    text = (authors or "").strip()
    names = [n.strip() for n in text.split(",")]
    if len(names) >= 3 and all(_VANCOUVER.fullmatch(n) for n in names):
        return f"{names[0].rsplit(' ', 1)[0]} et al."
    return text


def decision_words(a: Adaptation) -> str:
    """Where the network stands on an adaptation, as a sentence."""
    review = f" To be reviewed by {long_date(a.review_by)}." if a.review_by else ""
    if a.status is AdaptationStatus.PROPOSED:
        return "Not made yet: the site has proposed it." + review
    if a.status is AdaptationStatus.WITHDRAWN:
        return "None needed: the site withdrew it."
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

    releases = load_history(history).releases
    older = [v for v in releases if semver_tuple(v) < semver_tuple(spec.version)]
    if not older:
        return None
    since = max(older, key=semver_tuple)
    changes = sorted(diff_releases(releases[since], spec).changes, key=lambda c: c.order)
    items = [f"{sentence(_named(c, spec))} ({c.level.value})" for c in changes]
    return {"date": None, "items": items, "since": since} if items else None


_SUBJECT = re.compile(r"^[a-z ]+ '([^']*)'")
_OPTION = re.compile(r"option '([^']*)'")


def _named(change: Change, spec: Innovation) -> str:
    """A change's message with what it names in words: the element's name for its id, an
    option's label for its value (the message quotes ids: it is written for ``codify diff``)."""
    from codify.network.tidier import target_names

    names = target_names(spec)
    message = change.message
    subject = _SUBJECT.match(message)
    if subject and subject.group(1) == change.target and change.target in names:
        name, rest = names[change.target], message[subject.end() :]
        if rest.startswith(":"):  # "core function 'x': variant 'v' added"
            message = name + rest
        else:  # "periphery element 'x' added": keep the noun, quote the name
            noun = message[: subject.start(1) - 1].rstrip()
            message = f"{noun} “{name}”{rest}"
    labels = {
        o.value: o.label for el in spec.periphery for o in getattr(el, "options", []) if o.label
    }
    return _OPTION.sub(lambda m: f"option “{labels.get(m.group(1), m.group(1))}”", message)
