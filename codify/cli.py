"""The command line: parse options, call the library, print, choose the exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

# codify's models need no pydantic plug-ins; skipping their discovery scans no package metadata
# and takes about 15 ms off every command. A user's own setting wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer

from codify import __version__
from codify.errors import CodifyError, InvalidInputError, UsageError
from codify.findings import Finding, worst_counting
from codify.report import REPORTERS, Format, render_json, render_text, use_colour
from codify.vocab import Severity

if TYPE_CHECKING:
    from codify.authoring import NewFile

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


@app.command()
def validate(paths: PathsArg, fmt: FormatOpt = Format.TEXT) -> None:
    """Check specs and site files: syntax, fields, types, ids and cross-references."""
    from codify.diff import validate_project
    from codify.project import load_projects

    def run() -> tuple[list[Finding], int]:
        projects = load_projects(paths)
        files = sum(len(p.sites) + (p.spec is not None) for p in projects)
        return [f for project in projects for f in validate_project(project)], files

    findings, files = guarded(run)
    emit(findings, fmt, checked=files)
    exit_for(findings, FailOn.ERROR)


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
    from codify.schema import render_schema
    from codify.writer import write_atomic

    text = render_schema(kind.value)
    if output is None:
        sys.stdout.write(text)
    else:
        guarded(lambda: write_atomic(output, text))
        typer.echo(f"wrote {output}", err=True)


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
) -> None:
    """Judge each site against the spec, or one release of a spec against the next."""
    from codify import commands

    findings = guarded(lambda: commands.run_diff(paths, sites, history, waivers, date.today()))
    shown = (
        findings
        if show_info or fmt is not Format.TEXT
        else [f for f in findings if f.severity is not Severity.INFO]
    )
    emit(shown, fmt, checked=len({f.file for f in findings}))
    exit_for(findings, fail_on)


class ReviewFormat(StrEnum):
    """Output formats of review."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


def deliver(text: str, output: Path | None) -> None:
    """Print to standard output, or write a file atomically."""
    if output is None:
        sys.stdout.write(text)
        return
    from codify.writer import write_atomic

    guarded(lambda: write_atomic(output, text))
    typer.echo(f"wrote {output}", err=True)


@app.command()
def review(
    project: Annotated[Path, typer.Argument(help="The project folder.")],
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
    from codify import commands, review_report

    result, root = guarded(lambda: commands.run_review([project], min_sites))
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
    project: Annotated[Path, typer.Argument(help="The project folder.")],
    kind: Annotated[ExportKind, typer.Option("--as", help="tidier or frame-csv.")],
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="For tidier: markdown or csv.")
    ] = ExportFormat.MARKDOWN,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.")
    ] = None,
) -> None:
    """Export the TIDieR checklist, or every adaptation FRAME-coded as CSV for spreadsheets."""
    from codify import commands
    from codify import export as exporting

    if kind is ExportKind.FRAME_CSV:
        spec_and_sites = guarded(lambda: commands.judged_sites([project]))
        spec = spec_and_sites[0].spec
        assert spec is not None and spec.model is not None
        text = exporting.frame_csv(spec.model, spec_and_sites[1])
    else:
        from codify.project import load_project

        loaded = guarded(lambda: load_project([project])).spec
        assert loaded is not None
        if not loaded.ok:
            guarded(lambda: commands.raise_invalid(loaded.findings))
        assert loaded.model is not None
        text = (
            exporting.tidier_csv(loaded.model)
            if fmt is ExportFormat.CSV
            else exporting.tidier_markdown(loaded.model)
        )
    deliver(text, output)


def _create(files: list[NewFile]) -> None:
    from codify.authoring import create_files

    for path in guarded(lambda: create_files(files)):
        typer.echo(f"created {path}", err=True)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Folder for the new project.")],
    ident: Annotated[
        str | None, typer.Option("--id", help="Innovation id (default: the folder's name).")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Innovation name.")] = None,
) -> None:
    """Start a project: a commented innovation.yaml, sites/, assets/ and editor schemas."""
    from codify.authoring import init_files

    _create(guarded(lambda: init_files(folder, ident, name)))
    typer.echo(f"next: fill in the TODOs, then run: codify validate {folder}", err=True)


@app.command()
def adapt(
    project: Annotated[Path, typer.Argument(help="The project folder.")],
    site: Annotated[str, typer.Option(help="The new site's id, e.g. newcastle.")],
    name: Annotated[str | None, typer.Option(help="The site's name.")] = None,
) -> None:
    """Write sites/SITE.yaml for a new adopting site, listing every choice it can make."""
    from codify.authoring import SCHEMA_DIR, NewFile, adapt_text
    from codify.commands import load_valid_spec
    from codify.project import SITES_DIR
    from codify.schema import render_schema

    spec = guarded(lambda: load_valid_spec(project))
    files = [
        NewFile(project / SITES_DIR / f"{site}.yaml", guarded(lambda: adapt_text(spec, site, name)))
    ]
    schema = project / SCHEMA_DIR / "adaptation.schema.json"
    if not schema.exists():
        files.append(NewFile(schema, render_schema("adaptation")))
    _create(files)


@app.command()
def upgrade(
    site_file: Annotated[Path, typer.Argument(help="The site file to move to a new release.")],
    to: Annotated[
        str | None, typer.Option("--to", help="The new version (default: the spec's).")
    ] = None,
    spec: Annotated[
        Path | None, typer.Option(help="The spec (default: ../innovation.yaml beside sites/).")
    ] = None,
    history: Annotated[
        Path | None,
        typer.Option(help="Folder of releases, when --to is not the current spec's version."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the change as a unified diff; write nothing.")
    ] = False,
) -> None:
    """Move a site file to a new release of the spec, keeping every comment and blank line."""
    from codify.commands import run_upgrade
    from codify.writer import write_atomic

    result = guarded(lambda: run_upgrade(site_file, to, spec, history))
    if dry_run:
        sys.stdout.write(result.unified_diff(site_file.name))
    elif result.changed:
        guarded(lambda: write_atomic(site_file, result.new_text))
        typer.echo(f"{site_file}: based_on {result.old_version} -> {result.new_version}", err=True)
    else:
        typer.echo(f"{site_file}: already based on {result.new_version}; unchanged", err=True)
    if result.findings:
        typer.echo(f"against {result.new_version}, this site has:", err=True)
        sys.stderr.write(render_text(result.findings, colour=use_colour(sys.stderr.isatty())))
        raise typer.Exit(1 if any(f.severity is Severity.ERROR for f in result.findings) else 0)


class Paper(StrEnum):
    """Paper sizes for the PDF."""

    A4 = "a4"
    LETTER = "letter"


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
) -> None:
    """Build the playbook as self-contained HTML and a tagged, printable PDF."""
    from codify.build import BuildFormat, BuildJob, Built, build_all, site_paths

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
        BuildJob(folder, s, output, BuildFormat(fmt), paper.value, templates, css) for s in chosen
    ]
    count = [0]

    def progress(done: Built) -> None:
        count[0] += 1
        names = ", ".join(str(p) for p in done.files)
        typer.echo(f"[{count[0]}/{len(todo)}] wrote {names}", err=True)
        for note in done.refused:
            typer.echo(f"  warning: {note}", err=True)

    guarded(lambda: build_all(todo, jobs, progress))


def main() -> None:
    """Entry point of the ``codify`` command."""
    try:
        app()
    except UsageError as exc:  # pragma: no cover - guarded() handles these
        fail(str(exc))
