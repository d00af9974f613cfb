"""The network review as terminal text, Markdown or JSON."""

from __future__ import annotations

from codify import __version__
from codify.findings import summarise
from codify.network.review import Review
from codify.output.findings import dump_json


def _cell(review: Review, site: str, element: str, width: int) -> str:
    cell = review.matrix[site][element]
    text = f"{cell.symbol} {cell.text}" if cell.state != "unset" else cell.symbol
    return text[:width].ljust(width)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def review_text(review: Review) -> str:
    """A terminal summary: sites, the matrix in symbols, convergence, pressure, drift."""
    spec = review.spec
    out = [f"{spec.name} v{spec.version}: {len(review.sites)} site(s)", ""]
    out.append("Sites")
    for s in review.sites:
        c = s.summary
        base = f"v{s.based_on}" + (" (stale)" if s.stale else "")
        extra = []
        if s.dropped:
            extra.append("dropped " + ", ".join(s.dropped))
        if s.proposed:
            extra.append(f"{len(s.proposed)} proposed")
        out.append(
            f"  {s.id:<20} {base:<16} {_n(c['error'], 'error')}, {_n(c['warning'], 'warning')}"
            + (f"; {'; '.join(extra)}" if extra else "")
        )
    out += [
        "",
        "Sites by elements (✓ in bounds, ↔ out of bounds, ✗ core function changed, "
        "! form changed, ⊘ proscribed, · default)",
    ]
    width = 14
    header = " " * 20 + " ".join(ident[:width].ljust(width) for ident, _, _ in review.columns)
    out.append(header.rstrip())
    for s in review.sites:
        cells = " ".join(_cell(review, s.id, ident, width) for ident, _, _ in review.columns)
        out.append(f"  {s.id[:17]:<18}{cells}".rstrip())
    out += ["", "Core under pressure"]
    for ident, name, who in review.pressure:
        out.append(
            f"  {len(who):>3} site(s)  {name} ({ident})" + (f": {', '.join(who)}" if who else "")
        )
    out += ["", f"Convergence (at {review.min_sites} or more sites)"]
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
    out += ["", "Drift (inconsistent or unplanned adaptations, oldest first)"]
    events = [(s.id, d) for s in review.sites for d in s.drift]
    if not events:
        out.append("  none")
    for site, d in events:
        when = d.decided.isoformat() if d.decided else "undated"
        kinds = ([d.fidelity.value] if d.fidelity.value == "inconsistent" else []) + (
            ["unplanned"] if d.unplanned else []
        )
        out.append(f"  {site:<20} {when}  {d.adaptation} on {d.target} ({', '.join(kinds)})")
    total = summarise(review.findings)
    out += [
        "",
        f"total: {total['error']} errors, {total['warning']} warnings, "
        f"{total['info']} info across {len(review.sites)} sites",
    ]
    return "\n".join(out) + "\n"


def review_json(review: Review) -> str:
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
                    }
                    for d in s.drift
                ],
                "findings": [f.fingerprint for f in s.findings],
            }
            for s in review.sites
        ],
        "matrix": {
            site: {el: {"state": c.state, "text": c.text} for el, c in row.items()}
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
        "findings": [f.as_json() for f in review.findings],
        "summary": summarise(review.findings),
    }
    return dump_json(body)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def review_markdown(review: Review) -> str:
    """The review as Markdown tables, ready for a network's wiki or a pull request."""
    spec = review.spec
    out = [f"## {_md(spec.name)} v{spec.version}: network review", ""]
    out += [
        "| site | based on | errors | warnings | dropped measures | proposed |",
        "|---|---|---|---|---|---|",
    ]
    for s in review.sites:
        c = s.summary
        out.append(
            f"| `{s.id}` | {s.based_on}{' (stale)' if s.stale else ''} | {c['error']} | "
            f"{c['warning']} | {', '.join(s.dropped) or '—'} | "
            f"{', '.join(s.proposed) or '—'} |"
        )
    out += ["", "### Sites by elements", ""]
    out.append("| site | " + " | ".join(_md(name) for _, name, _ in review.columns) + " |")
    out.append("|---" * (len(review.columns) + 1) + "|")
    for s in review.sites:
        cells = [review.matrix[s.id][ident] for ident, _, _ in review.columns]
        out.append(f"| `{s.id}` | " + " | ".join(f"{c.symbol} {_md(c.text)}" for c in cells) + " |")
    out += ["", "### Core under pressure", ""]
    for ident, name, who in review.pressure:
        out.append(
            f"- **{_md(name)}** (`{ident}`): {len(who)} site(s)"
            + (f": {', '.join(who)}" if who else "")
        )
    out += ["", f"### Convergence (at {review.min_sites} or more sites)", ""]
    for conv in review.convergent:
        what = f"adaptation `{conv.adaptation}`" if conv.adaptation else ", ".join(conv.nature)
        out.append(f"- `{conv.target}`: {what} at {len(conv.sites)} sites")
        out += [f"  - `{s}`: {_md(j)}" for s, j in conv.sites]
    for b in review.bounds:
        out.append(
            f"- `{b.element}` out of bounds at {len(b.sites)} sites: "
            + ", ".join(f"`{s}` = {_md(v)}" for s, v in b.sites)
        )
    if not review.convergent and not review.bounds:
        out.append("- none")
    return "\n".join(out) + "\n"
