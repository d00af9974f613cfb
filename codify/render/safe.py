"""Safe Markdown and asset handling: user text never becomes markup or a file read."""

from __future__ import annotations

import base64
import mimetypes
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from codify.assets import (
    MAX_ASSET_BYTES,
    MAX_IMAGE_PIXELS,
    Refusal,
    asset_path,
    image_size,
    markdown_parser,
    refuse_reason,
)
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
    refused: list[Refusal] = field(default_factory=list)
    assets: dict[Path, int] = field(default_factory=dict)
    loaded: list[_Asset] = field(default_factory=list)
    scheme: str = field(default_factory=lambda: f"{ASSET_SCHEME}-{secrets.token_hex(8)}")
    """The markers' URL scheme, unguessable so that no user text can pose as a marker."""
    used: set[Path] = field(default_factory=set)
    """Every asset file looked at, present or not: incremental builds hash them."""

    def data_uri(self, src: str, where: str) -> str | None:
        """A marker for the image (``codify-asset:N``), or None (noted in ``refused``)."""
        consulted = self._path(src)
        if consulted is not None:
            self.used.add(consulted)
        reason = self.refuse_reason(src)
        path = self._path(src) if reason is None else None
        if path is not None and path not in self.assets:
            reason = self._load(path)
        if path is None or reason is not None:
            self.refused.append(Refusal(where, src, reason or "not allowed"))
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
        return asset_path(self.root, src)

    def refuse_reason(self, src: str) -> str | None:
        """Why an image address would be left out of a playbook, or None when it is embedded."""
        return refuse_reason(self.root, src)


def render_markdown(text: str | None, policy: AssetPolicy, where: str) -> Markup:
    """Markdown to sanitised HTML: raw HTML escaped, then an explicit nh3 allow-list."""
    if not text:
        return Markup("")
    import nh3

    html = markdown_parser().render(text)

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
    return Markup(REFUSED_IMG.sub(_alt_as_text, clean))


# An image whose src the policy refused: nh3 keeps the tag with its alt but without a src.
REFUSED_IMG = re.compile(r"<img(?![^>]*\ssrc=)([^>]*)>")
ALT = re.compile(r'\salt="([^"]*)"')


def _alt_as_text(match: re.Match[str]) -> str:
    """A refused image leaves its alternative text (already escaped by nh3), as text."""
    alt = ALT.search(match.group(1))
    text = alt.group(1).strip() if alt else ""
    return f'<span class="img-left-out">[Image: {text}]</span>' if text else ""
