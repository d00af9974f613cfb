"""``codify build``: playbooks for a spec and its sites, as HTML and PDF files."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from codify.errors import InvalidInputError, RenderError, UsageError
from codify.files import write_atomic
from codify.models import AdaptationFile, Innovation
from codify.project import SPEC_NAME, load_checked
from codify.render.playbook import PRINT_CSS, PlaybookInput, render_playbook, templates_dir
from codify.rules.site import judge_site
from codify.validate.model import Loaded


class BuildFormat(StrEnum):
    """What ``codify build`` writes."""

    HTML = "html"
    PDF = "pdf"
    ALL = "all"


@dataclass(frozen=True)
class BuildJob:
    """One playbook to build: the project, optionally one site file, and the options."""

    project: Path
    site: Path | None
    out: Path
    fmt: BuildFormat
    paper: str
    templates: Path | None
    css: Path | None
    handout: str | None = None


@dataclass
class Built:
    """What a build wrote, and what it refused to include."""

    files: list[Path] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def _invalid(loaded: Loaded[Any]) -> InvalidInputError:
    return InvalidInputError("the input has errors; run codify validate", list(loaded.findings))


def build_one(job: BuildJob) -> Built:
    """Render one playbook (and its PDF); write nothing unless every part succeeded."""
    from codify.render.pdf import PdfWorker

    worker = PdfWorker() if job.fmt != BuildFormat.HTML and PdfWorker.usable() else None
    try:
        return _build_one(job, worker)
    finally:
        if worker is not None:
            worker.close()


def _build_one(job: BuildJob, worker: Any) -> Built:
    root = job.project
    loaded_spec = load_checked(root / SPEC_NAME, "innovation")
    spec = loaded_spec.model
    if not isinstance(spec, Innovation) or not loaded_spec.ok:
        raise _invalid(loaded_spec)
    site: AdaptationFile | None = None
    result = None
    if job.site is not None:
        loaded = load_checked(job.site, "adaptation")
        if not isinstance(loaded.model, AdaptationFile) or loaded.doc is None or not loaded.ok:
            raise _invalid(loaded)
        site = loaded.model
        result = judge_site(spec, site, loaded.doc)
    try:
        css = job.css.read_text(encoding="utf-8") if job.css else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{job.css}: cannot read the CSS file ({exc})") from None
    name = spec.id + (f"-{site.site.id}" if site else "")
    name += f"-{job.handout}" if job.handout else ""
    data = PlaybookInput(spec, root, site, result, css, job.templates, handout=job.handout)
    try:
        html = render_playbook(data)
        outputs: list[tuple[Path, bytes | str]] = []
        if job.fmt in (BuildFormat.HTML, BuildFormat.ALL):
            outputs.append((job.out / f"{name}.html", html))
        if job.fmt in (BuildFormat.PDF, BuildFormat.ALL):
            from codify.render.pdf import render_pdf

            allowed = [templates_dir(), root / "assets"]
            sheet = "handout-print.css" if job.handout else PRINT_CSS
            sheets = print_sheets(job.templates, job.css, css, sheet)
            draw = worker.render if worker is not None else render_pdf
            pdf = draw(html, allowed=allowed, paper=job.paper, refused=data.refused, sheets=sheets)
            outputs.append((job.out / f"{name}.pdf", pdf))
    except RenderError as exc:
        # Say which playbook failed: with --all-sites there are many.
        used = [f"--{k} {v}" for k, v in (("templates", job.templates), ("css", job.css)) if v]
        hint = f" (built with {' and '.join(used)})" if used else ""
        raise RenderError(f"{name}: {exc}{hint}; nothing was written for it") from None
    for path, payload in outputs:
        write_atomic(path, payload)
    return Built([p for p, _ in outputs], data.refused)


def print_sheets(
    templates: Path | None, css_file: Path | None, css: str, name: str = PRINT_CSS
) -> list[Any]:
    """The print stylesheet (a user's --templates copy first), then the user's --css again, so
    that it still wins over print rules."""
    from codify.render.pdf import Sheet

    folders = [templates] if templates else []
    found = next(
        (f / name for f in [*folders, templates_dir()] if (f / name).is_file()),
        templates_dir() / name,
    )
    try:
        sheets = [Sheet(found.read_text(encoding="utf-8"), found)]
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{found}: cannot read the print stylesheet ({exc})") from None
    if css_file is not None:
        sheets.append(Sheet(css, css_file.resolve()))
    return sheets


def site_paths(project: Path, site: Path | None, all_sites: bool) -> list[Path | None]:
    """The playbooks to build: the spec's own, one site's, or every site's."""
    if site is not None and all_sites:
        raise UsageError("give --site or --all-sites, not both")
    if site is not None:
        candidate = site if site.exists() else project / site
        if not candidate.is_file():
            raise UsageError(f"{site}: no such site file")
        return [candidate]
    if all_sites:
        from codify.project import SITES_DIR, site_files

        folder = project / SITES_DIR
        if not folder.is_dir():
            raise UsageError(f"{project}: no sites/ folder")
        return list(site_files(folder))
    return [None]


def build_all(jobs: list[BuildJob], workers: int, progress: Callable[[Built], None]) -> Built:
    """Build every job, in parallel processes when asked; report each as it finishes."""
    total = Built()
    workers = max(1, min(workers, len(jobs), os.cpu_count() or 1))
    if workers == 1:
        for job in jobs:
            done = build_one(job)
            progress(done)
            total.files += done.files
            total.refused += done.refused
        return total
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for done in pool.map(build_one, jobs):
            progress(done)
            total.files += done.files
            total.refused += done.refused
    return total
