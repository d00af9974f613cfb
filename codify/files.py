"""The one place codify reads and writes files, and where its own files are.

Reading opens regular files only (never a FIFO, a device or a folder) and stops after a byte
budget, counted on the bytes read rather than on what ``stat`` claims. Writing is atomic, so a
failure leaves the old file intact.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from codify.errors import UsageError

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """codify's own templates: inside the installed package, or at the top of a source checkout."""
    installed = _PACKAGE / "templates"
    return installed if (installed / "playbook.html").is_file() else _PACKAGE.parent / "templates"


MAX_READ_BYTES = 64 * 1024 * 1024
"""The most codify reads of any one file: a spec, a site, a waiver list, CSS or an image."""
MAX_NAME_BYTES = 200
"""The longest file name codify writes (file systems allow 255, and the temporary name adds)."""


class FileTooLarge(UsageError):
    """A file is larger than the byte budget for its kind."""

    def __init__(self, shown: str, limit: int) -> None:
        super().__init__(f"{shown}: larger than {_size(limit)}; codify reads files up to that")
        self.shown = shown
        self.limit = limit

    def __reduce__(self) -> tuple[type[FileTooLarge], tuple[str, int]]:
        return (type(self), (self.shown, self.limit))


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit // (1024 * 1024)} MB"
    return f"{limit // 1024} KB" if limit >= 1024 else f"{limit} bytes"


def file_kind(mode: int) -> str:
    """What a non-regular file is, in a user's words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: Path, limit: int = MAX_READ_BYTES, shown: str | None = None) -> bytes:
    """The bytes of a regular file, refusing anything else and anything over ``limit`` bytes.

    Raises UsageError for a missing path or one that is not a regular file, FileTooLarge past
    the budget, and lets any other OSError (permissions, I/O) propagate.
    """
    shown = shown or str(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        kind = "a dangling symbolic link" if path.is_symlink() else ""
        raise UsageError(f"{shown}: {kind or 'no such file'}") from None
    if not stat.S_ISREG(mode):
        raise UsageError(f"{shown}: is {file_kind(mode)}, not a file codify can read")
    # O_NONBLOCK: should the path become a FIFO after the check, opening it must not block.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise UsageError(f"{shown}: is {file_kind(mode)}, not a file codify can read")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(shown, limit)
    return data


def read_text(path: Path, limit: int = MAX_READ_BYTES, shown: str | None = None) -> str:
    """A regular file's text as UTF-8 (a BOM dropped), read as ``read_bytes`` does.

    Bad bytes raise UsageError naming the line; callers that report YAML findings decode
    the bytes themselves.
    """
    shown = shown or str(path)
    raw = read_bytes(path, limit, shown)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UsageError(
            f"{shown}, line {line}: not UTF-8 text (byte 0x{raw[exc.start : exc.start + 1].hex()})"
        ) from None


def check_name(path: Path) -> None:
    """Refuse a file name too long to write, before any work is done for it."""
    if len(path.name.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
        raise UsageError(
            f"{path.name[:40]}...: file name longer than {MAX_NAME_BYTES} bytes; use shorter ids"
        )


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write to a temporary file in the same folder, then rename it over ``path``.

    A failure (a full disk, a read-only folder, a name too long) raises ``OSError`` naming
    ``path`` itself, never the temporary file, and leaves any previous file untouched.
    """
    check_name(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        _write(path, payload)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write: {exc.strerror or exc}", str(path)) from None


def _write(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            # Keep the permissions of the file being replaced.
            Path(tmp).chmod(path.stat().st_mode & 0o7777)
        else:
            Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
