"""Safe Markdown and asset handling: user text never becomes markup or a file read."""

from __future__ import annotations

import base64
import functools
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "em",
        "strong",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "img",
        "h4",
        "h5",
        "h6",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "s",
        "sup",
        "sub",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
MAX_ASSET_BYTES = 5 * 1024 * 1024
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"})


@dataclass
class AssetPolicy:
    """Which images may be embedded: only files inside the project's assets/ folder."""

    root: Path | None
    refused: list[str] = field(default_factory=list)
    used: set[Path] = field(default_factory=set)  # for incremental builds: what was looked at

    def data_uri(self, src: str, where: str) -> str | None:
        """The image as a data URI, or None (and a note in ``refused``) when not allowed."""
        reason = self._refuse_reason(src)
        if reason is None:
            path = self._path(src)
            assert path is not None
            mime = mimetypes.guess_type(path.name)[0] or ""
            payload = base64.b64encode(path.read_bytes()).decode("ascii")
            return f"data:{mime};base64,{payload}"
        self.refused.append(f"{where}: image {src[:80]!r} left out: {reason}")
        return None

    def _path(self, src: str) -> Path | None:
        if self.root is None:
            return None
        assets = (self.root / "assets").resolve()
        path = (self.root / unquote(src)).resolve()
        if not path.is_relative_to(assets):
            return None
        self.used.add(path)
        return path

    def _refuse_reason(self, src: str) -> str | None:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or src.startswith(("/", "\\")):
            return (
                "only images in the project's assets/ folder are used (no URLs or absolute paths)"
            )
        path = self._path(src)
        if path is None:
            return "it is outside the project's assets/ folder"
        if not path.is_file():
            return "no such file in assets/"
        if (mimetypes.guess_type(path.name)[0] or "") not in IMAGE_TYPES:
            return "not a PNG, JPEG, GIF, WebP or SVG image"
        if path.stat().st_size > MAX_ASSET_BYTES:
            return "larger than 5 MB"
        return None


@functools.lru_cache(maxsize=1)
def _markdown() -> Any:
    """One parser per process: building one costs 0.25 ms, rendering a short field less."""
    from markdown_it import MarkdownIt

    return MarkdownIt("js-default").enable("table")


def render_markdown(text: str | None, policy: AssetPolicy, where: str) -> Markup:
    """Markdown to sanitised HTML: raw HTML escaped, then an explicit nh3 allow-list."""
    if not text:
        return Markup("")
    import nh3

    html: str = _markdown().render(text)

    def keep(tag: str, attr: str, value: str) -> str | None:
        if tag == "img" and attr == "src":
            return policy.data_uri(value, where)
        return value

    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(LINK_SCHEMES) | {"data"},
        attribute_filter=keep,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return Markup(clean)
