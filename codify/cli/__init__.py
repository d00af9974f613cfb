"""The command line: parse options, call the library, print, choose the exit code.

Each command module registers its commands on the one Typer app; help lists them in the order
they are imported here, which follows a user's work: check, publish, author.
"""

from __future__ import annotations

import os

# isort: off
from codify.cli import check, publish, author, decide  # noqa: F401 - registers the commands

# isort: on
from codify.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``codify`` command."""
    # codify's models need no pydantic plug-ins; skipping their discovery scans no package
    # metadata and takes about 15 ms off every command. A user's own setting wins. Set here, in
    # the command's own process, never on import: a library user's environment is theirs.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app()
