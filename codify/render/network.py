"""The network review as one self-contained HTML page, with inline SVG charts."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from codify import __version__
from codify.files import read_text, templates_dir
from codify.network.review import SECTIONS, Review
from codify.output import ReportOptions
from codify.output.review import totals
from codify.render.playbook import build_date, environment, render_template
from codify.render.results import outcomes_context
from codify.render.safe import AssetPolicy, render_markdown
from codify.vocab import CellState, Fidelity

STATE_LABEL = {state.value: state.label for state in CellState}


def review_html(review: Review, options: ReportOptions) -> str:
    """Registry entry: the review as one HTML page."""
    return render_review(review, options.root, options.templates)


def render_review(review: Review, root: Path | None, templates: Path | None = None) -> str:
    """The review page: matrix, per-site table, drift timeline, convergence, core pressure."""
    policy = AssetPolicy(root)
    env = environment(templates)
    context: dict[str, Any] = {
        "review": review,
        "spec": review.spec,
        "css": read_text(templates_dir() / "review.css"),
        "labels": STATE_LABEL,
        "symbols": {state.value: state.symbol for state in CellState},
        "sections": SECTIONS,
        "inconsistent": Fidelity.INCONSISTENT.value,
        "totals": totals(review),
        "md": lambda text, where: render_markdown(text, policy, where),
        "drift_svg": drift_svg(review),
        "pressure_svg": pressure_svg(review),
        "built": build_date().isoformat(),
        "version": __version__,
        **outcomes_context(review),
    }
    return policy.embed(render_template(env, "review.html", context))


def pressure_svg(review: Review) -> Markup:
    """Horizontal bars: how many sites changed each core function."""
    rows = review.pressure
    most = max((len(who) for _, _, who in rows), default=0) or 1
    bar_w, label_w, row_h = 360, 260, 26
    height = row_h * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'viewBox="0 0 {label_w + bar_w + 60} {height}" '
        'aria-labelledby="pressure-title"><title id="pressure-title">Sites that changed '
        "each core function</title>"
    ]
    for i, (_, name, who) in enumerate(rows):
        y = 5 + i * row_h
        width = round(bar_w * len(who) / most)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" '
            f'font-size="13">{escape(name[:38])}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{width}" height="{row_h - 8}" fill="#a4000e"/>'
        )
        parts.append(
            f'<text x="{label_w + width + 6}" y="{y + 17}" font-size="13">{len(who)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # every user string above is escaped


def drift_svg(review: Review) -> Markup:
    """A timeline per site: ● inconsistent adaptations, ◆ unplanned ones, by decided date."""
    events = [(s.id, d) for s in review.sites for d in s.drift if d.decided is not None]
    if not events:
        return Markup("")
    first = min(d.decided for _, d in events if d.decided)
    last = max(d.decided for _, d in events if d.decided)
    span = max((last - first).days, 1)
    sites = [s.id for s in review.sites if any(d.decided for d in s.drift)]
    label_w, plot_w, row_h = 170, 520, 28
    height = row_h * len(sites) + 40

    def x(day: date) -> int:
        return label_w + round(plot_w * (day - first).days / span)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'viewBox="0 0 {label_w + plot_w + 40} {height}" '
        'aria-labelledby="drift-title"><title id="drift-title">Inconsistent and unplanned '
        "adaptations per site over time</title>"
    ]
    by_site: dict[str, list[Any]] = {}
    for who, d in events:  # grouped once: looking through every event per site is quadratic
        by_site.setdefault(who, []).append(d)
    for i, site in enumerate(sites):
        y = 10 + i * row_h + row_h // 2
        parts.append(
            f'<text x="{label_w - 10}" y="{y + 4}" text-anchor="end" font-size="12">'
            f"{escape(site[:24])}</text>"
        )
        parts.append(
            f'<line x1="{label_w}" x2="{label_w + plot_w}" y1="{y}" y2="{y}" stroke="#aeb7bd"/>'
        )
        for d in by_site.get(site, []):
            if d.decided is None:
                continue
            cx = x(d.decided)
            tip = escape(f"{d.adaptation} ({d.decided.isoformat()})")
            if d.fidelity is Fidelity.INCONSISTENT:
                parts.append(
                    f'<circle cx="{cx}" cy="{y}" r="7" fill="#a4000e"><title>{tip}</title></circle>'
                )
            if d.unplanned:
                parts.append(
                    f'<path d="M{cx} {y - 9} l8 9 l-8 9 l-8 -9 z" fill="none" '
                    f'stroke="#7a4b00" stroke-width="2"><title>{tip}</title></path>'
                )
    axis_y = height - 12
    parts.append(f'<text x="{label_w}" y="{axis_y}" font-size="12">{first.isoformat()}</text>')
    parts.append(
        f'<text x="{label_w + plot_w}" y="{axis_y}" font-size="12" '
        f'text-anchor="end">{last.isoformat()}</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))  # every user string above is escaped
