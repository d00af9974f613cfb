"""HTML to PDF with WeasyPrint, which is imported here only: it costs 0.4 s to load."""

from __future__ import annotations

import hashlib
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


def render_pdf(
    html: str,
    *,
    allowed: list[Path],
    paper: Paper = Paper.A4,
    refused: list[Refusal] | None = None,
    used: list[Path] | None = None,
) -> bytes:
    """The PDF of a playbook: tagged (PDF/UA-1), with metadata, and byte-identical per input."""
    try:
        from weasyprint import CSS, HTML
    except OSError as exc:  # Pango or another system library is missing
        raise RenderError(
            f"WeasyPrint cannot load its system libraries ({exc}); on Debian install "
            "libpango-1.0-0 libpangoft2-1.0-0"
        ) from None
    notes = refused if refused is not None else []
    fetcher = make_fetcher(allowed, notes, used)
    page = CSS(string=f"@page {{ size: {PAPER[paper]}; }}")
    try:
        document = HTML(string=html, url_fetcher=fetcher, base_url=None)
        pdf: bytes = document.write_pdf(
            stylesheets=[page],
            pdf_variant="pdf/ua-1",
            pdf_identifier=hashlib.sha256(html.encode()).digest()[:16],
            url_fetcher=fetcher,
        )
    except Exception as exc:  # WeasyPrint's own errors are not a public hierarchy
        raise RenderError(f"PDF rendering failed: {type(exc).__name__}: {exc}") from exc
    return pdf
