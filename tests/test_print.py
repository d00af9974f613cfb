"""The printed playbook read back from its PDF: page economy, tables, fonts and PDF/UA structure."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.pdfread import (
    artifact_text,
    marked_ids,
    outline_pages,
    page_fill,
    structure,
    text_positions,
)

PART_STARTS = re.compile(r"^(At a glance|Appendix A: .*|.*: adaptations and findings)$")


def pdfs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf"))


def test_no_page_is_mostly_empty_but_a_cover_or_a_parts_last(printed: Path) -> None:
    for pdf in pdfs(printed):
        reader = PdfReader(pdf)
        fills = page_fill(reader)
        starts = {n for title, n in outline_pages(reader).items() if PART_STARTS.match(title)}
        assert len(starts) >= 2, pdf.name
        last_of_part = {n - 1 for n in starts} | {len(fills)}
        for number, fill in enumerate(fills, start=1):
            if number == 1 or number in last_of_part:
                continue
            assert fill >= 0.4, f"{pdf.name} page {number} is {fill:.0%} full"


def test_no_table_leaves_a_row_alone_on_a_page(printed: Path) -> None:
    split = 0
    for pdf in pdfs(printed):
        tree, _ = structure(PdfReader(pdf))
        for table in (e for e in tree.walk() if e.tag == "/Table"):
            rows = [e for e in table.walk() if e.tag == "/TR" and e not in _head_rows(table)]
            per_page: dict[int, int] = {}
            for row in rows:
                page = min(row.all_pages())
                per_page[page] = per_page.get(page, 0) + 1
            if len(per_page) > 1:
                split += 1
                assert min(per_page.values()) >= 2, f"{pdf.name}: rows per page {per_page}"
    assert split > 0  # some tables do cross pages, as one table


def _head_rows(table: object) -> list[object]:
    from tests.pdfread import Elem

    assert isinstance(table, Elem)
    return [r for head in table.kids if head.tag == "/THead" for r in head.walk()]


def test_the_shipped_font_is_embedded_subset_and_small(printed: Path) -> None:
    from pypdf.generic import StreamObject

    reader = PdfReader(printed / "schwartz-rounds-hse-team-time.pdf")
    fonts: dict[str, int] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            file = descriptor.get_object()["/FontFile2"].get_object()
            assert isinstance(file, StreamObject)
            fonts[str(font["/BaseFont"])] = len(file._data)  # as stored: subset and compressed
    faces = {name.split("+")[1] for name in fonts}
    assert {"Noto-Sans", "Noto-Sans-Bold", "Noto-Sans-Italic"} <= faces, faces
    assert sum(fonts.values()) <= 60 * 1024, fonts


def test_running_heads_and_folios_are_pagination_artifacts(printed: Path) -> None:
    reader = PdfReader(printed / "schwartz-rounds.pdf")
    _, reached = structure(reader)
    for page, ids in marked_ids(reader).items():
        assert ids <= reached.get(page, set()), f"page {page}: tagged content outside the tree"
    assert artifact_text(reader, 3)  # the running head and page number are drawn, untagged
    assert "Page 1 of" not in reader.pages[0].extract_text()


def test_contents_entries_are_one_named_link_each(printed: Path) -> None:
    reader = PdfReader(printed / "schwartz-rounds.pdf")
    page = reader.pages[1]
    annots: Any = page["/Annots"]
    links = [a.get_object() for a in annots if a.get_object()["/Subtype"] == "/Link"]
    names = [str(a["/Contents"]) for a in links]
    assert names[:2] == ["At a glance", "Why it works"]
    assert len(names) == len(set(names))  # one annotation per entry
    text = page.extract_text()
    assert "....." not in text


def test_a_table_crossing_pages_is_one_table(printed: Path) -> None:
    reader = PdfReader(printed / "schwartz-rounds.pdf")
    tree, _ = structure(reader)
    tables = [e for e in tree.walk() if e.tag == "/Table"]
    crossing = [t for t in tables if len(t.all_pages()) > 1]
    assert crossing
    for table in crossing:
        assert sum(1 for k in table.kids if k.tag == "/THead") == 1


@pytest.mark.parametrize("alt", ["", "A hand-drawn map of the ward"])
def test_images_empty_alt_is_an_artifact_refused_leaves_its_alt(
    project: Path, tmp_path: Path, alt: str
) -> None:
    from typer.testing import CliRunner

    from codify.cli import app

    spec = project / "innovation.yaml"
    spec.write_text(
        spec.read_text().replace(
            "problem: |\n",
            f"problem: |\n  ![{alt}](assets/rounds-mark.svg) ![{alt}](https://example.org/x.png)\n\n",
        )
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(project), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = (out / "schwartz-rounds.html").read_text()
    assert "<img alt=" not in html  # no image without a source
    reader = PdfReader(out / "schwartz-rounds.pdf")
    tree, _ = structure(reader)
    figures = [e for e in tree.walk() if e.tag == "/Figure"]
    assert all(f.alt for f in figures)  # the logo, plus the asset image when it has alt text
    assert len(figures) == (2 if alt else 1)
    text = " ".join(reader.pages[2].extract_text().split())
    assert (f"[Image: {alt}]" in text) is bool(alt)


@pytest.mark.parametrize("handout", ["summary", "checklist"])
def test_handouts_are_exactly_one_page_for_every_example(tmp_path: Path, handout: str) -> None:
    from typer.testing import CliRunner

    from codify.cli import app
    from tests.paths import EXAMPLE_DIRS

    out = tmp_path / "out"
    for example in EXAMPLE_DIRS:
        for extra in ([], ["--all-sites"]):
            args = ["build", str(example), "-o", str(out), "--handout", handout, *extra]
            result = CliRunner().invoke(app, args)
            assert result.exit_code == 0, result.output
    built = sorted(out.glob(f"*-{handout}.pdf"))
    assert len(built) == 10
    for pdf in built:
        assert len(PdfReader(pdf).pages) == 1, pdf.name
    sheet = " ".join(
        PdfReader(out / f"schwartz-rounds-leeds-{handout}.pdf").pages[0].extract_text().split()
    )
    assert "Leeds" in sheet
    assert ("Observer" in sheet) is (handout == "checklist")


def test_a_long_purpose_and_a_forty_row_table_paginate_with_nothing_cut_off(
    project: Path, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from codify.cli import app

    spec = project / "innovation.yaml"
    words = " ".join(f"word{i}" for i in range(2000))
    rows = "".join(
        f"  - id: extra-{i}\n    name: Extra measure {i}\n    definition: Counted {i} times.\n"
        f"    required: false\n"
        for i in range(40)
    )
    text = spec.read_text().replace(
        "    purpose: >\n      Brings together",
        f"    purpose: >\n      {words} Brings together",
        1,
    )
    text = text.replace("measures:\n", "measures:\n" + rows, 1)
    spec.write_text(text)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(project), "-o", str(out), "--format", "pdf"])
    assert result.exit_code == 0, result.output
    reader = PdfReader(out / "schwartz-rounds.pdf")
    flat = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "word1999" in flat and "Extra measure 39" in flat
    for page in reader.pages:
        width = float(page.mediabox.width)
        assert all(0 <= x < width for x in text_positions(page, 0))


def test_css_that_breaks_the_layout_still_builds(project: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from codify.cli import app

    css = tmp_path / "wild.css"
    css.write_text(
        "* { float: left; } table { width: 4000px; } h2 { break-before: page; font-size: 90pt; }\n"
        ".cover { height: 2000mm; } @page { margin: 140mm; } td { white-space: nowrap; }\n"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(project), "-o", str(out), "--css", str(css)])
    assert result.exit_code == 0, result.output
    assert len(PdfReader(out / "schwartz-rounds.pdf").pages) >= 1


def test_an_unreadable_print_stylesheet_is_named(project: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from codify.cli import app

    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "playbook-print.css").write_bytes(b"\xff\xfe\x00broken")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["build", str(project), "-o", str(out), "--templates", str(mine)]
    )
    assert result.exit_code == 2, result.output
    assert "playbook-print.css" in result.stderr and "Traceback" not in result.output


def test_a_failing_template_names_the_folder_it_came_from(project: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from codify.cli import app

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "playbook.html").write_text("<p>{{ spec.no_such_field }}</p>")
    result = CliRunner().invoke(
        app, ["build", str(project), "-o", str(tmp_path / "out"), "--templates", str(mine)]
    )
    assert result.exit_code == 1
    assert "playbook.html" in result.stderr and f"--templates {mine}" in result.stderr


def test_the_pdf_worker_gives_the_same_bytes_and_notes(printed: Path) -> None:
    from codify.assets import Refusal
    from codify.files import templates_dir
    from codify.render.build import print_sheets
    from codify.render.pdf import render_pdf
    from codify.render.worker import PdfWorker

    html = (printed / "florence.html").read_text()
    html = html.replace("</main>", '<img src="https://example.org/x.png" alt="x"></main>')
    options: dict[str, Any] = {
        "allowed": [templates_dir()],
        "paper": "a4",
        "sheets": print_sheets(None, None, ""),
    }
    here: list[Refusal] = []
    there: list[Refusal] = []
    inline = render_pdf(html, refused=here, **options)
    worker = PdfWorker()
    again: list[Refusal] = []
    try:
        forked = worker.render(html, refused=there, **options)
        second = worker.render(html, refused=again, **options)  # one worker, many PDFs
    finally:
        worker.close()
    assert forked == inline == second
    assert here == there == again and any("example.org" in note.url for note in there)


def test_the_file_identifier_comes_from_the_html_byte_for_byte() -> None:
    """The identifier's first half is the HTML's SHA-256, byte for byte: a carriage return
    (0x0d) survives, where a literal string in WeasyPrint's output turned it into 0x0a."""
    import hashlib

    import pikepdf

    from codify.files import templates_dir
    from codify.render.build import print_sheets
    from codify.render.pdf import render_pdf

    def digest(html: str) -> bytes:
        return hashlib.sha256(html.encode()).digest()[:16]

    html = next(
        page
        for n in range(10_000)
        if b"\r" in digest(page := f'<html lang="en"><title>t</title><p>Page {n}</p></html>')
    )
    pdf = render_pdf(html, allowed=[templates_dir()], sheets=print_sheets(None, None, ""))
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        first, second = (bytes(part) for part in opened.trailer.ID)
    assert first == digest(html)
    assert len(second) == 16 and second != first  # from the content, as qpdf computes it


def test_the_printed_plan_is_numbered_straight_through(printed: Path) -> None:
    pages = PdfReader(printed / "schwartz-rounds.pdf").pages
    text = " ".join(page.extract_text(extraction_mode="layout") for page in pages)
    flat = " ".join(text.split())
    assert "3. Train facilitators" in flat and "4. Hold the first Round" in flat
    assert "After step 3" in flat


def test_no_template_internals_or_python_values_reach_a_reader(printed: Path) -> None:
    pages = sorted(printed.glob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for leak in ("&lt;Macro", "<Macro", "Undefined", ">None<", "PeripheryKind", "Severity."):
            assert leak not in text, f"{page.name} shows {leak!r}"
