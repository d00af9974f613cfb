"""Loading YAML files into plain data while keeping every node's line and column.

The C composer of ruamel.yaml builds a node tree with marks several times faster than the
round-trip loader; we then build the data ourselves so that we keep positions, refuse duplicate
keys, alias bombs, deep nesting and unknown tags, and never construct arbitrary objects.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from codify.findings import Finding
from codify.yaml.nesting import MAX_DEPTH as MAX_DEPTH  # re-exported: the loader's limit
from codify.yaml.nesting import deep_nesting
from codify.yaml.positions import PosNode, compact, walk
from codify.yaml.problems import MAX_FILE_BYTES as MAX_FILE_BYTES  # re-exported
from codify.yaml.problems import first_line, read_text, syntax_finding, yaml_finding
from codify.yaml.scalars import CONSTRUCTORS, CORE, HINTS, IMPLICIT, plain_kind, unsupported

PathKey = tuple[str | int, ...]
Position = tuple[int, int]

MAX_ALIAS_EXPANSION = 100_000
_SCAN = 32
MAX_ALIAS_CHARS = 1_000_000
"""How much text aliases may add to a document beyond its own size."""
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


@dataclass
class Document:
    """A loaded YAML file: its data, and its node tree for finding where any value stands.

    Positions are looked up by walking the nodes when a finding needs one, instead of indexing
    every value up front: most values never need a position, and large networks load faster.
    """

    file: str
    data: Any
    root: Node | None = None
    placeholders: list[tuple[Position, str]] = field(default_factory=list)
    """Where text still starts with the TODO that init and adapt write, and its dotted path."""
    nulls: list[PathKey] = field(default_factory=list)
    """The paths of mapping keys written with no value (``key:`` or ``key: null``)."""
    text: str = field(default="", repr=False)
    """The file's text, for finding a word inside a value (an image's address in Markdown)."""
    tree: PosNode | None = field(default=None, repr=False)
    """Positions as plain tuples, instead of ``root``, for a document from the parse cache."""

    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False)

    def _step(self, node: MappingNode, wanted: str) -> tuple[Node, Node] | None:
        # A large mapping's keys are indexed on first use, so that a lookup costs O(depth)
        # and a file with thousands of findings is not walked key by key for each of them.
        # Small mappings are scanned: building their index would cost more than it saves.
        if len(node.value) <= _SCAN:
            for k, v in node.value:
                if k.value == wanted:
                    return v, k
            return None
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for k, v in node.value:
                if isinstance(k.value, str):
                    index.setdefault(k.value, (v, k))
            self._keys[id(node)] = index
        return index.get(wanted)

    def _walk(self, path: PathKey) -> tuple[Any, Any, bool]:
        if self.tree is not None:
            return walk(self.tree, path)
        node, key_node = self.root, None
        for part in path:
            step: Node | None = None
            if isinstance(node, MappingNode):
                found = self._step(node, part if isinstance(part, str) else str(part))
                if found is not None:
                    step, key_node = found
            elif (
                isinstance(node, SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                step, key_node = node.value[part], None
            if step is None:
                return node, None, False
            node = step
        return node, key_node, True

    def source(self, path: PathKey) -> str | None:
        """The text the user wrote for the scalar at ``path`` (``1.10``, ``true``), or None."""
        node, _, found = self._walk(path)
        if found and isinstance(node, tuple):
            return node[2] if isinstance(node[2], str) else None
        return node.value if found and isinstance(node, ScalarNode) else None

    def where(self, path: PathKey) -> Position:
        """Line and column of the value at ``path``, or of its nearest existing ancestor."""
        node, _, _ = self._walk(path)
        return _pos(node) if node is not None else (1, 1)

    def find(self, path: PathKey, needle: str) -> Position:
        """Where ``needle`` is first written at or after the value at ``path`` (else the value)."""
        line, col = self.where(path)
        lines = self.text.splitlines()
        for i in range(line - 1, len(lines)):
            at = lines[i].find(needle, col - 1 if i == line - 1 else 0)
            if at >= 0:
                return (i + 1, at + 1)
        return (line, col)

    def key_where(self, path: PathKey) -> Position:
        """Line and column of the key that leads to ``path`` (the value's, for list items)."""
        node, key_node, found = self._walk(path)
        if found and key_node is not None:
            return _pos(key_node)
        return _pos(node) if node is not None else (1, 1)


class _Refused(Exception):
    """A document that must not be built further (bomb, nesting, unknown tag)."""

    def __init__(self, message: str, node: Node) -> None:
        super().__init__(message)
        self.node = node


def key_text(key: object) -> str:
    """A mapping key that is not text, as YAML writes it: ``true``, ``2024-01-01``, ``1``."""
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, date):
        return key.isoformat()
    return str(key)


def dotted(path: PathKey) -> str:
    """A data path as users read it: ``core[2].fidelity[0].id``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def display_path(path: Path) -> str:
    """The path as shown to users: relative to the working folder when it is inside it."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        # Read the working folder each time: a library user or a test may chdir between calls.
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@functools.lru_cache(maxsize=1)
def _composer() -> YAML:
    # One loader per process: building a YAML object scans for plug-ins on disk each time.
    yaml = YAML(typ="safe", pure=False)
    yaml.Resolver = _FastResolver
    return yaml


def load_document(path: Path, file: str | None = None) -> tuple[Document | None, list[Finding]]:
    """Load one YAML file; return the document (None when unusable) and its YAML findings.

    A text parsed before comes from the parse cache (see ``codify.yaml.cache``).
    """
    from codify.yaml import cache

    file = file or display_path(path)
    text, findings = read_text(path, file)
    if text is None:
        return None, findings
    key = cache.key(text)
    hit = cache.get(key)
    if hit is not None:
        data, tree, placeholders, nulls, problems = hit
        doc = Document(file, data, None, placeholders, nulls, text, tree)
        return doc, [yaml_finding(file, *problem) for problem in problems]
    parsed, findings = parse_document(text, file)
    if parsed is not None:
        tree = compact(parsed.root) if parsed.root is not None else None
        problems = [(f.line, f.column, f.message, f.key) for f in findings]
        cache.put(key, (parsed.data, tree, parsed.placeholders, parsed.nulls, problems))
    return parsed, findings


def parse_document(text: str, file: str) -> tuple[Document | None, list[Finding]]:
    """Parse YAML text into a positioned document."""
    try:
        too_deep = deep_nesting(text)
        if too_deep is not None:
            return None, [yaml_finding(file, *too_deep, f"nesting deeper than {MAX_DEPTH} levels")]
        root = _composer().compose(text)
    except MarkedYAMLError as exc:
        return None, [syntax_finding(file, text, exc)]
    except YAMLError as exc:
        return None, [yaml_finding(file, 1, 1, first_line(str(exc)))]
    except RecursionError:
        return None, [yaml_finding(file, 1, 1, f"nesting deeper than {MAX_DEPTH} levels")]
    doc = Document(file, None, root, text=text)
    if root is None:
        return doc, []
    builder = _Builder(doc, len(text))
    try:
        doc.data = builder.build(root, (), None, 0)
    except _Refused as exc:
        line, col = _pos(exc.node)
        return None, [yaml_finding(file, line, col, str(exc))]
    return doc, builder.findings


def _pos(node: Any) -> Position:
    if isinstance(node, tuple):  # from the parse cache's position tree
        return (node[0], node[1])
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Builds plain data from composed nodes, refusing what codify must not read."""

    def __init__(self, doc: Document, size: int) -> None:
        self.doc = doc
        self.chars = 0
        self.budget = size + MAX_ALIAS_CHARS
        self.findings: list[Finding] = []
        self.sizes: dict[int, int] = {}
        self.count = 0
        self.expanded = 0

    def build(self, node: Node, parent: PathKey, key: str | int | None, depth: int) -> Any:
        # The path is (*parent, key); it is made only when needed, as most values never need it.
        self.count += 1
        if node.__class__ is ScalarNode:
            scalar = self._scalar(node)
            if scalar.__class__ is str:
                # Without aliases a document's text values add up to at most its own size;
                # aliases may repeat them only up to a bounded amount more.
                self.chars += len(scalar)
                if self.chars > self.budget:
                    raise _Refused(
                        f"aliases expand to more than {MAX_ALIAS_CHARS // 1_000_000} million "
                        "characters of text (an alias bomb?); refused",
                        node,
                    )
                if scalar.lstrip()[: len(PLACEHOLDER)] == PLACEHOLDER:
                    where = parent if key is None else (*parent, key)
                    self.doc.placeholders.append((_pos(node), dotted(where)))
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
        path = parent if key is None else (*parent, key)
        value: Any
        if isinstance(node, SequenceNode):
            self._check_tag(node, "seq")
            value = [self.build(item, path, i, depth + 1) for i, item in enumerate(node.value)]
        elif isinstance(node, MappingNode):
            self._check_tag(node, "map")
            value = self._mapping(node, path, depth)
        else:  # pragma: no cover - the composer makes no other nodes
            raise _Refused("unsupported YAML node", node)
        if known is None:
            self.sizes[id(node)] = self.count - start + 1
        return value

    def _mapping(self, node: MappingNode, path: PathKey, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        lines: dict[Any, tuple[int, str, type]] = {}
        merged: list[tuple[Any, Any]] = []
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                raise _Refused("a mapping key must be plain text, not a list or mapping", key_node)
            if key_node.ctag is _PLAIN and key_node.value == "<<":
                merged.extend(self._merge(value_node, path, depth))
                continue
            key = self._scalar(key_node)
            if isinstance(key, float) and math.isnan(key):
                key = "nan"
            if key in out:
                first = lines[key]
                self._duplicate(key_node, first[:2], same=first[2] is type(key))
                continue
            lines[key] = (key_node.start_mark.line + 1, key_node.value, type(key))
            value = self.build(value_node, path, str(key), depth + 1)
            if value is None:
                self.doc.nulls.append((*path, str(key)))
            out[key] = value
        for key, value in merged:
            out.setdefault(key, value)  # keys written in the mapping win over merged ones
        return out

    def _merge(self, node: Node, path: PathKey, depth: int) -> list[tuple[Any, Any]]:
        """The entries a merge key (``<<: *base`` or ``<<: [*a, *b]``) brings in."""
        sources = node.value if isinstance(node, SequenceNode) else [node]
        out: list[tuple[Any, Any]] = []
        for source in sources:
            if not isinstance(source, MappingNode):
                raise _Refused("a merge key (<<) takes a mapping or a list of mappings", source)
            out.extend(self.build(source, path, None, depth + 1).items())
        return out

    def _duplicate(self, key_node: Node, first: tuple[int, str], *, same: bool) -> None:
        mark = key_node.start_mark
        shown = key_node.value[:60]
        if same:
            message = f"duplicate key '{shown}' (first at line {first[0]}); keep one of them"
        else:
            # 1 and true (or 1 and 1.0) are different YAML keys that Python holds as one.
            message = (
                f"keys '{first[1][:60]}' (line {first[0]}) and '{shown}' are different values "
                "that codify cannot keep apart; quote them to make them text"
            )
        self.findings.append(
            yaml_finding(
                self.doc.file,
                mark.line + 1,
                mark.column + 1,
                message,
                key=f"dup:{mark.line}:{shown}",
            )
        )

    def _check_tag(self, node: Node, kind: str) -> None:
        if node.ctag is _SEQ or node.ctag is _MAP:
            return
        if node.tag not in (CORE + kind, "!") and node.tag is not None:
            raise _Refused(unsupported(node.tag), node)

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
            kind = tag[len(CORE) :] if tag.startswith(CORE) else ("str" if tag == "!" else None)
        make = CONSTRUCTORS.get(kind or "")
        if make is None:
            raise _Refused(unsupported(tag), node)
        try:
            return make(text)
        except ValueError:
            hint = HINTS.get(kind or "", "")
            raise _Refused(f"'{text[:40]}' is not a valid {kind}{hint}", node) from None
