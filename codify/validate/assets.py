"""``unsafe-url``: images a playbook would leave out, reported where they are written."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from codify.assets import image_sources, refuse_reason
from codify.findings import Finding
from codify.models.common import MARKDOWN_MEDIA, Markdown
from codify.vocab import Rule, Severity
from codify.yaml.document import Document, PathKey, dotted


def _is_markdown(info: FieldInfo) -> bool:
    return info.json_schema_extra == MARKDOWN_MEDIA or Markdown in typing.get_args(info.annotation)


def markdown_fields(model: BaseModel, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every Markdown text of a model, with its path in the file."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        here = (*path, info.alias or name)
        if isinstance(value, str) and _is_markdown(info):
            yield here, value
        elif isinstance(value, BaseModel):
            yield from markdown_fields(value, here)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from markdown_fields(item, (*here, i))


def check_assets(model: BaseModel, doc: Document, root: Path) -> list[Finding]:
    """An ``unsafe-url`` warning for each image a playbook of ``root`` would leave out."""
    logo = getattr(model, "logo", None)
    if logo is None and "![" not in doc.text:
        return []  # no image anywhere: most site files; skip walking the model
    images = [(path, src) for path, text in markdown_fields(model) for src in image_sources(text)]
    if logo is not None:
        images.append((("logo", "src"), logo.src))
    found = []
    for path, src in images:
        reason = refuse_reason(root, src)
        if reason is None:
            continue
        written = unquote(src)
        line, col = doc.find(path, written if written in doc.text else src)
        found.append(
            unsafe_url(
                doc.file,
                (line, col),
                f"{dotted(path)}: image {written[:80]!r} will be left out of the playbook: "
                + reason,
                key=f"{dotted(path)}:{written}",
                path=dotted(path),
            )
        )
    return found


def project_root(path: Path, kind: str) -> Path:
    """The project folder a file belongs to: a spec's own folder, or the one above sites/."""
    folder = path.parent
    return folder.parent if kind == "adaptation" and folder.name == "sites" else folder


def unsafe_url(
    file: str, where: tuple[int, int], message: str, key: str, path: str = ""
) -> Finding:
    """The ``unsafe-url`` warning: an address a playbook leaves out, where it is written."""
    return Finding(
        Rule.UNSAFE_URL, Severity.WARNING, file, where[0], where[1], message, key=key, path=path
    )
