"""XmR (individuals) charts computed as NHS England's Making Data Count method does.

The reference implementation is the NHSRplotthedots R package; FORMAT.md settles where codify
differs from it, and each difference is named where it happens below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from codify.vocab import Assurance, Improvement, PointType

LIMIT = 2.66
NEAR = 2 * LIMIT / 3
SCREEN = 3.267
MIN_POINTS = 12
RUN = 7
TREND = 7


@dataclass(frozen=True, slots=True)
class Limits:
    """The centre line and process limits of one segment."""

    mean: float
    moving_range: float
    lower: float
    upper: float
    near_lower: float
    near_upper: float


def compute_limits(values: Sequence[float]) -> Limits:
    """Mean and limits of a run of points: mean +/- 2.66 x the screened mean moving range."""
    mean = sum(values) / len(values)
    ranges = [abs(b - a) for a, b in pairwise(values)]
    average = sum(ranges) / len(ranges) if ranges else 0.0
    # Moving ranges of 3.267 x their mean or more are left out, then the mean is taken again.
    kept = [r for r in ranges if r < SCREEN * average]
    if kept:
        average = sum(kept) / len(kept)
    spread, near = LIMIT * average, NEAR * average
    return Limits(mean, average, mean - spread, mean + spread, mean - near, mean + near)


def _mark_runs(signs: Sequence[int], length: int) -> list[int]:
    """For each index, the sign of the maximal run of equal non-zero signs it is in, if long."""
    n = len(signs)
    out = [0] * n
    start = 0
    for i in range(1, n + 1):
        if i == n or signs[i] != signs[start]:
            if signs[start] != 0 and i - start >= length:
                out[start:i] = [signs[start]] * (i - start)
            start = i
    return out


def _trend_directions(values: Sequence[float]) -> list[int]:
    """+1 or -1 for points in a run of 7 or more each strictly above (below) the one before."""
    steps = [(b > a) - (b < a) for a, b in pairwise(values)]
    marked = _mark_runs(steps, TREND - 1)
    out = [0] * len(values)
    # Step i joins points i and i+1. Where a rise meets a fall, the point takes the later
    # trend's direction, as NHSRplotthedots does ("if a point is part of a trend either side,
    # use right side"). Its releases before ptd_special_cause_type marked only rising trends
    # special; FORMAT.md and the current package mark both.
    for i, direction in enumerate(marked):
        if direction:
            out[i] = out[i + 1] = direction
    return out


def special_causes(values: Sequence[float], limits: Limits) -> list[int]:
    """Per point: 0 for common cause, else +1 (high) or -1 (low) for a special cause."""
    n = len(values)
    mean, lower, upper = limits.mean, limits.lower, limits.upper
    near_lower, near_upper = limits.near_lower, limits.near_upper
    sides = [(v > mean) - (v < mean) for v in values]
    outside = [v > upper or v < lower for v in values]
    near = [
        not out and (v > near_upper or v < near_lower)
        for v, out in zip(values, outside, strict=True)
    ]
    runs = _mark_runs(sides, RUN)
    trends = _trend_directions(values)
    two_of_three = [False] * n
    for i in range(n - 2):
        same_side = sides[i] != 0 and sides[i] == sides[i + 1] == sides[i + 2]
        if same_side and (near[i] + near[i + 1] + near[i + 2]) >= 2:
            for j in (i, i + 1, i + 2):
                two_of_three[j] = two_of_three[j] or near[j]
    out = []
    for i in range(n):
        if outside[i]:
            out.append(sides[i])
        elif trends[i]:
            # A point in a trend takes the trend's direction (FORMAT.md, and NHSRplotthedots'
            # "7 Point Trend (Increasing)"); older releases of the package took its side.
            out.append(trends[i])
        elif runs[i] or two_of_three[i]:
            out.append(sides[i])
        else:
            out.append(0)
    return out


def point_type(direction: int, improvement: Improvement) -> PointType:
    """A special cause's direction read against the measure's improvement direction."""
    if direction == 0:
        return PointType.COMMON_CAUSE
    if improvement is Improvement.NEUTRAL:
        return PointType.NEUTRAL_HIGH if direction > 0 else PointType.NEUTRAL_LOW
    good = 1 if improvement is Improvement.INCREASE else -1
    return PointType.IMPROVEMENT if direction == good else PointType.CONCERN


def classify(values: Sequence[float], limits: Limits, improvement: Improvement) -> list[PointType]:
    """The Making Data Count type of every point against the given limits."""
    types = {d: point_type(d, improvement) for d in (-1, 0, 1)}
    return [types[d] for d in special_causes(values, limits)]


@dataclass(frozen=True, slots=True)
class Segment:
    """One stretch of a chart between rebases: its limits (None below 12 points) and types."""

    limits: Limits | None
    mean: float
    types: list[PointType]


def chart_segment(values: Sequence[float], improvement: Improvement) -> Segment:
    """Limits and point types of one segment; fewer than 12 points get no limits."""
    mean = sum(values) / len(values)
    # NHSRplotthedots draws limits for any number of points and warns below 12; FORMAT.md
    # draws none and calls every point common cause.
    if len(values) < MIN_POINTS:
        return Segment(None, mean, [PointType.COMMON_CAUSE] * len(values))
    limits = compute_limits(values)
    return Segment(limits, limits.mean, classify(values, limits, improvement))


def assurance(
    limits: Limits | None, target: float | None, improvement: Improvement
) -> Assurance | None:
    """Whether the latest limits pass, fail or hit and miss the target (None when undefined)."""
    if limits is None or target is None or improvement is Improvement.NEUTRAL:
        return None
    up = improvement is Improvement.INCREASE
    if target > limits.upper:
        return Assurance.FAIL if up else Assurance.PASS
    if target < limits.lower:
        return Assurance.PASS if up else Assurance.FAIL
    return Assurance.HIT_AND_MISS
