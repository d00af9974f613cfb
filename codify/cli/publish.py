"""Commands that publish: build, review, export."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from codify.cli.app import (
    FailOn,
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

if TYPE_CHECKING:
    from codify.render.build import Built


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
    today: TodayOpt = None,
) -> None:
    """Build the playbook as self-contained HTML and a tagged, printable PDF."""
    from codify.app import BuildOptions, run_build

    options = BuildOptions(
        project,
        output,
        fmt.value,
        site,
        all_sites,
        jobs,
        paper.value,
        templates,
        css,
        parse_today(today),
    )
    count = [0]

    def progress(done: Built, total: int) -> None:
        count[0] += 1
        names = ", ".join(str(p) for p in done.files)
        typer.echo(f"[{count[0]}/{total}] wrote {names}", err=True)
        for note in done.refused:
            typer.echo(f"  warning: unsafe-url: {note}", err=True)

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
    today: TodayOpt = None,
) -> None:
    """The adopter network's view: matrix, drift, convergence, core pressure, decisions due."""
    from codify.app import run_review
    from codify.output import ReportOptions, report

    result, root = run_review(paths, min_sites, parse_today(today))
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
