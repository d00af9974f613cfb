"""Reporters: findings as text, JSON, Markdown or GitHub workflow annotations."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from codify import __version__
from codify.findings import Finding, summarise
from codify.text import escape_controls, md_cell
from codify.vocab import OutputFormat, Severity

if TYPE_CHECKING:
    from codify.output import ReportOptions

Format = OutputFormat
"""Output formats of validate and diff (the vocabulary's ``OutputFormat``)."""


_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def use_colour(isatty: bool) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return isatty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _group_key(f: Finding) -> tuple[str, str]:
    return (f.file, f.site or "")


def _ordered(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-f.severity.rank, f.line, f.column, f.rule.value))


def _groups(findings: Sequence[Finding]) -> dict[tuple[str, str], list[Finding]]:
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in sorted(findings, key=_group_key):
        groups.setdefault(_group_key(f), []).append(f)
    return groups


def _counts(findings: Sequence[Finding], hide_info: bool = False) -> str:
    """Counts of everything found, saying how many are waived and how many are not shown."""
    counts = summarise(findings)
    parts = [
        f"{counts[s.value]} {s.value}{'s' if counts[s.value] != 1 and s != Severity.INFO else ''}"
        for s in Severity
    ]
    notes = []
    waived = sum(1 for f in findings if f.waived is not None)
    if waived:
        notes.append(f"{waived} waived")
    if hide_info and counts[Severity.INFO.value]:
        notes.append(f"{counts[Severity.INFO.value]} info not shown")
    return ", ".join(parts) + (f" ({'; '.join(notes)})" if notes else "")


def shown(findings: Sequence[Finding], hide_info: bool) -> list[Finding]:
    """The findings a report lists: all, or all but info ones with ``hide_info``."""
    return [f for f in findings if not (hide_info and f.severity is Severity.INFO)]


def render_text(
    findings: Sequence[Finding],
    *,
    colour: bool = False,
    checked: int = 0,
    hide_info: bool = False,
) -> str:
    """Findings grouped by file and site, errors first, one summary line each and a total."""

    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if colour else text

    lines: list[str] = []
    clean = escape_controls  # user text never reaches the terminal raw, colour or not
    everything = _groups(findings)
    for (file, site), group in _groups(shown(findings, hide_info)).items():
        title = clean(f"{file}" + (f" (site {site})" if site else ""))
        lines.append(paint(title, "1"))
        for f in _ordered(group):
            sev = paint(f"{f.severity.value:<7}", _COLOURS[f.severity])
            extra = f" [waived: {clean(f.waived)}]" if f.waived is not None else ""
            first, *rest = clean(f.message).splitlines() or [""]
            lines.append(f"  {f.line}:{f.column}  {sev}  {f.rule.value}  {first}{extra}")
            lines.extend(f"      {r}" for r in rest)
            lines.extend(f"      - {clean(d)}" for d in f.details)
        lines.append(f"  {clean(site or file)}: {_counts(everything[(file, site)], hide_info)}")
        lines.append("")
    total = f"total: {_counts(findings, hide_info)}"
    if checked:
        total += f" in {checked} file{'s' if checked != 1 else ''}"
    lines.append(paint(total, "1"))
    return "\n".join(lines) + "\n"


def dump_json(body: dict[str, object]) -> str:
    """A JSON object with one list item (or one mapping entry) per line.

    Readable, easy to diff, and written by json's C encoder, which an indented dump cannot use:
    thousands of findings would take seconds.
    """

    def one(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    parts = []
    for key, value in body.items():
        if isinstance(value, list) and value:
            inner = ",\n    ".join(one(item) for item in value)
            parts.append(f"  {one(key)}: [\n    {inner}\n  ]")
        elif (
            isinstance(value, dict)
            and value
            and any(isinstance(v, dict | list) for v in value.values())
        ):
            inner = ",\n    ".join(f"{one(k)}: {one(v)}" for k, v in value.items())
            parts.append(f"  {one(key)}: {{\n    {inner}\n  }}")
        else:
            parts.append(f"  {one(key)}: {one(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def render_json(findings: Sequence[Finding], *, hide_info: bool = False, **extra: object) -> str:
    """FORMAT.md's JSON object: codify version, findings, summary (plus any extra keys).

    The summary counts every finding; with ``hide_info``, ``hidden`` says how many are left out.
    """
    listed = shown(findings, hide_info)
    body: dict[str, object] = {
        "codify": __version__,
        **extra,
        "findings": [f.as_json() for f in listed],
        "summary": summarise(findings),
    }
    if hide_info:
        body["hidden"] = {Severity.INFO.value: len(findings) - len(listed)}
    return dump_json(body)


def render_markdown(
    findings: Sequence[Finding], title: str = "codify findings", *, hide_info: bool = False
) -> str:
    """A Markdown report ready to paste into a pull-request review."""
    icons = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
    out = [f"## {title}", "", f"**{_counts(findings, hide_info)}**", ""]
    for (file, site), group in _groups(shown(findings, hide_info)).items():
        out.append(f"### {'Site `' + site + '` — ' if site else ''}`{file}`")
        out.append("")
        out.append("| | rule | where | finding |")
        out.append("|---|---|---|---|")
        for f in _ordered(group):
            note = f" _(waived: {md_cell(f.waived)})_" if f.waived is not None else ""
            out.append(
                f"| {icons[f.severity]} {f.severity.value} | `{f.rule.value}` | "
                f"line {f.line} | {md_cell(f.message)}{note} |"
            )
        out.append("")
    return escape_controls("\n".join(out))


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(findings: Sequence[Finding], *, hide_info: bool = False) -> str:
    """GitHub Actions workflow commands, one annotation per finding."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for f in shown(findings, hide_info):
        sev = "notice" if f.waived is not None else level[f.severity]
        title = _gh_escape(f"codify {f.rule.value}", prop=True)
        lines.append(
            f"::{sev} file={_gh_escape(f.file, True)},line={f.line},col={f.column},"
            f"title={title}::{_gh_escape(f.message)}"
        )
    return escape_controls("\n".join(lines)) + ("\n" if lines else "")


def findings_text(findings: Sequence[Finding], options: ReportOptions) -> str:
    """Registry entry: findings as text."""
    return render_text(
        findings, colour=options.colour, checked=options.checked, hide_info=options.hide_info
    )


def findings_json(findings: Sequence[Finding], options: ReportOptions) -> str:
    """Registry entry: findings as FORMAT.md's JSON object."""
    return render_json(findings, hide_info=options.hide_info, **options.extra)


def findings_markdown(findings: Sequence[Finding], options: ReportOptions) -> str:
    """Registry entry: findings as Markdown."""
    return render_markdown(findings, hide_info=options.hide_info)


def findings_github(findings: Sequence[Finding], options: ReportOptions) -> str:
    """Registry entry: findings as GitHub annotations."""
    return render_github(findings, hide_info=options.hide_info)
