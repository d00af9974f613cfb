"""Commands that publish: build, review, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from codify.cli.app import (
    FailOnOpt,
    OutputOpt,
    PathsArg,
    ProjectArg,
    TodayOpt,
    choice,
    command,
    deliver,
    exit_for,
    parse_today,
)
from codify.vocab import (
    BuildFormat,
    ExportFormat,
    ExportKind,
    FailOn,
    Handout,
    Paper,
    ReviewFormat,
)


@command()
def build(
    project: ProjectArg,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FOLDER", help="Output folder.")
    ] = Path("out"),
    fmt: Annotated[
        BuildFormat, typer.Option("--format", "-f", help="What to write.", **choice(BuildFormat))
    ] = BuildFormat.ALL,
    site: Annotated[
        str | None,
        typer.Option(metavar="SITE", help="Build this site's playbook (its id or its file)."),
    ] = None,
    all_sites: Annotated[bool, typer.Option("--all-sites", help="One playbook per site.")] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Parallel processes.")
    ] = 1,
    paper: Annotated[
        Paper, typer.Option(help="Paper size of the PDF.", **choice(Paper))
    ] = Paper.A4,
    templates: Annotated[
        Path | None,
        typer.Option(metavar="FOLDER", help="Your own template folder, searched before codify's."),
    ] = None,
    css: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Extra CSS appended to the playbook's.")
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on", help="Exit 1 at or above this (unsafe-url is a warning).", **choice(FailOn)
        ),
    ] = FailOn.ERROR,
    today: TodayOpt = None,
    handout: Annotated[
        Handout | None,
        typer.Option(
            help="Instead of the playbook, a one-page handout: summary or checklist.",
            **choice(Handout),
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even the playbooks that are up to date.")
    ] = False,
) -> None:
    """Build the playbook as self-contained HTML and a tagged, printable PDF.

    A playbook whose inputs are unchanged since the last build into the same folder is skipped
    (its findings are still reported).
    """
    from codify.app import BuildOptions, run_build
    from codify.cli.progress import build_progress

    options = BuildOptions(
        project,
        output,
        fmt,
        site,
        all_sites,
        jobs,
        paper,
        templates,
        css,
        parse_today(today),
        handout,
        force=force,
    )
    with build_progress() as progress:
        built = run_build(options, progress)
    if built.findings:
        from codify.output.findings import render_text, use_colour

        sys.stderr.write(render_text(built.findings, colour=use_colour(sys.stderr.isatty())))
    exit_for(built.findings, fail_on)


@command()
def review(
    paths: PathsArg,
    fmt: Annotated[
        ReviewFormat,
        typer.Option("--format", "-f", help="Output format.", **choice(ReviewFormat)),
    ] = ReviewFormat.TEXT,
    output: OutputOpt = None,
    min_sites: Annotated[
        int,
        typer.Option(
            "--min-sites", min=2, metavar="N", help="Sites needed to call an adaptation convergent."
        ),
    ] = 3,
    templates: Annotated[
        Path | None, typer.Option(metavar="FOLDER", help="Your own template folder.")
    ] = None,
    fail_on: FailOnOpt = FailOn.ERROR,
    today: TodayOpt = None,
) -> None:
    """The adopter network's view: matrix, drift, convergence, core pressure, decisions due."""
    from codify.app import run_review
    from codify.output import ReportOptions, report

    result, root = run_review(paths, min_sites, parse_today(today))
    options = ReportOptions(root=root, templates=templates)
    deliver(report("review", fmt.value, result, options), output)
    exit_for(result.findings, fail_on)


@command()
def export(
    paths: PathsArg,
    kind: Annotated[
        ExportKind,
        typer.Option("--as", help="What to export.", **choice(ExportKind)),
    ],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="For tidier: markdown (default) or csv. frame-csv is always CSV.",
            **choice(ExportFormat),
        ),
    ] = None,
    output: OutputOpt = None,
) -> None:
    """Export the TIDieR checklist, or every adaptation FRAME-coded as CSV for spreadsheets."""
    from codify.app import run_export

    deliver(run_export(paths, kind, fmt), output)
