"""Commands that write a user's files: init, adapt, upgrade."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from codify.cli.app import ProjectArg, command
from codify.vocab import Severity


def _created(paths: list[Path]) -> None:
    for path in paths:
        typer.echo(f"created {path}", err=True)


@command()
def init(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help="Folder for the new project.")],
    ident: Annotated[
        str | None,
        typer.Option("--id", metavar="ID", help="Innovation id (default: the folder's name)."),
    ] = None,
    name: Annotated[str | None, typer.Option(metavar="TEXT", help="Innovation name.")] = None,
) -> None:
    """Start a project: a commented innovation.yaml, sites/, assets/ and editor schemas."""
    from codify.app import run_init

    _created(run_init(folder, ident, name))
    typer.echo(f"next: fill in the TODOs, then run: codify validate {folder}", err=True)


@command()
def adapt(
    project: ProjectArg,
    site: Annotated[
        str, typer.Option(metavar="SITE", help="The new site's id (or file name), e.g. newcastle.")
    ],
    name: Annotated[str | None, typer.Option(metavar="TEXT", help="The site's name.")] = None,
) -> None:
    """Write sites/SITE.yaml for a new adopting site, listing every choice it can make."""
    from codify.app import run_adapt

    _created(run_adapt(project, site, name))


@command()
def upgrade(
    site_file: Annotated[
        Path, typer.Argument(metavar="SITE_FILE", help="The site file to move to a new release.")
    ],
    to: Annotated[
        str | None,
        typer.Option("--to", metavar="VERSION", help="The new version (default: the spec's)."),
    ] = None,
    spec: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="The spec (default: ../innovation.yaml beside sites/)."),
    ] = None,
    history: Annotated[
        Path | None,
        typer.Option(
            metavar="FOLDER",
            help="Folder of releases, when --to is not the current spec's version.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the change as a unified diff; write nothing.")
    ] = False,
) -> None:
    """Move a site file to a new release of the spec, keeping every comment and blank line."""
    from codify.app import run_upgrade
    from codify.files import write_atomic

    result = run_upgrade(site_file, to, spec, history)
    if dry_run:
        sys.stdout.write(result.unified_diff(site_file.name))
    elif result.changed:
        write_atomic(site_file, result.new_text)
        typer.echo(f"{site_file}: based_on {result.old_version} -> {result.new_version}", err=True)
    else:
        typer.echo(f"{site_file}: already based on {result.new_version}; unchanged", err=True)
    if result.already:
        typer.echo(
            f"({result.already} finding(s) the site already had under "
            f"{result.old_version} are not repeated; codify diff shows them)",
            err=True,
        )
    if result.findings:
        what = "what changes in" if result.already is not None else "against"
        typer.echo(f"{what} {result.new_version}, this site has:", err=True)
        from codify.output.findings import render_text, use_colour

        sys.stderr.write(render_text(result.findings, colour=use_colour(sys.stderr.isatty())))
        raise typer.Exit(1 if any(f.severity is Severity.ERROR for f in result.findings) else 0)
