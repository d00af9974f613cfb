"""The playbook's front matter: release date, how to cite it, what changed in this release."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from codify.models import Innovation

DOI = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.IGNORECASE)
HISTORY = "history"


def doi(url: str) -> str | None:
    """The DOI inside a doi.org link, or None."""
    found = DOI.match(url.strip())
    return found.group(1) if found else None


def _semver(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split(".") if p.isdigit())


def _logged(spec: Innovation) -> tuple[str | None, list[str]]:
    """This version's date and changes from the spec's changelog, when it has one."""
    for entry in getattr(spec, "changelog", None) or []:
        if str(getattr(entry, "version", "")) == spec.version:
            when = getattr(entry, "date", None)
            changes = [str(c) for c in getattr(entry, "changes", []) or []]
            return (str(when) if when else None), changes
    return None, []


def _history_changes(spec: Innovation, root: Path | None) -> tuple[str | None, list[str]]:
    """The changes since the latest earlier release kept in the project's history/ folder."""
    folder = root / HISTORY if root else None
    if folder is None or not folder.is_dir():
        return None, []
    from codify.rules.project import load_history
    from codify.rules.release import diff_releases

    releases = load_history(folder).releases
    earlier = [v for v in releases if _semver(v) < _semver(spec.version)]
    if not earlier:
        return None, []
    since = max(earlier, key=_semver)
    changes = diff_releases(releases[since], spec).changes
    ordered = sorted(changes, key=lambda c: (-c.level.rank, c.message))
    return since, [c.message[:1].upper() + c.message[1:] for c in ordered]


def front_matter(spec: Innovation, root: Path | None) -> dict[str, Any]:
    """Template values for the cover and inside cover."""
    released = getattr(spec, "released", None)
    when, changes = _logged(spec)
    release_date = str(released) if released else when
    since: str | None = None
    if not changes:
        since, changes = _history_changes(spec, root)
    who = spec.owner.name if spec.owner else spec.name
    year = f" ({release_date[:4]})" if release_date else ""
    cite = f"{who}{year}. {spec.name}: implementation playbook, version {spec.version}."
    if spec.owner and spec.owner.url:
        cite += f" {spec.owner.url}"
    return {"release_date": release_date, "changes": changes, "changes_since": since, "cite": cite}
