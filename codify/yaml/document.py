"""Loading YAML files into plain data while keeping every node's line and column.

The C composer of ruamel.yaml builds a node tree with marks several times faster than the
round-trip loader; we then build the data ourselves so that we keep positions, refuse duplicate
keys, alias bombs, deep nesting and unknown tags, and never construct arbitrary objects.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from codify.errors import UsageError
from codify.findings import Finding
from codify.vocab import Rule, Severity
from codify.yaml.scalars import IMPLICIT, plain_kind, to_float, to_int, to_time

PathKey = tuple[str | int, ...]
Position = tuple[int, int]

MAX_DEPTH = 64
MAX_ALIAS_EXPANSION = 100_000
MAX_FILE_BYTES = 64 * 1024 * 1024
_CORE = "tag:yaml.org,2002:"
PLACEHOLDER = "TODO"

_PLAIN = Tag(suffix="tag:codify,2026:plain")
_QUOTED = Tag(suffix="tag:yaml.org,2002:str")
_SEQ = Tag(suffix="tag:yaml.org,2002:seq")
_MAP = Tag(suffix="tag:yaml.org,2002:map")


class _FastResolver(VersionedResolver):
    """Marks plain scalars for our own resolution; everything else keeps its default tag."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _QUOTED
        return _SEQ if kind is SequenceNode else _MAP


PosNode = tuple[Any, ...]
"""Where a value stands: ``(line, column)`` for a scalar, ``(line, column, items)`` for a list
(items: a list of PosNode) and ``(line, column, keys)`` for a mapping (keys: each key's text ->
``(line, column, PosNode)`` of the key and its value). Plain tuples: cheap to build and to cache."""


@dataclass
class Document:
    """A loaded YAML file: its data, and a tree of positions for finding where any value stands.

    Positions are looked up by walking the tree when a finding needs one, instead of indexing
    every value by path up front: most values never need a position.
    """

    file: str
    data: Any
    root: PosNode | None = None
    placeholders: list[tuple[Position, str]] = field(default_factory=list)
    """Where text still starts with the TODO that init and adapt write, and its key."""

    def _walk(self, path: PathKey) -> tuple[PosNode | None, Position | None, bool]:
        node, key_pos = self.root, None
        for part in path:
            if node is None or len(node) < 3:
                return node, None, False
            items = node[2]
            if isinstance(items, dict):
                hit = items.get(part if isinstance(part, str) else str(part))
                if hit is None:
                    return node, None, False
                key_pos, node = (hit[0], hit[1]), hit[2]
            elif isinstance(part, int) and 0 <= part < len(items):
                key_pos, node = None, items[part]
            else:
                return node, None, False
        return node, key_pos, True

    def where(self, path: PathKey) -> Position:
        """Line and column of the value at ``path``, or of its nearest existing ancestor."""
        node, _, _ = self._walk(path)
        return (node[0], node[1]) if node is not None else (1, 1)

    def key_where(self, path: PathKey) -> Position:
        """Line and column of the key that leads to ``path`` (the value's, for list items)."""
        node, key_pos, found = self._walk(path)
        if found and key_pos is not None:
            return key_pos
        return (node[0], node[1]) if node is not None else (1, 1)


class _Refused(Exception):
    """A document that must not be built further (bomb, nesting, unknown tag)."""

    def __init__(self, message: str, node: Node) -> None:
        super().__init__(message)
        self.node = node


def dotted(path: PathKey) -> str:
    """A data path as users read it: ``core[2].fidelity[0].id``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def yaml_finding(file: str, line: int, column: int, message: str, key: str = "") -> Finding:
    """A ``yaml-syntax`` error at a position."""
    return Finding(Rule.YAML_SYNTAX, Severity.ERROR, file, line, column, message, key=key)


@functools.lru_cache(maxsize=1)
def _cwd() -> Path:
    return Path.cwd().resolve()


def display_path(path: Path) -> str:
    """The path as shown to users: relative to the working folder when it is inside it."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(_cwd()).as_posix()
    except ValueError:
        return path.as_posix()


@functools.lru_cache(maxsize=1)
def _composer() -> YAML:
    # One loader per process: building a YAML object scans for plug-ins on disk each time.
    yaml = YAML(typ="safe", pure=False)
    yaml.Resolver = _FastResolver
    return yaml


def read_text(path: Path, file: str) -> tuple[str | None, list[Finding]]:
    """Read a file as UTF-8, turning bad bytes into a finding instead of an exception."""
    try:
        if path.is_dir():
            raise UsageError(f"{file}: is a folder, not a YAML file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            msg = f"file is {size // (1024 * 1024)} MB; codify reads files up to 64 MB"
            return None, [yaml_finding(file, 1, 1, msg)]
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{file}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{file}: cannot read: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        msg = f"not UTF-8 text: byte 0x{bad} cannot be decoded; save the file as UTF-8"
        return None, [yaml_finding(file, line, column, msg)]


def load_document(path: Path, file: str | None = None) -> tuple[Document | None, list[Finding]]:
    """Load one YAML file; return the document (None when unusable) and its YAML findings.

    A file whose bytes were parsed before comes from the parse cache (see ``codify.yaml.cache``).
    """
    from codify.yaml import cache

    file = file or display_path(path)
    text, findings = read_text(path, file)
    if text is None:
        return None, findings
    key = cache.key(text)
    hit = cache.get(key)
    if hit is not None:
        data, root, placeholders, problems = hit
        found = [yaml_finding(file, *problem) for problem in problems]
        return Document(file, data, root, placeholders), found
    parsed, findings = parse_document(text, file)
    if parsed is not None:
        problems = [(f.line, f.column, f.message, f.key) for f in findings]
        cache.put(key, (parsed.data, parsed.root, parsed.placeholders, problems))
    return parsed, findings


def parse_document(text: str, file: str) -> tuple[Document | None, list[Finding]]:
    """Parse YAML text into a positioned document."""
    try:
        root = _composer().compose(text)
    except MarkedYAMLError as exc:
        return None, [_syntax_finding(file, text, exc)]
    except YAMLError as exc:
        return None, [yaml_finding(file, 1, 1, _first_line(str(exc)))]
    except RecursionError:
        return None, [yaml_finding(file, 1, 1, f"nesting deeper than {MAX_DEPTH} levels")]
    doc = Document(file, None)
    if root is None:
        return doc, []
    builder = _Builder(doc)
    tree: list[PosNode] = []
    try:
        doc.data = builder.build(root, "", 0, tree)
    except _Refused as exc:
        line, col = _pos(exc.node)
        return None, [yaml_finding(file, line, col, str(exc))]
    doc.root = tree[0]
    return doc, builder.findings


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unreadable YAML"


def _syntax_finding(file: str, text: str, exc: MarkedYAMLError) -> Finding:
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


def _pos(node: Node) -> Position:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Builds plain data from composed nodes, refusing what codify must not read."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.findings: list[Finding] = []
        self.sizes: dict[int, int] = {}
        self.count = 0
        self.expanded = 0

    def build(self, node: Node, label: str, depth: int, where: list[PosNode]) -> Any:
        """The plain value of ``node``; its position tree is appended to ``where``."""
        self.count += 1
        mark = node.start_mark
        if node.__class__ is ScalarNode:
            scalar = self._scalar(node)
            where.append((mark.line + 1, mark.column + 1))
            if scalar.__class__ is str and scalar.lstrip()[: len(PLACEHOLDER)] == PLACEHOLDER:
                self.doc.placeholders.append((_pos(node), label))
            return scalar
        if depth > MAX_DEPTH:
            raise _Refused(f"nesting deeper than {MAX_DEPTH} levels", node)
        known = self.sizes.get(id(node))
        if known is not None:
            # An alias: the same node again. Count what expanding it costs before doing so.
            self.expanded += known
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise _Refused(
                    "aliases expand to more than 100,000 values (an alias bomb?); refused", node
                )
        start = self.count
        value: Any
        if isinstance(node, SequenceNode):
            self._check_tag(node, "seq")
            items: list[PosNode] = []
            value = [self.build(item, label, depth + 1, items) for item in node.value]
            where.append((mark.line + 1, mark.column + 1, items))
        elif isinstance(node, MappingNode):
            self._check_tag(node, "map")
            keys: dict[str, tuple[int, int, PosNode]] = {}
            value = self._mapping(node, depth, keys)
            where.append((mark.line + 1, mark.column + 1, keys))
        else:  # pragma: no cover - the composer makes no other nodes
            raise _Refused("unsupported YAML node", node)
        if known is None:
            self.sizes[id(node)] = self.count - start + 1
        return value

    def _mapping(
        self, node: MappingNode, depth: int, keys: dict[str, tuple[int, int, PosNode]]
    ) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        slot: list[PosNode] = []
        lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                raise _Refused("a mapping key must be plain text, not a list or mapping", key_node)
            key = self._scalar(key_node)
            if isinstance(key, float) and math.isnan(key):
                key = "nan"
            mark = key_node.start_mark
            if key in out:
                shown = str(key)[:60]
                self.findings.append(
                    yaml_finding(
                        self.doc.file,
                        mark.line + 1,
                        mark.column + 1,
                        f"duplicate key '{shown}' (first at line {lines[key]}); keep one of them",
                        key=f"dup:{mark.line}:{shown}",
                    )
                )
                continue
            lines[key] = mark.line + 1
            out[key] = self.build(value_node, str(key), depth + 1, slot)
            keys.setdefault(key_node.value, (mark.line + 1, mark.column + 1, slot.pop()))
        return out

    def _check_tag(self, node: Node, kind: str) -> None:
        if node.ctag is _SEQ or node.ctag is _MAP:
            return
        if node.tag not in (_CORE + kind, "!") and node.tag is not None:
            raise _Refused(_unsupported(node.tag), node)

    def _scalar(self, node: ScalarNode) -> Any:
        text: str = node.value
        ctag = node.ctag
        if ctag is _QUOTED:
            return text
        if ctag is _PLAIN:
            if text and text[0] not in IMPLICIT:
                return text
            tag = ""
            kind: str | None = plain_kind(text)
            if kind in ("merge", "value", "yaml"):
                kind = "str"
        else:
            tag = node.tag or ""
            kind = tag[len(_CORE) :] if tag.startswith(_CORE) else ("str" if tag == "!" else None)
        try:
            if kind == "str":
                return text
            if kind == "null":
                return None
            if kind == "bool":
                return text.lower() in ("true", "yes", "on")
            if kind == "int":
                return to_int(text)
            if kind == "float":
                return to_float(text)
            if kind == "timestamp":
                return to_time(text)
        except ValueError:
            raise _Refused(f"'{text[:40]}' is not a valid {kind}", node) from None
        raise _Refused(_unsupported(tag), node)


def _unsupported(tag: str) -> str:
    shown = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
    return f"unsupported tag {shown[:60]}; codify reads plain YAML only and constructs no objects"
