"""Charts in words: what the latest point shows, what came before it, variation and assurance
as phrases."""

from __future__ import annotations

from dataclasses import dataclass

from codify.results.series import Series
from codify.results.xmr import RUN, TREND
from codify.text import number
from codify.vocab import Assurance, PointType, SignalKind

MIN_CHART_POINTS = min(RUN, TREND)
"""Fewer points are listed, not charted: the shortest patterns the chart rules find, a run on
one side of the mean and a trend, take this many points (limits take 12), so a shorter line
shows nothing a reader could act on."""
MAX_SPANS = 3
"""How many earlier stretches of special cause a description names before counting the rest."""

VARIATION_WORDS = {
    PointType.COMMON_CAUSE: "common cause variation",
    PointType.IMPROVEMENT: "special cause: improvement",
    PointType.CONCERN: "special cause: concern",
    PointType.NEUTRAL_HIGH: "special cause: higher (neither better nor worse)",
    PointType.NEUTRAL_LOW: "special cause: lower (neither better nor worse)",
}
ASSURANCE_WORDS = {
    Assurance.PASS: "will consistently meet the target",
    Assurance.FAIL: "will consistently miss the target",
    Assurance.HIT_AND_MISS: "will hit and miss the target",
}
SIGNAL_WORDS = {
    SignalKind.IMPROVEMENT: "improvement after it",
    SignalKind.CONCERN: "concern after it",
    SignalKind.MIXED: "both improvement and concern after it",
    SignalKind.NEUTRAL: "a change after it (neither better nor worse)",
    SignalKind.NONE: "no signal after it",
    SignalKind.TOO_FEW_POINTS: "too few points to tell (6 before and 6 after needed)",
    SignalKind.UNDATED: "no date, so no signal (give the adaptation `decided`)",
}


def value_text(value: float, unit: str | None) -> str:
    """A plotted value for people: shares as percentages, other units after the number."""
    if unit == "share":
        return f"{value * 100:.0f}%"
    shown = number(round(value, 1 if abs(value) >= 10 else 2))
    if unit == "%":
        return f"{shown}%"
    return f"{shown} {unit}" if unit else shown


def direction_text(series: Series) -> str:
    """Which way is better, in words."""
    return {
        "increase": "higher is better",
        "decrease": "lower is better",
        "neutral": "neither direction is better",
    }[series.measure.improvement.value]


@dataclass(frozen=True)
class Span:
    """Consecutive points of one special-cause type."""

    type: PointType
    first: str
    last: str
    count: int

    def words(self) -> str:
        """``a concern from 2023-11 to 2024-09 (11 points)``."""
        kind = SPAN_WORDS[self.type]
        if self.count == 1:
            return f"{kind} at {self.first}"
        return f"{kind} from {self.first} to {self.last} ({self.count} points)"


SPAN_WORDS = {
    PointType.IMPROVEMENT: "an improvement",
    PointType.CONCERN: "a concern",
    PointType.NEUTRAL_HIGH: "a rise (neither better nor worse)",
    PointType.NEUTRAL_LOW: "a fall (neither better nor worse)",
}


def special_spans(series: Series) -> list[Span]:
    """Every run of consecutive special-cause points of one type, in time order."""
    spans: list[Span] = []
    previous: PointType | None = None
    for point in series.points:
        if point.type is PointType.COMMON_CAUSE:
            previous = None
            continue
        if point.type is previous:
            last = spans[-1]
            spans[-1] = Span(last.type, last.first, point.period, last.count + 1)
        else:
            spans.append(Span(point.type, point.period, point.period, 1))
        previous = point.type
    return spans


def few_points(series: Series) -> str | None:
    """For a series too short to chart: its values in words; else None."""
    if len(series.points) >= MIN_CHART_POINTS:
        return None
    unit = series.measure.unit
    values = "; ".join(f"{p.period}: {value_text(p.value, unit)}" for p in series.points)
    count = len(series.points)
    return (
        f"{count} {'point' if count == 1 else 'points'} so far ({values}). A chart starts at "
        f"{MIN_CHART_POINTS} points, the fewest in which it can find a pattern (a run or a trend)."
    )


HEADLINE_WORDS = {
    PointType.COMMON_CAUSE: "common cause variation",
    PointType.IMPROVEMENT: "an improvement (special cause)",
    PointType.CONCERN: "a concern (special cause)",
    PointType.NEUTRAL_HIGH: "higher, neither better nor worse (special cause)",
    PointType.NEUTRAL_LOW: "lower, neither better nor worse (special cause)",
}


def headline(series: Series) -> list[str]:
    """The chart's heading, a line each: the latest point's variation, then the assurance."""
    lines = ["Latest point: " + HEADLINE_WORDS[series.variation]]
    assured = series.assurance
    if assured is not None and series.measure.target_value is not None:
        target = value_text(series.measure.target_value, series.measure.unit)
        lines.append(f"The process {ASSURANCE_WORDS[assured]} of {target}")
    return lines


def describe(series: Series) -> str:
    """What the chart shows: the latest point, the special cause before it, the assurance."""
    latest = series.points[-1]
    unit = series.measure.unit
    sentence = (
        f"The latest point ({latest.period}, {value_text(latest.value, unit)}) shows "
        f"{HEADLINE_WORDS[latest.type]}"
    )
    spans = special_spans(series)
    if spans and spans[-1].last == latest.period:
        current = spans.pop()
        if current.count > 1:
            sentence += f", in a run since {current.first} ({current.count} points)"
    if spans:
        named = [span.words() for span in spans[-MAX_SPANS:]]
        more = len(spans) - len(named)
        listed = ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1]
        sentence += f"; earlier special cause: {listed}"
        if more:
            sentence += f" (after {more} earlier stretch{'es' if more > 1 else ''})"
    if series.limits is None:
        sentence += " (fewer than 12 points since the last rebase, so no limits yet)"
    assured = series.assurance
    if assured is not None and series.measure.target_value is not None:
        target = value_text(series.measure.target_value, unit)
        sentence += f"; the process {ASSURANCE_WORDS[assured]} of {target}"
    return sentence + "."
