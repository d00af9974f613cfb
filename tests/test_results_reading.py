"""Reading results CSVs: every bad row is a finding with its line and column, never a crash."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from codify.results.reading import MAX_BYTES, MAX_LISTED, load_results, read_results
from codify.vocab import Rule, Severity

MEASURES = {"hba1c", "completion"}
CHECKS = {"group-size"}
HEADER = "measure,period,value,denominator,note\n"


def _read(
    text: str | bytes,
) -> tuple[dict[str, list[tuple[str, float]]], list[tuple[Rule, int, int, str]]]:
    data = text.encode() if isinstance(text, str) else text
    results = read_results(data, "results/leeds.csv", "leeds", MEASURES, CHECKS)
    rows = {m: [(r.period, r.value) for r in rs] for m, rs in results.rows.items()}
    found = [(f.rule, f.line, f.column, f.message) for f in results.findings]
    return rows, found


def test_a_good_file_with_bom_comments_quotes_and_any_column_order() -> None:
    text = (
        "\ufeffperiod,value,measure,note,denominator\n"
        "# an example row: delete this line\n"
        "2025-01,8.1,hba1c,,\n"
        "\n"
        '2025-02,48,completion,"first course, ""full""\nand more",60\n'
        "2025-W05,0.75,fidelity:group-size\n"
        "2025-01-31,1,fidelity:group-size,,\n"
    )
    rows, found = _read(text)
    assert found == [
        (
            Rule.RESULTS_GRANULARITY,
            8,
            1,
            "fidelity:group-size: 2025-01-31 is a day, but this measure is reported by week "
            "from line 7; this row is left out",
        )
    ]
    assert rows == {
        "hba1c": [("2025-01", 8.1)],
        "completion": [("2025-02", 0.8)],
        "fidelity:group-size": [("2025-W05", 0.75)],
    }


def test_every_bad_row_is_reported_at_its_cell_and_the_rest_still_counts() -> None:
    text = HEADER + (
        "hba1c,2025-01,8.1,,\n"  # 2 good
        'hba1c,2025-02,"8,2",,\n'  # 3 decimal comma
        'completion,2025-02,"1,234.5",,\n'  # 4 thousands separator
        "hba1c,2025-03,,,\n"  # 5 empty value
        "completion,2025-03,5,-2,\n"  # 6 negative denominator
        "hba1c,Jan 2025,8,,\n"  # 7 period in words
        "hba1c,2025/04,8,,\n"  # 8 period with a slash
        "hba1c,2025-01,9,,\n"  # 9 duplicate
        "hbac1,2025-05,8,,\n"  # 10 unknown measure
        "hba1c,2025-13,8,,\n"  # 11 no such month
        "hba1c,2025-06,7,5,\n"  # 12 a decimal comma splitting the cell? no: a denominator
        "completion,2025-04,abc,,\n"  # 13 not a number
        "fidelity:group-size,2025-01,1.5,,\n"  # 14 not a share
        "hba1c,2025-07,8,1,x,extra\n"  # 15 too many cells: 8,1 looks like a decimal comma
    )
    rows, found = _read(text)
    assert rows == {"hba1c": [("2025-01", 8.1), ("2025-06", 1.4)]}
    where = [(rule, line, column) for rule, line, column, _ in found]
    assert where == [
        (Rule.RESULTS_SYNTAX, 3, 15),
        (Rule.RESULTS_SYNTAX, 4, 20),
        (Rule.RESULTS_SYNTAX, 5, 15),
        (Rule.RESULTS_SYNTAX, 6, 22),
        (Rule.RESULTS_SYNTAX, 7, 7),
        (Rule.RESULTS_SYNTAX, 8, 7),
        (Rule.RESULTS_DUPLICATE, 9, 7),
        (Rule.RESULTS_SYNTAX, 11, 7),
        (Rule.RESULTS_SYNTAX, 13, 20),
        (Rule.RESULTS_SYNTAX, 14, 29),
        (Rule.RESULTS_SYNTAX, 15, 15),
        (Rule.UNKNOWN_TARGET, 10, 1),
    ]
    messages = [message for *_, message in found]
    assert "decimal comma: write 8.2" in messages[0]
    assert "thousands separator: write 1234.5" in messages[1]
    assert messages[2] == "value is empty"
    assert "not positive" in messages[3]
    assert "did you mean '2025-01'?" in messages[4]
    assert "did you mean '2025-04'?" in messages[5]
    assert "first on line 2" in messages[6]
    assert messages[-1].endswith("did you mean 'hba1c'?")


def test_a_semicolon_file_with_decimal_commas_is_reported_and_still_read() -> None:
    rows, found = _read("measure;period;value\nhba1c;2025-01;8,5\nhba1c;2025-02;8.4\n")
    assert [(rule, line, column) for rule, line, column, _ in found] == [
        (Rule.RESULTS_SYNTAX, 1, 1),
        (Rule.RESULTS_SYNTAX, 2, 15),
    ]
    assert "semicolons" in found[0][3]
    assert rows == {"hba1c": [("2025-02", 8.4)]}


def test_a_comma_inside_an_unquoted_number_is_named() -> None:
    rows, found = _read("measure,period,value\nhba1c,2025-01,8,5\n")
    assert rows == {}
    assert found[0][:3] == (Rule.RESULTS_SYNTAX, 2, 15)
    assert "split in two by a comma" in found[0][3]


def test_bytes_that_are_not_utf8_are_reported_once_and_the_rest_is_read() -> None:
    data = (HEADER + "hba1c,2025-01,8.1,,caf\xe9\nhba1c,2025-02,8.0,,\n").encode("latin-1")
    rows, found = _read(data)
    assert [(rule, line, column) for rule, line, column, _ in found] == [
        (Rule.RESULTS_SYNTAX, 2, 23)
    ]
    assert rows == {"hba1c": [("2025-01", 8.1), ("2025-02", 8.0)]}


def test_header_problems_stand_at_the_header() -> None:
    _, found = _read("measure,period,valu\nhba1c,2025-01,8\n")
    assert [(rule, line, column) for rule, line, column, _ in found] == [
        (Rule.RESULTS_SYNTAX, 1, 1),
        (Rule.RESULTS_SYNTAX, 1, 1),
    ]
    assert "did you mean 'value'?" in found[0][3]
    assert "missing column value" in found[1][3]
    _, found = _read("")
    assert found[0][:3] == (Rule.RESULTS_SYNTAX, 1, 1)


def test_an_unclosed_quote_is_reported() -> None:
    rows, found = _read(HEADER + 'hba1c,2025-01,8,,"open\nhba1c,2025-02,8,,\n')
    assert rows == {}
    assert found[0][:2] == (Rule.RESULTS_SYNTAX, 2)
    assert "never closed" in found[0][3]


def test_a_file_over_the_limit_is_read_up_to_it(tmp_path: Path) -> None:
    # A 50 MB file: the first 10 MB are read and the cut is reported at the first unread line.
    start = date(1900, 1, 1).toordinal()
    rows = "".join(f"hba1c,{date.fromordinal(start + i).isoformat()},8.1,,\n" for i in range(100))
    filler = b"# a comment line that pads the file out to fifty megabytes...\n"
    data = (HEADER + rows).encode() + filler * (50 * 1024 * 1024 // len(filler))
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    results = load_results(path, "results/big.csv", "big", MEASURES, CHECKS)
    first_unread = data.count(b"\n", 0, data.rfind(b"\n", 0, MAX_BYTES) + 1) + 1
    assert [(f.rule, f.line, f.column) for f in results.findings] == [
        (Rule.RESULTS_SYNTAX, first_unread, 1)
    ]
    assert "larger than 10 MB" in results.findings[0].message
    assert len(results.rows["hba1c"]) == 100


def test_a_flood_of_problems_is_listed_up_to_a_bound_and_counted() -> None:
    results = read_results((HEADER + "x,y,z\n" * 1000).encode(), "r.csv", "x", MEASURES, CHECKS)
    assert len(results.findings) == MAX_LISTED + 2  # the listed, the unknown measure, the count
    assert results.findings[-1].message.startswith("1800 more problems")  # two a row
    assert all(f.severity is Severity.ERROR for f in results.findings)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_reading_never_raises(data: bytes) -> None:
    results = read_results(HEADER.encode() + data, "r.csv", "x", MEASURES, CHECKS)
    for finding in results.findings:
        assert finding.line >= 1 and finding.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["hba1c", "2025-01", "8.1", "", '"', ",", ";", "\n", "x"])))
def test_reading_csv_like_text_never_raises(parts: list[str]) -> None:
    read_results((HEADER + "".join(parts)).encode(), "r.csv", "x", MEASURES, CHECKS)


def test_header_problems_stand_at_1_1_even_after_comment_lines() -> None:
    _, found = _read("# a template's comments\n# more\nmeasure,period,value,extra\n")
    assert [(rule, line, column) for rule, line, column, _ in found] == [
        (Rule.RESULTS_SYNTAX, 1, 1)
    ]


def test_fingerprints_survive_rows_moving() -> None:
    bad = "hba1c,2025-13,61,,\nhba1c,2025-02,6,-2,\n"

    def read(text: str) -> list[tuple[int, str]]:
        results = read_results(text.encode(), "results/leeds.csv", "leeds", MEASURES, CHECKS)
        return [(f.line, f.fingerprint) for f in results.findings]

    before = read(HEADER + bad)
    moved = read(HEADER + "hba1c,2025-03,60,,\n" + bad)
    assert len(before) == 2
    assert [line for line, _ in moved] == [line + 1 for line, _ in before]
    assert [key for _, key in moved] == [key for _, key in before]
