"""XmR charts as SVG, in the Making Data Count style, built by codify (no plotting library).

Each chart carries a title and a one-sentence description for screen readers; the page that
shows it adds a data table. Special-cause points differ by shape as well as by colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from codify.results.describe import VARIATION_WORDS, describe, headline, value_text
from codify.results.series import Point, Series
from codify.vocab import PointType

WIDTH, HEIGHT = 640, 250
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 34, 40

COLOURS = {
    PointType.COMMON_CAUSE: "#7b7d7d",
    PointType.IMPROVEMENT: "#1f6fb2",
    PointType.CONCERN: "#d66f00",
    PointType.NEUTRAL_HIGH: "#5a2a82",
    PointType.NEUTRAL_LOW: "#5a2a82",
}
SHAPES = {
    PointType.COMMON_CAUSE: "circle",
    PointType.IMPROVEMENT: "square",
    PointType.CONCERN: "triangle",
    PointType.NEUTRAL_HIGH: "diamond",
    PointType.NEUTRAL_LOW: "diamond",
}
LEGEND = (
    "grey circle: common cause; blue square: improvement; orange triangle: concern; "
    "purple diamond: a change that is neither better nor worse"
)


@dataclass(frozen=True)
class _Scale:
    low: float
    high: float
    count: int
    step: float = 0.0
    """The distance between two labelled ticks: a round number (1, 2, 2.5 or 5 times 10^k)."""

    def x(self, index: int) -> float:
        span = WIDTH - LEFT - RIGHT
        return LEFT + (span * index / (self.count - 1) if self.count > 1 else span / 2)

    def y(self, value: float) -> float:
        span = HEIGHT - TOP - BOTTOM
        return TOP + span * (self.high - value) / (self.high - self.low)

    def ticks(self) -> list[float]:
        """Round values from the bottom of the axis to its top."""
        first = math.ceil(self.low / self.step - 1e-9)
        last = math.floor(self.high / self.step + 1e-9)
        return [n * self.step for n in range(first, last + 1)]


def _nice_step(span: float) -> float:
    raw = span / 4 if span > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _scale(series: Series) -> _Scale:
    values = [p.value for p in series.points]
    values += [v for p in series.points for v in (p.lower, p.upper) if v is not None]
    if series.measure.target_value is not None:
        values.append(series.measure.target_value)
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad
    if series.measure.unit == "share":
        # A share cannot leave 0-100%: limits beyond it are drawn at the edge of the chart.
        low, high = max(low, 0.0), min(high, 1.0)
    step = _nice_step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    if series.measure.unit == "share":
        low, high = max(low, 0.0), min(high, 1.0)
    return _Scale(low, high, len(series.points), step)


def _f(value: float) -> str:
    return f"{value:.1f}"


def _marker(point: Point, x: float, y: float, unit: str | None) -> str:
    colour, shape = COLOURS[point.type], SHAPES[point.type]
    label = f"{point.period}: {value_text(point.value, unit)} ({VARIATION_WORDS[point.type]})"
    title = f"<title>{escape(label)}</title>"
    if shape == "circle":
        return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3.5" fill="{colour}">{title}</circle>'
    if shape == "square":
        return (
            f'<rect x="{_f(x - 4.5)}" y="{_f(y - 4.5)}" width="9" height="9" '
            f'fill="{colour}">{title}</rect>'
        )
    if shape == "triangle":
        pts = f"{_f(x)},{_f(y - 6)} {_f(x - 5.5)},{_f(y + 4)} {_f(x + 5.5)},{_f(y + 4)}"
    else:
        pts = f"{_f(x)},{_f(y - 6)} {_f(x + 6)},{_f(y)} {_f(x)},{_f(y + 6)} {_f(x - 6)},{_f(y)}"
    return f'<polygon points="{pts}" fill="{colour}">{title}</polygon>'


def _segment_lines(series: Series, scale: _Scale) -> list[str]:
    """Mean (solid) and process limits (dashed) over each segment's stretch of the chart."""
    out = []
    points = series.points
    starts = [i for i, p in enumerate(points) if i == 0 or p.segment != points[i - 1].segment]
    for n, start in enumerate(starts):
        end = (starts[n + 1] if n + 1 < len(starts) else len(points)) - 1
        x1, x2 = _f(scale.x(start) - 3), _f(scale.x(end) + 3)
        first = points[start]
        y = _f(scale.y(first.mean))
        out.append(f'<line class="mean" x1="{x1}" x2="{x2}" y1="{y}" y2="{y}"/>')
        for limit in (first.lower, first.upper):
            if limit is not None:
                y = _f(scale.y(limit))
                out.append(f'<line class="limit" x1="{x1}" x2="{x2}" y1="{y}" y2="{y}"/>')
    return out


def _axes(series: Series, scale: _Scale) -> list[str]:
    out = []
    bottom = HEIGHT - BOTTOM
    for value in scale.ticks():
        y = _f(scale.y(value))
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>')
        label = escape(value_text(value, series.measure.unit).split(" ")[0])
        out.append(f'<text class="tick" x="{LEFT - 6}" y="{y}" text-anchor="end">{label}</text>')
    count = len(series.points)
    shown = sorted({0, count // 2, count - 1}) if count > 2 else list(range(count))
    for i in shown:
        x = _f(scale.x(i))
        period = escape(series.points[i].period)
        anchor = "start" if i == 0 and count > 1 else "end" if i == count - 1 else "middle"
        out.append(
            f'<text class="tick" x="{x}" y="{bottom + 16}" text-anchor="{anchor}">{period}</text>'
        )
    return out


def _header(series: Series) -> str:
    # One line each, so that the longest heading still fits the chart's width.
    return "".join(
        f'<text class="words" x="{LEFT}" y="{13 + 14 * i}">{escape(line)}</text>'
        for i, line in enumerate(headline(series))
    )


@dataclass(frozen=True)
class Mark:
    """An adaptation drawn on a chart: a vertical line before the first point on or after the
    date it was decided (``index``), labelled with its id."""

    index: int
    label: str
    decided: str


def chart_svg(series: Series, ident: str, title: str, marks: Sequence[Mark] = ()) -> str:
    """One series as an accessible SVG chart, named ``title``, that scales with its container;
    ``marks`` are the adaptations to draw on it."""
    scale = _scale(series)
    marked = [m for m in marks if 0 < m.index < len(series.points)]
    said = "".join(
        f" A vertical line marks the adaptation {m.label}, decided {m.decided}." for m in marked
    )
    parts = [
        f'<svg class="xmr" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(describe(series) + said)} {LEGEND}.</desc>',
        _STYLE,
        *_axes(series, scale),
        *_segment_lines(series, scale),
        *(_mark(m, scale) for m in marked),
    ]
    if series.measure.target_value is not None:
        y = _f(scale.y(series.measure.target_value))
        parts.append(f'<line class="target" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>')
        parts.append(
            f'<text class="target-label" x="{WIDTH - RIGHT}" y="{_f(float(y) - 4)}" '
            'text-anchor="end">target</text>'
        )
    line = " ".join(f"{_f(scale.x(i))},{_f(scale.y(p.value))}" for i, p in enumerate(series.points))
    parts.append(f'<polyline class="data" points="{line}"/>')
    unit = series.measure.unit
    parts += [_marker(p, scale.x(i), scale.y(p.value), unit) for i, p in enumerate(series.points)]
    parts.append(_header(series))
    parts.append("</svg>")
    return "\n".join(parts)


def _mark(mark: Mark, scale: _Scale) -> str:
    x = _f((scale.x(mark.index - 1) + scale.x(mark.index)) / 2)
    bottom, at = HEIGHT - BOTTOM, _f(float(x) + 3)
    return (
        f'<line class="adapt" x1="{x}" x2="{x}" y1="{TOP}" y2="{bottom}"/>'
        f'<text class="adapt-label" x="{at}" y="{TOP + 10}">{escape(mark.label)}</text>'
    )


# Inline, so the chart looks the same in HTML, in a PDF and opened on its own.
_STYLE = (
    "<style>"
    ".xmr text{font-family:'DejaVu Sans',Arial,sans-serif;font-size:11px;fill:#333}"
    ".xmr .words{font-size:12px;font-weight:bold}"
    ".xmr .grid{stroke:#e5e5e5;stroke-width:1}"
    ".xmr .mean{stroke:#333;stroke-width:1.5}"
    ".xmr .limit{stroke:#7b7d7d;stroke-width:1.2;stroke-dasharray:5 4}"
    ".xmr .target{stroke:#c0392b;stroke-width:1.5;stroke-dasharray:2 3}"
    ".xmr .target-label{fill:#c0392b}"
    ".xmr .data{fill:none;stroke:#9a9a9a;stroke-width:1.2}"
    ".xmr .adapt{stroke:#1d4f91;stroke-width:1.2;stroke-dasharray:1 3}"
    ".xmr .adapt-label{font-size:10px;fill:#1d4f91}"
    "</style>"
)
