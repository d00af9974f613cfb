"""Which images a playbook may show: the one asset policy that rules and the renderer share.

Only files inside the project's ``assets/`` folder are used, never a URL or a path outside it;
the checks here read no image, so validate can report what a build would leave out.
"""

from __future__ import annotations

import functools
import mimetypes
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

MAX_ASSET_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 25_000_000
"""The largest image codify embeds, in pixels (5,000 x 5,000): a PDF decodes every pixel."""
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"})


class Refusal(NamedTuple):
    """An address a playbook left out: where it was used, the address, and why."""

    where: str
    url: str
    reason: str


def asset_path(root: Path | None, src: str) -> Path | None:
    """The file an image address names, when it is inside ``root``'s assets/ folder."""
    if root is None:
        return None
    assets = (root / "assets").resolve()
    path = (root / unquote(src)).resolve()
    return path if path.is_relative_to(assets) else None


def refuse_reason(root: Path | None, src: str) -> str | None:
    """Why an image address would be left out of a playbook, or None when it is embedded."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith(("/", "\\")):
        return "only images in the project's assets/ folder are used (no URLs or absolute paths)"
    path = asset_path(root, src)
    if path is None:
        return "it is outside the project's assets/ folder"
    if not path.is_file():
        return "no such file in assets/"
    if (mimetypes.guess_type(path.name)[0] or "") not in IMAGE_TYPES:
        return "not a PNG, JPEG, GIF, WebP or SVG image"
    if path.stat().st_size > MAX_ASSET_BYTES:
        return f"larger than {MAX_ASSET_BYTES // (1024 * 1024)} MB"
    return None


@functools.lru_cache(maxsize=1)
def markdown_parser() -> Any:
    """The one Markdown parser of codify: markdown-it's js-default preset, with tables.

    Made once per process: building one costs 0.25 ms, more than rendering a short field.
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("js-default").enable("table")


def image_sources(text: str) -> list[str]:
    """The address of every image a Markdown text shows, as the renderer sees them."""
    if "![" not in text:
        return []  # no image syntax: skip loading the parser
    found = []
    stack = list(markdown_parser().parse(text))
    while stack:
        token = stack.pop(0)
        if token.type == "image":
            found.append(str(token.attrGet("src") or ""))
        stack[:0] = token.children or []
    return found


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF, JPEG or WebP image from its header, or None."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and len(data) >= 30:
        return _webp_size(data)
    if data[:2] == b"\xff\xd8":
        return _jpeg_size(data)
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X":
        return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    if chunk == b"VP8 ":
        w = int.from_bytes(data[26:28], "little") & 0x3FFF
        h = int.from_bytes(data[28:30], "little") & 0x3FFF
        return w, h
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            i += 1 if marker == 0xFF else 2
            continue
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h = int.from_bytes(data[i + 5 : i + 7], "big")
            w = int.from_bytes(data[i + 7 : i + 9], "big")
            return w, h
        i += 2 + length
    return None
