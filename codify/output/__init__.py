"""Reporters: one registry that turns findings, reviews and results into text for people or tools.

Every printable result goes through :func:`report`, chosen by subject and format name. Reporters
are named as ``module:function`` and imported on first use, so a command pays only for the
format it prints (the HTML ones import Jinja; the text ones import nothing heavy).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codify.errors import UsageError
from codify.vocab import OutputFormat, ReviewFormat


@dataclass(frozen=True)
class ReportOptions:
    """What a reporter may need besides the data: colour, counts, templates, extra JSON keys."""

    colour: bool = False
    checked: int = 0
    templates: Path | None = None
    root: Path | None = None
    hide_info: bool = False
    extra: Mapping[str, object] = field(default_factory=dict)


Reporter = Callable[[Any, ReportOptions], str]

REPORTERS: dict[str, dict[str, str]] = {
    "findings": {
        OutputFormat.TEXT: "codify.output.findings:findings_text",
        OutputFormat.JSON: "codify.output.findings:findings_json",
        OutputFormat.MARKDOWN: "codify.output.findings:findings_markdown",
        OutputFormat.GITHUB: "codify.output.findings:findings_github",
    },
    "review": {
        ReviewFormat.TEXT: "codify.output.review:review_text",
        ReviewFormat.JSON: "codify.output.review:review_json",
        ReviewFormat.MARKDOWN: "codify.output.review:review_markdown",
        ReviewFormat.HTML: "codify.render.network:review_html",
    },
}


def formats(subject: str) -> list[str]:
    """The format names a subject can be printed in."""
    return list(REPORTERS[subject])


def reporter(subject: str, fmt: str) -> Reporter:
    """The reporter for a subject in a format; a usage error for a pair that does not exist."""
    known = REPORTERS.get(subject, {})
    if fmt not in known:
        raise UsageError(f"{subject} cannot be printed as {fmt!r}; formats: {', '.join(known)}")
    module, name = known[fmt].split(":")
    func: Reporter = getattr(importlib.import_module(module), name)
    return func


def report(subject: str, fmt: str, data: Any, options: ReportOptions | None = None) -> str:
    """Print ``data`` (findings, a review, results) as ``fmt``."""
    return reporter(subject, fmt)(data, options or ReportOptions())
