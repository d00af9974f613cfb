"""Commands that publish: build, review, export."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from codify.cli.app import (
    PathsArg,
    app,
    deliver,
    fail,
    guarded,
)


class Paper(StrEnum):
    """Paper sizes for the PDF."""

    A4 = "a4"
    LETTER = "letter"


class Handout(StrEnum):
    """The one-page handouts ``codify build --handout`` makes."""

    SUMMARY = "summary"
    CHECKLIST = "checklist"


@app.command()
def build(
    project: Annotated[Path, typer.Argument(help="The project folder (or its innovation.yaml).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path("out"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="html, pdf or all.")] = "all",
    site: Annotated[Path | None, typer.Option(help="Build this site's own playbook.")] = None,
    all_sites: Annotated[bool, typer.Option("--all-sites", help="One playbook per site.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parallel processes.")] = 1,
    paper: Annotated[Paper, typer.Option(help="Paper size of the PDF.")] = Paper.A4,
    templates: Annotated[
        Path | None, typer.Option(help="Your own template folder, searched before codify's.")
    ] = None,
    css: Annotated[Path | None, typer.Option(help="Extra CSS appended to the playbook's.")] = None,
    handout: Annotated[
        Handout | None,
        typer.Option(help="Instead of the playbook, a one-page handout: summary or checklist."),
    ] = None,
) -> None:
    """Build the playbook as self-contained HTML and a tagged, printable PDF."""
    from codify.render.build import BuildFormat, BuildJob, Built, build_all, site_paths

    if fmt not in {f.value for f in BuildFormat}:
        fail(f"--format must be html, pdf or all, not {fmt!r}")
    for extra in (templates, css):
        if extra is not None and not extra.exists():
            fail(f"{extra}: no such file or folder")
    folder = project.parent if project.is_file() else project
    if not project.exists():
        fail(f"{project}: no such file or folder")
    chosen = guarded(lambda: site_paths(folder, site, all_sites))
    todo = [
        BuildJob(
            folder,
            s,
            output,
            BuildFormat(fmt),
            paper.value,
            templates,
            css,
            handout.value if handout else None,
        )
        for s in chosen
    ]
    count = [0]

    def progress(done: Built) -> None:
        count[0] += 1
        names = ", ".join(str(p) for p in done.files)
        typer.echo(f"[{count[0]}/{len(todo)}] wrote {names}", err=True)
        for note in done.refused:
            typer.echo(f"  warning: unsafe-url: {note}", err=True)

    guarded(lambda: build_all(todo, jobs, progress))


class ReviewFormat(StrEnum):
    """Output formats of review."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


@app.command()
def review(
    paths: PathsArg,
    fmt: Annotated[
        ReviewFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReviewFormat.TEXT,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.")
    ] = None,
    min_sites: Annotated[
        int,
        typer.Option("--min-sites", min=2, help="Sites needed to call an adaptation convergent."),
    ] = 3,
    templates: Annotated[Path | None, typer.Option(help="Your own template folder.")] = None,
) -> None:
    """The adopter network's view: matrix, drift, convergence and core under pressure."""
    from codify import app as commands
    from codify.output import review as review_report

    result, root = guarded(lambda: commands.run_review(paths, min_sites))
    if fmt is ReviewFormat.HTML:
        from codify.render.network import render_review

        text = guarded(lambda: render_review(result, root, templates))
    elif fmt is ReviewFormat.JSON:
        text = review_report.review_json(result)
    elif fmt is ReviewFormat.MARKDOWN:
        text = review_report.review_markdown(result)
    else:
        text = review_report.review_text(result)
    deliver(text, output)


class ExportKind(StrEnum):
    """What export writes."""

    TIDIER = "tidier"
    FRAME_CSV = "frame-csv"


class ExportFormat(StrEnum):
    """Formats of the TIDieR export."""

    MARKDOWN = "markdown"
    CSV = "csv"


@app.command()
def export(
    paths: PathsArg,
    kind: Annotated[ExportKind, typer.Option("--as", help="tidier or frame-csv.")],
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="For tidier: markdown or csv.")
    ] = ExportFormat.MARKDOWN,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.")
    ] = None,
) -> None:
    """Export the TIDieR checklist, or every adaptation FRAME-coded as CSV for spreadsheets."""
    from codify.app import run_export

    deliver(guarded(lambda: run_export(paths, kind.value, fmt.value)), output)
