"""Splitting CSV text into records whose cells know their line and column."""

from __future__ import annotations

import re
from dataclasses import dataclass

from codify.text import shorten

NUMBER = re.compile(r"-?\d+(\.\d+)?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")
_THOUSANDS = re.compile(r"-?\d{1,3}([, \u00a0']\d{3})+(\.\d+)?")


@dataclass(slots=True)
class Record:
    """One CSV record: its cells, where it starts, and where each cell starts."""

    line: int
    cells: list[str]
    positions: list[tuple[int, int]] | None
    """(line, column) of every cell; None on the fast path, where all sit on ``line``."""
    error: str | None = None

    def where(self, index: int) -> tuple[int, int]:
        """The line and 1-based column where cell ``index`` starts."""
        if self.positions is not None:
            return self.positions[min(index, len(self.positions) - 1)]
        column = 1 + sum(len(cell) + 1 for cell in self.cells[:index])
        return self.line, column


def quoted_record(lines: list[str], i: int, delimiter: str) -> tuple[Record, int]:
    """A record with quotes, which may run over several lines (RFC 4180)."""
    first = i
    cells: list[str] = []
    positions: list[tuple[int, int]] = []
    cell: list[str] = []
    quoted = False
    col = 0
    text = lines[i]
    positions.append((i + 1, 1))
    while True:
        if col >= len(text):
            if not quoted:
                break
            i += 1
            if i >= len(lines):
                cells.append("".join(cell))
                error = f"a quote opened on line {first + 1} is never closed"
                return Record(first + 1, cells, positions, error), i
            cell.append("\n")
            text, col = lines[i], 0
            continue
        char = text[col]
        if quoted:
            if char == '"' and col + 1 < len(text) and text[col + 1] == '"':
                cell.append('"')
                col += 1
            elif char == '"':
                quoted = False
            else:
                cell.append(char)
        elif char == '"':
            quoted = True
        elif char == delimiter:
            cells.append("".join(cell))
            cell = []
            positions.append((i + 1, col + 2))
        else:
            cell.append(char)
        col += 1
    cells.append("".join(cell))
    return Record(first + 1, cells, positions), i + 1


def parse_number(text: str, name: str) -> tuple[float | None, str]:
    """A number as FORMAT.md writes it, or None and why not."""
    if NUMBER.fullmatch(text):
        return float(text), ""
    if not text:
        return None, f"{name} is empty"
    if _THOUSANDS.fullmatch(text):
        if "," in text and text.count(",") == 1 and "." not in text:
            return None, (
                f"{name} {shorten(text)} has a comma: write {text.replace(',', '.')} for a "
                f"decimal or {text.replace(',', '')} for a whole number"
            )
        fixed = re.sub(r"[, \u00a0']", "", text)
        return None, f"{name} {shorten(text)} has a thousands separator: write {fixed}"
    if _DECIMAL_COMMA.fullmatch(text):
        fixed = text.replace(",", ".")
        return None, f"{name} {shorten(text)} has a decimal comma: write {fixed}"
    return None, f"{name} {shorten(text)} is not a number (digits with a decimal point, e.g. 48.5)"


def delimiter_of(header: str) -> str:
    """The delimiter a header row uses: a comma, else a semicolon or a tab."""
    if "," in header:
        return ","
    for other in (";", "\t"):
        if other in header:
            return other
    return ","
