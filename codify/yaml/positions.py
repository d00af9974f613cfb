"""Positions as plain tuples: what the parse cache keeps of a document's node tree.

A node becomes ``(line, column, text)`` for a scalar (the text as written), ``(line, column,
[items])`` for a list and ``(line, column, {key text: (line, column, value)})`` for a mapping,
lines and columns counted from 1. Walking it answers exactly what walking the nodes answers
(the first of duplicate keys wins, as there); the cache's tests hold the two to that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node

PosNode = tuple[Any, ...]


def compact(node: Node) -> PosNode:
    """The position tree of a node (an alias's node is shared, not copied)."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    memo: dict[int, PosNode] = {}

    def tree(node: Node) -> PosNode:
        done = memo.get(id(node))
        if done is not None:
            return done
        mark = node.start_mark
        out: PosNode
        if isinstance(node, MappingNode):
            keys: dict[str, tuple[int, int, PosNode]] = {}
            memo[id(node)] = out = (mark.line + 1, mark.column + 1, keys)
            for key, value in node.value:
                if isinstance(key.value, str) and key.value not in keys:
                    at = key.start_mark
                    keys[key.value] = (at.line + 1, at.column + 1, tree(value))
        elif isinstance(node, SequenceNode):
            items: list[PosNode] = []
            memo[id(node)] = out = (mark.line + 1, mark.column + 1, items)
            items.extend(tree(item) for item in node.value)
        else:
            memo[id(node)] = out = (mark.line + 1, mark.column + 1, str(node.value))
        return out

    return tree(node)


def walk(
    tree: PosNode, path: tuple[str | int, ...]
) -> tuple[PosNode, tuple[int, int] | None, bool]:
    """The deepest node on ``path``, the position of the key that led to it, and whether the
    whole path was found: what ``Document`` answers from nodes, from the tuples."""
    node, key_at = tree, None
    for part in path:
        items = node[2]
        if isinstance(items, dict):
            hit = items.get(part if isinstance(part, str) else str(part))
            if hit is None:
                return node, None, False
            key_at, node = (hit[0], hit[1]), hit[2]
        elif isinstance(items, list) and isinstance(part, int) and 0 <= part < len(items):
            key_at, node = None, items[part]
        else:
            return node, None, False
    return node, key_at, True
