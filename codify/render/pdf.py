"""HTML to PDF with WeasyPrint, which is imported here only: it costs 0.4 s to load."""

from __future__ import annotations

import contextlib
import hashlib
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


def render_pdf(
    html: str,
    *,
    allowed: list[Path],
    paper: Paper = Paper.A4,
    refused: list[Refusal] | None = None,
    sheets: list[Sheet] | None = None,
    used: list[Path] | None = None,
) -> bytes:
    """The PDF of a playbook: tagged (PDF/UA-1), with metadata, and byte-identical per input."""
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
            pdf_identifier=hashlib.sha256(html.encode()).digest()[:16],
            font_config=fonts,
        )
    except Exception as exc:  # WeasyPrint's own errors are not a public hierarchy
        raise RenderError(f"PDF rendering failed: {type(exc).__name__}: {exc}") from exc
    from codify.render.tagging import repair

    return repair(pdf, html)


_prestarted: list[PdfWorker] = []


def prestart_worker() -> None:
    """Start a PDF worker now, for the one build this process will run (``codify.launch``)."""
    if PdfWorker.usable():
        _prestarted.append(PdfWorker())


def take_worker() -> PdfWorker | None:
    """The worker started at launch, once; None when there is none."""
    return _prestarted.pop() if _prestarted else None


class PdfWorker:
    """A forked process that loads WeasyPrint while codify loads the spec and renders the HTML.

    On a machine with two or more cores this hides WeasyPrint's half-second import behind
    codify's own work; the PDF is the same bytes as ``render_pdf`` gives in process.
    """

    def __init__(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()
        child.close()

    @staticmethod
    def usable() -> bool:
        """Whether a worker helps and is safe: fork exists, a second core, no daemon, one thread."""
        import multiprocessing
        import os
        import threading

        return (
            hasattr(os, "fork")
            and (os.cpu_count() or 1) > 1
            and not multiprocessing.current_process().daemon
            and threading.active_count() == 1
        )

    def render(
        self,
        html: str,
        *,
        refused: list[Refusal],
        used: list[Path] | None = None,
        **options: Any,
    ) -> bytes:
        """The PDF, rendered in the worker; refused fetches are added to ``refused``, and the
        files it read to ``used`` (as ``render_pdf`` does in process)."""
        self._conn.send((html, options))
        ok, payload, notes, read = self._conn.recv()
        refused.extend(notes)
        if used is not None:
            used.extend(read)
        if not ok:
            raise RenderError(payload)
        return bytes(payload)

    def close(self) -> None:
        """Stop the worker (it exits by itself after one PDF, or when told there is none)."""
        if self._process.is_alive():
            with contextlib.suppress(BrokenPipeError, OSError):
                self._conn.send(None)
        self._conn.close()
        self._process.join(timeout=5)


def _serve(conn: Any) -> None:
    """In the worker: load WeasyPrint, then render the one PDF asked for, if any."""
    try:
        import weasyprint  # noqa: F401  (the import is the point: it is what takes time)

        from codify.render import tagging  # noqa: F401
    except OSError:
        pass  # render_pdf reports the missing system library
    try:
        job = conn.recv()
    except EOFError:
        return  # the command ended without a PDF to render (a usage error, say)
    if job is None:
        return
    html, options = job
    notes: list[Refusal] = []
    read: list[Path] = []
    try:
        conn.send((True, render_pdf(html, refused=notes, used=read, **options), notes, read))
    except RenderError as exc:
        conn.send((False, str(exc), notes, read))
