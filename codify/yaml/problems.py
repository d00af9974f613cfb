"""A YAML file's problems as findings: bytes that are not UTF-8, a file too large, bad syntax."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from codify.files import FileTooLarge, read_bytes
from codify.findings import Finding
from codify.vocab import Rule, Severity

if TYPE_CHECKING:
    from ruamel.yaml.error import MarkedYAMLError

MAX_FILE_BYTES = 64 * 1024 * 1024


def yaml_finding(file: str, line: int, column: int, message: str, key: str = "") -> Finding:
    """A ``yaml-syntax`` error at a position."""
    return Finding(Rule.YAML_SYNTAX, Severity.ERROR, file, line, column, message, key=key)


def read_text(path: Path, file: str) -> tuple[str | None, list[Finding]]:
    """Read a file as UTF-8, turning bad bytes and excess size into a finding."""
    try:
        raw = read_bytes(path, MAX_FILE_BYTES, file)
    except FileTooLarge:
        msg = f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, the most codify reads"
        return None, [yaml_finding(file, 1, 1, msg)]
    return decode_utf8(raw, file)


def decode_utf8(raw: bytes, file: str) -> tuple[str | None, list[Finding]]:
    """Bytes as UTF-8 text (a BOM dropped), or a finding at the first byte that is not."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        msg = f"not UTF-8 text: byte 0x{bad} cannot be decoded; save the file as UTF-8"
        return None, [yaml_finding(file, line, column, msg)]


def first_line(text: str) -> str:
    """The first line of an error's text."""
    return text.strip().splitlines()[0] if text.strip() else "unreadable YAML"


def syntax_finding(file: str, text: str, exc: MarkedYAMLError) -> Finding:
    """A syntax error at its line and column, with the line and a caret under the problem."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    col = mark.column + 1 if mark is not None else 1
    problem = exc.problem or exc.context or "invalid YAML"
    started = exc.context_mark
    tab = "tab" in problem
    if (
        exc.context
        and started is not None
        and exc.problem_mark is not None
        and started.line != exc.problem_mark.line
        and not tab
    ):
        what = exc.context.removeprefix("while parsing ").removeprefix("while scanning ")
        what = what.removeprefix("a ").removeprefix("an ")
        problem += f" (the {what} started at line {started.line + 1}, column {started.column + 1})"
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if tab or source[col - 1 : col] == "\t":
        problem += " (YAML does not allow tabs for indentation; use spaces)"
    snippet = source[:200].replace("\t", " ")
    caret = " " * min(col - 1, 200) + "^"
    message = f"{problem}\n    {snippet}\n    {caret}" if snippet.strip() else problem
    return yaml_finding(file, line, col, message)
