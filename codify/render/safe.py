"""Safe Markdown and asset handling: user text never becomes markup or a file read."""

from __future__ import annotations

import base64
import mimetypes
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from codify.errors import UsageError
from codify.files import FileTooLarge, read_bytes

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
MAX_IMAGE_PIXELS = 25_000_000
"""The largest image codify embeds, in pixels (5,000 x 5,000): a PDF decodes every pixel."""
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"})
ASSET_SCHEME = "codify-asset"
_BLANK_GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


@dataclass
class _Asset:
    uri: str
    uses: int = 0


@dataclass
class AssetPolicy:
    """Which images may be embedded: only files inside the project's assets/ folder.

    Each image is read once and stands in the rendered HTML as a marker; ``embed`` puts the
    image's bytes in once, however often the playbook shows it.
    """

    root: Path | None
    refused: list[str] = field(default_factory=list)
    assets: dict[Path, int] = field(default_factory=dict)
    loaded: list[_Asset] = field(default_factory=list)
    scheme: str = field(default_factory=lambda: f"{ASSET_SCHEME}-{secrets.token_hex(8)}")
    """The markers' URL scheme, unguessable so that no user text can pose as a marker."""

    def data_uri(self, src: str, where: str) -> str | None:
        """A marker for the image (``codify-asset:N``), or None (noted in ``refused``)."""
        reason = self._refuse_reason(src)
        path = self._path(src) if reason is None else None
        if path is not None and path not in self.assets:
            reason = self._load(path)
        if path is None or reason is not None:
            self.refused.append(f"{where}: image {src[:80]!r} left out: {reason}")
            return None
        index = self.assets[path]
        self.loaded[index].uses += 1
        return f"{self.scheme}:{index}"

    def _load(self, path: Path) -> str | None:
        mime = mimetypes.guess_type(path.name)[0] or ""
        try:
            data = read_bytes(path, MAX_ASSET_BYTES)
        except FileTooLarge:
            return f"larger than {MAX_ASSET_BYTES // (1024 * 1024)} MB"
        except UsageError as exc:
            return str(exc).split(": ", 1)[-1]
        if mime != "image/svg+xml":
            size = image_size(data)
            if size is None:
                return "not a readable PNG, JPEG, GIF or WebP image"
            if size[0] * size[1] > MAX_IMAGE_PIXELS:
                return (
                    f"{size[0]} x {size[1]} pixels; codify embeds images up to "
                    f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels (scale it down)"
                )
        self.assets[path] = len(self.loaded)
        self.loaded.append(_Asset(f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"))
        return None

    def embed(self, html: str, *, once: bool = True) -> str:
        """The HTML with each marker replaced by its image.

        An image shown once is an ordinary data URI. With ``once``, an image shown several
        times is embedded a single time, as a CSS rule its ``<img>`` elements share.
        """
        rules: list[str] = []

        def one(match: re.Match[str]) -> str:
            index = int(match.group(1))
            asset = self.loaded[index]
            if asset.uses <= 1 or not once:
                return asset.uri
            return f'{_BLANK_GIF}" class="codify-asset-{index}'

        out = re.sub(re.escape(self.scheme) + r":(\d+)", one, html)
        for index, asset in enumerate(self.loaded):
            if once and asset.uses > 1:
                rules.append(f'img.codify-asset-{index}{{content:url("{asset.uri}")}}')
        if rules:
            style = "<style>" + "\n".join(rules) + "</style>"
            head = out.find("</head>")
            out = out[:head] + style + out[head:] if head >= 0 else style + out
        return out

    def _path(self, src: str) -> Path | None:
        if self.root is None:
            return None
        assets = (self.root / "assets").resolve()
        path = (self.root / unquote(src)).resolve()
        return path if path.is_relative_to(assets) else None

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
        return None


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


def render_markdown(text: str | None, policy: AssetPolicy, where: str) -> Markup:
    """Markdown to sanitised HTML: raw HTML escaped, then an explicit nh3 allow-list."""
    if not text:
        return Markup("")
    import nh3
    from markdown_it import MarkdownIt

    html = MarkdownIt("js-default").enable("table").render(text)

    def keep(tag: str, attr: str, value: str) -> str | None:
        if tag == "img" and attr == "src":
            return policy.data_uri(value, where)
        if tag == "a" and attr == "href" and value.lower().startswith(policy.scheme):
            return None
        return value

    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(LINK_SCHEMES) | {policy.scheme},
        attribute_filter=keep,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return Markup(clean)
