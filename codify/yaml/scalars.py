"""YAML scalars: resolving plain text to a YAML 1.2 type, and constructing the value.

Resolution uses ruamel.yaml's own table and constructs values as its safe loader does (the
timestamp forms included), so that codify reads every document ruamel accepts the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.resolver import implicit_resolvers
from ruamel.yaml.util import create_timestamp

CORE = "tag:yaml.org,2002:"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# YAML 1.2 core-schema resolution of plain scalars, done by us from ruamel's own table: its
# versioned resolver, called back from the C composer for every node, costs more than parsing.
IMPLICIT: dict[str, list[tuple[str, Any]]] = {}
for _versions, _tag, _regexp, _firsts in implicit_resolvers:
    if (1, 2) in _versions:
        for _first in _firsts:
            IMPLICIT.setdefault(_first, []).append((_tag[len("tag:yaml.org,2002:") :], _regexp))


def plain_kind(text: str) -> str:
    """The YAML 1.2 core-schema type of a plain scalar: str, int, float, bool, null..."""
    for tag, regexp in IMPLICIT.get(text[:1], ()) if text else IMPLICIT.get("", ()):
        if regexp.match(text):
            return tag
    return "str"


HINTS = {
    "bool": " (write true or false)",
    "timestamp": " (a real date, YYYY-MM-DD, optionally with a time)",
}


def unsupported(tag: str) -> str:
    """The message for a tag codify does not construct."""
    shown = "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag
    return f"unsupported tag {shown[:60]}; codify reads plain YAML only and constructs no objects"


def _to_int(text: str) -> int:
    clean = text.replace("_", "")
    try:
        return int(clean, 0)
    except ValueError:
        return int(clean, 10)


def _to_float(text: str) -> float:
    clean = text.replace("_", "").lower()
    if clean in (".inf", "+.inf"):
        return math.inf
    if clean == "-.inf":
        return -math.inf
    if clean == ".nan":
        return math.nan
    return float(clean)


def _to_bool(text: str) -> bool:
    # Plain scalars reach here only as YAML 1.2's true/false; an explicit !!bool may also be
    # written yes/no/on/off, as ruamel reads it. Anything else is refused, never read as false.
    value = _BOOLS.get(text.lower())
    if value is None:
        raise ValueError(text)
    return value


_BOOLS = {"true": True, "false": False, "yes": True, "no": False, "on": True, "off": False}
_BOOLS.update(y=True, n=False)


def _to_time(text: str) -> date | datetime:
    # Every form YAML's timestamp type allows, read as ruamel reads it ("2001-12-14 21:59:43.10
    # -5", "2001-12-14t21:59:43.10-05:00"); an impossible date (2023-02-30) is a ValueError.
    if _DATE.match(text):
        return date.fromisoformat(text)
    match = SafeConstructor.timestamp_regexp.match(text)
    if match is None:
        raise ValueError(text)
    value: date | datetime = create_timestamp(**match.groupdict())
    return value


CONSTRUCTORS: dict[str, Callable[[str], Any]] = {
    "str": str,
    "null": lambda text: None,
    "bool": _to_bool,
    "int": _to_int,
    "float": _to_float,
    "timestamp": _to_time,
}
"""How each YAML type codify reads is built from its text (a ValueError when it cannot be)."""
