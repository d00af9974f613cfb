"""XmR charts against test vectors transcribed from NHSRplotthedots (nhs-r-community on GitHub).

Each vector names the package's test or snapshot it comes from. Where FORMAT.md and the package
differ, the test follows FORMAT.md and says so.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from codify.results.periods import Granularity
from codify.results.reading import Results, Row
from codify.results.series import MeasureInfo, RebaseRef, Series, build_series
from codify.results.signals import judge_after, signal_after
from codify.results.xmr import (
    Limits,
    _mark_runs,
    _trend_directions,
    assurance,
    chart_segment,
    classify,
    compute_limits,
    special_causes,
)
from codify.vocab import Assurance, Improvement, PointType, Rule, SignalKind

C, I, X = PointType.COMMON_CAUSE, PointType.IMPROVEMENT, PointType.CONCERN  # noqa: E741

# set.seed(123); rnorm(20): the data of tests/testthat/test-ptd_spc_standard.R and test-ptd_spc.R
# (the snapshots print them to three figures: -0.560, -0.230, 1.56, ...).
RNORM_20 = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774,
    1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197,
    1.22408180, 0.35981383, 0.40077145, 0.11068272, -0.55584113,
    1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141,
]  # fmt: skip

# NHSRdatasets::ae_attendances summed by month, April 2016 to March 2019: the `y` column of the
# serialised snapshot "ae_all attendances spc returns expected values" in
# tests/testthat/_snaps/integration_tests.md (decoded from R's serialisation).
AE_ATTENDANCES = [
    1867781, 2070340, 1958802, 2079034, 1932901, 1952464, 2001816, 1907871, 1944567,
    1895272, 1735619, 2015834, 1949762, 2066789, 1994056, 2073944, 1924663, 1925961,
    2044137, 1976971, 2003954, 2000086, 1820012, 2049785, 1984369, 2164458, 2093942,
    2179896, 1997854, 2005695, 2079492, 2037847, 2047518, 2113413, 1954947, 2167550,
]  # fmt: skip

# The same months' four-hour performance (1 - breaches / attendances), from the snapshot
# "ae_all performance spc returns expected values" (fix_after_n_points = 12), with its
# point_type column below.
AE_PERFORMANCE = [
    0.9003512724457525,
    0.9027555860390081,
    0.9055994429248081,
    0.9028524786030435,
    0.909763097023593,
    0.9064786853944554,
    0.8905308979446662,
    0.8837903610883545,
    0.8617594559611471,
    0.851413411900772,
    0.8753090395991286,
    0.9000949482943537,
    0.9051525263083392,
    0.8970035160821932,
    0.9072518525056468,
    0.9034785895858326,
    0.9029928875860346,
    0.8966609396555797,
    0.8994186788850258,
    0.8876655246839736,
    0.8498503458662225,
    0.8529918213516818,
    0.8504476893558943,
    0.8462121637147311,
    0.8857248828216929,
    0.9039011151983545,
    0.9076297242234981,
    0.8931949047110505,
    0.8972702710007838,
    0.8894368286304747,
    0.8900933497219513,
    0.8760446687116353,
    0.8644632183941728,
    0.843525141560121,
    0.8422525009629417,
    0.8660427671795345,
]
AE_PERFORMANCE_TYPES = [C] * 9 + [X, C] + [I] * 8 + [C] + [X] * 4 + [C] * 5 + [X] * 7

MONTHS = [f"{2016 + (3 + i) // 12}-{(3 + i) % 12 + 1:02d}" for i in range(36)]


def _series(values: list[float], improvement: Improvement, rebase: str | None = None) -> Series:
    rows = [Row(p, v, None, i + 2) for i, (p, v) in enumerate(zip(MONTHS, values, strict=False))]
    results = Results("results/ae.csv", "ae", {"ae": rows}, {"ae": Granularity.MONTH}, {"ae": 2})
    rebases = [RebaseRef("ae", rebase, "new service", 3, 5)] if rebase else []
    series, _ = build_series(results, {"ae": MeasureInfo("ae", "A&E", improvement)}, rebases)
    return series[0]


def test_rnorm_limits_match_the_package_snapshot() -> None:
    limits = compute_limits(RNORM_20)
    assert (round(limits.mean, 3), round(limits.lower, 2), round(limits.upper, 2)) == (
        0.142,
        -3.01,
        3.29,
    )
    assert classify(RNORM_20, limits, Improvement.INCREASE) == [C] * 20


def test_rnorm_facets_of_ten() -> None:
    # _snaps/ptd_spc.md, facets of 10 points: 0.0746 (-2.60, 2.75) and 0.209 (-3.28, 3.70).
    first, second = compute_limits(RNORM_20[:10]), compute_limits(RNORM_20[10:])
    assert (round(first.mean, 4), round(first.lower, 2), round(first.upper, 2)) == (
        0.0746,
        -2.60,
        2.75,
    )
    assert (round(second.mean, 3), round(second.lower, 2), round(second.upper, 2)) == (
        0.209,
        -3.28,
        3.70,
    )
    # The package draws these limits and warns; FORMAT.md draws none below 12 points.
    segment = chart_segment(RNORM_20[:10], Improvement.INCREASE)
    assert segment.limits is None and segment.types == [C] * 10


def test_outlier_screening_narrows_the_limits() -> None:
    # test-ptd_spc_standard.R: data$y[15] <- 10 gives other limits, narrower than unscreened.
    values = list(RNORM_20)
    values[14] = 10
    screened = compute_limits(values)
    ranges = [abs(b - a) for a, b in pairwise(values)]
    unscreened = 2.66 * sum(ranges) / len(ranges)
    assert screened.lower != compute_limits(RNORM_20).lower
    assert screened.upper - screened.mean < unscreened


def test_two_near_points_on_opposite_sides_are_common_cause() -> None:
    # test-ptd_spc_standard.R: symmetric data, then 5.5 and -5.5 as the last two points.
    values = [1.0, -1.0] * 8
    values[14], values[15] = 5.5, -5.5
    types = chart_segment(values, Improvement.INCREASE).types
    assert types[-2:] == [C, C]


def test_ae_attendances_limits_are_exact() -> None:
    limits = compute_limits(AE_ATTENDANCES)
    assert limits.mean == pytest.approx(2000538.9444444445, abs=1e-6)
    assert limits.lower == pytest.approx(1731844.3644444444, abs=1e-6)
    assert limits.upper == pytest.approx(2269233.5244444446, abs=1e-6)
    series = _series([float(v) for v in AE_ATTENDANCES], Improvement.INCREASE)
    assert [p.type for p in series.points] == [C] * 36
    assert series.variation is C


def test_ae_attendances_rebased_in_april_2017() -> None:
    # "ae_all attendances spc with rebase": rebase = as.Date("2017-04-01"), the 13th month.
    series = _series([float(v) for v in AE_ATTENDANCES], Improvement.INCREASE, "2017-04")
    first, last = series.points[0], series.points[-1]
    assert [p.segment for p in series.points] == [0] * 12 + [1] * 24
    assert (first.mean, first.lower, first.upper) == pytest.approx(
        (1946858.4166666667, 1639947.374848485, 2253769.4584848485)
    )
    assert (last.mean, last.lower, last.upper) == pytest.approx(
        (2027379.2083333333, 1772921.0639855072, 2281837.3526811595)
    )
    assert [p.type for p in series.points] == [C] * 36


def test_ae_performance_against_the_first_twelve_months() -> None:
    # fix_after_n_points = 12 is codify's signal baseline: limits from the points before only.
    limits = compute_limits(AE_PERFORMANCE[:12])
    assert (limits.mean, limits.lower, limits.upper) == pytest.approx(
        (0.8908915564349236, 0.8614049789074258, 0.9203781339624213)
    )
    assert classify(AE_PERFORMANCE, limits, Improvement.INCREASE) == AE_PERFORMANCE_TYPES


def test_ae_performance_signal_after_april_2017() -> None:
    series = _series(AE_PERFORMANCE, Improvement.INCREASE)
    signal = signal_after(series, "new-triage", date(2017, 4, 1))
    assert (signal.signal, signal.before, signal.after) == (SignalKind.MIXED, 12, 24)
    # A month contains its days: a decision on 15 April 2017 still splits before April.
    assert signal_after(series, "new-triage", date(2017, 4, 15)).before == 12
    assert signal_after(series, "x", date(2016, 6, 1)).signal is SignalKind.TOO_FEW_POINTS
    assert signal_after(series, "x", None).signal is SignalKind.UNDATED


@pytest.mark.parametrize(
    ("signs", "expected"),
    [
        # ptd_part_of_seven_trend(ptd_seven_point_one_side_mean(v)) in
        # test-ptd_calculate_point_type.R and test-calculatePointHighlighting.R.
        ([], []),
        ([1] * 6, [0] * 6),
        ([1] * 6 + [-1], [0] * 7),
        ([-1] + [1] * 8 + [-1], [0] + [1] * 8 + [0]),
        ([1] + [-1] * 8 + [1], [0] + [-1] * 8 + [0]),
        ([1] * 3 + [0] + [1] * 4, [0] * 8),  # a point on the mean breaks the run
    ],
)
def test_runs_on_one_side_of_the_mean(signs: list[int], expected: list[int]) -> None:
    assert _mark_runs(signs, 7) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # ptd_seven_point_trend and ptd_part_of_seven_trend, test-ptd_calculate_point_type.R.
        ([], []),
        ([1, 2, 3, 4, 5, 6], [0] * 6),
        ([1, 2, 3, 3, 4, 5, 6], [0] * 7),  # an equal step breaks the trend
        ([1, 2, 3, 4, 5, 6, 7], [1] * 7),
        ([2, 1, 2, 3, 4, 5, 6, 7, 3], [0] + [1] * 7 + [0]),
        # Falling trends: early releases of the package flagged them (-1) but marked only rising
        # ones special; its current ptd_part_of_seven_trend (abs) and FORMAT.md mark both.
        ([7, 6, 5, 4, 3, 2, 1], [-1] * 7),
        ([2, 7, 6, 5, 4, 3, 2, 1, 3], [0] + [-1] * 7 + [0]),
        # A peak between a rising and a falling trend takes the later one ("use right side",
        # ptd_special_cause_type).
        ([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1], [1] * 6 + [-1] * 7),
    ],
)
def test_trends(values: list[float], expected: list[int]) -> None:
    assert _trend_directions(values) == expected


LIMITS = Limits(mean=0.0, moving_range=1.0, lower=-3.0, upper=3.0, near_lower=-2.0, near_upper=2.0)


@pytest.mark.parametrize(
    ("close", "expected"),
    [
        # ptd_two_in_three / ptd_part_of_two_in_three, test-ptd_calculate_point_type.R: 1 is a
        # point beyond the near limit (2.5), 0 one nearer the mean on the same side (0.5).
        ([0, 0, 0], [0, 0, 0]),
        ([1, 0, 1], [1, 0, 1]),
        ([0, 1, 1], [0, 1, 1]),
        ([1, 1, 0], [1, 1, 0]),
        ([0, 0, 1, 0, 1, 0], [0, 0, 1, 0, 1, 0]),
        ([0, 0, 1, 1, 0, 0], [0, 0, 1, 1, 0, 0]),
        ([1, 0, 0, 1], [0, 0, 0, 0]),
        ([1, 0, 0, 1, 1], [0, 0, 0, 1, 1]),
    ],
)
def test_two_of_three_near_the_limits(close: list[int], expected: list[int]) -> None:
    values = [2.5 if c else 0.5 for c in close]
    assert special_causes(values, LIMITS) == expected
    mirrored = [-v for v in values]
    assert special_causes(mirrored, LIMITS) == [-e for e in expected]


def test_two_of_three_needs_one_side_and_limits_are_strict() -> None:
    assert special_causes([2.5, -2.5, 2.5], LIMITS) == [0, 0, 0]
    assert special_causes([3.0, 0.5, -3.0], LIMITS) == [0, 0, 0]  # on the limit is inside
    assert special_causes([3.01, 0.5, -3.01], LIMITS) == [1, 0, -1]
    # An outside point does not count towards two of three near the limit.
    assert special_causes([3.5, 2.5, 0.5], LIMITS) == [1, 0, 0]


def test_trend_direction_wins_over_the_side_of_the_mean() -> None:
    # A rising trend from below the mean: every point is high (FORMAT.md and the package's
    # "7 Point Trend (Increasing)"; releases before ptd_special_cause_type called them low).
    values = [-1.5, -1.0, -0.5, 0.1, 0.4, 0.8, 1.2]
    assert special_causes(values, LIMITS) == [1] * 7
    assert classify(values, LIMITS, Improvement.DECREASE) == [X] * 7
    assert classify(values, LIMITS, Improvement.NEUTRAL) == [PointType.NEUTRAL_HIGH] * 7


@pytest.mark.parametrize(
    ("improvement", "expected"),
    [
        # test-ptd_calculate_assurance_type.R: (lpl, upl) = (1, 3), (5, 7), (1, 5); target 4.
        (Improvement.INCREASE, [Assurance.FAIL, Assurance.PASS, Assurance.HIT_AND_MISS]),
        (Improvement.DECREASE, [Assurance.PASS, Assurance.FAIL, Assurance.HIT_AND_MISS]),
        (Improvement.NEUTRAL, [None, None, None]),
    ],
)
def test_assurance(improvement: Improvement, expected: list[Assurance | None]) -> None:
    bands = [(1, 2, 3), (5, 6, 7), (1, 4, 5)]
    found = [assurance(Limits(m, 1, lo, up, lo, up), 4, improvement) for lo, m, up in bands]
    assert found == expected
    assert assurance(None, 4, improvement) is None
    assert assurance(Limits(2, 1, 1, 3, 1, 3), None, improvement) is None


def test_assurance_uses_the_latest_segment() -> None:
    values = [float(v) for v in AE_ATTENDANCES]
    rebased = _series(values, Improvement.INCREASE, "2017-04")
    target = 1700000.0  # below the second segment's lower limit, inside the first's
    info = MeasureInfo("ae", "A&E", Improvement.INCREASE, target)
    latest = Series(rebased.site, info, rebased.granularity, rebased.points, rebased.limits)
    assert latest.assurance is Assurance.PASS


def test_judge_after() -> None:
    assert judge_after([C, I], Improvement.INCREASE) is SignalKind.IMPROVEMENT
    assert judge_after([X, C], Improvement.INCREASE) is SignalKind.CONCERN
    assert judge_after([X, I], Improvement.DECREASE) is SignalKind.MIXED
    assert judge_after([C, C], Improvement.DECREASE) is SignalKind.NONE
    neutral = [C, PointType.NEUTRAL_LOW]
    assert judge_after(neutral, Improvement.NEUTRAL) is SignalKind.NEUTRAL


def test_rebase_without_a_row_is_ignored_with_a_warning() -> None:
    rows = [
        Row(p, float(v), None, i + 2)
        for i, (p, v) in enumerate(zip(MONTHS, AE_ATTENDANCES, strict=True))
    ]
    results = Results("results/ae.csv", "ae", {"ae": rows}, {"ae": Granularity.MONTH}, {"ae": 2})
    info = {"ae": MeasureInfo("ae", "A&E", Improvement.INCREASE)}
    rebase = [RebaseRef("ae", "2030-01", "why", 7, 9)]
    series, findings = build_series(results, info, rebase, "sites/ae.yaml")
    assert [p.segment for p in series[0].points] == [0] * 36
    assert [(f.rule, f.file, f.line, f.column) for f in findings] == [
        (Rule.REBASE_IGNORED, "sites/ae.yaml", 7, 9)
    ]
