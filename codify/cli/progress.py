"""Progress of a build: a bar on a terminal for many playbooks, plain lines otherwise."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from codify.render.build import Built


def describe(done: Built) -> str:
    """What one playbook's build did, in words."""
    if done.skipped:
        return "skipped " + ", ".join(str(p) for p in done.skipped) + " (up to date)"
    return "wrote " + ", ".join(str(p) for p in done.files)


@contextlib.contextmanager
def build_progress() -> Iterator[Callable[[Built, int], None]]:
    """A callback told of each finished or skipped playbook (and the total), for stderr.

    On a terminal, a build of several playbooks shows a bar with each line printed above it;
    elsewhere (logs, CI, tests) one plain line per playbook.
    """
    count = [0]
    bar: list[Any] = []
    fancy = sys.stderr.isatty()

    def report(done: Built, total: int) -> None:
        count[0] += 1
        lines = [describe(done)]
        if not fancy or total < 2:
            lines[0] = f"[{count[0]}/{total}] {lines[0]}"
            for line in lines:
                typer.echo(line, err=True)
            return
        if not bar:
            bar.extend(_start_bar(total))
        progress, task = bar
        for line in lines:
            progress.console.print(line, markup=False, highlight=False)
        progress.advance(task)

    try:
        yield report
    finally:
        if bar:
            bar[0].stop()


def _start_bar(total: int) -> tuple[Any, Any]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("building playbooks"), BarColumn(), MofNCompleteColumn())
    progress = Progress(*columns, console=Console(stderr=True), transient=True)
    progress.start()
    return progress, progress.add_task("build", total=total)
