"""Charts prepared for templates, and the ``codify results --format html`` page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from codify import __version__
from codify.files import templates_dir
from codify.findings import Finding
from codify.network.review import Review
from codify.output import ReportOptions
from codify.render.charts import Mark, chart_svg
from codify.render.playbook import build_date, environment, render_template
from codify.render.safe import AssetPolicy, render_markdown
from codify.results.describe import (
    ASSURANCE_WORDS,
    SIGNAL_WORDS,
    VARIATION_WORDS,
    describe,
    direction_text,
    few_points,
    value_text,
)
from codify.results.outcomes import Outcomes, SiteOutcome
from codify.results.reading import FIDELITY
from codify.results.series import Series
from codify.results.signals import CAUTION, Signal
from codify.text import cut


@dataclass(frozen=True)
class ChartView:
    """A chart as a template shows it: SVG, words, and a data table."""

    ident: str
    title: str
    label: str
    description: str
    few: str | None
    """The values in words, for a series too short to chart."""
    svg: Markup | None
    assurance: str | None
    target: str | None
    direction: str
    rows: list[dict[str, str]]


def chart_view(
    series: Series, ident: str, title: str, label: str, marks: Sequence[Mark] = ()
) -> ChartView:
    """One series ready for the ``figure`` macro of charts.html: ``title`` is shown above it,
    ``label`` names it wherever it stands alone (its data table, to a screen reader)."""
    unit = series.measure.unit
    rows = [
        {
            "period": p.period,
            "value": value_text(p.value, unit),
            "mean": value_text(p.mean, unit),
            "limits": (
                f"{value_text(p.lower, unit)} to {value_text(p.upper, unit)}"
                if p.lower is not None and p.upper is not None
                else "none yet"
            ),
            "type": VARIATION_WORDS[p.type],
            "note": p.note or "",
        }
        for p in series.points
    ]
    assured = series.assurance
    target = series.measure.target_value
    return ChartView(
        ident=ident,
        title=title,
        label=label,
        description=describe(series),
        few=few_points(series),
        # built by codify, every user text escaped; none for a series too short to chart
        svg=Markup(chart_svg(series, ident, label, marks)) if few_points(series) is None else None,
        assurance=ASSURANCE_WORDS[assured] if assured else None,
        target=value_text(target, unit) if target is not None else None,
        direction=direction_text(series).capitalize(),
        rows=rows,
    )


def marks_of(site: SiteOutcome, measure: str) -> list[Mark]:
    """The adaptations to draw on a site's chart of ``measure``: those with a signal for it."""
    return [
        Mark(s.before, s.adaptation, s.decided.isoformat())
        for s in site.signals
        if s.measure == measure and s.decided is not None
    ]


def fidelity_actual(site: SiteOutcome) -> list[str]:
    """Each fidelity check's latest share of occasions met, from a site's results."""
    out = []
    for s in site.series:
        if s.measure.id.startswith(FIDELITY):
            latest = s.points[-1]
            out.append(
                f"{s.measure.name.removesuffix('.')}: met on "
                f"{value_text(latest.value, s.measure.unit)} of occasions in {latest.period} "
                f"({VARIATION_WORDS[latest.type]}; {len(s.points)} "
                f"{'period' if len(s.points) == 1 else 'periods'} reported)"
            )
    return out


def chart_title(series: Series) -> str:
    """A chart's title: the measure's name, or what a fidelity series counts."""
    if series.measure.id.startswith(FIDELITY):
        return f"Fidelity check met (share of occasions): {series.measure.name}"
    return series.measure.name


def signal_view(signal: Signal, measure_names: dict[str, str]) -> dict[str, Any]:
    """A signal with its words, for the ``signals`` macro (the measure by name)."""
    return {
        "adaptation": signal.adaptation,
        "measure": measure_names.get(signal.measure, signal.measure),
        "decided": signal.decided.isoformat() if signal.decided else None,
        "before": signal.before,
        "after": signal.after,
        "signal": signal.signal.value,
        "words": SIGNAL_WORDS[signal.signal],
    }


def site_view(site: SiteOutcome) -> dict[str, Any]:
    """One site's charts, signals and readiness for a template."""
    names = {s.measure.id: cut(s.measure.name, 80) for s in site.series}
    return {
        "id": site.site,
        "name": site.name,
        "illustrative": site.illustrative,
        "file": site.results_file,
        "charts": [
            chart_view(
                s,
                f"chart-{site.site}-{s.measure.id.replace(':', '-')}",
                chart_title(s),
                f"{chart_title(s)}, {site.name}",
                marks_of(site, s.measure.id),
            )
            for s in site.series
        ],
        "signals": [signal_view(s, names) for s in site.signals],
        "readiness": site.readiness,
    }


def results_html(outcomes: Outcomes, options: ReportOptions) -> str:
    """Registry entry: ``codify results`` as one HTML page."""
    return render_results(outcomes, outcomes.findings, options.root, options.templates)


def render_results(
    outcomes: Outcomes, findings: list[Finding], root: Path | None, templates: Path | None = None
) -> str:
    """The results page: every site's charts, signals and readiness, then the findings."""
    policy = AssetPolicy(root)
    env = environment(templates)
    context: dict[str, Any] = {
        "spec": outcomes.spec,
        "sites": [site_view(s) for s in sorted(outcomes.sites, key=lambda o: o.site)],
        "findings": findings,
        "caution": CAUTION,
        "css": (templates_dir() / "review.css").read_text(encoding="utf-8"),
        "md": lambda text, where: render_markdown(text, policy, where),
        "built": build_date().isoformat(),
        "version": __version__,
    }
    return render_template(env, "results.html", context)


def outcomes_context(review: Review) -> dict[str, Any]:
    """What review_outcomes.html needs: small multiples per measure, grids and words."""
    outcomes = review.outcomes
    if outcomes is None:
        return {"outcomes": None}
    charts = {
        row.id: [
            chart_view(
                s.series,
                f"net-{s.site}-{row.id.replace(':', '-')}",
                s.site,
                f"{row.name}, {s.site}",
            )
            for s in row.sites
        ]
        for row in outcomes.measures
    }
    fidelity_sites = sorted({s.site for row in outcomes.fidelity for s in row.sites})
    return {
        "outcomes": outcomes,
        "measure_charts": charts,
        "fidelity_sites": fidelity_sites,
        "readiness_sites": [s for s, grid in outcomes.readiness.items() if grid is not None],
        "variation": VARIATION_WORDS,
        "signal_words": SIGNAL_WORDS,
        "names": {r.id: r.name.lower() for r in [*outcomes.measures, *outcomes.fidelity]},
    }
