"""The signal after an adaptation: did a measure change against the points before it?

A signal is worth a conversation, never proof that the adaptation caused it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from codify.results.periods import last_day
from codify.results.series import Series
from codify.results.xmr import classify, compute_limits
from codify.vocab import Improvement, PointType, SignalKind

MIN_SIDE = 6
CAUTION = "A signal is worth a conversation, not proof that the adaptation caused it."


@dataclass(frozen=True, slots=True)
class Signal:
    """What one measure at one site did after one adaptation."""

    site: str
    adaptation: str
    measure: str
    decided: date | None
    signal: SignalKind
    before: int = 0
    after: int = 0

    def as_json(self) -> dict[str, object]:
        """The signal in FORMAT.md's JSON shape."""
        return {
            "site": self.site,
            "adaptation": self.adaptation,
            "measure": self.measure,
            "decided": self.decided.isoformat() if self.decided else None,
            "signal": self.signal.value,
            "before": self.before,
            "after": self.after,
        }


def signal_after(series: Series, adaptation: str, decided: date | None) -> Signal:
    """Classify the points after ``decided`` against limits from the points before only."""
    site, measure = series.site, series.measure.id
    if decided is None:
        return Signal(site, adaptation, measure, None, SignalKind.UNDATED)
    # A period is after the split when its last day is on or after the date; rebases are
    # ignored and a baseline of 6 points gets limits (the 12-point rule is for charts).
    values = [p.value for p in series.points]
    split = next(
        (
            i
            for i, p in enumerate(series.points)
            if last_day(p.period, series.granularity) >= decided
        ),
        len(values),
    )
    before, after = split, len(values) - split
    if before < MIN_SIDE or after < MIN_SIDE:
        return Signal(site, adaptation, measure, decided, SignalKind.TOO_FEW_POINTS, before, after)
    types = classify(values, compute_limits(values[:split]), series.measure.improvement)
    kind = judge_after(types[split:], series.measure.improvement)
    return Signal(site, adaptation, measure, decided, kind, before, after)


def judge_after(types: list[PointType], improvement: Improvement) -> SignalKind:
    """improvement, concern, mixed or none (neutral for a neutral measure) from later points."""
    if improvement is Improvement.NEUTRAL:
        special = any(t is not PointType.COMMON_CAUSE for t in types)
        return SignalKind.NEUTRAL if special else SignalKind.NONE
    good = PointType.IMPROVEMENT in types
    bad = PointType.CONCERN in types
    if good and bad:
        return SignalKind.MIXED
    if good:
        return SignalKind.IMPROVEMENT
    return SignalKind.CONCERN if bad else SignalKind.NONE
