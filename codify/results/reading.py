"""Reading a site's results CSV: every usable row, and a finding for every row that is not."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from codify.findings import Finding
from codify.results.csvcells import NUMBER, Record, delimiter_of, quoted_record
from codify.results.periods import parse_period
from codify.results.rows import FIDELITY as FIDELITY  # re-exported
from codify.results.rows import MAX_LISTED as MAX_LISTED  # re-exported
from codify.results.rows import Reader, check_row, report_unknown
from codify.results.rows import Results as Results  # re-exported
from codify.results.rows import Row as Row  # re-exported
from codify.text import did_you_mean, shorten
from codify.vocab import RESULTS_COLUMNS, RESULTS_REQUIRED, Rule, Severity

MAX_BYTES = 10 * 1024 * 1024
"""A results file larger than this is read up to here: a site's monthly figures are far less."""

COLUMNS = RESULTS_COLUMNS
REQUIRED = RESULTS_REQUIRED


def load_results(
    path: Path, file: str, site: str | None, measures: Collection[str], checks: Collection[str]
) -> Results:
    """Read ``results/SITE.csv`` (at most MAX_BYTES of it) into rows and findings."""
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    cut_line = 0
    if len(data) > MAX_BYTES:
        data = data[: data.rfind(b"\n", 0, MAX_BYTES) + 1]
        cut_line = data.count(b"\n") + 1
    results = read_results(data, file, site, measures, checks)
    if cut_line:
        message = (
            f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB: rows from line "
            f"{cut_line} on were not read"
        )
        reader = Reader(results, measures, checks)
        reader.report(Rule.RESULTS_SYNTAX, cut_line, 1, message, key="too-large")
    return results


def read_results(
    data: bytes, file: str, site: str | None, measures: Collection[str], checks: Collection[str]
) -> Results:
    """Parse results CSV bytes; ``measures`` and ``checks`` are the spec's ids."""
    reader = Reader(Results(file, site), measures, checks)
    text = _decode(data, reader)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    start = _header(lines, reader)
    if start is None:
        return reader.results
    _read_rows(lines, start, delimiter_of(lines[start - 1]), reader)
    for measure, found in reader.unknown.items():
        report_unknown(measure, found, reader)
    if reader.unlisted:
        message = f"{reader.unlisted} more problems in this file are not listed"
        reader.results.findings.append(
            Finding(
                Rule.RESULTS_SYNTAX,
                Severity.ERROR,
                file,
                len(lines),
                1,
                message,
                key="unlisted",
                site=site,
            )
        )
    return reader.results


def _read_rows(lines: list[str], start: int, delimiter: str, reader: Reader) -> None:
    """Every record after the header: plain good rows on a fast path, the rest fully checked.

    A large network sends hundreds of thousands of rows; nearly all are plain, and checking
    them on the general path would cost several times as much. A row the fast path does not
    take (spaces, quotes, a denominator, anything wrong) goes the general way.
    """
    results, columns, seen = reader.results, reader.columns, reader.seen
    at_m, at_p, at_v = columns["measure"], columns["period"], columns["value"]
    at_d, at_n = columns.get("denominator"), columns.get("note")
    known = {*reader.measures, *(FIDELITY + c for c in reader.checks)}
    number, rows, first = NUMBER.fullmatch, results.rows, results.first_line
    i, count, width = start, len(lines), reader.width
    while i < count:
        line = lines[i]
        if (not line or line[0] in "# \t") and (not line.strip() or line.lstrip()[0] == "#"):
            i += 1
            continue
        if '"' in line:
            record, i = quoted_record(lines, i, delimiter)
            check_row(record, reader)
            continue
        i += 1
        cells = line.split(delimiter)
        if len(cells) == width:
            measure, period, value = cells[at_m], cells[at_p], cells[at_v]
            granularity = parse_period(period)
            if (
                measure in known
                and granularity is not None
                and number(value) is not None
                and (at_d is None or not cells[at_d])
                and (measure, period) not in seen
                and results.granularity.get(measure, granularity) is granularity
                and (
                    measure[0] != "f" or not measure.startswith(FIDELITY) or 0 <= float(value) <= 1
                )
            ):
                results.records += 1
                seen[(measure, period)] = i
                if measure not in first:
                    first[measure] = i
                    results.granularity[measure] = granularity
                    rows[measure] = []
                note = cells[at_n].strip() if at_n is not None and cells[at_n] else ""
                rows[measure].append(Row(period, float(value), note or None, i))
                continue
        check_row(Record(i, cells, None), reader)


def _decode(data: bytes, reader: Reader) -> str:
    """UTF-8 text (a BOM is fine); undecodable bytes are reported once and replaced."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad_line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = (
            f"bytes that are not UTF-8 (first on line {bad_line}): save the file as "
            "CSV UTF-8; the rest of the file is read with those characters replaced"
        )
        reader.report(Rule.RESULTS_SYNTAX, bad_line, column, message, key="encoding")
        return data.decode("utf-8-sig", errors="replace")


def _header(lines: list[str], reader: Reader) -> int | None:
    """Map the header's columns; return the index of the first line after it, or None."""
    index = next(
        (i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")),
        None,
    )
    if index is None:
        reader.report(
            Rule.RESULTS_SYNTAX, 1, 1, "the file is empty: it needs a header row", "empty"
        )
        return None
    line_no = 1  # FORMAT.md: header problems stand at 1:1, whatever comments come before
    delimiter = delimiter_of(lines[index])
    if delimiter != ",":
        name = "semicolons" if delimiter == ";" else "tabs"
        message = (
            f"the file is separated by {name}, not commas (a spreadsheet in a European locale "
            "writes this): save it as CSV with commas; it is read as it is meanwhile"
        )
        reader.report(Rule.RESULTS_SYNTAX, line_no, 1, message, key="delimiter")
    names = [cell.strip().lower() for cell in lines[index].split(delimiter)]
    reader.width = len(names)
    for position, name in enumerate(names):
        if name not in COLUMNS:
            hint = did_you_mean(name, COLUMNS)
            message = f"unknown column {shorten(name)} (columns: {', '.join(COLUMNS)}){hint}"
            reader.report(Rule.RESULTS_SYNTAX, line_no, 1, message, key=f"column:{name}")
        elif name in reader.columns:
            message = f"column '{name}' appears twice; the first is read"
            reader.report(Rule.RESULTS_SYNTAX, line_no, 1, message, key=f"twice:{name}")
        else:
            reader.columns[name] = position
    missing = [name for name in REQUIRED if name not in reader.columns]
    if missing:
        message = f"missing column {', '.join(missing)}: no row of the file can be read"
        reader.report(Rule.RESULTS_SYNTAX, line_no, 1, message, key="missing-column")
        return None
    return index + 1
