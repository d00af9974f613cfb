"""``codify build``: playbooks for a spec and its sites, as HTML and PDF files."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from codify.assets import MAX_ASSET_BYTES, Refusal
from codify.errors import InvalidInputError, RenderError, UsageError
from codify.files import check_name, read_text, templates_dir, write_atomic
from codify.findings import Finding
from codify.models import AdaptationFile, Innovation
from codify.project import SPEC_NAME, load_checked
from codify.render.manifest import (
    Manifest,
    Record,
    file_digest,
    findings_from_json,
    findings_to_json,
    inputs_key,
    run_fingerprint,
)
from codify.render.playbook import PRINT_CSS, PlaybookInput, render_playbook_pair
from codify.results.outcomes import site_outcome
from codify.rules.site import judge_site
from codify.validate.assets import unsafe_url
from codify.validate.model import Loaded
from codify.vocab import BuildFormat, Paper
from codify.yaml.document import Document, display_path

MAX_CSS_BYTES = 1024 * 1024
FONTS_CSS = "fonts.css"
"""The fonts of every printed page, given to WeasyPrint before the print stylesheet."""


@dataclass(frozen=True)
class BuildJob:
    """One playbook to build: the project, optionally one site file, and the options."""

    project: Path
    site: Path | None
    out: Path
    fmt: BuildFormat
    paper: Paper
    templates: Path | None
    css: Path | None
    today: date | None = None
    handout: str | None = None


@dataclass
class Built:
    """What a build wrote or skipped as up to date, and an ``unsafe-url`` finding for each
    address it left out (a skipped playbook's come from the manifest)."""

    files: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    # For the manifest: files read besides the spec and site, and each output's SHA-256.
    inputs: list[Path] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)


def _invalid(loaded: Loaded[Any]) -> InvalidInputError:
    return InvalidInputError("the input has errors; run codify validate", list(loaded.findings))


def build_one(job: BuildJob) -> Built:
    """Render one playbook (and its PDF); write nothing unless every part succeeded."""
    from codify.render.worker import shared

    # A process of a --jobs pool has WeasyPrint loaded already (``_warm``): it renders itself.
    worker = shared() if job.fmt != BuildFormat.HTML and not _POOL else None
    return _build_one(job, worker)


def _build_one(job: BuildJob, worker: Any) -> Built:
    root = job.project
    loaded_spec = load_checked(root / SPEC_NAME, "innovation")
    spec = loaded_spec.model
    if not isinstance(spec, Innovation) or not loaded_spec.ok:
        raise _invalid(loaded_spec)
    site: AdaptationFile | None = None
    result = None
    docs = [loaded_spec.doc] if loaded_spec.doc else []
    outcome = None
    if job.site is not None:
        loaded = load_checked(job.site, "adaptation")
        if not isinstance(loaded.model, AdaptationFile) or loaded.doc is None or not loaded.ok:
            raise _invalid(loaded)
        site = loaded.model
        result = judge_site(spec, site, loaded.doc, job.today)
        docs.append(loaded.doc)
        outcome = site_outcome(spec, site, loaded.doc, root)
    css = read_text(job.css, MAX_CSS_BYTES, f"--css {job.css}") if job.css else ""
    name = spec.id + (f"-{site.site.id}" if site else "")
    name += f"-{job.handout}" if job.handout else ""
    for suffix in (".html", ".pdf"):
        check_name(job.out / f"{name}{suffix}")
    data = PlaybookInput(
        spec, root, site, result, css, job.templates, handout=job.handout, outcome=outcome
    )
    try:
        html, pdf_html = render_playbook_pair(data)
        outputs: list[tuple[Path, bytes | str]] = []
        if job.fmt in (BuildFormat.HTML, BuildFormat.ALL):
            outputs.append((job.out / f"{name}.html", html))
        if job.fmt in (BuildFormat.PDF, BuildFormat.ALL):
            from codify.render.pdf import render_pdf

            allowed = [templates_dir(), root / "assets"]
            sheet = "handout-print.css" if job.handout else PRINT_CSS
            sheets = print_sheets(job.templates, job.css, css, sheet)
            draw = worker.render if worker is not None else render_pdf
            pdf = draw(
                pdf_html,
                allowed=allowed,
                paper=job.paper,
                refused=data.refused,
                sheets=sheets,
                used=data.used,
            )
            outputs.append((job.out / f"{name}.pdf", pdf))
    except RenderError as exc:
        # Say which playbook failed: with --all-sites there are many.
        used = [f"--{k} {v}" for k, v in (("templates", job.templates), ("css", job.css)) if v]
        hint = f" (built with {' and '.join(used)})" if used else ""
        raise RenderError(f"{name}: {exc}{hint}; nothing was written for it") from None
    for path, payload in outputs:
        write_atomic(path, payload)
    findings = refusal_findings(data.refused, docs, job.css, css, root)
    inputs = sorted(set(data.used))
    if site is not None:
        inputs.insert(0, root.resolve() / "results" / f"{site.site.id}.csv")
    if data.refused:  # the findings point into whichever SVG mentions an address
        inputs += sorted(p.resolve() for p in (root / "assets").glob("*.svg"))
    digests = {p.name: hashlib.sha256(_bytes(b)).hexdigest() for p, b in outputs}
    return Built([p for p, _ in outputs], findings, inputs=inputs, digests=digests)


def _bytes(payload: bytes | str) -> bytes:
    return payload.encode("utf-8") if isinstance(payload, str) else payload


def refusal_findings(
    refused: list[Refusal], docs: list[Document], css_path: Path | None, css: str, root: Path
) -> list[Finding]:
    """Each address a build left out, as an ``unsafe-url`` warning where it is written: in the
    spec or site file, the extra CSS, or an SVG asset that refers to it."""
    if not refused:
        return []
    sources = [(doc.file, doc.text) for doc in docs]
    if css_path is not None:
        sources.append((display_path(css_path), css))
    sources += _svg_assets(root)
    out: dict[str, Finding] = {}
    for r in refused:
        written = unquote(r.url)
        file, line, col = (sources[0][0], 1, 1) if sources else ("playbook", 1, 1)
        for name, text in sources:
            at = _find(text, written) or _find(text, r.url)
            if at is not None:
                file, (line, col) = name, at
                break
        key = f"{r.where}:{r.url}"
        message = f"{r.where}: {written[:80]!r} was left out: {r.reason}"
        out.setdefault(key, unsafe_url(file, (line, col), message, key=key))
    return list(out.values())


def _svg_assets(root: Path) -> list[tuple[str, str]]:
    """The text of the project's SVG images: an SVG may refer to other files or URLs."""
    found = []
    for path in sorted((root / "assets").glob("*.svg")):
        try:
            found.append((display_path(path), read_text(path, MAX_ASSET_BYTES)))
        except (OSError, UsageError):
            continue  # an unreadable image is left out by the renderer anyway
    return found


def _find(text: str, needle: str) -> tuple[int, int] | None:
    at = text.find(needle)
    if at < 0:
        return None
    before = text[:at]
    return before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1


def print_sheets(
    templates: Path | None, css_file: Path | None, css: str, name: str = PRINT_CSS
) -> list[Any]:
    """The fonts and the print stylesheet (a user's --templates copy of each first), then the
    user's --css again, so that it still wins over print rules."""
    from codify.render.pdf import Sheet

    folders = [templates] if templates else []
    sheets = []
    for sheet in (FONTS_CSS, name):
        found = next(
            (f / sheet for f in [*folders, templates_dir()] if (f / sheet).is_file()),
            templates_dir() / sheet,
        )
        try:
            sheets.append(Sheet(read_text(found, MAX_CSS_BYTES), found))
        except (OSError, UsageError) as exc:
            raise UsageError(f"{found}: cannot read the print stylesheet ({exc})") from None
    if css_file is not None:
        sheets.append(Sheet(css, css_file.resolve()))
    return sheets


def site_paths(project: Path, site: str | None, all_sites: bool) -> list[Path | None]:
    """The playbooks to build: the spec's own, one site's (by id or path), or every site's."""
    from codify.project import SITES_DIR, find_site, site_files

    if site is not None and all_sites:
        raise UsageError("give --site or --all-sites, not both")
    if site is not None:
        return [find_site(project, site)]
    if all_sites:
        folder = project / SITES_DIR
        if not folder.is_dir():
            raise UsageError(f"{project}: no sites/ folder")
        return list(site_files(folder))
    return [None]


def build_all(
    jobs: list[BuildJob],
    workers: int,
    progress: Callable[[Built], None],
    *,
    force: bool = False,
) -> Built:
    """Build every job whose outputs are not up to date, in worker processes when asked.

    Every job of one run shares its output folder and options. ``progress`` hears of each
    playbook as it is skipped or finishes; the manifest is saved even when a build fails.
    """
    total = Built()
    if not jobs:
        return total
    manifest = Manifest.load(jobs[0].out)
    fingerprint = _fingerprint(jobs[0])
    cache: dict[Path, str] = {}
    todo: list[tuple[str, BuildJob, list[tuple[str, str]]]] = []
    for job in jobs:
        ident = _ident(job)
        record = None if force else manifest.fresh(ident, fingerprint, cache)
        if record is None:
            todo.append((ident, job, _main_digests(job)))
            continue
        done = Built(findings=findings_from_json(record.findings))
        done.skipped = [job.out / name for name in record.outputs]
        progress(done)
        total.skipped += done.skipped
        total.findings += done.findings
    try:
        for index, done in _run([job for _, job, _ in todo], workers):
            ident, _, before = todo[index]
            manifest.put(ident, _record(fingerprint, before, done))
            progress(done)
            total.files += done.files
            total.findings += done.findings
    finally:
        manifest.save()
        from codify.render.worker import discard

        discard()  # the run's PDF worker, if it had one
    return total


def _ident(job: BuildJob) -> str:
    site = str(job.site.resolve()) if job.site else "-"
    return f"{job.project.resolve()}|{site}|{job.fmt.value}|{job.handout or 'playbook'}"


def _main_digests(job: BuildJob) -> list[tuple[str, str]]:
    """The spec's and the site's digests, taken before the build reads them."""
    paths = [job.project.resolve() / SPEC_NAME]
    if job.site is not None:
        paths.append(job.site.resolve())
    return [(str(p), file_digest(p)) for p in paths]


def _fingerprint(job: BuildJob) -> str:
    pdf = job.fmt is not BuildFormat.HTML
    # Findings name files from the working folder; overdue reviews depend on the day.
    today = job.today or date.today()
    options = (job.fmt.value, job.paper.value, job.handout, Path.cwd(), today.isoformat())
    return run_fingerprint(options, [templates_dir()], job.templates, job.css, pdf)


def _record(fingerprint: str, before: list[tuple[str, str]], done: Built) -> Record | None:
    """The manifest record of a finished build; None when the spec or site moved under it."""
    after = [(path, file_digest(Path(path))) for path, _ in before]
    if after != before:
        return None
    digests = after + [(str(p), file_digest(p)) for p in done.inputs]
    key = inputs_key(fingerprint, digests)
    found = findings_to_json(done.findings)
    return Record(key, [p for p, _ in digests], done.digests, found)


_POOL: list[bool] = []  # non-empty in a process of a --jobs pool


def _warm(pdf: bool) -> None:
    """Import the renderers once per worker process, before its first playbook."""
    import codify.render.playbook  # noqa: F401

    _POOL.append(True)
    if pdf:
        import weasyprint  # noqa: F401


def _run(jobs: list[BuildJob], workers: int) -> Iterator[tuple[int, Built]]:
    """Build each job, yielding (index, result) as each finishes; the first error stops all."""
    workers = max(1, min(workers, len(jobs), os.cpu_count() or 1))
    if workers == 1:
        for index, job in enumerate(jobs):
            yield index, build_one(job)
        return
    pdf = any(job.fmt is not BuildFormat.HTML for job in jobs)
    with ProcessPoolExecutor(workers, initializer=_warm, initargs=(pdf,)) as pool:
        pending: dict[Future[Built], int] = {
            pool.submit(build_one, j): i for i, j in enumerate(jobs)
        }
        try:
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield pending.pop(future), future.result()
        finally:
            for future in pending:
                future.cancel()
