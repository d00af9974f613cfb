"""Loading YAML files into plain data while keeping every node's line and column.

A file's data and positions come from the parse cache when its text was parsed before, else
from ``codify.yaml.parse``, which is imported (with ruamel.yaml, 10 ms) only then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from codify.findings import Finding
from codify.yaml.nesting import MAX_DEPTH as MAX_DEPTH  # re-exported: the loader's limit
from codify.yaml.positions import PosNode, compact, walk
from codify.yaml.problems import MAX_FILE_BYTES as MAX_FILE_BYTES  # re-exported
from codify.yaml.problems import read_text, yaml_finding

if TYPE_CHECKING:
    from ruamel.yaml.nodes import MappingNode, Node

PathKey = tuple[str | int, ...]
Position = tuple[int, int]

_SCAN = 32
PLACEHOLDER = "TODO"


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
        from ruamel.yaml.nodes import MappingNode, SequenceNode  # loaded: the nodes exist

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
        from ruamel.yaml.nodes import ScalarNode

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
    """Parse YAML text into a positioned document (see ``codify.yaml.parse``)."""
    from codify.yaml.parse import parse

    return parse(text, file)


def _pos(node: Any) -> Position:
    if isinstance(node, tuple):  # from the parse cache's position tree
        return (node[0], node[1])
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)
