"""Charts in words: the latest point, the special cause before it, and series too short to chart."""

from __future__ import annotations

from pathlib import Path

from codify.results.describe import MIN_CHART_POINTS, describe, few_points, headline, special_spans
from codify.results.periods import Granularity
from codify.results.series import MeasureInfo, Point, Series
from codify.vocab import Improvement, PointType

C, UP, DOWN = PointType.COMMON_CAUSE, PointType.IMPROVEMENT, PointType.CONCERN


def series(types: list[PointType], unit: str | None = "people") -> Series:
    points = [
        Point(f"2024-{i + 1:02d}", 40.0 + i, 0, 45.0, None, None, kind)
        for i, kind in enumerate(types)
    ]
    measure = MeasureInfo("attendance", "Attendance", Improvement.INCREASE, unit=unit)
    return Series("leeds", measure, Granularity.MONTH, points, None)


def test_special_cause_runs_are_grouped_in_time_order() -> None:
    spans = special_spans(series([DOWN, DOWN, DOWN, C, UP, UP, C, DOWN]))
    assert [(s.type, s.first, s.last, s.count) for s in spans] == [
        (DOWN, "2024-01", "2024-03", 3),
        (UP, "2024-05", "2024-06", 2),
        (DOWN, "2024-08", "2024-08", 1),
    ]


def test_a_common_cause_latest_point_still_tells_what_came_before() -> None:
    text = describe(series([DOWN, DOWN, DOWN, C, C, C, UP, UP, C]))
    assert text.startswith("The latest point (2024-09, 48 people) shows common cause variation;")
    assert (
        "earlier special cause: a concern from 2024-01 to 2024-03 (3 points) "
        "and an improvement from 2024-07 to 2024-08 (2 points)"
    ) in text
    assert headline(series([DOWN, C])) == ["Latest point: common cause variation"]


def test_a_latest_point_in_a_run_says_since_when() -> None:
    text = describe(series([C, C, UP, UP, UP, UP]))
    assert "shows an improvement (special cause), in a run since 2024-03 (4 points)" in text
    assert "earlier" not in text


def test_only_the_latest_stretches_are_named_and_the_rest_counted() -> None:
    text = describe(series([UP, C, DOWN, C, UP, C, DOWN, C, UP, C]))
    assert (
        "earlier special cause: an improvement at 2024-05, a concern at 2024-07 and an "
        "improvement at 2024-09 (after 2 earlier stretches)"
    ) in text
    assert text.count(" at 2024-") == 3


def test_a_series_too_short_to_chart_is_listed_in_words() -> None:
    short = series([C, C], unit="mmol/mol")
    assert few_points(short) == (
        "2 points so far (2024-01: 40 mmol/mol; 2024-02: 41 mmol/mol). A chart starts at "
        "7 points, the fewest in which it can find a pattern (a run or a trend)."
    )
    assert few_points(series([C] * MIN_CHART_POINTS)) is None


def test_a_site_playbook_lists_a_two_point_series_instead_of_charting_it(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from codify.cli import app
    from tests.paths import EXAMPLES

    args = ["build", str(EXAMPLES / "dafne"), "--site", "newcastle", "-f", "html"]
    result = CliRunner().invoke(app, [*args, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "dafne-newcastle.html").read_text()
    figure = html.split('id="chart-newcastle-hba1c-change"')[1].split("</figure>")[0]
    assert "<svg" not in figure
    assert "2 points so far (2023-12: -7 mmol/mol; 2024-12: -5 mmol/mol)" in figure
    charted = html.split('id="chart-newcastle-course-completion"')[1].split("</figure>")[0]
    assert "<svg" in charted and "Latest point:" in charted


def test_an_adaptation_is_drawn_where_it_was_decided(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from codify.cli import app
    from tests.paths import EXAMPLES

    args = ["build", str(EXAMPLES / "schwartz-rounds"), "--site", "leeds", "-f", "html"]
    result = CliRunner().invoke(app, [*args, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "schwartz-rounds-leeds.html").read_text()
    figure = html.split('id="chart-leeds-attendance"')[1].split("</figure>")[0]
    assert figure.count('<line class="adapt"') == 1
    assert ">winter-online</text>" in figure
    assert "A vertical line marks the adaptation winter-online, decided 2024-11-04." in figure
    # The signals table names the measure, not its id.
    table = html.split('<table class="signals">')[1].split("</table>")[0]
    assert "<td>Attendance per Round</td>" in table and "<td>attendance</td>" not in table
