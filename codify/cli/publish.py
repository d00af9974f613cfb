"""Commands that publish: build, review, export."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from codify.cli.app import (
    FailOn,
    FailOnOpt,
    OutputOpt,
    PathsArg,
    ProjectArg,
    choice,
    command,
    deliver,
    exit_for,
)


class Paper(StrEnum):
    """Paper sizes for the PDF."""

    A4 = "a4"
    LETTER = "letter"


class BuildFormat(StrEnum):
    """What build writes."""

    HTML = "html"
    PDF = "pdf"
    ALL = "all"


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
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even the playbooks that are up to date.")
    ] = False,
) -> None:
    """Build the playbook as self-contained HTML and a tagged, printable PDF.

    A playbook whose inputs are unchanged since the last build into the same folder is skipped.
    """
    from codify.app import BuildOptions, run_build
    from codify.cli.progress import build_progress

    options = BuildOptions(
        project, output, fmt.value, site, all_sites, jobs, paper.value, templates, css, force
    )
    with build_progress() as progress:
        run_build(options, progress)


class ReviewFormat(StrEnum):
    """Output formats of review."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


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
) -> None:
    """The adopter network's view: matrix, drift, convergence and core under pressure."""
    from codify.app import run_review
    from codify.output import ReportOptions, report

    result, root = run_review(paths, min_sites)
    options = ReportOptions(root=root, templates=templates)
    deliver(report("review", fmt.value, result, options), output)
    exit_for([f for site in result.sites for f in site.findings] + result.findings, fail_on)


class ExportKind(StrEnum):
    """What export writes."""

    TIDIER = "tidier"
    FRAME_CSV = "frame-csv"


class ExportFormat(StrEnum):
    """Formats of the TIDieR export."""

    MARKDOWN = "markdown"
    CSV = "csv"


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
    from codify.errors import UsageError

    if kind is ExportKind.FRAME_CSV and fmt is ExportFormat.MARKDOWN:
        raise UsageError("--as frame-csv writes CSV only; drop --format markdown")
    chosen = fmt or (ExportFormat.CSV if kind is ExportKind.FRAME_CSV else ExportFormat.MARKDOWN)
    deliver(run_export(paths, kind.value, chosen.value), output)
