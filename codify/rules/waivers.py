"""Waivers: findings a network has reviewed and accepted, matched by fingerprint."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, RootModel

from codify.findings import Finding
from codify.models.common import IsoDate, Record, Text
from codify.validate.model import Loaded, validate_document
from codify.vocab import Rule, Severity
from codify.yaml.document import load_document


def _digits_only(value: Any) -> Any:
    # An unquoted fingerprint made only of digits reaches us as a YAML integer.
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**12:
        return f"{value:012d}"
    return value


class Waiver(Record):
    """One reviewed finding: its fingerprint, why it is accepted, who said so, until when."""

    fingerprint: Annotated[
        str, BeforeValidator(_digits_only), Field(strict=True, pattern=r"^[0-9a-f]{12}$")
    ]
    reason: Text
    reviewer: Text
    expires: IsoDate | None = None


class WaiverList(RootModel[list[Waiver]]):
    """A waivers file: a list of waivers."""


def load_waivers(path: Path) -> Loaded[WaiverList]:
    """Load a waivers file with the same error handling as any codify file."""
    doc, findings = load_document(path)
    if doc is None:
        return Loaded(findings[0].file, None, None, findings)
    if doc.data is None:
        doc.data = []
    model, errors = validate_document(doc, WaiverList)
    return Loaded(doc.file, doc, model, findings + errors)


def apply_waivers(
    findings: Sequence[Finding], waivers: Loaded[WaiverList], today: date
) -> list[Finding]:
    """Mark waived findings; report expired waivers, which no longer apply."""
    assert waivers.model is not None and waivers.doc is not None
    active: dict[str, Waiver] = {}
    out: list[Finding] = []
    for i, waiver in enumerate(waivers.model.root):
        if waiver.expires is not None and waiver.expires < today:
            line, col = waivers.doc.where((i,))
            out.append(
                Finding(
                    Rule.WAIVER_EXPIRED,
                    Severity.WARNING,
                    waivers.file,
                    line,
                    col,
                    f"the waiver for {waiver.fingerprint} ({waiver.reviewer}) expired on "
                    f"{waiver.expires.isoformat()} and no longer applies",
                    key=waiver.fingerprint,
                )
            )
        else:
            active[waiver.fingerprint] = waiver
    for f in findings:
        match = active.get(f.fingerprint)
        out.append(f.waive(f"{match.reason} ({match.reviewer})") if match else f)
    return out
