"""Playbooks rendered for real: PDFs read back with pypdf, safety, determinism, atomicity."""

from __future__ import annotations

import http.server
import itertools
import re
import threading
from collections.abc import Iterator, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from codify.cli import app
from codify.render.playbook import PlaybookInput, render_playbook
from codify.validate.model import load_spec
from tests.paths import EXAMPLE_DIRS


def titles(outline: Sequence[Any]) -> list[str]:
    out: list[str] = []
    for item in outline:
        out.extend(titles(item) if isinstance(item, list) else [item.title])
    return out


@pytest.mark.parametrize("example", EXAMPLE_DIRS, ids=lambda p: p.name)
def test_pdf_reads_back(built: Path, example: Path) -> None:
    spec = load_spec(example / "innovation.yaml").model
    assert spec is not None
    reader = PdfReader(built / f"{spec.id}.pdf")
    assert len(reader.pages) >= 8
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 by default
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    for fn in spec.core:
        assert " ".join(fn.name.split()) in flat
    for story in spec.evidence.stories:
        words = " ".join(story.quote.split())[:40]
        assert (words in flat) is story.consent
    assert reader.pages[-1].extract_text().rstrip().endswith(str(len(reader.pages)))  # folio
    assert "Page 1" not in reader.pages[0].extract_text()  # none on the cover
    outline = titles(reader.outline)
    for section in (
        "At a glance",
        "Why it works",
        "What you can adapt",
        "Getting started",
        "Measuring",
        "Appendix A: fidelity checklist",
        "Appendix B: TIDieR summary",
    ):
        assert section in outline
    meta = reader.metadata
    assert meta is not None and meta.title and spec.name in meta.title
    assert meta.author and meta.subject
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root


def test_every_site_gets_a_playbook(built: Path) -> None:
    for example in EXAMPLE_DIRS:
        spec = load_spec(example / "innovation.yaml").model
        assert spec is not None
        for site in (example / "sites").glob("*.yaml"):
            from codify.validate.model import load_site

            model = load_site(site).model
            assert model is not None
            assert (built / f"{spec.id}-{model.site.id}.html").is_file()
            assert (built / f"{spec.id}-{model.site.id}.pdf").is_file()


def test_site_playbook_flags_out_of_bounds_and_logs_adaptations(built: Path) -> None:
    html = (built / "schwartz-rounds-hse-team-time.html").read_text()
    assert "✗ Out of bounds:</span> 45 minutes" in html
    assert "fewer-storytellers" in html and "core-function-changed" in html
    text = " ".join(
        PdfReader(built / "schwartz-rounds-hse-team-time.pdf").pages[0].extract_text().split()
    )
    assert "HSE South West, Team Time" in text


def test_html_is_self_contained_and_accessible(built: Path) -> None:
    html = (built / "schwartz-rounds.html").read_text()
    assert '<html lang="en-GB">' in html and "<title>" in html
    assert "<main" in html and "<nav" in html and 'role="banner"' in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert 'alt="Three speech bubbles above a circle of chairs"' in html
    assert (
        "<link" not in html
        and "<script" not in html
        and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    levels = [int(c) for c in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # no skipped level


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A real HTTP server on loopback that counts every request it gets."""
    _Counter.hits = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.slow  # a real PDF render, a few seconds
def test_hostile_references_are_left_out_and_nothing_is_fetched(
    project: Path, tmp_path: Path, server: str, runner: CliRunner
) -> None:
    secret = tmp_path / "outside.png"
    secret.write_bytes(b"\x89PNG secret")
    spec = project / "innovation.yaml"
    text = (
        spec.read_text()
        .replace("  src: assets/rounds-mark.svg", f"  src: {server}/logo.png")
        .replace(
            "problem: |\n",
            "problem: |\n"
            f"  ![remote]({server}/tracker.png) ![passwd](file:///etc/passwd)\n"
            f'  ![escape](../outside.png) ![abs]({secret}) <img src="{server}/raw.png">\n'
            "  <script>alert(1)</script> [click](javascript:alert(1))\n\n",
        )
    )
    spec.write_text(text)
    css = tmp_path / "brand.css"
    css.write_text(
        f'@import url("{server}/x.css");\n'
        f'body {{ background: url("{server}/bg.png"); }}\n'
        'h1 { background: url("file:///etc/passwd"); }\n'
    )
    out = tmp_path / "out"
    # One PDF render (seconds) serves two tests: the refusals, and the letter paper size.
    args = ["build", str(project), "-o", str(out), "--css", str(css), "--paper", "letter"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    found = r"brand\.css\n(?:  .*\n)*?  2:\d+  warning  unsafe-url  PDF: '.*/bg\.png'"
    assert re.search(found, result.stderr), result.stderr
    assert re.search(r"  \d+:\d+  warning  unsafe-url  problem: '.*/tracker\.png'", result.stderr)
    box = PdfReader(out / "schwartz-rounds.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # letter
    html = (out / "schwartz-rounds.html").read_text()
    assert "<script>alert" not in html and 'href="javascript' not in html
    assert "tracker.png" not in html and "/etc/passwd" not in html.split("<style>")[0]
    assert "outside.png" not in html and "secret" not in html
    reader = PdfReader(BytesIO((out / "schwartz-rounds.pdf").read_bytes()))
    assert "root:" not in "".join(p.extract_text() for p in reader.pages)
    assert _Counter.hits == []


def test_user_text_is_escaped(project: Path) -> None:
    spec_path = project / "innovation.yaml"
    spec_path.write_text(
        spec_path.read_text().replace(
            "name: Schwartz Rounds\n", 'name: "Rounds <b onmouseover=alert(1)>&co"\n', 1
        )
    )
    spec = load_spec(spec_path).model
    assert spec is not None
    html = render_playbook(PlaybookInput(spec, project))
    assert "Rounds &lt;b onmouseover=alert(1)&gt;&amp;co" in html
    assert "<b onmouseover" not in html


def test_failed_build_leaves_previous_output(
    project: Path, tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    previous = out / "schwartz-rounds.html"
    previous.write_text("previous build")
    broken = tmp_path / "templates"
    broken.mkdir()
    (broken / "playbook.html").write_text("{{ no_such_variable.attribute }}")
    result = runner.invoke(app, ["build", str(project), "-o", str(out), "--templates", str(broken)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "template" in result.stderr
    assert previous.read_text() == "previous build"
    assert sorted(p.name for p in out.iterdir()) == ["schwartz-rounds.html"]


def test_user_templates_come_first(project: Path, tmp_path: Path, runner: CliRunner) -> None:
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "playbook.html").write_text(
        "<html lang=en><title>x</title><p>{{ spec.name }} "
        "for {{ site.site.name if site else 'all' }}</p></html>"
    )
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", str(project), "-o", str(out), "--templates", str(mine), "--format", "html"]
    )
    assert result.exit_code == 0, result.output
    assert (
        (out / "schwartz-rounds.html").read_text().endswith("<p>Schwartz Rounds for all</p></html>")
    )
    assert not (out / "schwartz-rounds.pdf").exists()


STORY_SPEC = """\
codify: 1
kind: innovation
id: stories
name: Stories
version: "1.0.0"
summary: s
core:
  - {id: panels, name: Panels, purpose: p, form: f, class: essential}
references:
  - {id: smith-2021, title: Voices of the ward, authors: Smith J, year: 2021}
evidence:
  stories:
    - {id: made-up, teller: staff, quote: A composite nurse speaks., illustrative: true,
       attribution: A ward nurse, consent: true}
    - {id: real, teller: carer, quote: Words from the paper., source: smith-2021, consent: true}
"""


def _figures(html: str, words: str) -> list[str]:
    """The <figure> elements of the Why it works section that hold ``words``."""
    why = html.split('id="why-h"', 1)[1].split("</section>", 1)[0]
    return [f for f in why.split("<figure")[1:] if words in f]


def test_illustrative_story_is_labelled_and_sourced_story_cites(tmp_path: Path) -> None:
    path = tmp_path / "innovation.yaml"
    path.write_text(STORY_SPEC)
    loaded = load_spec(path)
    assert loaded.findings == [] and loaded.model is not None
    html = render_playbook(PlaybookInput(loaded.model, tmp_path))
    [made_up] = _figures(html, "A composite nurse speaks.")
    assert "Illustrative example" in made_up and "not a real person's words" in made_up
    assert "<blockquote>" not in made_up  # never shown as a quotation
    [real] = _figures(html, "Words from the paper.")
    assert "<blockquote>Words from the paper.</blockquote>" in real
    cited = 'Source: <a href="#ref-smith-2021">Smith J (2021) <cite>Voices of the ward</cite>'
    assert cited in real
    assert "Illustrative example" not in real
    glance = html.split('id="glance', 1)[1].split("</section>", 1)[0]
    assert "Words from the paper." in glance  # a published story is preferred at a glance
