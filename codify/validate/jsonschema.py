"""JSON Schema for editors, generated from the models so it can never disagree with them."""

from __future__ import annotations

import json
from typing import Any

from codify import __version__
from codify.validate.model import KINDS


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one codify file kind."""
    model = KINDS[kind]
    schema = _no_null(model.model_json_schema(by_alias=True, mode="validation"))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"codify {kind} file (format 1, codify {__version__})",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def render_schema(kind: str) -> str:
    """The schema as stable, indented JSON text."""
    return json.dumps(json_schema(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _no_null(node: Any) -> Any:
    """Drop null from every optional field: codify refuses a key written with no value."""
    if isinstance(node, list):
        return [_no_null(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: _no_null(v) for k, v in node.items() if not (k == "default" and v is None)}
    branches = out.get("anyOf")
    if isinstance(branches, list) and {"type": "null"} in branches:
        kept = [b for b in branches if b != {"type": "null"}]
        del out["anyOf"]
        out = {**kept[0], **out} if len(kept) == 1 else {**out, "anyOf": kept}
    return out
