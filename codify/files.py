"""Where codify's own files are, and the one place it writes files: atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """codify's own templates: inside the installed package, or at the top of a source checkout."""
    installed = _PACKAGE / "templates"
    return installed if (installed / "playbook.html").is_file() else _PACKAGE.parent / "templates"


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write to a temporary file in the same folder, then rename it over ``path``.

    A failure (a full disk, a read-only folder, a name too long) raises ``OSError`` naming
    ``path`` itself, never the temporary file, and leaves any previous file untouched.
    """
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
