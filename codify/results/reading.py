"""Reading a site's results CSV: every usable row, and a finding for every row that is not."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from codify.findings import Finding
from codify.results.csvcells import NUMBER, Record, delimiter_of, parse_number, quoted_record
from codify.results.periods import Granularity, parse_period, period_hint
from codify.rules.site import unknown_target
from codify.text import did_you_mean, number, shorten
from codify.vocab import RESULTS_COLUMNS, RESULTS_REQUIRED, Rule, Severity

MAX_BYTES = 10 * 1024 * 1024
"""A results file larger than this is read up to here: a site's monthly figures are far less."""
MAX_LISTED = 200
"""Findings listed per results file; the rest are counted in one last finding."""

COLUMNS = RESULTS_COLUMNS
REQUIRED = RESULTS_REQUIRED
FIDELITY = "fidelity:"


@dataclass(slots=True)
class Row:
    """One usable row: the plotted value (a proportion where a denominator is given)."""

    period: str
    value: float
    note: str | None
    line: int


@dataclass
class Results:
    """A site's results file as read: usable rows per measure, in file order, and findings."""

    file: str
    site: str | None
    rows: dict[str, list[Row]] = field(default_factory=dict)
    granularity: dict[str, Granularity] = field(default_factory=dict)
    first_line: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    records: int = 0
    """Data rows in the file, usable or not (a fresh template has none)."""


@dataclass
class _Reader:
    results: Results
    measures: Collection[str]
    checks: Collection[str]
    columns: dict[str, int] = field(default_factory=dict)
    width: int = 0
    seen: dict[tuple[str, str], int] = field(default_factory=dict)
    unknown: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    unlisted: int = 0

    def report(self, rule: Rule, line: int, column: int, message: str, key: str) -> None:
        """Add an error of this file (every problem a results file has is an error).

        ``key`` says what the problem is about (a column, a row's content), never its line or
        wording, so a waiver keeps matching when rows move or a message is reworded.
        """
        self.keep(
            Finding(
                rule,
                Severity.ERROR,
                self.results.file,
                line,
                column,
                message,
                key=key,
                site=self.results.site,
            )
        )

    def keep(self, finding: Finding) -> None:
        """List a finding, or count it once MAX_LISTED are listed."""
        if len(self.results.findings) >= MAX_LISTED:
            self.unlisted += 1
            return
        self.results.findings.append(finding)


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
        reader = _Reader(results, measures, checks)
        reader.report(Rule.RESULTS_SYNTAX, cut_line, 1, message, key="too-large")
    return results


def read_results(
    data: bytes, file: str, site: str | None, measures: Collection[str], checks: Collection[str]
) -> Results:
    """Parse results CSV bytes; ``measures`` and ``checks`` are the spec's ids."""
    reader = _Reader(Results(file, site), measures, checks)
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
        _unknown(measure, found, reader)
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


def _read_rows(lines: list[str], start: int, delimiter: str, reader: _Reader) -> None:
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
            _row(record, reader)
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
        _row(Record(i, cells, None), reader)


def _decode(data: bytes, reader: _Reader) -> str:
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


def _header(lines: list[str], reader: _Reader) -> int | None:
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


def _row(record: Record, reader: _Reader) -> None:
    """Check one record and keep it when nothing is wrong with it."""
    reader.results.records += 1
    if record.error:
        reader.report(Rule.RESULTS_SYNTAX, record.line, 1, record.error, _content(record))
        return
    cells = record.cells
    if len(cells) > reader.width:
        _too_many(record, reader)
        return
    if len(cells) < reader.width:
        # Trailing optional cells may be left off; a required one left off is reported empty.
        cells.extend([""] * (reader.width - len(cells)))
    measure = _measure(record, reader)
    period = _period(record, reader)
    value = _value(record, reader, measure)
    if measure is None or period is None or value is None:
        return
    _keep(record, reader, measure, period, value)


def _too_many(record: Record, reader: _Reader) -> None:
    value_at = reader.columns["value"]
    cells = record.cells
    split_number = (
        value_at + 1 < len(cells)
        and cells[value_at].strip().lstrip("-").isdigit()
        and cells[value_at + 1].strip().isdigit()
    )
    line, column = record.where(reader.width)
    if split_number:
        joined = f"{cells[value_at].strip()},{cells[value_at + 1].strip()}"
        message = (
            f"value {shorten(joined)} is split in two by a comma: write numbers with a "
            "decimal point and no thousands separator (e.g. 1234.5)"
        )
        line, column = record.where(value_at)
    else:
        message = f"the row has {len(cells)} cells; the header has {reader.width}"
    reader.report(Rule.RESULTS_SYNTAX, line, column, message, _content(record))


def _content(record: Record, column: str = "row") -> str:
    """What a finding on a record is about: the column and the record's own text."""
    return f"{column}:{','.join(cell.strip() for cell in record.cells)}"


def _at(
    record: Record, reader: _Reader, name: str, rule: Rule, message: str, key: str = ""
) -> None:
    """Report an error at the start of one named cell of a record."""
    line, column = record.where(reader.columns[name])
    found = Finding(
        rule,
        Severity.ERROR,
        reader.results.file,
        line,
        column,
        message,
        key=key or _content(record, name),
        site=reader.results.site,
    )
    reader.keep(found)


def _measure(record: Record, reader: _Reader) -> str | None:
    text = record.cells[reader.columns["measure"]].strip()
    if text in reader.measures:
        return text
    if text.startswith(FIDELITY) and text[len(FIDELITY) :] in reader.checks:
        return text
    if not text:
        _at(record, reader, "measure", Rule.RESULTS_SYNTAX, "measure is empty")
    else:
        reader.unknown.setdefault(text, []).append(record.where(reader.columns["measure"]))
    return None


def _unknown(measure: str, where: list[tuple[int, int]], reader: _Reader) -> None:
    if measure.startswith(FIDELITY):
        what = "fidelity check"
        hint = did_you_mean(measure[len(FIDELITY) :], reader.checks)
        hint = hint.replace("'", f"'{FIDELITY}", 1) if hint else ""
    else:
        what, hint = "measure", did_you_mean(measure, reader.measures)
    rows = "1 row" if len(where) == 1 else f"{len(where)} rows"
    line, column = where[0]
    message = (
        f"unknown {what} {shorten(measure)} ({rows} from line {line}, not used): the spec "
        f"has no such id{hint}"
    )
    finding = unknown_target(
        reader.results.file,
        (line, column),
        message,
        key=f"results:{measure}",
        site=reader.results.site,
        target=measure,
    )
    reader.results.findings.append(finding)


def _period(record: Record, reader: _Reader) -> tuple[str, Granularity] | None:
    text = record.cells[reader.columns["period"]].strip()
    granularity = parse_period(text)
    if granularity is None:
        shown = shorten(text) if text else "is empty:"
        message = (
            f"period {shown} is not a month (YYYY-MM), an ISO week (YYYY-Www) or a day "
            f"(YYYY-MM-DD){period_hint(text)}"
        )
        _at(record, reader, "period", Rule.RESULTS_SYNTAX, message)
        return None
    return text, granularity


def _value(record: Record, reader: _Reader, measure: str | None) -> float | None:
    value, problem = parse_number(record.cells[reader.columns["value"]].strip(), "value")
    if value is None:
        _at(record, reader, "value", Rule.RESULTS_SYNTAX, problem)
        return None
    at = reader.columns.get("denominator")
    text = record.cells[at].strip() if at is not None else ""
    if text:
        denominator, problem = parse_number(text, "denominator")
        if denominator is not None and denominator <= 0:
            problem = f"denominator {text} is not positive: leave it blank for none"
        if denominator is None or denominator <= 0:
            _at(record, reader, "denominator", Rule.RESULTS_SYNTAX, problem)
            return None
        value /= denominator
    if measure and measure.startswith(FIDELITY) and not 0 <= value <= 1:
        message = f"{measure}: {number(value)} is not a share between 0 and 1"
        _at(record, reader, "value", Rule.RESULTS_SYNTAX, message)
        return None
    return value


def _keep(
    record: Record, reader: _Reader, measure: str, period: tuple[str, Granularity], value: float
) -> None:
    """Keep a good row unless it repeats a period or changes the measure's granularity."""
    results = reader.results
    text, granularity = period
    earlier = reader.seen.get((measure, text))
    if earlier is not None:
        message = f"{measure} {text} is given twice (first on line {earlier}): this row is left out"
        _at(record, reader, "period", Rule.RESULTS_DUPLICATE, message, f"{measure}@{text}")
        return
    first = results.granularity.setdefault(measure, granularity)
    if first is not granularity:
        message = (
            f"{measure}: {text} is a {granularity.value}, but this measure is reported by "
            f"{first.value} from line {results.first_line[measure]}; this row is left out"
        )
        _at(record, reader, "period", Rule.RESULTS_GRANULARITY, message, f"{measure}@{text}")
        return
    reader.seen[(measure, text)] = record.line
    if measure not in results.first_line:
        results.first_line[measure] = record.line
        results.rows[measure] = []
    at = reader.columns.get("note")
    note = record.cells[at].strip() if at is not None else ""
    results.rows[measure].append(Row(text, value, note or None, record.line))
