"""docs/format.md: the reference of codify's file formats, generated from the models.

Every field, its type, whether it is required and its allowed values come from the pydantic
models and the vocabulary, so the reference cannot fall behind them; `make format-doc` writes
it and a test checks that the file in the repository is what this module generates.
"""

from __future__ import annotations

import io
import re
import types
import typing
from datetime import date
from enum import Enum
from typing import Any, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from codify.models import AdaptationFile, Innovation
from codify.models.common import ID_PATTERN, MARKDOWN_MEDIA, SEMVER_PATTERN
from codify.models.spec import ChoiceElement, Evidence, RangeElement, TextElement, ToggleElement
from codify.validate.meanings import MEANINGS, RESULTS_MEANINGS
from codify.vocab import RESULTS_COLUMNS, RESULTS_REQUIRED, PeripheryKind, rules_markdown

HEADER = """\
# The codify file formats

<!-- Generated from codify's models by `make format-doc`; do not edit by hand. -->

A project is a folder: `innovation.yaml` (the spec), `sites/` (one adaptation record per
adopting site) and `assets/` (images the spec uses; nothing outside it is read). Every mapping
refuses unknown keys; a key written with no value (`key:` or `key: null`) is an error: leave it
out instead. Ids are lower-case words and digits joined by single hyphens; the ids of core
functions, periphery elements and proscribed practices share one namespace, and `new` is
reserved. Text marked *Markdown* is rendered safely (no raw HTML, images only from `assets/`).
"""

OUTPUT = """\
## Machine-readable output

`--format json` on `validate` and `diff` prints one JSON object and nothing else: `codify` (the
version), `findings` (one object per finding) and `summary` (counts by severity, every finding
counted; with `--no-info`, `hidden` says how many were left out). Each finding has `rule`,
`severity`, `file`, `line`, `column` (1-based), `message` and `fingerprint`; findings about a site
add `site`, `target` and `adaptation`, and may add `path`, `status`, `details` and `waived`. The
`fingerprint` does not change when lines move or wording changes, so a waiver file can name it.
`review --format json` prints the review's sections (`sites`, `matrix`, `core_pressure`,
`convergent`, `out_of_bounds`, `unmapped_additions`) beside the same `findings` and `summary`.
"""

# Values the examples below use; a field they leave out is filled from its type, so that the
# examples show every field even after a new one is added to the models.
PERIPHERY_EXAMPLES: dict[PeripheryKind, dict[str, Any]] = {
    PeripheryKind.CHOICE: {
        "id": "frequency",
        "name": "How often sessions are held",
        "serves": "regular-rhythm",
        "kind": "choice",
        "options": [
            {"value": "monthly", "label": "Monthly", "note": "the usual rhythm"},
            {"value": "six-weekly", "label": "Every six weeks", "note": "for small sites"},
        ],
        "allow_other": False,
        "default": "monthly",
        "guidance": "Choose the rhythm staff can *keep* all year.",
    },
    PeripheryKind.RANGE: {
        "id": "session-minutes",
        "name": "Length of a session",
        "serves": "regular-rhythm",
        "kind": "range",
        "min": 45,
        "max": 75,
        "unit": "minutes",
        "default": 60,
        "guidance": "Long enough for every story and the discussion.",
    },
    PeripheryKind.TOGGLE: {
        "id": "volunteers-attend",
        "name": "Volunteers may attend",
        "serves": "open-to-all",
        "kind": "toggle",
        "default": True,
        "guidance": "Volunteers are part of the staff the sessions are for.",
    },
    PeripheryKind.TEXT: {
        "id": "local-name",
        "name": "The name the site gives the sessions",
        "serves": "open-to-all",
        "kind": "text",
        "default": "Reflective sessions",
        "guidance": "A name staff will recognise.",
    },
}
EVIDENCE_EXAMPLE: dict[str, Any] = {
    "outcomes": [
        {
            "id": "distress",
            "measure": "Staff psychological distress (illustrative)",
            "result": "Illustrative: fell among regular attenders, not among others",
            "design": "controlled-before-after",
            "n": 200,
            "setting": "Two acute hospitals (illustrative)",
            "direction": "positive",
            "reference": "evaluation",
        }
    ],
    "stories": [
        {
            "id": "porter",
            "teller": "staff",
            "quote": "An illustrative quote, standing for words quoted exactly as published.",
            "attribution": "A porter (illustrative)",
            "site": "A district general hospital",
            "serves": ["open-to-all"],
            "consent": True,
        }
    ],
}
KIND_MODELS: dict[PeripheryKind, type[BaseModel]] = {
    PeripheryKind.CHOICE: ChoiceElement,
    PeripheryKind.RANGE: RangeElement,
    PeripheryKind.TOGGLE: ToggleElement,
    PeripheryKind.TEXT: TextElement,
}


def format_reference() -> str:
    """The whole reference as Markdown."""
    out = [HEADER]
    out += _file_section("innovation.yaml", Innovation)
    out += ["## Examples", "", "### One periphery element of each kind", ""]
    out += _yaml_block({"periphery": periphery_examples()})
    out += ["### Evidence, with every field", ""]
    out += _yaml_block({"evidence": evidence_example()})
    out += _file_section("sites/SITE.yaml", AdaptationFile)
    out += _results_section()
    out += [OUTPUT, "## Rule ids", "", rules_markdown(), ""]
    return "\n".join(out).rstrip() + "\n"


def _results_section() -> list[str]:
    out = [
        "## results/SITE-ID.csv",
        "",
        "What a site measured, one CSV file per site named by its `site.id`: UTF-8 (a BOM is",
        "fine), comma-separated, a header row, columns in any order. Lines starting with `#` are",
        "comments. `codify results --init SITE` writes a template.",
        "",
        "| column | required | meaning |",
        "| --- | --- | --- |",
    ]
    out += [
        f"| `{name}` | {'yes' if name in RESULTS_REQUIRED else 'no'} | {RESULTS_MEANINGS[name]} |"
        for name in RESULTS_COLUMNS
    ]
    return [*out, ""]


def periphery_examples() -> list[dict[str, Any]]:
    """One periphery element of each kind, every field of its model present."""
    return [complete(KIND_MODELS[kind], PERIPHERY_EXAMPLES[kind]) for kind in PeripheryKind]


def evidence_example() -> dict[str, Any]:
    """An evidence section whose outcome and story carry every field of their models."""
    return complete(Evidence, EVIDENCE_EXAMPLE)


def complete(model: type[BaseModel], given: dict[str, Any]) -> dict[str, Any]:
    """``given``, with a value made from its type for every field of ``model`` it lacks."""
    out = dict(given)
    for name, info in model.model_fields.items():
        key = info.alias or name
        inner = _model_of(info.annotation)
        if key not in out:
            out[key] = sample(info.annotation, info.metadata)
        elif inner is not None and isinstance(out[key], list):
            out[key] = [complete(inner, item) for item in out[key]]
    return out


def _model_of(annotation: Any) -> type[BaseModel] | None:
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is list and args and _is_model(args[0]):
        return typing.cast(type[BaseModel], args[0])
    return None


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """Strip Annotated and Optional, collecting constraints and schema extras on the way."""
    meta = list(metadata)
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            for item in extra:
                meta += [item, *item.metadata] if isinstance(item, FieldInfo) else [item]
        elif origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation, meta
            annotation = members[0]
        else:
            return annotation, meta


def _pattern(meta: list[Any]) -> str | None:
    return next((m.pattern for m in meta if getattr(m, "pattern", None)), None)


def _is_markdown_meta(meta: list[Any]) -> bool:
    return any(getattr(m, "json_schema_extra", None) == MARKDOWN_MEDIA for m in meta)


def sample(annotation: Any, metadata: list[Any] | None = None) -> Any:
    """A value of the given type, for filling an example."""
    annotation, meta = _unwrap(annotation, metadata or [])
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return args[0].value if isinstance(args[0], Enum) else args[0]
    if origin in (Union, types.UnionType):
        return sample(args[0])
    if origin is list:
        return [sample(args[0])]
    if origin is dict:
        return {sample(args[0]): sample(args[1])}
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return next(iter(annotation)).value
    if _is_model(annotation):
        model = typing.cast(type[BaseModel], annotation)
        required = {k: v for k, v in model.model_fields.items() if v.is_required()}
        return {(v.alias or k): sample(v.annotation, v.metadata) for k, v in required.items()}
    if annotation is date:
        return "2025-01-15"
    simple = {bool: True, int: 1, float: 1.5}
    if annotation in simple:
        return simple[annotation]
    pattern = _pattern(meta)
    return {ID_PATTERN: "example", SEMVER_PATTERN: "1.0.0"}.get(pattern or "", "Example text")


def describe(annotation: Any, metadata: list[Any] | None = None) -> str:
    """A field's type in words, with its allowed values."""
    annotation, meta = _unwrap(annotation, metadata or [])
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return " or ".join(f"`{getattr(a, 'value', a)}`" for a in args)
    if origin in (Union, types.UnionType):
        if all(_is_model(a) for a in args):
            return "one of: " + ", ".join(_link(a) for a in args)
        kinds = sorted({describe(a) for a in args})
        return "number" if kinds == ["number", "whole number"] else " or ".join(kinds)
    if origin is list:
        least = next((m.min_length for m in meta if getattr(m, "min_length", None)), None)
        return f"list of {describe(args[0])}" + (f" (at least {least})" if least else "")
    if origin is dict:
        return f"mapping of {describe(args[0])} to {describe(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of " + ", ".join(f"`{m.value}`" for m in annotation)
    if _is_model(annotation):
        return _link(annotation)
    return _scalar(annotation, meta)


def _scalar(annotation: Any, meta: list[Any]) -> str:
    if annotation is bool:
        return "`true` or `false`"
    if annotation is int:
        return "whole number" + (
            " (0 or more)" if any(getattr(m, "ge", None) == 0 for m in meta) else ""
        )
    if annotation is float:
        return "number"
    if annotation is date:
        return "date `YYYY-MM-DD`"
    pattern = _pattern(meta)
    if pattern == ID_PATTERN:
        return "id"
    if pattern == SEMVER_PATTERN:
        return "version `MAJOR.MINOR.PATCH` (quoted)"
    return "Markdown text" if _is_markdown_meta(meta) else "text"


def title(model: type[BaseModel]) -> str:
    """``CoreFunction`` as ``Core function``."""
    words = re.findall(r"[A-Z][a-z]*", model.__name__)
    return " ".join([words[0], *(w.lower() for w in words[1:])])


def _link(model: Any) -> str:
    name = title(model)
    return f"[{name.lower()}](#{name.lower().replace(' ', '-')})"


def _models(root: Any, seen: list[type[BaseModel]] | None = None) -> list[type[BaseModel]]:
    """The root model and every model reachable from its fields, depth first in field order."""
    seen = [] if seen is None else seen
    if _is_model(root):
        if root not in seen:
            seen.append(root)
            for info in root.model_fields.values():
                _models(info.annotation, seen)
    else:
        for arg in typing.get_args(root):
            _models(arg, seen)
    return seen


def _table(model: type[BaseModel]) -> list[str]:
    rows = ["| field | type | required | meaning |", "| --- | --- | --- | --- |"]
    for name, info in model.model_fields.items():
        key = info.alias or name
        meaning = MEANINGS.get(f"{model.__name__}.{key}") or info.description or ""
        required = "yes" if info.is_required() else "no"
        kind = describe(info.annotation, [info, *info.metadata])
        rows.append(f"| `{key}` | {kind} | {required} | {meaning} |")
    return rows


def _file_section(name: str, root: type[BaseModel]) -> list[str]:
    out = [f"## {name}", ""]
    for i, model in enumerate(_models(root)):
        if i:
            out += [f"### {title(model)}", ""]
        doc = (model.__doc__ or "").strip().splitlines()[0]
        out += [doc, "", *_table(model), ""]
    return out


def _yaml_block(data: dict[str, Any]) -> list[str]:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.default_flow_style = False
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return ["```yaml", buffer.getvalue().rstrip(), "```", ""]
