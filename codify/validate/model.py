"""From YAML documents to validated models, translating pydantic's errors into findings."""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar, Union

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from codify import FORMAT_VERSION
from codify.findings import MAX_FINDINGS_PER_FILE, Finding, sort_findings
from codify.models import AdaptationFile, Innovation
from codify.text import did_you_mean, join_values, shorten, type_name
from codify.vocab import PeripheryKind, Rule, Severity
from codify.yaml.document import Document, PathKey, key_text, load_document
from codify.yaml.document import dotted as _dotted

M = TypeVar("M", bound=BaseModel)
KINDS: dict[str, type[BaseModel]] = {"innovation": Innovation, "adaptation": AdaptationFile}


@dataclass
class Loaded(Generic[M]):
    """A file as loaded: its document, its model when valid, and what is wrong with it."""

    file: str
    doc: Document | None
    model: M | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the file produced a model and no errors."""
        return self.model is not None and not any(
            f.severity is Severity.ERROR for f in self.findings
        )


def schema_finding(
    doc: Document, path: PathKey, message: str, key: str = "", at_key: bool = False
) -> Finding:
    """A ``schema`` error at the position of ``path`` (of its key, with ``at_key``)."""
    line, col = doc.key_where(path) if at_key else doc.where(path)
    return Finding(
        Rule.SCHEMA,
        Severity.ERROR,
        doc.file,
        line,
        col,
        message,
        key=key or _dotted(path),
        path=_dotted(path),
    )


def load_file(path: Path, expect: str | None = None) -> Loaded[Any]:
    """Load any codify file, choosing the model by its ``kind``."""
    doc, findings = load_document(path)
    file = doc.file if doc else (findings[0].file if findings else str(path))
    if doc is None or (findings and any(f.rule is not Rule.YAML_SYNTAX for f in findings)):
        return Loaded(file, doc, None, findings)
    head = _check_head(doc, expect)
    if head is None or isinstance(head, Finding):
        return Loaded(file, doc, None, findings + ([head] if head else []))
    model, errors = validate_document(doc, head)
    reported = {f.path for f in errors}
    errors += [f for f in null_findings(doc) if f.path not in reported]
    return Loaded(file, doc, model, findings + sort_findings(errors))


def null_findings(doc: Document) -> list[Finding]:
    """A ``schema`` error for each key written with no value (``direction:`` or ``null``).

    No field of a codify file takes null: the models would read it as "not stated", silently.
    """
    return [
        schema_finding(
            doc, path, f"{_dotted(path)}: no value (null); give a value or leave the key out"
        )
        for path in doc.nulls
    ]


def load_spec(path: Path) -> Loaded[Innovation]:
    """Load an ``innovation.yaml``."""
    return typing.cast(Loaded[Innovation], load_file(path, "innovation"))


def load_site(path: Path) -> Loaded[AdaptationFile]:
    """Load a site adaptation file."""
    return typing.cast(Loaded[AdaptationFile], load_file(path, "adaptation"))


def _check_head(doc: Document, expect: str | None) -> type[BaseModel] | Finding | None:
    """Check the top of a document (mapping, ``codify``, ``kind``) and pick its model."""
    data = doc.data
    wanted = f"kind: {expect}" if expect else "kind: innovation or kind: adaptation"
    if data is None:
        return schema_finding(
            doc,
            (),
            f"the file is empty; expected a mapping with codify: 1 and {wanted}",
            key="empty",
        )
    if not isinstance(data, dict):
        return schema_finding(
            doc,
            (),
            f"the file holds {type_name(data)}; expected a mapping "
            f"(key: value) with codify: 1 and {wanted}",
            key="top",
        )
    version = data.get("codify")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        line, col = doc.where(("codify",))
        return Finding(
            Rule.UNSUPPORTED_VERSION,
            Severity.ERROR,
            doc.file,
            line,
            col,
            f"codify: {version} is newer than this release of codify knows (it reads format "
            f"{FORMAT_VERSION}); upgrade codify",
            key="codify",
            path="codify",
        )
    if "kind" not in data:
        if expect is not None:
            # Validate against the expected model so that every problem, the missing
            # `kind` included, is reported at once.
            return KINDS[expect]
        return schema_finding(doc, (), f"missing required field 'kind' ({wanted})", key="kind")
    kind = data["kind"]
    if not isinstance(kind, str) or kind not in KINDS:
        return schema_finding(
            doc,
            ("kind",),
            f"kind: {shorten(kind)} is not a codify file kind; expected one of: "
            f"{join_values(KINDS)}{did_you_mean(kind, KINDS)}",
            key="kind",
        )
    if expect is not None and kind != expect:
        return schema_finding(
            doc,
            ("kind",),
            f"kind: {kind} where kind: {expect} was expected (is this the right file?)",
            key="kind",
        )
    return KINDS[kind]


def validate_document(doc: Document, model: type[M]) -> tuple[M | None, list[Finding]]:
    """Validate a document's data against a model; every error becomes a positioned finding."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, translate_errors(doc, model, exc.errors(include_url=False))


def translate_errors(
    doc: Document, model: type[BaseModel], errors: list[ErrorDetails]
) -> list[Finding]:
    """Turn pydantic errors into findings, merging the branches of one union into one."""
    merged: dict[tuple[PathKey, str], list[ErrorDetails]] = {}
    for error in errors:
        path, leftover = _data_path(doc.data, error["loc"])
        if error["type"] == "union_tag_invalid":
            path = (*path, "kind")
        merged.setdefault((path, leftover), []).append(error)
    findings = []
    # Past the per-file cap, findings are only counted: skip the costly did-you-mean there.
    detailed = sorted(
        merged, key=lambda k: doc.key_where(k[0]) if _at_key(merged[k]) else doc.where(k[0])
    )[:MAX_FINDINGS_PER_FILE]
    wanted = set(detailed)
    for (path, leftover), group in merged.items():
        if (path, leftover) in wanted:
            message = _message(doc, model, path, leftover, group)
        else:
            message = f"{_dotted(path)}: {group[0]['msg']}"
        if group[0]["type"] == "missing":
            findings.append(schema_finding(doc, path, message, key=f"{_dotted(path)}.{leftover}"))
        else:
            findings.append(schema_finding(doc, path, message, at_key=_at_key(group)))
    return sort_findings(findings)


def _at_key(group: list[ErrorDetails]) -> bool:
    return group[0]["type"] == "extra_forbidden"


def _data_path(data: Any, loc: tuple[int | str, ...]) -> tuple[PathKey, str]:
    """The path into the data that an error location names, skipping union branch names."""
    path: list[str | int] = []
    current = data
    leftover = ""
    for part in loc:
        if isinstance(current, dict):
            key = _find_key(current, part)
            if key is not _MISSING:
                current = current[key]
                path.append(key if isinstance(key, str) else key_text(key))
            elif isinstance(part, str) and not _is_branch(part):
                leftover = part
                break
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
            path.append(part)
    return tuple(path), leftover


_MISSING = object()


def _find_key(mapping: dict[Any, Any], part: int | str) -> Any:
    if isinstance(part, str) and part in mapping:
        return part
    # A key that is not text: pydantic names it by value (1) or by repr ("datetime.date(...)");
    # find the key itself, so that 1 and true stay apart.
    if part in mapping:
        return next((k for k in mapping if k == part and type(k) is type(part)), part)
    return next((k for k in mapping if not isinstance(k, str) and repr(k) == part), _MISSING)


_BRANCHES = {*PeripheryKind, "int", "float", "str", "bool"}


def _is_branch(part: str) -> bool:
    return part in _BRANCHES or part.startswith(("function-", "lax-", "strict-"))


def _message(
    doc: Document, model: type[BaseModel], path: PathKey, leftover: str, group: list[ErrorDetails]
) -> str:
    where = _dotted(path + ((leftover,) if leftover else ()))
    first = group[0]
    kind = first["type"]
    value = first.get("input")
    # Show what the user wrote (1.10, not the float 1.1; true, not True), not Python's value.
    source = doc.source(path) if not leftover and not isinstance(value, str) else None
    if kind == "invalid_key":
        source = key_text(value)
    text = source[:40] if source is not None else shorten(value)
    if kind == "missing":
        return f"missing required field '{leftover}'" + (f" in {_dotted(path)}" if path else "")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, path[:-1], doc.data)
        return f"{where}: unknown field '{path[-1]}'{did_you_mean(path[-1], allowed)}" + (
            f" (allowed: {join_values(allowed)})"
            if allowed and not did_you_mean(path[-1], allowed)
            else ""
        )
    if path and path[-1] in ("version", "based_on") and not isinstance(value, str):
        return f"{where}: {text} is not a version; write MAJOR.MINOR.PATCH in quotes, e.g. '1.0.0'"
    return f"{where}: {_explain(first, group, value, text)}"


def _explain(first: ErrorDetails, group: list[ErrorDetails], value: Any, text: str) -> str:
    """The message for one error; ``text`` is the value as the user wrote it."""
    kind = first["type"]
    ctx = first.get("ctx") or {}
    types_wanted = {e["type"] for e in group}
    if kind == "enum":
        allowed = [
            v.strip("'") for v in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")
        ]
        return (
            f"{text} is not allowed; expected one of: {join_values(allowed)}"
            f"{did_you_mean(value, allowed)}"
        )
    if kind == "literal_error":
        return f"expected {ctx.get('expected')}, got {text}"
    if kind == "union_tag_invalid":
        # pydantic lists the tags as reprs: 'choice' for text, <PeripheryKind.CHOICE: 'choice'>
        # for an enum; the quoted value is what the user writes either way.
        tags = re.findall(r"'([^']*)'", str(ctx.get("expected_tags", "")))
        return (
            f"kind {shorten(ctx.get('tag'))} is not allowed; expected one of: "
            f"{join_values(tags)}{did_you_mean(ctx.get('tag'), tags)}"
        )
    if kind == "union_tag_not_found":
        return "missing required field 'kind' (choice, range, toggle or text)"
    if kind == "string_pattern_mismatch":
        if "\\." in str(ctx.get("pattern")):
            return (
                f"{text} is not a version; write MAJOR.MINOR.PATCH, e.g. '1.0.0' "
                "(quote it so YAML keeps it as text)"
            )
        return (
            f"{text} is not a valid id; use lower-case letters and digits joined "
            "by single hyphens, e.g. 'panel-of-three'"
        )
    if kind == "string_too_long":
        return f"is {len(str(value))} characters long; at most {ctx.get('max_length')} allowed"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    if types_wanted & {"int_type", "float_type", "int_from_float"} and not types_wanted & {
        "string_type",
        "bool_type",
    }:
        wanted = "a whole number" if types_wanted <= {"int_type", "int_from_float"} else "a number"
        hint = " (write it without quotes or units)" if isinstance(value, str) else ""
        return f"expected {wanted}, got {type_name(value)} {text}{hint}"
    if kind == "invalid_key":
        return f"the key {text} is not text; put it in quotes"
    if kind == "string_type":
        hint = " (put it in quotes)" if isinstance(value, int | float | bool | date) else ""
        return f"expected text, got {type_name(value)}{hint}"
    if kind == "bool_type":
        return f"expected true or false, got {type_name(value)} {text}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping (key: value), got {type_name(value)}"
    if kind == "list_type":
        return f"expected a list, got {type_name(value)}"
    if kind in ("finite_number",):
        return "expected a finite number"
    if kind.startswith("date"):
        return f"expected a date written YYYY-MM-DD, got {text}"
    if kind == "value_error":
        return str(first["msg"]).removeprefix("Value error, ")
    if len(group) > 1:
        return f"{text} is not allowed here ({type_name(value)})"
    return str(first["msg"])


def _fields_at(model: type[BaseModel], path: PathKey, data: Any) -> list[str]:
    """The field names allowed in the mapping at ``path``."""
    current: Any = model
    node = data
    for part in path:
        node = (
            node.get(part)
            if isinstance(node, dict)
            else (node[part] if isinstance(node, list) and isinstance(part, int) else None)
        )
        current = _step(current, part, node)
        if current is None:
            return []
    current = _unwrap(current, node)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _step(current: Any, part: str | int, node: Any) -> Any:
    current = _unwrap(current, node)
    if isinstance(current, type) and issubclass(current, BaseModel):
        for name, info in current.model_fields.items():
            if part in (name, info.alias):
                return info.annotation
        return None
    origin = typing.get_origin(current)
    if origin is list:
        return typing.get_args(current)[0]
    if origin is dict:
        return typing.get_args(current)[1]
    return None


def _unwrap(current: Any, node: Any) -> Any:
    """Strip Annotated and Optional, and pick a tagged union's member by the node's kind."""
    while True:
        origin = typing.get_origin(current)
        if origin is typing.Annotated:
            current = typing.get_args(current)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(current) if a is not type(None)]
            chosen = members[0]
            for member in members:
                member = _unwrap(member, node)
                kind = getattr(member, "model_fields", {}).get("kind")
                if (
                    kind
                    and isinstance(node, dict)
                    and node.get("kind") in typing.get_args(kind.annotation)
                ):
                    chosen = member
            current = chosen
        else:
            return current
