"""``codify decide``: record the network's decision on one adaptation, in the site file itself.

Only the adaptation's ``status`` value and its ``decision`` block change; every other byte of the
file (comments, blank lines, key order, quoting) stays as the user wrote it.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from codify.authoring.edit import (
    block_end,
    ensure_final_newline,
    load_round_trip,
    newline_of,
    refuse_flow,
    replace_in_line,
    scalar,
)
from codify.authoring.upgrade import read_site_text
from codify.errors import InvalidInputError, UsageError
from codify.findings import Finding
from codify.models import AdaptationFile, Innovation
from codify.text import did_you_mean, join_values
from codify.validate.model import validate_document
from codify.validate.references import check_site
from codify.vocab import AdaptationStatus, Severity
from codify.yaml.document import display_path, parse_document


@dataclass(frozen=True)
class Verdict:
    """What the network decided, and who decided it."""

    status: AdaptationStatus
    by: str
    date: date
    role: str | None = None
    note: str | None = None


@dataclass
class Decided:
    """The site file before and after the decision."""

    old_text: str
    new_text: str
    site: str
    adaptation: str
    old_status: str

    def unified_diff(self, name: str) -> str:
        """The change as a unified diff, for --dry-run."""
        return "".join(
            difflib.unified_diff(
                self.old_text.splitlines(keepends=True),
                self.new_text.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


def decision_lines(verdict: Verdict, column: int, newline: str) -> list[str]:
    """The ``decision:`` block, its key at ``column``."""
    pad, inner = " " * column, " " * (column + 2)
    fields = [("by", verdict.by), ("role", verdict.role)]
    fields += [("date", verdict.date.isoformat()), ("rationale", verdict.note)]
    out = [f"{pad}decision:{newline}"]
    for key, value in fields:
        if value is None:
            continue
        text = value if key == "date" else scalar(value)
        out.append(f"{inner}{key}: {text}{newline}")
    return out


def record_decision(text: str, adaptation: str, verdict: Verdict) -> tuple[str, str]:
    """The file with ``adaptation`` decided, and the status it had; only its lines change."""
    data = load_round_trip(text)
    items = data.get("adaptations") if hasattr(data, "get") else None
    if not isinstance(items, list) or not items:
        raise UsageError("the file has no adaptations to decide on")
    ids = [a.get("id") for a in items if hasattr(a, "get")]
    if adaptation not in ids:
        raise UsageError(
            f"no adaptation '{adaptation}' in this file"
            + (did_you_mean(adaptation, [i for i in ids if isinstance(i, str)]) or "")
            + f" (adaptations: {join_values(i for i in ids if isinstance(i, str))})"
        )
    refuse_flow(items, "adaptations")
    item: Any = items[ids.index(adaptation)]
    refuse_flow(item, f"adaptation '{adaptation}'")
    if "status" not in item:
        raise UsageError(f"adaptation '{adaptation}' has no status to change")
    old_status = str(item["status"])
    if "decision" in item:
        refuse_flow(item["decision"], f"the decision of '{adaptation}'")
    newline = newline_of(text)
    lines = text.splitlines(keepends=True)
    s_line, s_col = item.lc.value("status")
    replace_in_line(lines, s_line, s_col, verdict.status.value)
    column = item.lc.key("status")[1]
    if "decision" in item:
        d_line, d_col = item.lc.key("decision")
        end = block_end(lines, d_line, d_col)
        lines[d_line:end] = decision_lines(verdict, d_col, newline)
    else:
        ensure_final_newline(lines, newline)
        lines[s_line + 1 : s_line + 1] = decision_lines(verdict, column, newline)
    return "".join(lines), old_status


def plan_decision(path: Path, file: str, adaptation: str, verdict: Verdict) -> Decided:
    """Decide on one adaptation of a site file; refuse anything that would not validate."""
    # The text exactly as stored (CRLF kept), read through the guarded reader; a BOM is put back.
    old_text, bom = read_site_text(path, file)
    _valid_site(old_text, file, "has errors; fix them first (codify validate)")
    new_text, old_status = record_decision(old_text, adaptation, verdict)
    model = _valid_site(new_text, file, "would not be valid after the decision")
    return Decided(bom + old_text, bom + new_text, model.site.id, adaptation, old_status)


def _valid_site(text: str, file: str, problem: str) -> AdaptationFile:
    doc, problems = parse_document(text, file)
    model: AdaptationFile | None = None
    if doc is not None and not problems:
        model, problems = validate_document(doc, AdaptationFile)
        problems = problems + check_site(doc)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if model is None or errors:
        raise InvalidInputError(f"{file} {problem}; nothing was written", errors or problems)
    return model


def check_writable(path: Path) -> None:
    """Refuse a read-only file before anything is written (renaming over it would succeed).

    No write bit at all counts as read-only even for root, whom ``os.access`` always lets write.
    """
    try:
        no_write_bits = path.stat().st_mode & 0o222 == 0
    except OSError:
        no_write_bits = True
    if no_write_bits or not os.access(path, os.W_OK):
        raise UsageError(f"{path}: the file is read-only; nothing was written")


def findings_after(path: Path, decided: Decided, today: date) -> list[Finding]:
    """The warnings and errors the decided adaptation still has against the spec beside it."""
    from codify.project import SPEC_NAME, load_checked
    from codify.rules.site import judge_site

    spec_path = path.resolve().parent.parent / SPEC_NAME
    if not spec_path.is_file():
        return []
    spec = load_checked(spec_path, "innovation")
    if not isinstance(spec.model, Innovation) or not spec.ok:
        return []
    doc, _ = parse_document(decided.new_text, display_path(path))
    if doc is None:
        return []
    site, _ = validate_document(doc, AdaptationFile)
    if site is None:
        return []
    return [
        f
        for f in judge_site(spec.model, site, doc, today).findings
        if f.adaptation == decided.adaptation and f.severity is not Severity.INFO
    ]
