"""Commands that check: validate, diff, schema."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from codify.cli.app import (
    FailOn,
    FormatOpt,
    PathsArg,
    TodayOpt,
    app,
    emit,
    exit_for,
    guarded,
    parse_today,
)
from codify.findings import Finding
from codify.output.findings import Format
from codify.vocab import Severity


@app.command()
def validate(paths: PathsArg, fmt: FormatOpt = Format.TEXT) -> None:
    """Check specs and site files: syntax, fields, types, ids and cross-references."""
    from codify.project import load_projects
    from codify.rules.project import validate_project

    def run() -> tuple[list[Finding], int]:
        projects = load_projects(paths)
        files = sum(len(p.sites) + (p.spec is not None) for p in projects)
        return [f for project in projects for f in validate_project(project)], files

    findings, files = guarded(run)
    emit(findings, fmt, checked=files)
    exit_for(findings, FailOn.ERROR)


@app.command()
def diff(
    paths: PathsArg,
    fmt: FormatOpt = Format.TEXT,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 at or above this.")
    ] = FailOn.ERROR,
    waivers: Annotated[Path | None, typer.Option(help="YAML list of reviewed findings.")] = None,
    sites: Annotated[
        Path | None, typer.Option(help="With two releases: the sites to check against the new one.")
    ] = None,
    history: Annotated[
        Path | None,
        typer.Option(
            help="Folder of earlier releases of the spec, to list what changed since a site's base."
        ),
    ] = None,
    show_info: Annotated[
        bool,
        typer.Option(
            "--info/--no-info", help="Show info findings (in-bounds choices) in text output."
        ),
    ] = True,
    today: TodayOpt = None,
) -> None:
    """Judge each site against the spec, or one release of a spec against the next."""
    from codify import app as commands

    day = parse_today(today)
    findings = guarded(lambda: commands.run_diff(paths, sites, history, waivers, day))
    shown = (
        findings
        if show_info or fmt is not Format.TEXT
        else [f for f in findings if f.severity is not Severity.INFO]
    )
    emit(shown, fmt, checked=len({f.file for f in findings}))
    exit_for(findings, fail_on)


class SchemaKind(StrEnum):
    """The file kinds with a JSON Schema."""

    INNOVATION = "innovation"
    ADAPTATION = "adaptation"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file kind.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.")
    ] = None,
) -> None:
    """Print the JSON Schema of a file kind, for editors (VS Code's YAML extension)."""
    from codify.files import write_atomic
    from codify.validate.jsonschema import render_schema

    text = render_schema(kind.value)
    if output is None:
        sys.stdout.write(text)
    else:
        guarded(lambda: write_atomic(output, text))
        typer.echo(f"wrote {output}", err=True)
