"""Scalar types and the base record shared by both file kinds."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from codify.vocab import NEW_TARGET

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SEMVER_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
RESERVED_IDS = frozenset({NEW_TARGET})
MAX_ID_LENGTH = 64
"""Ids become file names (a site's playbook is SPEC-SITE.html), so they stay short."""
URL_SCHEMES = ("http", "https", "mailto")
DOI_PATTERN = r"(?i)(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)"
MARKDOWN_MEDIA = {"contentMediaType": "text/markdown"}

Id = Annotated[str, StringConstraints(strict=True, pattern=ID_PATTERN, max_length=MAX_ID_LENGTH)]
Text = Annotated[str, StringConstraints(strict=True, min_length=1)]
Markdown = Annotated[
    str,
    StringConstraints(strict=True, min_length=1),
    Field(json_schema_extra=MARKDOWN_MEDIA),
]
Semver = Annotated[str, StringConstraints(strict=True, pattern=SEMVER_PATTERN)]
Number = (
    Annotated[int, Field(strict=True)] | Annotated[float, Field(strict=True, allow_inf_nan=False)]
)
Count = Annotated[int, Field(strict=True, ge=0)]
Flag = Annotated[bool, Field(strict=True)]
ChoiceValue = (
    Annotated[str, Field(strict=True)]
    | Annotated[bool, Field(strict=True)]
    | Annotated[int, Field(strict=True)]
    | Annotated[float, Field(strict=True)]
)


def _iso_date(value: Any) -> Any:
    # A YAML date, or a quoted YYYY-MM-DD; never a timestamp or a number.
    if isinstance(value, datetime):
        raise ValueError("expected a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date written YYYY-MM-DD")
    if not isinstance(value, date | str):
        raise ValueError("expected a date written YYYY-MM-DD")
    return value


def _safe_url(value: str) -> str:
    # Only links a reader can follow safely become live: no javascript:, file:, data: or
    # relative links. A DOI, bare or as doi:, becomes its https://doi.org/ address.
    doi = re.fullmatch(DOI_PATTERN, value)
    if doi:
        return "https://doi.org/" + doi.group(1)
    shown = value if len(value) <= 60 else value[:59] + "…"
    if any(c.isspace() or not c.isprintable() for c in value):
        raise ValueError(f"{shown!r} is not a link: it holds spaces or control characters")
    scheme = urlsplit(value).scheme.lower()
    if scheme not in URL_SCHEMES:
        said = f"the scheme {scheme}: is not allowed" if scheme else "it has no scheme"
        raise ValueError(
            f"{shown!r} is not a link codify makes live ({said}); use http:, https: or "
            "mailto:, or a DOI (doi:10.xxxx/...)"
        )
    return value


Url = Annotated[
    str,
    StringConstraints(strict=True, min_length=1),
    AfterValidator(_safe_url),
    Field(
        json_schema_extra={
            "pattern": r"^([Hh][Tt][Tt][Pp][Ss]?:|[Mm][Aa][Ii][Ll][Tt][Oo]:|[Dd][Oo][Ii]:|10\.)\S+$"
        }
    ),
]


IsoDate = Annotated[date, BeforeValidator(_iso_date), Field(json_schema_extra={"format": "date"})]


class Record(BaseModel):
    """Base of every mapping in a codify file: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def semver_tuple(version: str) -> tuple[int, int, int]:
    """``"1.2.3"`` as ``(1, 2, 3)`` for ordering."""
    major, minor, patch = (int(p) for p in version.split("."))
    return (major, minor, patch)
