"""``codify results``: what happened at each site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from codify.cli.app import (
    FailOnOpt,
    OutputOpt,
    PathsArg,
    choice,
    command,
    deliver,
    exit_for,
)
from codify.vocab import FailOn, ResultsFormat


@command()
def results(
    paths: PathsArg,
    site: Annotated[
        str | None, typer.Option(metavar="SITE", help="Only this site (its id).")
    ] = None,
    measure: Annotated[
        str | None, typer.Option(metavar="MEASURE", help="Only this measure (its id).")
    ] = None,
    fmt: Annotated[
        ResultsFormat,
        typer.Option("--format", "-f", help="Output format.", **choice(ResultsFormat)),
    ] = ResultsFormat.TEXT,
    output: OutputOpt = None,
    fail_on: FailOnOpt = FailOn.ERROR,
    init: Annotated[
        str | None,
        typer.Option(
            "--init", metavar="SITE", help="Write results/SITE.csv, a template, for this site."
        ),
    ] = None,
    templates: Annotated[
        Path | None, typer.Option(metavar="FOLDER", help="Your own template folder.")
    ] = None,
) -> None:
    """What happened at each site: XmR charts, signals after adaptations, readiness."""
    from codify.app import run_results, run_results_init
    from codify.output import ReportOptions, report

    if init is not None:
        for path in run_results_init(paths, init):
            typer.echo(f"created {path}", err=True)
        return
    outcomes = run_results(paths, site, measure)
    options = ReportOptions(root=outcomes.root, templates=templates)
    deliver(report("results", fmt.value, outcomes, options), output)
    exit_for(outcomes.findings, fail_on)
