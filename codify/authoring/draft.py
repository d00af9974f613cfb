"""Writing a proposed release into the spec's own text, keeping every comment and blank line.

Each drafted change is a value replaced in place or lines inserted at the end of a block; the
rest of the file is untouched. The draft then gets the next version and a changelog entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from codify.authoring.edit import (
    block_end,
    ensure_final_newline,
    load_round_trip,
    newline_of,
    refuse_flow,
    replace_in_line,
    scalar,
)
from codify.errors import InvalidInputError, UsageError
from codify.models import Innovation
from codify.network.propose import AddOptions, AddToggle, AddVariant, Proposal, WidenRange
from codify.rules.changes import diff_releases
from codify.rules.release import next_version
from codify.text import number
from codify.validate.model import validate_document
from codify.validate.references import check_spec
from codify.vocab import ChangeLevel, Severity
from codify.yaml.document import parse_document


@dataclass
class _Edits:
    """Value replacements and line insertions against the original line numbers."""

    lines: list[str]
    newline: str
    inserts: list[tuple[int, int, list[str]]] = field(default_factory=list)

    def insert(self, at: int, new: list[str]) -> None:
        """Insert lines before line ``at`` (0-based, of the original text)."""
        self.inserts.append((at, len(self.inserts), [ln + self.newline for ln in new]))

    def text(self) -> str:
        """The edited text."""
        lines = list(self.lines)
        ensure_final_newline(lines, self.newline)
        # Bottom-up, and at one place in the order they were asked for.
        for at, _, new in sorted(self.inserts, key=lambda i: (-i[0], -i[1])):
            lines[at:at] = new
        return "".join(lines)


def _item_columns(lines: list[str], seq: Any) -> tuple[int, int]:
    """The dash column and key column of a block sequence's items."""
    line, col = seq.lc.item(0)
    before = lines[line][:col].rstrip()
    dash = len(before) - 1 if before.endswith("-") else max(col - 2, 0)
    return dash, col


@dataclass(frozen=True)
class _Parent:
    """A mapping to add a list to, with where its block ends and the column of its keys."""

    node: Any
    end: int
    column: int


def _append_item(e: _Edits, parent: _Parent, key: str, item: list[str]) -> None:
    """Append a mapping item to the list at ``key``; start the list when it is absent."""
    node = parent.node
    if node.get(key):
        seq = node[key]
        refuse_flow(seq, f"'{key}'")
        dash, col = _item_columns(e.lines, seq)
        key_line, key_col = node.lc.key(key)
        end = block_end(e.lines, key_line, key_col, dash_ok=True)
        e.insert(end, [" " * dash + "- " + item[0]] + [" " * col + ln for ln in item[1:]])
        return
    if key in node:
        raise UsageError(f"'{key}' is an empty list; remove it or add an entry by hand")
    refuse_flow(node, f"the mapping that gets '{key}'")
    pad = " " * parent.column
    lines = [f"{pad}{key}:", f"{pad}  - {item[0]}"] + [f"{pad}    {ln}" for ln in item[1:]]
    e.insert(parent.end, lines)


def _find(e: _Edits, data: Any, section: str, ident: str) -> _Parent:
    """The item with id ``ident`` of a top-level list, and where its block ends."""
    seq = data[section]
    refuse_flow(seq, f"'{section}'")
    index = next(i for i, item in enumerate(seq) if item.get("id") == ident)
    node = seq[index]
    line, col = seq.lc.item(index)
    before = e.lines[line][:col].rstrip()
    dash = len(before) - 1 if before.endswith("-") else col
    return _Parent(node, block_end(e.lines, line, dash), col)


def _widen(e: _Edits, parent: _Parent, change: WidenRange) -> None:
    for key, value in (("min", change.low), ("max", change.high)):
        if key in parent.node and value is not None and parent.node[key] != value:
            line, col = parent.node.lc.value(key)
            replace_in_line(e.lines, line, col, number(value))


def write_draft(text: str, proposal: Proposal, today: date) -> tuple[str, str]:
    """The spec's text with the proposal's changes, the next version and a changelog entry."""
    data = load_round_trip(text)
    e = _Edits(text.splitlines(keepends=True), newline_of(text))
    root = _Parent(data, len(e.lines), 0)
    version = next_version(proposal.spec.version, ChangeLevel.MINOR)
    line, col = data.lc.value("version")
    replace_in_line(e.lines, line, col, version)
    for change in proposal.drafted:
        if isinstance(change, WidenRange):
            _widen(e, _find(e, data, "periphery", change.element), change)
        elif isinstance(change, AddOptions):
            parent = _find(e, data, "periphery", change.element)
            for value in change.values:
                _append_item(e, parent, "options", [f"value: {scalar(value)}"])
        elif isinstance(change, AddVariant):
            parent = _find(e, data, "core", change.core)
            form = f"form: {scalar(change.form)}"
            _append_item(e, parent, "variants", [f"id: {change.variant}", form])
        else:
            _append_item(e, root, "periphery", _toggle_lines(change))
    entry = [f"version: {scalar(version)}", f"date: {today.isoformat()}", "changes:"]
    entry += [f"  - {scalar(c.text)}" for c in proposal.drafted]
    _append_item(e, root, "changelog", entry)
    return e.text(), version


def _toggle_lines(change: AddToggle) -> list[str]:
    return [
        f"id: {change.element}",
        f"name: {scalar(change.name)}",
        "serves: TODO",
        "kind: toggle",
        "default: false",
        f"guidance: {scalar(change.guidance)}",
    ]


def check_draft(text: str, spec: Innovation, version: str, file: str) -> None:
    """Refuse a draft that does not validate or whose changes need more than its version."""
    doc, problems = parse_document(text, file)
    model: Innovation | None = None
    if doc is not None and not problems:
        model, problems = validate_document(doc, Innovation)
        problems = problems + check_spec(doc)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if model is None or errors:
        raise InvalidInputError("the draft would not be valid; nothing was written", errors)
    needed = diff_releases(spec, model).needed
    if needed is not None and needed.rank > ChangeLevel.MINOR.rank:
        raise UsageError(f"the draft's changes need a {needed.value} release; nothing was written")
