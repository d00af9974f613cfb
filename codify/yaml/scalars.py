"""YAML 1.2 core-schema scalars: what kind a plain scalar is, and its value."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from ruamel.yaml.resolver import implicit_resolvers

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# YAML 1.2 core-schema resolution of plain scalars, done by us from ruamel's own table: its
# versioned resolver, called back from the C composer for every node, costs more than parsing.
IMPLICIT: dict[str, list[tuple[str, Any]]] = {}
for _versions, _tag, _regexp, _firsts in implicit_resolvers:
    if (1, 2) in _versions:
        for _first in _firsts:
            IMPLICIT.setdefault(_first, []).append((_tag[len("tag:yaml.org,2002:") :], _regexp))


def plain_kind(text: str) -> str:
    """The YAML 1.2 core-schema kind of a plain scalar: str, int, float, bool, null, timestamp."""
    for tag, regexp in IMPLICIT.get(text[:1], ()) if text else IMPLICIT.get("", ()):
        if regexp.match(text):
            return tag
    return "str"


def to_int(text: str) -> int:
    """A YAML integer (decimal, 0x, 0o, underscores)."""
    clean = text.replace("_", "")
    try:
        return int(clean, 0)
    except ValueError:
        return int(clean, 10)


def to_float(text: str) -> float:
    """A YAML float, infinities and NaN included."""
    clean = text.replace("_", "").lower()
    if clean in (".inf", "+.inf"):
        return math.inf
    if clean == "-.inf":
        return -math.inf
    if clean == ".nan":
        return math.nan
    return float(clean)


def to_time(text: str) -> date | datetime:
    """A YAML date or timestamp."""
    if DATE.match(text):
        return date.fromisoformat(text)
    return datetime.fromisoformat(text.replace(" ", "T", 1).replace("t", "T"))
