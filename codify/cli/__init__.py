"""The command line: parse options, call the library, print, choose the exit code.

Each command module registers its commands on the one Typer app; help lists them in the order
they are imported here, which follows a user's work: check, publish, author.
"""

from __future__ import annotations

# isort: off
from codify.cli import check, results, publish, author, decide  # noqa: F401 - registers the commands

# isort: on
from codify.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``codify`` command (see ``codify.launch``, which starts here too)."""
    from codify.launch import main as launch

    launch()
