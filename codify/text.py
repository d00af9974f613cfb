"""Small text helpers for user-facing messages."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

# C0 and C1 controls (but tab and newline), DEL, and the bidirectional overrides that can make
# a terminal or an editor show text other than what it holds.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)


def escape_controls(text: str) -> str:
    """Text safe for a terminal: control characters shown as escapes (ESC as ``\\x1b``)."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1].replace("'", ""), text)


def did_you_mean(word: object, candidates: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest candidate, or an empty string."""
    if not isinstance(word, str):
        return ""
    pool = list(dict.fromkeys(candidates))
    match = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not match:
        lowered = {c.lower(): c for c in pool}
        if word.lower() in lowered:
            match = [lowered[word.lower()]]
    return f"; did you mean '{match[0]}'?" if match else ""


def shorten(value: Any, limit: int = 40) -> str:
    """A value as shown in a message: quoted text, cut short; never a whole large input."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return "'" + text.replace("\n", "\\n") + "'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cut(text: str, limit: int) -> str:
    """Text on one line, cut short with an ellipsis (for a terminal line; print shows it whole)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def either(options: list[str]) -> str:
    """Alternatives as a reader lists them: "a; b; or c" (an option may hold a comma)."""
    if len(options) <= 1:
        return "".join(options)
    return "; ".join(options[:-1]) + "; or " + options[-1]


def type_name(value: Any) -> str:
    """What a YAML value is, in a user's words."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, date):
        return "a date and time" if isinstance(value, datetime) else "a date"
    return type(value).__name__


def number(value: float) -> str:
    """A number without a needless ``.0``."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def join_values(values: Iterable[object]) -> str:
    """``a, b, c`` for a list of allowed values."""
    return ", ".join(str(v) for v in values)


def md_cell(text: str) -> str:
    """Text made safe for one cell of a Markdown table: pipes escaped, one line, no markup."""
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]*>")
_MARKS = re.compile(r"[*_`#>]+")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])")
_ABBREVIATIONS = {
    "e.g.",
    "i.e.",
    "etc.",
    "cf.",
    "vs.",
    "approx.",
    "no.",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
}


def plain_text(text: str | None) -> str:
    """Markdown reduced to its words: no images, link targets, tags or emphasis marks."""
    text = _IMAGE.sub("", text or "")
    text = _LINK.sub(r"\1", text)
    text = _MARKS.sub("", _TAG.sub("", text))
    return " ".join(text.split())


def first_sentence(text: str) -> str:
    """The first sentence of plain text (all of it when it has one), ending in a full stop; an
    abbreviation such as "e.g." does not end it."""
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()]
        if before.rsplit(maxsplit=1)[-1].lower() not in _ABBREVIATIONS:
            text = before
            break
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."
