"""Parsing YAML text into plain data while keeping every node's line and column.

The C composer of ruamel.yaml builds a node tree with marks several times faster than the
round-trip loader; we then build the data ourselves so that we keep positions, refuse duplicate
keys, alias bombs, deep nesting and unknown tags, and never construct arbitrary objects.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from codify.findings import Finding
from codify.yaml.document import PLACEHOLDER, Document, PathKey, _pos, dotted
from codify.yaml.nesting import MAX_DEPTH, deep_nesting
from codify.yaml.problems import first_line, syntax_finding, yaml_finding
from codify.yaml.scalars import CONSTRUCTORS, CORE, HINTS, IMPLICIT, plain_kind, unsupported

MAX_ALIAS_EXPANSION = 100_000
MAX_ALIAS_CHARS = 1_000_000
"""How much text aliases may add to a document beyond its own size."""

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


class _Refused(Exception):
    """A document that must not be built further (bomb, nesting, unknown tag)."""

    def __init__(self, message: str, node: Node) -> None:
        super().__init__(message)
        self.node = node


@functools.lru_cache(maxsize=1)
def _composer() -> YAML:
    # One loader per process: building a YAML object scans for plug-ins on disk each time.
    yaml = YAML(typ="safe", pure=False)
    yaml.Resolver = _FastResolver
    return yaml


def parse(text: str, file: str) -> tuple[Document | None, list[Finding]]:
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
