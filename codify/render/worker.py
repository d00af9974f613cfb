"""A forked process that loads WeasyPrint once, while codify loads the spec and renders the
HTML, and then renders every PDF of the run.

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
    """One forked process that renders a run's PDFs (without the PDF/UA repair, made here),
    one at a time, importing WeasyPrint once."""

    def __init__(self) -> None:
        """Fork the worker; OSError when the system will not (no processes or files left)."""
        import signal

        for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
            if stream is not None:
                stream.flush()
        to_child, self._to_child = os.pipe()
        try:
            self._from_child, from_parent = os.pipe()
        except OSError:
            os.close(to_child)
            os.close(self._to_child)
            raise
        self.rendered = 0
        self.broken = False
        self._busy = False
        # Ctrl-C is held back across the fork, so that it never reaches the child before the
        # child is inside the block that ends it: the child must never run this process's code.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self.pid = os.fork()
        except OSError:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            for fd in (to_child, self._to_child, self._from_child, from_parent):
                os.close(fd)
            raise
        if self.pid == 0:  # the worker: it never returns from here
            code = 1
            try:
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
                os.close(self._to_child)
                os.close(self._from_child)
                _serve(to_child, from_parent)
                code = 0
            finally:
                os._exit(code)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(to_child)
        os.close(from_parent)

    @staticmethod
    def usable() -> bool:
        """Whether a worker helps and is safe: fork exists, this process may use a second core,
        and it runs one thread."""
        import threading

        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        return hasattr(os, "fork") and (cores or 1) > 1 and threading.active_count() == 1

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
        from codify.render.tagging import repair  # pikepdf loads while WeasyPrint does

        self._busy = True
        try:
            _send(self._to_child, (html, options))
            ok, payload, notes, read = _receive(self._from_child)
        except (EOFError, BrokenPipeError):
            self.broken = True
            raise RenderError(f"the PDF worker stopped without a PDF{self._why()}") from None
        except BaseException:
            self.broken = True  # its answer may still be in the pipe: never ask it again
            raise
        self._busy = False
        self.rendered += 1
        refused.extend(notes)
        if used is not None:
            used.extend(read)
        if not ok:
            raise RenderError(payload)
        return repair(payload, html)

    def _why(self) -> str:
        """How the worker ended, when the system says (a signal: often the memory running out)."""
        import signal

        try:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return ""
        if pid == 0:
            return ""
        self.pid = 0  # reaped
        if os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            hint = " (the system may have run out of memory)" if name == "SIGKILL" else ""
            return f": it was stopped by {name}{hint}"
        return f": it exited with code {os.WEXITSTATUS(status)}"

    def close(self) -> None:
        """Stop the worker: an idle one ends when its pipe closes; one that never rendered (it
        may still be importing), or was left mid-PDF, is killed."""
        import signal

        for fd in (self._to_child, self._from_child):
            if fd >= 0:
                os.close(fd)
        self._to_child = self._from_child = -1
        if self.pid <= 0:
            return
        if self.rendered == 0 or self._busy:
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.pid = 0


def _serve(inbox: int, outbox: int) -> None:
    """In the worker: load WeasyPrint, then render each PDF asked for until the pipe closes."""
    import contextlib

    from codify.errors import RenderError
    from codify.render import pdf

    with contextlib.suppress(OSError):  # draw_pdf reports a missing system library
        import weasyprint  # noqa: F401  (the import is the point: it is what takes time)

    while True:
        try:
            job = _receive(inbox)
        except EOFError:
            return  # the run is over
        html, options = job
        notes: list[Any] = []
        read: list[Path] = []
        try:
            payload = pdf.draw_pdf(html, refused=notes, used=read, **options)
            _send(outbox, (True, payload, notes, read))
        except RenderError as exc:
            _send(outbox, (False, str(exc), notes, read))
        except Exception as exc:  # a fault, not bad input: say what it was rather than nothing
            message = f"the PDF worker failed: {type(exc).__name__}: {exc}"
            _send(outbox, (False, message, notes, read))


_shared: list[PdfWorker] = []


def prestart() -> None:
    """Start the worker now, for the PDFs this process will build (``codify.launch``)."""
    shared()


def shared() -> PdfWorker | None:
    """The process's worker, started on first use (again if it broke); None where a worker
    cannot help (one core, no fork, threads) or the system will not fork one: the PDF is then
    rendered in this process."""
    if _shared and _shared[0].broken:
        discard()
    if not _shared and PdfWorker.usable():
        try:
            _shared.append(PdfWorker())
        except OSError:
            return None
    return _shared[0] if _shared else None


def discard() -> None:
    """Stop the process's worker, if it has one (at the end of a run, used or not)."""
    while _shared:
        _shared.pop().close()
