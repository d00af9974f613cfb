"""Commands of the network's decisions: decide, propose-release."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from codify.cli.app import OutputOpt, PathsArg, command, deliver, fail, parse_today


@command()
def decide(
    site: Annotated[
        str, typer.Argument(metavar="SITE", help="The site: its id (in --project) or its file.")
    ],
    adaptation: Annotated[
        str, typer.Argument(metavar="ADAPTATION", help="The id of the adaptation decided on.")
    ],
    approve: Annotated[bool, typer.Option("--approve", help="Approve the adaptation.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Reject the adaptation.")] = False,
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="NAME", help="Who decided (a person or a group)."),
    ] = None,
    role: Annotated[str | None, typer.Option(metavar="ROLE", help="Their role.")] = None,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Why: the decision's rationale.")
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="The decision's date.", show_default="today"
        ),
    ] = None,
    project: Annotated[
        Path, typer.Option(metavar="FOLDER", help="The project folder, to find a site by its id.")
    ] = Path(),
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the change as a unified diff; write nothing.")
    ] = False,
) -> None:
    """Record the network's decision on an adaptation in the site file, keeping every comment."""
    from codify.app import run_decide
    from codify.authoring.decide import Verdict
    from codify.output.findings import render_text, use_colour
    from codify.vocab import AdaptationStatus

    if approve == reject:
        fail("give exactly one of --approve or --reject")
    if by is None or not by.strip():
        fail("--by is required: who decided")
    for name, value in (("--role", role), ("--note", note)):
        if value is not None and not value.strip():
            fail(f"{name} is empty; leave it out or write something")
    status = AdaptationStatus.APPROVED if approve else AdaptationStatus.REJECTED
    verdict = Verdict(status, by.strip(), parse_today(on, "--date"), role, note)
    path, result, still = run_decide(site, adaptation, verdict, project, dry_run)
    if dry_run:
        sys.stdout.write(result.unified_diff(path.name))
        return
    typer.echo(
        f"{path}: {adaptation} {result.old_status} -> {status.value}, decided by {verdict.by} "
        f"on {verdict.date.isoformat()}",
        err=True,
    )
    if still:
        typer.echo(f"{adaptation} still has, against the spec:", err=True)
        sys.stderr.write(render_text(still, colour=use_colour(sys.stderr.isatty())))


@command("propose-release")
def propose_release(
    paths: PathsArg,
    min_sites: Annotated[
        int,
        typer.Option(
            "--min-sites", min=2, metavar="N", help="Sites needed to call an adaptation convergent."
        ),
    ] = 3,
    output: OutputOpt = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            help="The date of the drafted changelog entry (and of review dates).",
            show_default="the machine's date",
        ),
    ] = None,
) -> None:
    """Draft the next release from the approved adaptations the network has converged on."""
    from codify.app import run_propose

    proposal, draft = run_propose(paths, min_sites, parse_today(today), output)
    for line in proposal.listed:
        typer.echo(f"for the innovator: {line}", err=True)
    if draft is None:
        typer.echo(
            f"no approved adaptation has converged at {min_sites} or more sites into a change "
            "codify can draft; nothing was written",
            err=True,
        )
        return
    for change in proposal.drafted:
        typer.echo(f"drafted: {change.text}", err=True)
    deliver(draft, output)
