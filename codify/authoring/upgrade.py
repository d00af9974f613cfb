"""``codify upgrade``: move a site file to a new release by changing ``based_on`` in place.

The file is read by codify's guarded loader to find the value, and only that value's
characters are replaced, so every comment, blank line, key order and quoting style elsewhere
stays exactly as the user wrote it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.nodes import MappingNode, ScalarNode

from codify.errors import InvalidInputError, UsageError
from codify.files import read_bytes
from codify.findings import Finding
from codify.models import AdaptationFile, Innovation
from codify.models.common import SEMVER_PATTERN
from codify.rules.site import judge_site
from codify.text import escape_controls
from codify.validate.model import validate_document
from codify.yaml.document import parse_document
from codify.yaml.problems import MAX_FILE_BYTES, decode_utf8


@dataclass
class Upgrade:
    """The rewritten text of a site file and what the target release makes invalid."""

    old_text: str
    new_text: str
    old_version: str
    new_version: str
    findings: list[Finding] = field(default_factory=list)
    """Warnings and errors the site has under the new release (only the new ones, when the
    release it was based on is known)."""
    already: int | None = None
    """How many of its findings the site already had under its old release (None: unknown)."""

    @property
    def changed(self) -> bool:
        """Whether the file changes at all."""
        return self.old_text != self.new_text

    def unified_diff(self, name: str) -> str:
        """The change as a unified diff, for --dry-run."""
        return escape_controls(
            "".join(
                difflib.unified_diff(
                    self.old_text.splitlines(keepends=True),
                    self.new_text.splitlines(keepends=True),
                    fromfile=f"a/{name}",
                    tofile=f"b/{name}",
                )
            )
        )


_PROPERTY = re.compile(r"[&!]\S*[ \t]+")


def rewrite_based_on(text: str, version: str, file: str = "") -> str:
    """The same text with only the value of ``based_on`` replaced.

    The file is composed by codify's guarded loader (depth, aliases, dates, tags) and the
    value's characters are found by their offsets, so line endings, comments, quoting and
    everything else stay exactly as written.
    """
    if not re.fullmatch(SEMVER_PATTERN, version):
        raise UsageError(f"--to {version!r} is not a version; write MAJOR.MINOR.PATCH, e.g. 2.0.0")
    doc, problems = parse_document(text, file)
    if doc is None or problems:
        raise InvalidInputError("the file cannot be read as YAML; nothing was written", problems)
    root = doc.root
    value = None
    if isinstance(root, MappingNode):
        value = next((v for k, v in root.value if k.value == "based_on"), None)
    if not isinstance(value, ScalarNode) or value.style not in (None, "", "'", '"'):
        raise UsageError("the file has no top-level based_on to upgrade")
    start, end = value.start_mark.index, value.end_mark.index
    # Keep an anchor or tag written before the value (based_on: &base "1.0.0").
    while (prop := _PROPERTY.match(text, start)) is not None:
        start = prop.end()
    quote = text[start] if text[start : start + 1] in ("'", '"') else ""
    # A plain 1.2.3 stays plain: with two dots YAML reads it as text, never as a number.
    return text[:start] + f"{quote}{version}{quote}" + text[end:]


def read_site_text(path: Path, file: str) -> tuple[str, str]:
    """A site file's text exactly as stored (line endings kept), and its BOM if it has one."""
    raw = read_bytes(path, MAX_FILE_BYTES, file)
    text, problems = decode_utf8(raw, file)
    if text is None:
        raise InvalidInputError("the file is not UTF-8 text; nothing was written", problems)
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    return text, bom


def plan_upgrade(path: Path, releases: dict[str, Innovation], version: str, file: str) -> Upgrade:
    """Rewrite a site file to ``version`` and judge it against that release.

    When the release the site was based on is among ``releases``, only the findings the new
    release introduces are reported.
    """
    old_text, bom = read_site_text(path, file)
    new_text = rewrite_based_on(old_text, version, file)
    doc, problems = parse_document(new_text, file)
    model: AdaptationFile | None = None
    if doc is not None and not problems:
        model, problems = validate_document(doc, AdaptationFile)
    if model is None or doc is None:
        raise InvalidInputError(
            "the upgraded file would not be valid; nothing was written", problems
        )
    _check_only_based_on_changed(old_text, new_text)
    old_version = model.based_on if old_text == new_text else _based_on(old_text)
    upgrade = Upgrade(bom + old_text, bom + new_text, old_version, version)
    found = [f for f in judge_site(releases[version], model, doc).findings if f.severity.rank >= 1]
    old_spec = releases.get(old_version)
    if old_spec is not None and old_version != version:
        before = {f.fingerprint for f in judge_site(old_spec, model, doc).findings}
        upgrade.already = sum(1 for f in found if f.fingerprint in before)
        found = [f for f in found if f.fingerprint not in before]
    upgrade.findings = found
    return upgrade


def _based_on(text: str) -> str:
    doc, _ = parse_document(text, "")
    data = doc.data if doc is not None else None
    return str(data.get("based_on")) if isinstance(data, dict) else ""


def _check_only_based_on_changed(old: str, new: str) -> None:
    # A last guard: refuse a rewrite that touched more than the one line it meant to.
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b]
    if len(before) != len(after) or len(changed) > 1:
        raise UsageError("the rewrite would change more than based_on; nothing was written")
