"""The ``codify`` command's first and last steps.

First: WeasyPrint takes about 0.4 s to import. For a command that will write a PDF, a forked
worker starts importing it here, before Typer, pydantic and codify's own modules load in this
process, so that the two run side by side on a machine with two cores.

Last: the command leaves without the interpreter's teardown, which frees every module and
object one by one (about 60 ms after a PDF build, 10 ms after ``validate``) and writes nothing
of codify's: every file is written, closed and renamed into place before a command returns, and
the standard streams are flushed here.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is not imported before a PDF worker forks: it costs time
if TYPE_CHECKING:
    from typing import NoReturn


def builds_one_pdf(args: list[str]) -> bool:
    """Whether a command line is a ``build`` that writes a PDF in this process."""
    if not args or args[0] != "build" or {"-h", "--help"} & set(args):
        return False
    for i, arg in enumerate(args):
        value = args[i + 1] if i + 1 < len(args) else ""
        if (arg in ("-f", "--format") and value == "html") or arg == "--format=html":
            return False
        if (arg in ("-j", "--jobs") and value not in ("", "1")) or arg.startswith("--jobs="):
            return False  # worker processes render the PDFs, each with its own WeasyPrint
    return True


def main() -> None:
    """Entry point of the ``codify`` command."""
    leave(run())


def run() -> int:
    """Run the command in ``sys.argv``; its exit code."""
    # codify's models need no pydantic plug-ins; skipping their discovery scans no package
    # metadata and takes about 15 ms off every command. A user's own setting wins. Set here, in
    # the command's own process, never on import: a library user's environment is theirs.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _skip_plugin_discovery()
    # A stream closed before the command started (``>&-``) is Python's None: what would be
    # written there goes nowhere, as the caller asked, and the command runs as usual.
    # (Open for the life of the process; pathlib is not loaded before a worker forks.)
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: PTH123, SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: PTH123, SIM115
    pdf = builds_one_pdf(sys.argv[1:])
    if pdf:
        from codify.render.worker import prestart

        prestart()
    try:
        from codify.cli import app
        from codify.cli.app import narrow_to

        narrow_to(sys.argv[1:])
        app()
    except SystemExit as exc:
        return exit_code(exc.code)
    finally:
        if pdf:
            from codify.render.worker import discard

            discard()
    return 0


def _skip_plugin_discovery() -> None:
    """With pydantic's plug-ins disabled, do not import its plug-in loader either.

    pydantic imports ``pydantic.plugin._loader`` to build its first validator, and the loader
    imports ``importlib.metadata`` (10 ms, a sixth of ``codify validate``) only to find that
    plug-ins are off. Its one function, ``get_plugins``, then answers "none". A module that
    answers the same takes its place in this process; any other name asked of it is served by
    the real loader, so a pydantic that wants more still gets it (tested against the real one).
    """
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true"):
        return
    import types

    name = "pydantic.plugin._loader"
    if name in sys.modules:
        return
    stand_in = types.ModuleType(name, "pydantic's plug-in loader, with plug-ins disabled")

    def get_plugins() -> tuple[()]:
        return ()

    def real(attr: str) -> object:
        if attr.startswith("__"):  # the import system asks for __path__ and the like
            raise AttributeError(attr)
        import importlib

        del sys.modules[name]
        return getattr(importlib.import_module(name), attr)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[name] = stand_in


def exit_code(code: object) -> int:
    """The process's exit code for ``SystemExit(code)``, as the interpreter would choose it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def leave(code: int) -> NoReturn:
    """Flush the standard streams and end the process with ``code``, skipping the teardown.

    A reader that stopped reading (``codify diff | head``) ends the command quietly with 141, as
    a shell reports a writer whose reader left; output that could not be written (a full disk
    behind ``>``) is an error, said on standard error, exit code 2. (``run`` has put
    /dev/null in place of a stream closed before the command started.)
    """
    import contextlib

    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = 141
    except OSError as exc:
        print(f"codify: error: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        code = 2
    with contextlib.suppress(OSError):  # nowhere left to say it
        sys.stderr.flush()
    os._exit(code)
