"""Charts in words: what the latest point shows, variation and assurance as phrases."""

from __future__ import annotations

from codify.results.series import Series
from codify.text import number
from codify.vocab import Assurance, PointType, SignalKind

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


def describe(series: Series) -> str:
    """One sentence: what the latest point shows, and the assurance against the target."""
    latest = series.points[-1]
    unit = series.measure.unit
    sentence = (
        f"The latest point ({latest.period}, {value_text(latest.value, unit)}) shows "
        f"{VARIATION_WORDS[latest.type]}"
    )
    if series.limits is None:
        sentence += " (fewer than 12 points since the last rebase, so no limits yet)"
    assured = series.assurance
    if assured is not None and series.measure.target_value is not None:
        target = value_text(series.measure.target_value, unit)
        sentence += f"; the process {ASSURANCE_WORDS[assured]} of {target}"
    return sentence + "."
