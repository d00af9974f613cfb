"""A results file's rows: each record checked cell by cell, kept when usable, else a finding."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from codify.findings import Finding
from codify.results.csvcells import Record, parse_number
from codify.results.periods import Granularity, parse_period, period_hint
from codify.rules.site import unknown_target
from codify.text import did_you_mean, number, shorten
from codify.vocab import Rule, Severity

MAX_LISTED = 200
"""Findings listed per file; the rest are counted in one finding."""
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
class Reader:
    """The state of reading one results file: its columns, what it has seen, its findings."""

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


def check_row(record: Record, reader: Reader) -> None:
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


def _too_many(record: Record, reader: Reader) -> None:
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


def _at(record: Record, reader: Reader, name: str, rule: Rule, message: str, key: str = "") -> None:
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


def _measure(record: Record, reader: Reader) -> str | None:
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


def report_unknown(measure: str, where: list[tuple[int, int]], reader: Reader) -> None:
    """One ``unknown-target`` for a measure the spec lacks, wherever the file names it."""
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


def _period(record: Record, reader: Reader) -> tuple[str, Granularity] | None:
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


def _value(record: Record, reader: Reader, measure: str | None) -> float | None:
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
    record: Record, reader: Reader, measure: str, period: tuple[str, Granularity], value: float
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
