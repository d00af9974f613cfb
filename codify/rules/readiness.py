"""Readiness: how far a site meets each prerequisite, and ``prerequisite-unmet`` findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

from codify.findings import Finding
from codify.rules.site import unknown_target
from codify.text import did_you_mean
from codify.vocab import PrereqLevel, ReadinessStatus, Rule, Severity


@dataclass(frozen=True, slots=True)
class Entry:
    """A site's ``readiness`` entry, with where its ``status`` value stands."""

    prerequisite: str
    status: ReadinessStatus
    evidence: str | None
    checked: date | None
    line: int
    column: int
    named_at: tuple[int, int] = (0, 0)
    """Where the entry's ``prerequisite`` value stands."""


@dataclass(frozen=True, slots=True)
class Readiness:
    """One prerequisite at one site; left-out prerequisites are ``unknown``."""

    site: str
    prerequisite: str
    statement: str
    level: PrereqLevel
    status: ReadinessStatus
    evidence: str | None = None
    checked: date | None = None

    def as_json(self) -> dict[str, object]:
        """The entry in FORMAT.md's JSON shape."""
        out: dict[str, object] = {
            "site": self.site,
            "prerequisite": self.prerequisite,
            "status": self.status.value,
        }
        if self.evidence is not None:
            out["evidence"] = self.evidence
        if self.checked is not None:
            out["checked"] = self.checked.isoformat()
        return out


@dataclass(frozen=True, slots=True)
class Prerequisite:
    """A spec prerequisite as readiness needs it."""

    id: str
    statement: str
    level: PrereqLevel


def _severity(level: PrereqLevel, status: ReadinessStatus) -> Severity | None:
    if level is PrereqLevel.MUST:
        if status is ReadinessStatus.NOT_MET:
            return Severity.ERROR
        return None if status is ReadinessStatus.MET else Severity.WARNING
    return Severity.INFO if status is ReadinessStatus.NOT_MET else None


def judge_readiness(
    site: str,
    file: str,
    prerequisites: Sequence[Prerequisite],
    entries: Sequence[Entry],
    key_at: tuple[int, int],
) -> tuple[list[Readiness], list[Finding]]:
    """Every prerequisite's status at a site that keeps a readiness list, and findings."""
    by_id = {p.id: p for p in prerequisites}
    given: dict[str, Entry] = {}
    findings: list[Finding] = []
    for entry in entries:
        if entry.prerequisite in by_id:
            given.setdefault(entry.prerequisite, entry)
        else:
            findings.append(_unknown(site, file, entry, list(by_id)))
    rows = []
    for prereq in prerequisites:
        found = given.get(prereq.id)
        status = found.status if found else ReadinessStatus.UNKNOWN
        evidence, checked = (found.evidence, found.checked) if found else (None, None)
        rows.append(
            Readiness(site, prereq.id, prereq.statement, prereq.level, status, evidence, checked)
        )
        unmet = _unmet(site, file, prereq, found, key_at)
        if unmet is not None:
            findings.append(unmet)
    return rows, findings


def _unknown(site: str, file: str, entry: Entry, known: list[str]) -> Finding:
    hint = did_you_mean(entry.prerequisite, known)
    message = f"readiness names prerequisite '{entry.prerequisite}', which the spec lacks{hint}"
    where = entry.named_at if entry.named_at[0] else (entry.line, entry.column)
    key = f"readiness:{entry.prerequisite}"
    return unknown_target(file, where, message, key=key, site=site, target=entry.prerequisite)


def _unmet(
    site: str, file: str, prereq: Prerequisite, found: Entry | None, key_at: tuple[int, int]
) -> Finding | None:
    """``prerequisite-unmet`` at the entry's status, or at ``readiness:`` for one left out."""
    status = found.status if found else ReadinessStatus.UNKNOWN
    severity = _severity(prereq.level, status)
    if severity is None:
        return None
    line, column = (found.line, found.column) if found else key_at
    said = f"is {status.value}" if found else "is left out of readiness (unknown)"
    message = f"{prereq.level.value} prerequisite {prereq.id} {said}: {prereq.statement}"
    return UNMET[severity](file, line, column, message, key=prereq.id, site=site, target=prereq.id)


# The finding at each severity FORMAT.md gives it (error, warning or info by level and status).
UNMET = {
    Severity.ERROR: partial(Finding, Rule.PREREQUISITE_UNMET, Severity.ERROR),
    Severity.WARNING: partial(Finding, Rule.PREREQUISITE_UNMET, Severity.WARNING),
    Severity.INFO: partial(Finding, Rule.PREREQUISITE_UNMET, Severity.INFO),
}
