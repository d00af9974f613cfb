"""Refusing deep nesting before a YAML document is composed.

ruamel's C composer recurses once per level of nesting and overflows the C stack at some
thousands of levels, which kills the process (exit 139) before any Python check can run.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ruamel.yaml import YAML

MAX_DEPTH = 64


@functools.lru_cache(maxsize=1)
def _parser() -> YAML:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=False)


# The leading run of a line that can open block collections: indentation, then a document
# marker, compact indicators (- ? :) and node properties (&anchor, !tag), each followed by
# spaces or tabs.
_LEADING = re.compile(r"(?:(?<=[\n\r\x85\u2028\u2029])|\A) *(?:(?:---|[-?:]|[&!]\S*)(?:[ \t]+|$))*")


def deep_nesting(text: str) -> tuple[int, int] | None:
    """Where collections nest deeper than the limit, found before composing; else None.

    ruamel's C composer recurses once per level and overflows the C stack at some thousands
    of levels, killing the process. A cheap upper bound (block collections nest at most twice
    per column; each flow collection needs its own bracket) clears ordinary files at once;
    above it, the parser's events, which use no recursion, count the real depth.
    """
    if not text:
        return None
    column = max(map(len, _LEADING.findall(text)))
    if 2 * (column + 1) + text.count("[") + text.count("{") <= MAX_DEPTH + 1:
        return None
    from ruamel.yaml.error import YAMLError

    depth = 0
    try:
        for event in _parser().parse(text):
            name = event.__class__.__name__
            if name in ("SequenceStartEvent", "MappingStartEvent"):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    return (event.start_mark.line + 1, event.start_mark.column + 1)
            elif name in ("SequenceEndEvent", "MappingEndEvent"):
                depth -= 1
    except YAMLError:
        return None  # composing reports the syntax error, found before any deep nesting
    return None
