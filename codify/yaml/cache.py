"""The parse cache: a file's data and positions, kept by content hash between runs.

Parsing is most of the time `diff` and `review` take on a large network, and between two runs
almost every site file is unchanged. An entry is found by the SHA-256 of the file's text and of
the code that parses it, so an edited file, or another codify, never meets a stale entry. Entries
hold plain data only and are read back by an unpickler that refuses every class but the four
from ``datetime`` that YAML dates need: a planted entry can give wrong data, never run code.

The cache lives in ``$CODIFY_CACHE_DIR``, else ``$XDG_CACHE_HOME/codify/parse`` (by default
``~/.cache/codify/parse``); ``CODIFY_CACHE_DIR=off`` turns it off. Delete it at any time.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import hashlib
import io
import os
import pickle
from pathlib import Path
from typing import Any

from codify import __version__

FORMAT = 1
SAFE_CLASSES = {"date", "datetime", "timezone", "timedelta"}


@functools.lru_cache(maxsize=1)
def folder() -> Path | None:
    """Where entries are kept, or None when the cache is off."""
    chosen = os.environ.get("CODIFY_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "codify" / "parse"


@functools.lru_cache(maxsize=1)
def _salt() -> bytes:
    """The parser's identity: codify's version, the source of our parsing code and ruamel.yaml's
    package file, which names its version (read, not imported: a cache hit needs no parser)."""
    from importlib.util import find_spec

    hasher = hashlib.sha256(f"codify {__version__} {FORMAT}\n".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        hasher.update(source.read_bytes())
    spec = find_spec("ruamel.yaml")
    if spec is not None and spec.origin is not None:
        hasher.update(Path(spec.origin).read_bytes())
    return hasher.digest()


def key(text: str) -> str:
    """The entry name of a file's text."""
    return hashlib.sha256(_salt() + text.encode("utf-8", "surrogatepass")).hexdigest()


class _PlainUnpickler(pickle.Unpickler):
    """Builds lists, dicts, tuples, text, numbers and dates; refuses every other class."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in SAFE_CLASSES:
            return getattr(datetime, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the parse cache")


def get(name: str) -> Any | None:
    """The entry, or None when there is none or it cannot be read."""
    base = folder()
    if base is None:
        return None
    try:
        blob = (base / name[:2] / name).read_bytes()
        return _PlainUnpickler(io.BytesIO(blob)).load()
    except Exception:  # a missing, torn or foreign entry is a miss: parse the file instead
        return None


def put(name: str, value: Any) -> None:
    """Store an entry; a cache that cannot be written is skipped silently."""
    base = folder()
    if base is None:
        return
    sub = base / name[:2]
    # This process's own temporary name, then a rename: readers see a whole entry or none.
    # No mkstemp, and each folder made once: a first run over a network stores thousands.
    tmp = sub / f".{name}.{os.getpid()}"
    with contextlib.suppress(OSError, pickle.PicklingError, RecursionError):
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if sub not in _made:
            sub.mkdir(parents=True, exist_ok=True)
            _made.add(sub)
        try:
            tmp.write_bytes(blob)
            # No fsync: a torn entry after a crash is a miss, not a wrong answer.
            tmp.replace(sub / name)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise


_made: set[Path] = set()
