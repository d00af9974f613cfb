"""A forked process that loads WeasyPrint while codify loads the spec and renders the HTML.

WeasyPrint takes about 0.4 s to import. On a machine with two or more cores a worker forked at
the first moment of a PDF build (``codify.launch``) hides that import behind codify's own work;
while the worker lays the PDF out, this process loads the PDF/UA repair. The PDF is the same
bytes as ``render_pdf`` gives in process (tested).

This module imports nothing but the standard library's smallest parts at load time, so that the
fork happens before Typer, pydantic and codify's own modules load: every millisecond before the
fork is a millisecond on the PDF's critical path.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself is not imported before the fork: it costs time
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

_HEADER = 8  # bytes of a message's length, big-endian


def _send(fd: int, message: object) -> None:
    import pickle

    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(_HEADER, "big") + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int) -> Any:
    """The next message, or raises EOFError when the other end closed its pipe."""
    import pickle

    size = int.from_bytes(_read_exactly(fd, _HEADER), "big")
    return pickle.loads(_read_exactly(fd, size))


def _read_exactly(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


class PdfWorker:
    """One forked process that renders one PDF (without the PDF/UA repair, made here)."""

    def __init__(self) -> None:
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
            stream.flush()
        to_child, self._to_child = os.pipe()
        self._from_child, from_parent = os.pipe()
        self._sent = False
        self.pid = os.fork()
        if self.pid == 0:  # the worker: it never returns from here
            code = 1
            try:
                os.close(self._to_child)
                os.close(self._from_child)
                _serve(to_child, from_parent)
                code = 0
            finally:
                os._exit(code)
        os.close(to_child)
        os.close(from_parent)

    @staticmethod
    def usable() -> bool:
        """Whether a worker helps and is safe: fork exists, a second core, one thread."""
        import threading

        return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1

    def render(
        self,
        html: str,
        *,
        refused: list[Any],
        used: list[Path] | None = None,
        **options: Any,
    ) -> bytes:
        """The PDF, rendered in the worker and repaired here; refused fetches are added to
        ``refused``, and the files it read to ``used`` (as ``render_pdf`` does in process)."""
        from codify.errors import RenderError

        self._sent = True
        try:
            _send(self._to_child, (html, options))
            from codify.render.tagging import repair  # loads pikepdf while the worker renders

            ok, payload, notes, read = _receive(self._from_child)
        except (EOFError, BrokenPipeError):
            raise RenderError("the PDF worker stopped without a PDF") from None
        refused.extend(notes)
        if used is not None:
            used.extend(read)
        if not ok:
            raise RenderError(payload)
        return repair(payload, html)

    def close(self) -> None:
        """Stop the worker: wait for one that was given a PDF to render (it exits once it has
        sent it), and kill one that never was (the command ended first)."""
        import signal

        if self.pid <= 0:
            return
        for fd in (self._to_child, self._from_child):
            os.close(fd)
        if not self._sent:
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.pid = 0


def _serve(inbox: int, outbox: int) -> None:
    """In the worker: load WeasyPrint, then render the one PDF asked for, if any."""
    import contextlib

    from codify.errors import RenderError
    from codify.render import pdf

    with contextlib.suppress(OSError):  # draw_pdf reports a missing system library
        import weasyprint  # noqa: F401  (the import is the point: it is what takes time)

    try:
        html, options = _receive(inbox)
    except EOFError:
        return  # the command ended without a PDF to render
    notes: list[Any] = []
    read: list[Path] = []
    try:
        payload = pdf.draw_pdf(html, refused=notes, used=read, **options)
        _send(outbox, (True, payload, notes, read))
    except RenderError as exc:
        _send(outbox, (False, str(exc), notes, read))
    except Exception as exc:  # a fault, not bad input: say what it was rather than nothing
        _send(outbox, (False, f"the PDF worker failed: {type(exc).__name__}: {exc}", notes, read))


_prestarted: list[PdfWorker] = []


def prestart() -> None:
    """Start a worker now, for the one build this process will run (``codify.launch``)."""
    if PdfWorker.usable():
        _prestarted.append(PdfWorker())


def take() -> PdfWorker | None:
    """The worker started at launch, once; None when there is none."""
    return _prestarted.pop() if _prestarted else None


def discard() -> None:
    """Stop a worker started at launch that the command did not use."""
    while _prestarted:
        _prestarted.pop().close()
