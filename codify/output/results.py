"""``codify results`` as text and Markdown (HTML is rendered in render/results.py)."""

from __future__ import annotations

from collections import Counter

from codify import __version__
from codify.output import ReportOptions
from codify.output.findings import dump_json, render_markdown, render_text
from codify.results.describe import (
    ASSURANCE_WORDS,
    SIGNAL_WORDS,
    VARIATION_WORDS,
    direction_text,
    value_text,
)
from codify.results.outcomes import Outcomes, SiteOutcome
from codify.results.series import Series, series_json_text
from codify.results.signals import CAUTION
from codify.text import cut, escape_controls, md_cell


def results_json(outcomes: Outcomes, options: ReportOptions | None = None) -> str:
    """FORMAT.md's JSON object for ``codify results``, one series (or signal...) a line."""
    findings = outcomes.findings
    body = outcomes.as_json(__version__, [f.as_json() for f in findings], series=False)
    head = dump_json({"codify": body.pop("codify")})[:-3]
    parts = [head, ',\n  "series": [']
    for i, series in enumerate(outcomes.series):
        parts += [",\n    " if i else "\n    ", series_json_text(series)]
    parts.append("\n  ],\n" if len(parts) > 2 else "],\n")
    parts.append(dump_json(body)[2:])
    # One join: a network's points make tens of megabytes, and each copy counts.
    return "".join(parts)


def _points(count: int) -> str:
    return f"{count} point" + ("" if count == 1 else "s")


def series_line(series: Series) -> str:
    """A chart in one line: latest value, variation, limits, assurance."""
    latest, unit = series.points[-1], series.measure.unit
    text = (
        f"latest {value_text(latest.value, unit)} ({latest.period}): {VARIATION_WORDS[latest.type]}"
    )
    if latest.lower is not None and latest.upper is not None:
        text += (
            f"; mean {value_text(latest.mean, unit)}, limits "
            f"{value_text(latest.lower, unit)} to {value_text(latest.upper, unit)}"
        )
    else:
        text += f"; {_points(len(series.points))}, no limits below 12"
    assured = series.assurance
    if assured is not None and series.measure.target_value is not None:
        target = value_text(series.measure.target_value, unit)
        text += f"; target {target}: {ASSURANCE_WORDS[assured]}"
    return text


def _readiness_counts(site: SiteOutcome) -> str:
    counts = Counter(r.status.value for r in site.readiness or [])
    return ", ".join(f"{counts[s]} {s}" for s in ("met", "partly", "not-met", "unknown"))


def _site_text(site: SiteOutcome) -> list[str]:
    lines = [f"{site.site} ({site.name})"]
    if site.results_file is None:
        lines.append(f"  no results file (results/{site.site}.csv)")
    for series in site.series:
        span = f"{_points(len(series.points))} by {series.granularity.value}"
        lines.append(
            f"  {series.measure.id}: {cut(series.measure.name, 60)} ({span}, "
            f"{direction_text(series)})"
        )
        lines.append(f"    {series_line(series)}")
    for signal in site.signals:
        lines.append(
            f"  after {signal.adaptation}, {signal.measure}: {SIGNAL_WORDS[signal.signal]}"
        )
    if site.readiness is not None:
        lines.append(f"  readiness: {_readiness_counts(site)}")
    return lines


def results_text(outcomes: Outcomes, options: ReportOptions | None = None) -> str:
    """Every site's charts in words, its signals and readiness, then the findings."""
    findings = outcomes.findings
    lines = [f"{outcomes.spec.name}: what happened at {len(outcomes.sites)} site(s)", ""]
    for site in sorted(outcomes.sites, key=lambda s: s.site):
        lines += [*_site_text(site), ""]
    if outcomes.signals:
        lines += [CAUTION, ""]
    return escape_controls("\n".join(lines)) + render_text(findings)


def results_markdown(outcomes: Outcomes, options: ReportOptions | None = None) -> str:
    """The same as a Markdown report."""
    findings = outcomes.findings
    out = [f"# What happened: {md_cell(outcomes.spec.name)}", ""]
    for site in sorted(outcomes.sites, key=lambda s: s.site):
        out += [f"## {md_cell(site.name)} (`{site.site}`)", ""]
        if site.series:
            out += ["| measure | latest | variation | assurance |", "|---|---|---|---|"]
            for s in site.series:
                latest = s.points[-1]
                assured = ASSURANCE_WORDS[s.assurance] if s.assurance else "—"
                out.append(
                    f"| {md_cell(s.measure.name)} | {value_text(latest.value, s.measure.unit)} "
                    f"({latest.period}) | {VARIATION_WORDS[latest.type]} | {assured} |"
                )
            out.append("")
        else:
            out += ["No results yet.", ""]
        for signal in site.signals:
            out.append(
                f"- After `{signal.adaptation}`, {md_cell(signal.measure)}: "
                f"{SIGNAL_WORDS[signal.signal]}"
            )
        if site.signals:
            out.append("")
        if site.readiness is not None:
            out += [f"Readiness: {_readiness_counts(site)}.", ""]
    if outcomes.signals:
        out += [f"_{CAUTION}_", ""]
    return escape_controls("\n".join(out)) + "\n" + render_markdown(findings)
