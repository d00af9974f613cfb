"""Commands that check: validate, diff, schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from codify.cli.app import (
    FailOnOpt,
    FormatOpt,
    OutputOpt,
    PathsArg,
    TodayOpt,
    choice,
    command,
    deliver,
    emit,
    exit_for,
    parse_today,
)
from codify.vocab import FailOn, SchemaKind
from codify.vocab import OutputFormat as Format  # not via the reporters: --help stays light


@command()
def validate(paths: PathsArg, fmt: FormatOpt = Format.TEXT) -> None:
    """Check specs and site files: syntax, fields, types, ids and cross-references."""
    from codify.app import run_validate

    checked = run_validate(paths)
    emit(checked.findings, fmt, checked=checked.files)
    exit_for(checked.findings, FailOn.ERROR)


@command()
def diff(
    paths: PathsArg,
    fmt: FormatOpt = Format.TEXT,
    fail_on: FailOnOpt = FailOn.ERROR,
    waivers: Annotated[
        Path | None, typer.Option(metavar="FILE", help="YAML list of reviewed findings.")
    ] = None,
    sites: Annotated[
        Path | None,
        typer.Option(
            metavar="FOLDER", help="With two releases: the sites to check against the new one."
        ),
    ] = None,
    history: Annotated[
        Path | None,
        typer.Option(
            metavar="FOLDER",
            help="Folder of earlier releases, to list what changed since a site's base.",
        ),
    ] = None,
    show_info: Annotated[
        bool,
        typer.Option(
            "--info/--no-info",
            help="List info findings (in-bounds choices); the totals count them either way.",
        ),
    ] = True,
    today: TodayOpt = None,
) -> None:
    """Judge each site against the spec, or one release of a spec against the next."""
    from codify.app import run_diff

    findings = run_diff(paths, sites, history, waivers, parse_today(today))
    emit(findings, fmt, checked=len({f.file for f in findings}), hide_info=not show_info)
    exit_for(findings, fail_on)


@command()
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(help="Which file kind: innovation or adaptation.", **choice(SchemaKind)),
    ],
    output: OutputOpt = None,
) -> None:
    """Print the JSON Schema of a file kind, for editors (VS Code's YAML extension)."""
    from codify.app import run_schema

    deliver(run_schema(kind.value), output)
