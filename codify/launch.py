"""The ``codify`` command's first step: what a PDF build needs starts before anything else loads.

WeasyPrint takes about 0.4 s to import. For a command that will write a PDF, a forked worker
starts importing it here, before Typer, pydantic and codify's own modules load in this process,
so that the two run side by side on a machine with two cores.
"""

from __future__ import annotations

import os
import sys


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
    # codify's models need no pydantic plug-ins; skipping their discovery scans no package
    # metadata and takes about 15 ms off every command. A user's own setting wins. Set here, in
    # the command's own process, never on import: a library user's environment is theirs.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if builds_one_pdf(sys.argv[1:]):
        from codify.render.pdf import prestart_worker

        prestart_worker()
    from codify.cli import app

    app()
