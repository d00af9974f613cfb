"""The playbook's front matter: release date, how to cite it, what changed in this release."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from codify.models import Innovation
from codify.render.decisions import release_notes

DOI = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.IGNORECASE)


def doi(url: str) -> str | None:
    """The DOI inside a doi.org link, or None."""
    found = DOI.match(url.strip())
    return found.group(1) if found else None


def front_matter(spec: Innovation, root: Path | None) -> dict[str, Any]:
    """Template values for the cover and inside cover."""
    entry = next((e for e in spec.changelog if e.version == spec.version), None)
    release_date = entry.date.isoformat() if entry else None
    notes = release_notes(spec, root)
    changes = notes["items"] if notes else []
    since = notes["since"] if notes else None
    who = spec.owner.name if spec.owner else spec.name
    year = f" ({release_date[:4]})" if release_date else ""
    cite = f"{who}{year}. {spec.name}: implementation playbook, version {spec.version}."
    if spec.owner and spec.owner.url:
        cite += f" {spec.owner.url}"
    return {
        "release_date": release_date,
        "changes": changes,
        "changes_since": since,
        "how_to_cite": cite,
    }
