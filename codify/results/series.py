"""A site's results as charts: one series per measure, split into segments at rebases."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from codify.findings import Finding
from codify.results.periods import Granularity
from codify.results.reading import FIDELITY, Results, Row
from codify.results.xmr import MIN_POINTS, Limits, assurance, chart_segment
from codify.vocab import Assurance, Improvement, PointType, Rule, Severity


@dataclass(frozen=True, slots=True)
class MeasureInfo:
    """What a chart needs to know about a measure or a fidelity check."""

    id: str
    name: str
    improvement: Improvement = Improvement.NEUTRAL
    target_value: float | None = None
    unit: str | None = None
    required: bool = False


@dataclass(frozen=True, slots=True)
class RebaseRef:
    """A site's ``rebase`` entry, with where it stands in the site file."""

    measure: str
    period: str
    reason: str
    line: int
    column: int


@dataclass(slots=True)
class Point:
    """One plotted point with its segment's centre line and limits."""

    period: str
    value: float
    segment: int
    mean: float
    lower: float | None
    upper: float | None
    type: PointType
    note: str | None = None

    def as_json(self) -> dict[str, object]:
        """The point in FORMAT.md's JSON shape."""
        out: dict[str, object] = {
            "period": self.period,
            "value": self.value,
            "segment": self.segment,
            "mean": self.mean,
            "lower": self.lower,
            "upper": self.upper,
            "type": self.type.value,
        }
        if self.note is not None:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class Series:
    """One site's chart of one measure."""

    site: str
    measure: MeasureInfo
    granularity: Granularity
    points: list[Point]
    limits: Limits | None
    """The latest segment's limits (None below 12 points)."""

    @property
    def variation(self) -> PointType:
        """The type of the latest point."""
        return self.points[-1].type

    @property
    def assurance(self) -> Assurance | None:
        """pass, fail or hit-and-miss against the target, judged on the latest segment."""
        return assurance(self.limits, self.measure.target_value, self.measure.improvement)

    def as_json_head(self) -> dict[str, object]:
        """The series' fields before its points."""
        return {
            "site": self.site,
            "measure": self.measure.id,
            "name": self.measure.name,
            "unit": self.measure.unit,
            "improvement": self.measure.improvement.value,
            "target_value": self.measure.target_value,
        }

    def as_json(self) -> dict[str, object]:
        """The series in FORMAT.md's JSON shape."""
        assured = self.assurance
        return {
            **self.as_json_head(),
            "points": [p.as_json() for p in self.points],
            "variation": self.variation.value,
            "assurance": assured.value if assured else None,
        }


def series_json_text(series: Series) -> str:
    """The same object as ``json.dumps(series.as_json())``, written about four times faster.

    A large network has hundreds of thousands of points whose mean and limits repeat within a
    segment; their text is made once a segment. Periods are validated, so need no escaping.
    """
    head = json.dumps(series.as_json_head(), ensure_ascii=False)
    parts: list[str] = []
    cache: tuple[int, str] = (-1, "")
    for p in series.points:
        if cache[0] != p.segment:
            tail = (
                f'"segment": {p.segment}, "mean": {p.mean!r}, "lower": {_num(p.lower)}, '
                f'"upper": {_num(p.upper)}, "type": '
            )
            cache = (p.segment, tail)
        note = f', "note": {json.dumps(p.note, ensure_ascii=False)}' if p.note is not None else ""
        parts.append(
            f'{{"period": "{p.period}", "value": {p.value!r}, {cache[1]}"{p.type.value}"{note}}}'
        )
    assured = series.assurance
    return (
        head[:-1]
        + f', "points": [{", ".join(parts)}], "variation": "{series.variation.value}", '
        + f'"assurance": {json.dumps(assured.value if assured else None)}}}'
    )


def _num(value: float | None) -> str:
    return "null" if value is None else repr(value)


def build_series(
    results: Results,
    measures: dict[str, MeasureInfo],
    rebases: Sequence[RebaseRef] = (),
    site_file: str = "",
) -> tuple[list[Series], list[Finding]]:
    """Charts of every measure a results file reports, ordered by measure id, and findings."""
    site = results.site or ""
    findings: list[Finding] = []
    starts: dict[str, set[str]] = {}
    for rebase in rebases:
        rows = results.rows.get(rebase.measure, [])
        if any(row.period == rebase.period for row in rows):
            starts.setdefault(rebase.measure, set()).add(rebase.period)
        elif rebase.measure in measures or rebase.measure.startswith(FIDELITY):
            findings.append(_ignored(rebase, site, site_file))
    series = []
    for measure_id in sorted(results.rows):
        info = measures.get(measure_id)
        if info is None:
            continue
        rows = sorted(results.rows[measure_id], key=lambda r: r.period)
        segments = _segments(rows, starts.get(measure_id))
        series.append(_series(site, info, results.granularity[measure_id], segments))
        if any(len(s) < MIN_POINTS for s in segments):
            findings.append(_too_few(results, info, len(rows)))
    return series, findings


def _segments(rows: list[Row], starts: set[str] | None) -> list[list[Row]]:
    out: list[list[Row]] = [[]]
    for row in rows:
        if starts and row.period in starts and out[-1]:
            out.append([])
        out[-1].append(row)
    return out


def _series(
    site: str, info: MeasureInfo, granularity: Granularity, segments: list[list[Row]]
) -> Series:
    points: list[Point] = []
    limits: Limits | None = None
    for index, segment in enumerate(segments):
        chart = chart_segment([row.value for row in segment], info.improvement)
        limits = chart.limits
        lower = chart.limits.lower if chart.limits else None
        upper = chart.limits.upper if chart.limits else None
        for row, kind in zip(segment, chart.types, strict=True):
            points.append(
                Point(row.period, row.value, index, chart.mean, lower, upper, kind, row.note)
            )
    return Series(site, info, granularity, points, limits)


def _too_few(results: Results, info: MeasureInfo, count: int) -> Finding:
    line = results.first_line.get(info.id, 1)
    message = (
        f"{info.id}: a segment has fewer than {MIN_POINTS} points ({count} in all): no process "
        "limits yet, every point is common cause"
    )
    return Finding(
        Rule.TOO_FEW_POINTS,
        Severity.INFO,
        results.file,
        line,
        1,
        message,
        key=info.id,
        site=results.site,
        target=info.id,
    )


def _ignored(rebase: RebaseRef, site: str, site_file: str) -> Finding:
    message = (
        f"rebase of {rebase.measure} at {rebase.period} is ignored: the results have no row "
        "for that period"
    )
    return Finding(
        Rule.REBASE_IGNORED,
        Severity.WARNING,
        site_file,
        rebase.line,
        rebase.column,
        message,
        key=f"{rebase.measure}@{rebase.period}",
        site=site,
        target=rebase.measure,
    )


def missing_measures(
    results: Results, measures: dict[str, MeasureInfo], dropped: Collection[str]
) -> list[Finding]:
    """``measure-missing`` for each required measure a results file has no rows for."""
    out: list[Finding] = []
    if not results.records:
        return out  # a template not filled in yet: the site has not started reporting
    for info in measures.values():
        if info.required and info.id not in results.rows and info.id not in dropped:
            message = f"required measure {info.id} ({info.name}) has no rows in the results"
            out.append(
                Finding(
                    Rule.MEASURE_MISSING,
                    Severity.WARNING,
                    results.file,
                    1,
                    1,
                    message,
                    key=info.id,
                    site=results.site,
                    target=info.id,
                )
            )
    return out
