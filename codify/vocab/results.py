"""The vocabulary of results: improvement directions, point types, assurance, signals."""

from __future__ import annotations

from enum import StrEnum


class Improvement(StrEnum):
    """Which way a measure moves when things get better."""

    INCREASE = "increase"
    DECREASE = "decrease"
    NEUTRAL = "neutral"


class PointType(StrEnum):
    """What an XmR chart says about one point (Making Data Count)."""

    COMMON_CAUSE = "common-cause"
    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    NEUTRAL_HIGH = "neutral-high"
    NEUTRAL_LOW = "neutral-low"


class Assurance(StrEnum):
    """Whether a process will meet its target (Making Data Count)."""

    PASS = "pass"
    FAIL = "fail"
    HIT_AND_MISS = "hit-and-miss"


class SignalKind(StrEnum):
    """What a measure did after an adaptation, judged against the points before it."""

    IMPROVEMENT = "improvement"
    CONCERN = "concern"
    MIXED = "mixed"
    NEUTRAL = "neutral"
    NONE = "none"
    TOO_FEW_POINTS = "too-few-points"
    UNDATED = "undated"


class ReadinessStatus(StrEnum):
    """How far a site meets a prerequisite."""

    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not-met"
    UNKNOWN = "unknown"


class ResultsFormat(StrEnum):
    """Output formats of ``codify results``."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


RESULTS_COLUMNS = ("measure", "period", "value", "denominator", "note")
"""The columns of a results CSV, in the order codify writes them (any order is read)."""
RESULTS_REQUIRED = ("measure", "period", "value")
