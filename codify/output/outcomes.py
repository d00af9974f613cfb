"""The review's outcomes part as text, Markdown and JSON."""

from __future__ import annotations

from codify.network.outcomes import MeasureRow, NetworkOutcomes
from codify.results.describe import SIGNAL_WORDS, VARIATION_WORDS
from codify.text import md_cell
from codify.vocab import PointType

STATUS_SYMBOL = {"met": "✓", "partly": "◐", "not-met": "✗", "unknown": "?"}


def _measure_line(row: MeasureRow) -> str:
    counts = [
        f"{row.count(PointType.IMPROVEMENT)} improvement",
        f"{row.count(PointType.CONCERN)} concern",
        f"{row.count(PointType.COMMON_CAUSE)} common cause",
    ]
    neutral = row.count(PointType.NEUTRAL_HIGH) + row.count(PointType.NEUTRAL_LOW)
    if neutral:
        counts.append(f"{neutral} neutral change")
    target = f"; target {row.target}" if row.target else ""
    return f"  {row.name} ({row.id}): {', '.join(counts)}{target}"


def outcomes_text(outcomes: NetworkOutcomes) -> list[str]:
    """Lines for the terminal review."""
    out = ["", "Outcomes: the latest point of each site's chart"]
    for row in outcomes.measures:
        if not row.sites:
            out.append(f"  {row.name} ({row.id}): no site reports it yet")
            continue
        out.append(_measure_line(row))
        for s in row.sites:
            assured = f"; {s.assurance}" if s.assurance else ""
            out.append(
                f"    {s.site:<18} {s.latest} ({s.period}): {VARIATION_WORDS[s.variation]}{assured}"
            )
    if outcomes.fidelity:
        out += ["", "Observed fidelity (latest share; its variation)"]
        for row in outcomes.fidelity:
            out.append(f"  {row.name} ({row.id})")
            for s in row.sites:
                out.append(
                    f"    {s.site:<18} {s.latest} ({s.period}): {VARIATION_WORDS[s.variation]}"
                )
    out += _readiness_text(outcomes)
    if outcomes.signals:
        out += ["", "Signals after adaptations"]
        names = _names(outcomes)
        for group in outcomes.signals:
            said = group.sentence(names.get(group.measure, group.measure))
            out.append(f"  {group.adaptation} -> {group.measure}: {said}")
            for sig in group.signals:
                out.append(f"    {sig.site:<18} {SIGNAL_WORDS[sig.signal]}")
        out.append(f"  {outcomes.caution}")
    return out


def _names(outcomes: NetworkOutcomes) -> dict[str, str]:
    return {row.id: row.name.lower() for row in [*outcomes.measures, *outcomes.fidelity]}


def _readiness_text(outcomes: NetworkOutcomes) -> list[str]:
    sites = [s for s, grid in outcomes.readiness.items() if grid is not None]
    if not sites or not outcomes.prerequisites:
        return []
    out = ["", "Readiness (✓ met, ◐ partly, ✗ not met, ? unknown)"]
    out.append((" " * 26 + " ".join(s[:12].ljust(12) for s in sites)).rstrip())
    for ident, _, level in outcomes.prerequisites:
        cells = []
        for site in sites:
            grid = outcomes.readiness[site] or {}
            status = grid.get(ident)
            cells.append((STATUS_SYMBOL[status.value] if status else "?").ljust(12))
        out.append((f"  {ident[:17]:<17} {level:<6} " + " ".join(cells)).rstrip())
    return out


def outcomes_markdown(outcomes: NetworkOutcomes) -> list[str]:
    """Lines for the Markdown review."""
    out = ["", "### Outcomes", ""]
    out += ["| measure | site | latest | variation | assurance |", "|---|---|---|---|---|"]
    for row in [*outcomes.measures, *outcomes.fidelity]:
        for s in row.sites:
            out.append(
                f"| {md_cell(row.name)} | `{s.site}` | {s.latest} ({s.period}) | "
                f"{VARIATION_WORDS[s.variation]} | {s.assurance or '—'} |"
            )
    sites = [s for s, grid in outcomes.readiness.items() if grid is not None]
    if sites and outcomes.prerequisites:
        out += ["", "### Readiness", ""]
        out.append("| prerequisite | level | " + " | ".join(f"`{s}`" for s in sites) + " |")
        out.append("|---|---" + "|---" * len(sites) + "|")
        for ident, _, level in outcomes.prerequisites:
            cells = []
            for site in sites:
                status = (outcomes.readiness[site] or {}).get(ident)
                cells.append(
                    f"{STATUS_SYMBOL[status.value]} {status.value}" if status else "? unknown"
                )
            out.append(f"| `{ident}` | {level} | " + " | ".join(cells) + " |")
    if outcomes.signals:
        out += ["", "### Signals after adaptations", ""]
        names = _names(outcomes)
        for group in outcomes.signals:
            said = group.sentence(names.get(group.measure, group.measure))
            out.append(f"- `{group.adaptation}` → `{group.measure}`: {md_cell(said)}")
            out += [f"  - `{s.site}`: {SIGNAL_WORDS[s.signal]}" for s in group.signals]
        out += ["", f"_{outcomes.caution}_"]
    return out


def outcomes_json(outcomes: NetworkOutcomes) -> dict[str, object]:
    """The outcomes part of the review's JSON object."""
    return {
        "measures": [
            {
                "measure": row.id,
                "target": row.target,
                "sites": [
                    {
                        "site": s.site,
                        "period": s.period,
                        "value": s.series.points[-1].value,
                        "variation": s.variation.value,
                        "assurance": s.series.assurance.value if s.series.assurance else None,
                    }
                    for s in row.sites
                ],
            }
            for row in [*outcomes.measures, *outcomes.fidelity]
        ],
        "readiness": {
            site: {k: v.value for k, v in grid.items()} if grid is not None else None
            for site, grid in outcomes.readiness.items()
        },
        "signals": [
            {
                "adaptation": g.adaptation,
                "measure": g.measure,
                "summary": g.sentence(_names(outcomes).get(g.measure, g.measure)),
                "sites": {s.site: s.signal.value for s in g.signals},
            }
            for g in outcomes.signals
        ],
        "caution": outcomes.caution,
    }
