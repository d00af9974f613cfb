"""The network review as terminal text, Markdown or JSON."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from codify import __version__
from codify.findings import summarise
from codify.network.decisions import QueueItem
from codify.network.review import SECTIONS, Review
from codify.output.findings import dump_json
from codify.output.outcomes import outcomes_json, outcomes_markdown, outcomes_text
from codify.text import cut, escape_controls, md_cell

if TYPE_CHECKING:
    from codify.output import ReportOptions
from codify.vocab import CellState, Fidelity


def _cell(review: Review, site: str, element: str, width: int) -> str:
    cell = review.matrix[site][element]
    text = f"{cell.symbol} {cell.text}" if cell.state is not CellState.UNSET else cell.symbol
    return text[:width].ljust(width)


def totals(review: Review) -> str:
    """The review's total line: every finding of every site, by severity."""
    total = summarise(review.findings)
    return (
        f"{total['error']} errors, {total['warning']} warnings, "
        f"{total['info']} info across {len(review.sites)} sites"
    )


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def review_text(review: Review, options: ReportOptions | None = None) -> str:
    """A terminal summary: sites, the matrix in symbols, convergence, pressure, drift."""
    spec = review.spec
    out = [f"{spec.name} v{spec.version}: {len(review.sites)} site(s)", ""]
    out.append(SECTIONS["sites"])
    for s in review.sites:
        c = s.summary
        base = f"v{s.based_on}" + (" (stale)" if s.stale else "")
        extra = []
        if s.dropped:
            extra.append("dropped " + ", ".join(s.dropped))
        if s.proposed:
            extra.append(f"{len(s.proposed)} proposed")
        out.append(
            f"  {s.id:<20} {base:<16} {_n(c['error'], 'error')}, {_n(c['warning'], 'warning')}, "
            f"{c['info']} info" + (f"; {'; '.join(extra)}" if extra else "")
        )
    out += [
        "",
        f"{SECTIONS['matrix']} (✓ in bounds, ↔ out of bounds, ✗ core function changed, "
        "! form changed, ⊘ proscribed, · default)",
    ]
    width = 14
    header = " " * 20 + " ".join(ident[:width].ljust(width) for ident, _, _ in review.columns)
    out.append(header.rstrip())
    for s in review.sites:
        cells = " ".join(_cell(review, s.id, ident, width) for ident, _, _ in review.columns)
        out.append(f"  {s.id[:17]:<18}{cells}".rstrip())
    out += ["", SECTIONS["pressure"]]
    for ident, name, who in review.pressure:
        out.append(
            f"  {len(who):>3} site(s)  {name} ({ident})" + (f": {', '.join(who)}" if who else "")
        )
    out += ["", f"{SECTIONS['convergence']} (at {review.min_sites} or more sites)"]
    if not review.convergent and not review.bounds:
        out.append("  none")
    for conv in review.convergent:
        what = f"adaptation '{conv.adaptation}'" if conv.adaptation else ", ".join(conv.nature)
        out.append(
            f"  {conv.target}: {what} at {len(conv.sites)} sites ("
            + ", ".join(s for s, _ in conv.sites)
            + ")"
        )
    for b in review.bounds:
        out.append(
            f"  {b.element}: out of bounds at {len(b.sites)} sites ("
            + ", ".join(f"{s}={v}" for s, v in b.sites)
            + "); is the range wrong?"
        )
    out += _text_additions(review) + _text_drift(review)
    out += ["", *queue_text(review)]
    if review.outcomes is not None:
        out += outcomes_text(review.outcomes)
    out += ["", f"total: {totals(review)}"]
    return escape_controls("\n".join(out)) + "\n"


def _text_additions(review: Review) -> list[str]:
    out = ["", f"{SECTIONS['additions']} (target new: does each belong in the spec?)"]
    out += [
        f"  {a.site:<20} {a.adaptation} ({a.status}): {cut(a.description, 70)}"
        for a in review.additions
    ] or ["  none"]
    return out


def _text_drift(review: Review) -> list[str]:
    out = ["", f"{SECTIONS['drift']} (inconsistent or unplanned adaptations, oldest first)"]
    events = [(s.id, d) for s in review.sites for d in s.drift]
    if not events:
        out.append("  none")
    for site, d in events:
        when = d.decided.isoformat() if d.decided else "undated"
        kinds = ([d.fidelity.value] if d.fidelity is Fidelity.INCONSISTENT else []) + (
            ["unplanned"] if d.unplanned else []
        )
        out.append(
            f"  {site:<20} {when}  {d.adaptation} on {d.target} ({', '.join(kinds)}; {d.status})"
        )
    return out


def review_json(review: Review, options: ReportOptions | None = None) -> str:
    """The JSON object of issue 5: sites, convergence and findings, plus the matrix."""
    body: dict[str, object] = {
        "codify": __version__,
        "innovation": {"id": review.spec.id, "version": review.spec.version},
        "sites": [
            {
                "id": s.id,
                "name": s.name,
                "file": s.file,
                "based_on": s.based_on,
                "stale": s.stale,
                "summary": s.summary,
                "measures_dropped": s.dropped,
                "proposed": s.proposed,
                "drift": [
                    {
                        "decided": d.decided.isoformat() if d.decided else None,
                        "adaptation": d.adaptation,
                        "target": d.target,
                        "fidelity": d.fidelity.value,
                        "unplanned": d.unplanned,
                        "status": d.status.value,
                    }
                    for d in s.drift
                ],
                "findings": [f.fingerprint for f in s.findings],
            }
            for s in review.sites
        ],
        "matrix": {
            site: {el: {"state": c.state.value, "text": c.text} for el, c in row.items()}
            for site, row in review.matrix.items()
        },
        "convergent": [
            {
                "target": c.target,
                "nature": list(c.nature),
                "adaptation": c.adaptation,
                "sites": [s for s, _ in c.sites],
                "justifications": dict(c.sites),
            }
            for c in review.convergent
        ],
        "out_of_bounds": [{"element": b.element, "sites": dict(b.sites)} for b in review.bounds],
        "core_pressure": [{"core": i, "sites": who} for i, _, who in review.pressure],
        "unmapped_additions": [
            {
                "site": a.site,
                "adaptation": a.adaptation,
                "status": a.status.value,
                "description": a.description,
            }
            for a in review.additions
        ],
        **queue_json(review),
        "findings": [f.as_json() for f in review.findings],
        "summary": summarise(review.findings),
    }
    if review.outcomes is not None:
        body["outcomes"] = outcomes_json(review.outcomes)
    return dump_json(body)


def review_markdown(review: Review, options: ReportOptions | None = None) -> str:
    """The review as Markdown tables, ready for a network's wiki or a pull request."""
    spec = review.spec
    out = [f"## {md_cell(spec.name)} v{spec.version}: network review", ""]
    out += [f"### {SECTIONS['sites']}", ""]
    out += [
        "| site | based on | errors | warnings | info | dropped measures | proposed |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in review.sites:
        c = s.summary
        out.append(
            f"| `{s.id}` | {s.based_on}{' (stale)' if s.stale else ''} | {c['error']} | "
            f"{c['warning']} | {c['info']} | {', '.join(s.dropped) or '—'} | "
            f"{', '.join(s.proposed) or '—'} |"
        )
    out += ["", f"### {SECTIONS['matrix']}", ""]
    out.append("| site | " + " | ".join(md_cell(name) for _, name, _ in review.columns) + " |")
    out.append("|---" * (len(review.columns) + 1) + "|")
    for s in review.sites:
        cells = [review.matrix[s.id][ident] for ident, _, _ in review.columns]
        out.append(
            f"| `{s.id}` | " + " | ".join(f"{c.symbol} {md_cell(c.text)}" for c in cells) + " |"
        )
    out += ["", f"### {SECTIONS['pressure']}", ""]
    for ident, name, who in review.pressure:
        out.append(
            f"- **{md_cell(name)}** (`{ident}`): {len(who)} site(s)"
            + (f": {', '.join(who)}" if who else "")
        )
    out += _markdown_convergence(review)
    out += ["", f"### {SECTIONS['additions']}", ""]
    out += [
        f"- `{a.site}`: `{a.adaptation}` ({a.status}): {md_cell(cut(a.description, 200))}"
        for a in review.additions
    ] or ["- none"]
    out += ["", f"### {SECTIONS['drift']}", ""]
    out += _markdown_drift(review)
    out += ["", *queue_markdown(review)]
    if review.outcomes is not None:
        out += outcomes_markdown(review.outcomes)
    out += ["", f"**Total:** {totals(review)}"]
    return escape_controls("\n".join(out)) + "\n"


def _markdown_convergence(review: Review) -> list[str]:
    out = ["", f"### {SECTIONS['convergence']} (at {review.min_sites} or more sites)", ""]
    for conv in review.convergent:
        what = f"adaptation `{conv.adaptation}`" if conv.adaptation else ", ".join(conv.nature)
        out.append(f"- `{conv.target}`: {what} at {len(conv.sites)} sites")
        out += [f"  - `{s}`: {md_cell(j)}" for s, j in conv.sites]
    for b in review.bounds:
        out.append(
            f"- `{b.element}` out of bounds at {len(b.sites)} sites: "
            + ", ".join(f"`{s}` = {md_cell(v)}" for s, v in b.sites)
        )
    if not review.convergent and not review.bounds:
        out.append("- none")
    return out


def _markdown_drift(review: Review) -> list[str]:
    events = [(s.id, d) for s in review.sites for d in s.drift]
    if not events:
        return ["- none"]
    out = [
        "| site | decided | adaptation | target | why flagged | status |",
        "|---|---|---|---|---|---|",
    ]
    for site, d in events:
        why = ", ".join(
            ([Fidelity.INCONSISTENT.value] if d.fidelity is Fidelity.INCONSISTENT else [])
            + (["unplanned"] if d.unplanned else [])
        )
        when = d.decided.isoformat() if d.decided else "undated"
        out.append(f"| `{site}` | {when} | `{d.adaptation}` | `{d.target}` | {why} | {d.status} |")
    return out


def _when(day: date | None) -> str:
    return day.isoformat() if day else "undated"


def _queue_line(q: QueueItem) -> str:
    who = f" by {', '.join(q.who)}" if q.who else ""
    parts = [f"{q.site}/{q.adaptation} on {q.target}", f"proposed {_when(q.proposed)}{who}"]
    if q.affects:
        parts.append("affects " + ", ".join(q.affects))
    if q.review_by:
        parts.append(f"review by {q.review_by.isoformat()}" + (" (overdue)" if q.overdue else ""))
    if q.decision:
        parts.append(f"decided {q.decision.date.isoformat()} by {q.decision.by}")
    return "; ".join(parts)


def queue_text(review: Review) -> list[str]:
    """The decision queue and FRAME reasons as terminal lines."""
    q = review.queue
    out = ["Decisions waiting (proposed, oldest first)"]
    for item in q.proposed:
        out.append("  " + _queue_line(item))
        out += [f"      {f.severity.value} {f.rule.value}: {f.message}" for f in item.findings]
    if not q.proposed:
        out.append("  none")
    day = review.today.isoformat() if review.today else "today"
    out += ["", f"Decided, due for review (as of {day})"]
    out += ["  " + _queue_line(item) for item in q.due] or ["  none"]
    out += ["", "Reasons by FRAME code (sites, adaptations)"]
    for r in q.reasons:
        out.append(
            f"  {r.level + ':' + r.code:<36} {_n(len(r.sites), 'site')}, "
            f"{_n(r.adaptations, 'adaptation')} ({', '.join(r.sites)})"
        )
    if not q.reasons:
        out.append("  none coded")
    if q.free_reasons:
        out.append("  in the sites' own words:")
    out += [f'    {r.level}: "{r.text}" ({r.site}/{r.adaptation})' for r in q.free_reasons]
    return out


def _item_json(q: QueueItem) -> dict[str, object]:
    return {
        "site": q.site,
        "adaptation": q.adaptation,
        "target": q.target,
        "status": q.status.value,
        "proposed": q.proposed.isoformat() if q.proposed else None,
        "decided_by": list(q.who),
        "affects": list(q.affects),
        "review_by": q.review_by.isoformat() if q.review_by else None,
        "overdue": q.overdue,
        "decision": q.decision.model_dump(mode="json", exclude_none=True) if q.decision else None,
        "findings": [f.fingerprint for f in q.findings],
    }


def queue_json(review: Review) -> dict[str, object]:
    """The decision queue and FRAME reasons as JSON members of the review object."""
    q = review.queue
    return {
        "today": review.today.isoformat() if review.today else None,
        "decisions": {
            "proposed": [_item_json(i) for i in q.proposed],
            "due_for_review": [_item_json(i) for i in q.due],
        },
        "reasons": [
            {"level": r.level, "code": r.code, "sites": list(r.sites), "adaptations": r.adaptations}
            for r in q.reasons
        ],
        "free_reasons": [
            {"level": r.level, "text": r.text, "site": r.site, "adaptation": r.adaptation}
            for r in q.free_reasons
        ],
    }


def queue_markdown(review: Review) -> list[str]:
    """The decision queue and FRAME reasons as Markdown."""
    q = review.queue
    out = ["### Decisions waiting (proposed, oldest first)", ""]
    for item in q.proposed:
        out.append(f"- {md_cell(_queue_line(item))}")
        out += [
            f"  - {f.severity.value} `{f.rule.value}`: {md_cell(f.message)}" for f in item.findings
        ]
    if not q.proposed:
        out.append("- none")
    out += ["", "### Decided, due for review", ""]
    out += [f"- {md_cell(_queue_line(item))}" for item in q.due] or ["- none"]
    out += ["", "### Reasons by FRAME code", ""]
    if q.reasons:
        out += ["| level | code | sites | adaptations |", "|---|---|---|---|"]
    out += [
        f"| {r.level} | `{r.code}` | {', '.join(r.sites)} | {r.adaptations} |" for r in q.reasons
    ] or ["- none coded"]
    if q.free_reasons:
        out += ["", "In the sites' own words:", ""]
        out += [
            f"- {r.level}: {md_cell(r.text)} (`{r.site}`/`{r.adaptation}`)" for r in q.free_reasons
        ]
    return out
