"""Editing YAML as text, a few lines at a time, so everything else stays byte for byte.

ruamel.yaml's round-trip loader tells where each key and value starts; these helpers replace a
scalar's characters or insert and replace whole lines there. Dumping the round-trip data again
would re-indent, re-wrap and re-quote parts the user never touched, so ``decide`` and
``propose-release`` splice text instead, the way ``upgrade`` does.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from codify.errors import UsageError

# Plain scalars that YAML would read as something other than the text itself.
_RESERVED = re.compile(r"(?i)(y|n|yes|no|on|off|true|false|null)|.*(:\s|\s#|:$|\s$).*")
# Starting with a letter, a block-context plain scalar may hold any other printable character.
_PLAIN = re.compile(r"^[A-Za-z][^\n\r\t]*$")


def load_round_trip(text: str) -> Any:
    """The round-trip data of a YAML text, whose containers know their lines and columns."""
    try:
        return YAML(typ="rt").load(io.StringIO(text))
    except YAMLError as exc:
        raise UsageError(f"cannot read the file as YAML: {str(exc).splitlines()[0]}") from None


def _escaped(ch: str) -> str | None:
    # YAML refuses C0 and C1 controls, DEL, surrogates and a few others even inside quotes.
    code = ord(ch)
    named = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    if ch in named:
        return named[ch]
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"\\x{code:02x}"
    if ch in "\u2028\u2029\ufeff" or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
        return f"\\u{code:04x}"
    return None


def scalar(value: str) -> str:
    """A text value written as YAML: plain when that reads back the same, else double-quoted."""
    special = [_escaped(ch) for ch in value]
    if _PLAIN.match(value) and not _RESERVED.fullmatch(value) and not any(special):
        return value
    return '"' + "".join(s or ch for s, ch in zip(special, value, strict=True)) + '"'


def newline_of(text: str) -> str:
    """The line ending the file uses."""
    return "\r\n" if "\r\n" in text else "\n"


def indent_of(line: str) -> int:
    """How many spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def block_end(lines: list[str], start: int, column: int, dash_ok: bool = False) -> int:
    """The index after the last line of the block whose key or dash is at ``column`` on ``start``.

    The block is every following line indented deeper (with ``dash_ok``, also ``- `` items at the
    same column: YAML's indentless sequence under a key); blank and comment lines count only when
    more of the block follows them.
    """
    last = start
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not _content(line):
            continue
        deeper = indent_of(line) > column
        same_dash = dash_ok and indent_of(line) == column and line.lstrip(" ").startswith("-")
        if not (deeper or same_dash):
            break
        last = i
    return last + 1


def value_span(text: str, line: int, col: int) -> tuple[int, int, str]:
    """Start, end and quote character of the scalar that starts at line/col (0-based)."""
    offsets = [0]
    for chunk in text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(chunk))
    start = offsets[line] + col
    quote = text[start] if text[start] in "\"'" else ""
    if quote:
        end = text.index(quote, start + 1) + 1
        while quote == "'" and text.startswith("''", end - 1) and end < len(text):
            end = text.index(quote, end + 1) + 1  # '' is an escaped quote inside '...'
    else:
        end = start
        while end < len(text) and text[end] not in " \t\r\n#,}]":
            end += 1
    return start, end, quote


def replace_in_line(lines: list[str], line: int, col: int, new: str) -> None:
    """Replace the scalar starting at line/col (0-based) with ``new``, keeping its quotes."""
    text = lines[line]
    start, end, quote = value_span(text, 0, col)
    lines[line] = text[:start] + f"{quote}{new}{quote}" + text[end:]


def ensure_final_newline(lines: list[str], newline: str) -> None:
    """Give the last line an ending, so lines can be appended after it."""
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline


def refuse_flow(node: Any, what: str) -> None:
    """Refuse to edit inside a flow-style ``{...}`` or ``[...]`` container."""
    fa = getattr(node, "fa", None)
    if fa is not None and fa.flow_style():
        raise UsageError(
            f"{what} is written in flow style ({{...}} or [...]); write it as a block to let "
            "codify edit it"
        )
