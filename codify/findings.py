"""Findings: the one result type every check, diff and review returns."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from codify.vocab import AdaptationStatus, Rule, Severity


@dataclass(frozen=True)
class Finding:
    """One thing codify has to say about a file, with where it comes from."""

    rule: Rule
    severity: Severity
    file: str
    line: int
    column: int
    message: str
    key: str = ""
    """What makes the finding itself (not its position or wording); feeds the fingerprint."""
    path: str = ""
    site: str | None = None
    target: str | None = None
    adaptation: str | None = None
    status: AdaptationStatus | None = None
    details: tuple[str, ...] = ()
    waived: str | None = None
    fingerprint: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # Text from a folded YAML block (``>``) ends in a newline; a message never should.
        if self.message != self.message.rstrip():
            object.__setattr__(self, "message", self.message.rstrip())
        if not self.fingerprint:
            object.__setattr__(self, "fingerprint", self._fingerprint())

    def _fingerprint(self) -> str:
        # Line numbers and message wording are left out on purpose: a reviewed finding stays
        # reviewed when the file is edited around it or codify rewords a message.
        who = self.site if self.site is not None else self.file
        parts = [self.rule.value, who, self.target or "", self.adaptation or "", self.key]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]

    @property
    def counts(self) -> bool:
        """Whether this finding may raise the exit code (not waived, not a closed decision)."""
        return self.waived is None and self.status not in CLOSED_STATUSES

    def waive(self, reason: str) -> Finding:
        """A copy of this finding marked as waived, with the reviewer's reason."""
        return replace(self, waived=reason)

    def as_json(self) -> dict[str, object]:
        """The finding in FORMAT.md's JSON shape."""
        out: dict[str, object] = {
            "rule": self.rule.value,
            "severity": self.severity.value,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }
        if self.path:
            out["path"] = self.path
        if self.site is not None:
            out["site"] = self.site
            out["target"] = self.target
            out["adaptation"] = self.adaptation
        elif self.target is not None:
            out["target"] = self.target
        if self.status is not None:
            out["status"] = self.status.value
        if self.details:
            out["details"] = list(self.details)
        if self.waived is not None:
            out["waived"] = self.waived
        out["fingerprint"] = self.fingerprint
        return out


CLOSED_STATUSES = frozenset({AdaptationStatus.REJECTED, AdaptationStatus.WITHDRAWN})


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in reading order: by file, then line and column, then rule."""
    return sorted(findings, key=lambda f: (f.file, f.line, f.column, f.rule.value, f.message))


def summarise(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts by severity, every severity present (waived and closed ones included)."""
    counts = Counter(f.severity.value for f in findings)
    return {s.value: counts.get(s.value, 0) for s in Severity}


def worst_counting(findings: Iterable[Finding]) -> Severity | None:
    """The highest severity among findings that may raise the exit code."""
    ranks = [f.severity for f in findings if f.counts]
    return max(ranks, key=lambda s: s.rank) if ranks else None


MAX_FINDINGS_PER_FILE = 200
"""The most findings reported for one file; one more finding says how many were left out."""


def cap_per_file(findings: Iterable[Finding], limit: int = MAX_FINDINGS_PER_FILE) -> list[Finding]:
    """At most ``limit`` findings per file, the most severe first, and a count of the rest."""
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.file, []).append(f)
    out: list[Finding] = []
    for file, group in by_file.items():
        if len(group) <= limit:
            out.extend(group)
            continue
        ranked = sorted(range(len(group)), key=lambda i: -group[i].severity.rank)
        kept = set(ranked[:limit])
        out.extend(group[i] for i in sorted(kept))
        dropped = [group[i] for i in ranked[limit:]]
        worst = worst_counting(dropped) or Severity.INFO
        first = min(dropped, key=lambda f: (f.line, f.column))
        out.append(
            Finding(
                Rule.TOO_MANY_FINDINGS,
                worst,
                file,
                first.line,
                first.column,
                f"{len(dropped)} more finding(s) in this file are not shown (codify reports "
                f"{limit} per file, the most severe first); fix these and run again",
                key="more",
                site=group[0].site,
            )
        )
    return out
