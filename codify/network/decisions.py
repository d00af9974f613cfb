"""What the network has to decide: the queue of proposed and due adaptations, and FRAME reasons.

Part of the review (``network.review``): proposed adaptations oldest first with their findings,
who proposed them and what they affect; approved ones past their ``review_by``; and the reasons
sites give, counted per FRAME code across sites.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from codify.findings import Finding
from codify.models import AdaptationFile
from codify.models.site import REASON_CODES, Adaptation, Decision
from codify.rules.decisions import overdue
from codify.rules.site import SiteResult
from codify.vocab import AdaptationStatus


@dataclass(frozen=True)
class QueueItem:
    """One adaptation waiting for the network: proposed, or decided and due for review."""

    site: str
    adaptation: str
    target: str
    status: AdaptationStatus
    proposed: date | None
    """When the site made or proposed it (its `decided` date)."""
    who: tuple[str, ...]
    """FRAME's `decided_by`: who took part in proposing it at the site."""
    affects: tuple[str, ...]
    review_by: date | None
    overdue: bool
    decision: Decision | None
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class ReasonCount:
    """One FRAME reason code, with the sites and adaptations that give it."""

    level: str
    code: str
    sites: tuple[str, ...]
    adaptations: int


@dataclass(frozen=True)
class FreeReason:
    """A reason written in a site's own words, shown as written."""

    level: str
    text: str
    site: str
    adaptation: str


@dataclass
class DecisionQueue:
    """Proposed adaptations (oldest first), decided ones due for review, and reasons."""

    proposed: list[QueueItem]
    due: list[QueueItem]
    reasons: list[ReasonCount]
    free_reasons: list[FreeReason]


def decision_queue(sites: list[tuple[AdaptationFile, SiteResult]], today: date) -> DecisionQueue:
    """The network's decision queue as of ``today``; linear in the number of adaptations."""
    proposed: list[QueueItem] = []
    due: list[QueueItem] = []
    for site, result in sites:
        for a in site.adaptations:
            late = overdue(a, today)
            if a.status is AdaptationStatus.PROPOSED:
                proposed.append(_item(site.site.id, a, result, late))
            elif a.status is AdaptationStatus.APPROVED and late:
                due.append(_item(site.site.id, a, result, late))
    proposed.sort(key=_oldest_first)
    due.sort(key=lambda q: (q.review_by or date.min, q.site, q.adaptation))
    codes, free = count_reasons([site for site, _ in sites])
    return DecisionQueue(proposed, due, codes, free)


def _oldest_first(item: QueueItem) -> tuple[bool, date, str, str]:
    return (item.proposed is None, item.proposed or date.min, item.site, item.adaptation)


def _item(site: str, a: Adaptation, result: SiteResult, late: bool) -> QueueItem:
    return QueueItem(
        site,
        a.id,
        a.target,
        a.status,
        a.decided,
        tuple(d.value for d in a.frame.decided_by),
        tuple(a.affects),
        a.review_by,
        late,
        a.decision,
        tuple(f for f in result.findings if f.adaptation == a.id),
    )


def reason_code(level: str, text: str) -> str | None:
    """The FRAME code a reason entry is at its level, or None for free text."""
    codes = REASON_CODES.get(level)
    return text if codes is not None and text in {c.value for c in codes} else None


def count_reasons(sites: list[AdaptationFile]) -> tuple[list[ReasonCount], list[FreeReason]]:
    """FRAME reason codes counted across sites (most sites first), and free-text reasons."""
    who: dict[tuple[str, str], set[str]] = defaultdict(set)
    times: dict[tuple[str, str], int] = defaultdict(int)
    free: list[FreeReason] = []
    for site in sites:
        for a in site.adaptations:
            if a.frame.reasons is None:
                continue
            for level in REASON_CODES:
                for entry in getattr(a.frame.reasons, level):
                    code = reason_code(level, entry)
                    if code is None:
                        free.append(FreeReason(level, entry, site.site.id, a.id))
                    else:
                        who[(level, code)].add(site.site.id)
                        times[(level, code)] += 1
    order = list(REASON_CODES)
    codes = [
        ReasonCount(level, code, tuple(sorted(who[(level, code)])), times[(level, code)])
        for level, code in who
    ]
    codes.sort(key=lambda r: (-len(r.sites), -r.adaptations, order.index(r.level), r.code))
    free.sort(key=lambda r: (order.index(r.level), r.site, r.adaptation, r.text))
    return codes, free
