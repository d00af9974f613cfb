"""The Typer app and the helpers every command shares: the one error boundary and printing."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

# codify's models need no pydantic plug-ins; skipping their discovery scans no package metadata
# and takes about 15 ms off every command. A user's own setting wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer

from codify import __version__
from codify.errors import CodifyError, InvalidInputError
from codify.findings import Finding, worst_counting
from codify.output.findings import REPORTERS, Format, render_json, render_text, use_colour
from codify.vocab import Severity

app = typer.Typer(
    name="codify",
    help="Turn a health-care innovation into an adoptable playbook: check specs and site "
    "adaptations, diff releases, build playbooks, review adopter networks.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

T = TypeVar("T")


class FailOn(StrEnum):
    """The lowest severity that makes a command exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


def fail(message: str, code: int = 2) -> NoReturn:
    """Print an error for the user and exit with ``code``."""
    typer.echo(f"codify: error: {message}", err=True)
    raise typer.Exit(code)


def guarded(func: Callable[[], T]) -> T:
    """The one error boundary: codify's own errors become a message and an exit code."""
    try:
        return func()
    except InvalidInputError as exc:
        sys.stderr.write(render_text(exc.findings, colour=use_colour(sys.stderr.isatty())))
        fail(str(exc), 1)
    except CodifyError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)


def emit(findings: Sequence[Finding], fmt: Format, checked: int = 0, **extra: object) -> None:
    """Print findings in the chosen format."""
    if fmt is Format.TEXT:
        out = render_text(findings, colour=use_colour(sys.stdout.isatty()), checked=checked)
    elif fmt is Format.JSON:
        out = render_json(findings, **extra)
    else:
        out = REPORTERS[fmt](findings)
    sys.stdout.write(out)


def exit_for(findings: Sequence[Finding], fail_on: FailOn) -> None:
    """Exit 1 when a counting finding reaches ``fail_on``."""
    worst = worst_counting(findings)
    if fail_on is FailOn.NEVER or worst is None:
        return
    if worst.rank >= Severity(fail_on.value).rank:
        raise typer.Exit(1)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"codify {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn a health-care innovation into an adoptable playbook."""


PathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="A project folder (innovation.yaml + sites/) or YAML files.", show_default=False
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="YYYY-MM-DD",
        help="Judge dates (review_by, waiver expiry) as of this day, for reproducible results.",
        show_default="the machine's date",
    ),
]


def parse_today(value: str | None, option: str = "--today") -> date:
    """The day an option names (the machine's date without it); a bad date is a usage error."""
    if value is None:
        return date.today()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    fail(f"{option} {value!r} is not a date; write YYYY-MM-DD, e.g. 2026-03-01")


def deliver(text: str, output: Path | None) -> None:
    """Print to standard output, or write a file atomically."""
    if output is None:
        sys.stdout.write(text)
        return
    from codify.files import write_atomic

    guarded(lambda: write_atomic(output, text))
    typer.echo(f"wrote {output}", err=True)
