"""The Typer app and what every command shares: the one error handler, help and printing."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperCommand

from codify import __version__
from codify.errors import CodifyError, InvalidInputError
from codify.vocab import FailOn
from codify.vocab import OutputFormat as Format

# Every command and `--help` pay for what is imported here: the reporters, the findings and
# the rest come in when a command uses them.
if TYPE_CHECKING:
    from codify.findings import Finding

T = TypeVar("T")
E = TypeVar("E", bound=Enum)
F = TypeVar("F", bound=Callable[..., Any])


class CodifyCommand(TyperCommand):
    """A command whose help names arguments as the user types them (``PATH...``, ``PROJECT``)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """``[OPTIONS] PROJECT`` rather than Typer's ``{project}``."""
        pieces = ["[OPTIONS]"] if any(p.param_type_name == "option" for p in self.params) else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """Arguments by name and help alone; options with their metavars."""
        args, opts = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                args.append((_argument_name(param), getattr(param, "help", None) or ""))
            else:
                opts.append(record)
        for title, rows in (("Arguments", args), ("Options", opts)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _argument_name(param: Any) -> str:
    name = str(param.metavar or param.name or "").upper()
    return name if param.nargs == 1 or name.endswith("...") else name + "..."


app = typer.Typer(
    name="codify",
    help="Turn a health-care innovation into an adoptable playbook: check specs and site "
    "adaptations, diff releases, build playbooks, review adopter networks.",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print an error for the user and exit with ``code``."""
    typer.echo(f"codify: error: {message}", err=True)
    raise typer.Exit(code)


def _os_message(exc: OSError) -> str:
    where = exc.filename if exc.filename is not None else ""
    what = exc.strerror or exc.__class__.__name__
    return f"{where}: {what}" if where else what


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """The one error handler: every expected failure becomes one message and an exit code.

    codify's own errors carry their exit code; an unreadable or unwritable file (a full disk,
    a read-only folder, a name too long) or bytes that are not text are usage errors (2).
    """
    try:
        yield
    except InvalidInputError as exc:
        from codify.output.findings import render_text, use_colour

        sys.stderr.write(render_text(exc.findings, colour=use_colour(sys.stderr.isatty())))
        fail(str(exc), 1)
    except CodifyError as exc:
        fail(str(exc), exc.exit_code)
    except BrokenPipeError:
        # Whoever read the output stopped reading (``codify diff | head``): nothing to say.
        # Later writes go nowhere; the exit code is a shell's for a writer whose reader left.
        with contextlib.suppress(AttributeError, OSError, ValueError):  # not a real file
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(128 + 13) from None  # 128 + SIGPIPE
    except OSError as exc:
        fail(_os_message(exc))
    except UnicodeError as exc:
        fail(f"not UTF-8 text: {exc}")
    except KeyboardInterrupt:
        fail("interrupted", 130)


def command(*names: str, **options: Any) -> Callable[[F], F]:
    """Register a command on the app, with the one error handler around its body."""

    def register(func: F) -> F:
        @functools.wraps(func)
        def body(*args: Any, **kwargs: Any) -> Any:
            with handled():
                return func(*args, **kwargs)

        app.command(*names, cls=CodifyCommand, **options)(body)
        return func

    return register


def narrow_to(args: Sequence[str]) -> None:
    """Keep on the app only the command that ``args`` run, when they name one.

    On every call Typer turns each registered command into a Click command, reading every
    parameter of every command (about 20 ms for codify's); a process runs one command. With
    no command named, or a name mistyped, all stay, for the help and the "did you mean".
    """
    name = args[0] if args else ""
    chosen = [c for c in app.registered_commands if _command_name(c) == name]
    if chosen:
        app.registered_commands = chosen


def _command_name(info: Any) -> str:
    # Typer's own rule for a command registered without a name: the function's, dashed.
    return str(info.name or info.callback.__name__.lower().replace("_", "-"))


def guarded(func: Callable[[], T]) -> T:
    """Run ``func`` inside the one error handler (for code outside a command's body)."""
    with handled():
        return func()
    raise AssertionError("unreachable")  # pragma: no cover - handled() exits or re-raises


def choice(kind: type[E]) -> dict[str, Any]:
    """Option settings for an enum: its values in help, and "did you mean" for a typo."""
    from codify.text import did_you_mean

    values = [str(member.value) for member in kind]

    def parse(value: Any) -> E:
        if isinstance(value, kind):
            return value
        for member in kind:
            if member.value == value:
                return member
        hint = did_you_mean(value, values)
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(values)}{hint}")

    return {
        "parser": parse,
        "metavar": "[" + "|".join(values) + "]",
        "autocompletion": lambda: values,
    }


def emit(
    findings: Sequence[Finding],
    fmt: Format,
    checked: int = 0,
    *,
    hide_info: bool = False,
    **extra: object,
) -> None:
    """Print findings in the chosen format (totals always count every finding)."""
    from codify.output import ReportOptions, report
    from codify.output.findings import use_colour

    colour = use_colour(sys.stdout.isatty())
    options = ReportOptions(colour=colour, checked=checked, hide_info=hide_info, extra=extra)
    sys.stdout.write(report("findings", fmt.value, list(findings), options))


def exit_for(findings: Sequence[Finding], fail_on: FailOn) -> None:
    """Exit 1 when a counting finding reaches ``fail_on``."""
    from codify.findings import worst_counting
    from codify.vocab import Severity

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
        metavar="PATH...",
        help="A project folder (innovation.yaml + sites/), or the YAML files themselves.",
        show_default=False,
    ),
]
ProjectArg = Annotated[
    Path,
    typer.Argument(metavar="PROJECT", help="The project folder (or its innovation.yaml)."),
]
FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output format.", **choice(Format))
]
FailOnOpt = Annotated[
    FailOn, typer.Option("--fail-on", help="Exit 1 at or above this severity.", **choice(FailOn))
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to this file (atomically)."),
]
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

    write_atomic(output, text)
    typer.echo(f"wrote {output}", err=True)
