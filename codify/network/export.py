"""``codify export``: the spec as a TIDieR checklist, every adaptation as FRAME-coded CSV."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence

from codify.models import AdaptationFile, Innovation
from codify.models.site import Adaptation
from codify.models.spec import CoreFunction, Proscribed
from codify.network.tidier import tidier_items
from codify.rules.site import SiteResult
from codify.text import escape_controls, md_cell
from codify.vocab import NEW_TARGET

FRAME_COLUMNS = (
    "site",
    "site_name",
    "file",
    "adaptation",
    "target",
    "target_kind",
    "status",
    "decided",
    "when",
    "planned",
    "decided_by",
    "what",
    "context",
    "level",
    "nature",
    "fidelity_declared",
    "fidelity_computed",
    "goals",
    "reasons_sociopolitical",
    "reasons_organisation",
    "reasons_provider",
    "reasons_recipient",
    "duration",
    "description",
    "justification",
    "variant",
    "affects",
    "review_by",
    "decision_by",
    "decision_role",
    "decision_date",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _ignorable(char: str) -> bool:
    # What a spreadsheet may skip before deciding a cell is a formula: white space of any
    # kind (no-break and ideographic spaces too), and format characters (zero-width space,
    # BOM, direction marks).
    return char.isspace() or unicodedata.category(char) in ("Cf", "Zs", "Cc")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula (OWASP CSV injection).

    Leading white space and invisible characters are looked past, and full-width forms
    (＝, ＋, －, ＠) count as the characters they stand for.
    """
    if cell.startswith(_FORMULA_START):
        return "'" + cell
    i = 0
    while i < len(cell) and _ignorable(cell[i]):
        i += 1
    first = unicodedata.normalize("NFKC", cell[i : i + 1])
    return "'" + cell if first and first[0] in "=+-@" else cell


def _csv(rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def _target_kind(spec: Innovation, target: str) -> str:
    if target == NEW_TARGET:
        return NEW_TARGET
    if ":" in target:
        return target.split(":", 1)[0]  # plan, role or measure (FRAME-IS)
    element = spec.element(target)
    if isinstance(element, CoreFunction):
        return "core"
    if isinstance(element, Proscribed):
        return "proscribed"
    return "periphery" if element is not None else "unknown"


def frame_csv(spec: Innovation, sites: Sequence[tuple[AdaptationFile, SiteResult]]) -> str:
    """One row per adaptation per site, every FRAME field in its own column, lists joined by ;."""

    def listed(values: Iterable[object]) -> str:
        return ";".join(str(getattr(v, "value", v)) for v in values)

    def one(value: object) -> str:
        return "" if value is None else str(getattr(value, "value", value))

    rows: list[list[str]] = [list(FRAME_COLUMNS)]
    for site, result in sites:
        for a in site.adaptations:
            f = a.frame
            reasons = f.reasons
            rows.append(
                [
                    site.site.id,
                    site.site.name,
                    result.file,
                    a.id,
                    a.target,
                    _target_kind(spec, a.target),
                    a.status.value,
                    a.decided.isoformat() if a.decided else "",
                    one(f.when),
                    one(f.planned),
                    listed(f.decided_by),
                    one(f.what),
                    listed(f.context),
                    one(f.level),
                    listed(f.nature),
                    f.fidelity.value,
                    one(result.fidelity.get(a.id)),
                    listed(f.goals),
                    listed(reasons.sociopolitical) if reasons else "",
                    listed(reasons.organisation) if reasons else "",
                    listed(reasons.provider) if reasons else "",
                    listed(reasons.recipient) if reasons else "",
                    one(f.duration),
                    " ".join(a.description.split()),
                    " ".join(a.justification.split()),
                    *_decision_cells(a),
                ]
            )
    return _csv(rows)


def _decision_cells(a: Adaptation) -> list[str]:
    d = a.decision
    return [
        a.variant or "",
        ";".join(a.affects),
        a.review_by.isoformat() if a.review_by else "",
        d.by if d else "",
        (d.role or "") if d else "",
        d.date.isoformat() if d else "",
    ]


def tidier_csv(spec: Innovation, sites: Sequence[AdaptationFile] = ()) -> str:
    """The TIDieR checklist as CSV: item number, item, status, text, where it came from."""
    rows = [["item", "name", "status", "text", "source"]]
    for item in tidier_items(spec, sites):
        rows.append(
            [
                str(item.number),
                item.name,
                "filled" if item.text else "missing",
                item.text or "",
                item.source,
            ]
        )
    return _csv(rows)


def tidier_markdown(spec: Innovation, sites: Sequence[AdaptationFile] = ()) -> str:
    """The TIDieR checklist as a Markdown table."""
    items = tidier_items(spec, sites)
    out = [
        f"# TIDieR checklist: {spec.name} v{spec.version}",
        "",
        "| # | Item | From the spec |",
        "|---|---|---|",
    ]
    for item in items:
        text = " ".join((item.text or f"**Missing** ({item.source})").split())
        out.append(f"| {item.number} | {item.name} | {md_cell(text)} |")
    missing = sum(1 for i in items if not i.text)
    out += ["", f"{12 - missing} of 12 items filled from the spec and its sites."]
    return escape_controls("\n".join(out)) + "\n"
