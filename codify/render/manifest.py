"""Incremental builds: a manifest in the output folder of what each playbook was built from.

A playbook is skipped only when every input hashes as it did when its outputs were written, and
every output still hashes as written. The inputs are the spec, the site, the site's results file,
the assets the render looked at (present or not), and a fingerprint shared by every playbook of a
run: options, the build date, codify's code, version and templates, the user's templates and CSS,
the installed packages and, for PDFs, the fonts.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codify import __version__
from codify.files import write_atomic
from codify.findings import Finding
from codify.vocab import AdaptationStatus, Rule, Severity

MANIFEST_NAME = ".codify-build.json"
ABSENT = "absent"
CODE = Path(__file__).resolve().parent.parent
FINDING_FIELDS = [f.name for f in dataclasses.fields(Finding) if f.name != "fingerprint"]
FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/etc/fonts",
    "~/.fonts",
    "~/.local/share/fonts",
    "~/Library/Fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
)


def file_digest(path: Path) -> str:
    """The SHA-256 of a regular file's bytes, or ``absent`` when there is no such file.

    Devices and pipes are never read (``/dev/zero`` as a CSS file would never end); the build
    itself reports them.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # before opening: a FIFO blocks on open
            return ABSENT
        with path.open("rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return ABSENT
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ABSENT


def _tree(hasher: Any, folder: Path, pattern: str = "*") -> None:
    """Feed every file under ``folder`` (names and bytes) to ``hasher``, in name order."""
    if not folder.is_dir():
        hasher.update(f"{folder}:{ABSENT}\n".encode())
        return
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        hasher.update(f"{path.relative_to(folder)}:{file_digest(path)}\n".encode())


def _fonts(hasher: Any) -> None:
    """Fonts by name, size and modification time: WeasyPrint picks them through fontconfig."""
    for base in FONT_DIRS:
        folder = Path(base).expanduser()
        for top, _dirs, names in sorted(os.walk(folder)):
            for name in sorted(names):
                with contextlib.suppress(OSError):
                    st = (Path(top) / name).stat()
                    hasher.update(f"{top}/{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())


def _packages(hasher: Any) -> None:
    """Every installed distribution and its version, from the metadata folder names."""
    for entry in sys.path:
        with contextlib.suppress(OSError):
            names = sorted(
                p.name
                for p in Path(entry or ".").iterdir()
                if p.name.endswith((".dist-info", ".egg-info"))
            )
            hasher.update(f"{entry}:{','.join(names)}\n".encode())


def run_fingerprint(
    options: Iterable[object],
    templates: list[Path],
    user_templates: Path | None,
    css: Path | None,
    fonts: bool,
) -> str:
    """What every playbook of one run shares; a change to any of it rebuilds them all."""
    from codify.render.playbook import build_date

    hasher = hashlib.sha256()
    hasher.update(f"codify {__version__}\n".encode())
    hasher.update(f"date {build_date().isoformat()}\n".encode())
    hasher.update(f"options {[str(o) for o in options]!r}\n".encode())
    _tree(hasher, CODE, "*.py")
    for folder in templates:
        _tree(hasher, folder)
    if user_templates is not None:
        _tree(hasher, user_templates)
    if css is not None:
        hasher.update(f"css:{file_digest(css)}\n".encode())
    _packages(hasher)
    if fonts:
        _fonts(hasher)
    return hasher.hexdigest()


def inputs_key(fingerprint: str, digests: Iterable[tuple[str, str]]) -> str:
    """One key for a playbook: the run's fingerprint and each input file's digest."""
    hasher = hashlib.sha256(fingerprint.encode())
    for path, digest in digests:
        hasher.update(f"\n{path}:{digest}".encode())
    return hasher.hexdigest()


@dataclass
class Record:
    """What one playbook was built from, what it wrote (output name -> SHA-256), and the
    findings its build reported, so that skipping it reports them again."""

    key: str
    inputs: list[str]
    outputs: dict[str, str]
    findings: list[dict[str, Any]] = field(default_factory=list)


def findings_to_json(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings as plain JSON values, every field kept."""
    out = []
    for f in findings:
        item = {k: getattr(f, k) for k in FINDING_FIELDS}
        item["details"] = list(f.details)
        out.append(item)
    return out


def findings_from_json(items: list[dict[str, Any]]) -> list[Finding]:
    """The findings a manifest record holds."""
    out = []
    first = ("rule", "severity", "file", "line", "column", "message")
    for item in items:
        rest = {k: item[k] for k in FINDING_FIELDS if k in item and k not in first}
        rest["details"] = tuple(rest.get("details", ()))
        if rest.get("status") is not None:
            rest["status"] = AdaptationStatus(rest["status"])
        rule, severity = Rule(item["rule"]), Severity(item["severity"])
        where = (str(item["file"]), int(item["line"]), int(item["column"]))
        out.append(Finding(rule, severity, *where, str(item["message"]), **rest))
    return out


@dataclass
class Manifest:
    """The records of one output folder, keyed by playbook (project, site and format)."""

    folder: Path
    records: dict[str, Record] = field(default_factory=dict)
    changed: dict[str, Record | None] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """Read the manifest; a missing or unreadable one is empty (everything is rebuilt)."""
        return cls(folder, _read(folder / MANIFEST_NAME))

    def fresh(self, ident: str, fingerprint: str, cache: dict[Path, str]) -> Record | None:
        """The record of ``ident`` when its outputs are up to date, else None."""
        record = self.records.get(ident)
        if record is None:
            return None
        digests = [(p, _cached(Path(p), cache)) for p in record.inputs]
        if inputs_key(fingerprint, digests) != record.key:
            return None
        for name, digest in record.outputs.items():
            if file_digest(self.folder / name) != digest:
                return None
        return record

    def put(self, ident: str, record: Record | None) -> None:
        """Remember a build (or, with None, forget one whose inputs moved under it)."""
        self.changed[ident] = record

    def save(self) -> None:
        """Merge this run's records into the manifest on disk, under a lock, atomically."""
        if not self.changed:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with _locked(self.folder):
            records = _read(self.folder / MANIFEST_NAME)
            for ident, record in self.changed.items():
                if record is None:
                    records.pop(ident, None)
                else:
                    records[ident] = record
            payload = {
                "codify": __version__,
                "playbooks": {k: vars(r) for k, r in sorted(records.items())},
            }
            write_atomic(self.folder / MANIFEST_NAME, json.dumps(payload, indent=1) + "\n")
        self.records = records
        self.changed = {}


def _cached(path: Path, cache: dict[Path, str]) -> str:
    if path not in cache:
        cache[path] = file_digest(path)
    return cache[path]


def _read(path: Path) -> dict[str, Record]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        records = {
            ident: Record(
                str(r["key"]),
                [str(i) for i in r["inputs"]],
                dict(r["outputs"]),
                list(r.get("findings", [])),
            )
            for ident, r in data["playbooks"].items()
        }
        for record in records.values():
            findings_from_json(record.findings)  # a damaged record is no record
        return records
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the output folder between processes (where there is ``fcntl``)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the atomic rename still holds
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
