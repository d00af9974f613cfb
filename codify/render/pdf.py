"""HTML to PDF with WeasyPrint, which is imported here only: it costs 0.4 s to load."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codify.assets import MAX_ASSET_BYTES, Refusal
from codify.errors import RenderError
from codify.files import read_bytes
from codify.vocab import Paper

PAPER = {Paper.A4: "A4", Paper.LETTER: "letter"}


def make_fetcher(
    allowed: list[Path], refused: list[Refusal], used: list[Path] | None = None
) -> Any:
    """A URL fetcher that serves data: URIs and files inside ``allowed`` folders, nothing else.

    Each allowed file it is asked for, present or not, goes into ``used`` (for the manifest).
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = [p.resolve() for p in allowed]

    class RestrictedFetcher(URLFetcher):  # type: ignore[misc]
        """Refuses the network and every file outside the project's assets and templates."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                from urllib.request import url2pathname

                path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
                inside = any(path.is_relative_to(r) for r in roots)
                if inside and used is not None:
                    used.append(path)
                if inside and path.is_file():
                    return URLFetcherResponse(url, read_bytes(path, MAX_ASSET_BYTES))
            refused.append(
                Refusal("PDF", url, "the PDF fetches only data: URIs and the project's assets")
            )
            raise ValueError("refused by codify's URL fetcher")

    return RestrictedFetcher(allowed_protocols={"data", "file"}, allow_redirects=False)


@dataclass(frozen=True)
class Sheet:
    """A stylesheet given to WeasyPrint only: its text, and the file it came from (for messages
    and for resolving its relative URLs, such as the fonts next to it)."""

    text: str
    path: Path


def render_pdf(html: str, **options: Any) -> bytes:
    """The PDF of a playbook: tagged (PDF/UA-1), with metadata, and byte-identical per input.

    ``options`` are ``draw_pdf``'s.
    """
    from codify.render.tagging import repair

    return repair(draw_pdf(html, **options), html)


def draw_pdf(
    html: str,
    *,
    allowed: list[Path],
    paper: Paper = Paper.A4,
    refused: list[Refusal] | None = None,
    sheets: list[Sheet] | None = None,
    used: list[Path] | None = None,
) -> bytes:
    """WeasyPrint's PDF of a playbook, before ``tagging.repair``.

    It carries no file identifier: the repair writes one, from the content.
    """
    try:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration
    except OSError as exc:  # Pango or another system library is missing
        raise RenderError(
            f"WeasyPrint cannot load its system libraries ({exc}); on Debian install "
            "libpango-1.0-0 libpangoft2-1.0-0"
        ) from None
    notes = refused if refused is not None else []
    fetcher = make_fetcher(allowed, notes, used)
    fonts = FontConfiguration()
    styles = [CSS(string=f"@page {{ size: {PAPER[paper]}; }}")]
    for sheet in sheets or []:
        try:
            styles.append(
                CSS(
                    string=sheet.text,
                    base_url=sheet.path.as_uri(),
                    url_fetcher=fetcher,
                    font_config=fonts,
                )
            )
        except Exception as exc:  # tinycss2 is lenient; this is a last resort
            raise RenderError(f"{sheet.path}: cannot use this stylesheet ({exc})") from None
    try:
        document = HTML(string=html, url_fetcher=fetcher, base_url=None)
        pdf: bytes = document.write_pdf(
            stylesheets=styles,
            pdf_variant="pdf/ua-1",
            font_config=fonts,
        )
    except Exception as exc:  # WeasyPrint's own errors are not a public hierarchy
        raise RenderError(f"PDF rendering failed: {type(exc).__name__}: {exc}") from exc
    return pdf
