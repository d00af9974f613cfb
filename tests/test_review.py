"""The network review and exports, on the examples and on generated networks."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codify.app import judged_sites, run_review
from codify.cli import app
from codify.network.export import FRAME_COLUMNS, neutralise
from tests.paths import EXAMPLES

SR = EXAMPLES / "schwartz-rounds"


def make_network(root: Path, count: int, online_at: int, bad_minutes_at: int) -> Path:
    """A project with ``count`` sites: some adapt the rhythm online, some choose 45 minutes."""
    root.mkdir()
    (root / "innovation.yaml").write_text((SR / "innovation.yaml").read_text())
    sites = root / "sites"
    sites.mkdir()
    for i in range(count):
        minutes = 45 if i < bad_minutes_at else 60
        body = (
            f"codify: 1\nkind: adaptation\nsite: {{id: site-{i:03d}, name: Site {i}}}\n"
            f'innovation: schwartz-rounds\nbased_on: "1.1.0"\n'
            f"choices: {{round-length-minutes: {minutes}}}\n"
        )
        if i < online_at:
            body += (
                "adaptations:\n  - id: go-online\n    target: regular-rhythm\n"
                "    description: Online.\n    frame: {nature: [tailoring], fidelity: consistent,"
                " planned: unplanned-reactive}\n"
                f"    justification: Reason {i}.\n    decided: 2025-0{1 + i % 9}-01\n"
                "    status: proposed\n"
            )
        (sites / f"site-{i:03d}.yaml").write_text(body)
    return root


def test_convergence_found_at_threshold_not_below(tmp_path: Path) -> None:
    root = make_network(tmp_path / "net", 6, online_at=3, bad_minutes_at=2)
    review, _ = run_review([root], min_sites=3)
    [conv] = review.convergent
    assert (conv.target, conv.nature) == ("regular-rhythm", ("tailoring",))
    assert [s for s, _ in conv.sites] == ["site-000", "site-001", "site-002"]
    assert conv.sites[1][1] == "Reason 1."
    assert review.bounds == []  # 45 minutes at only 2 sites
    review, _ = run_review([root], min_sites=2)
    [bounds] = review.bounds
    assert bounds.element == "round-length-minutes"
    assert bounds.sites == (("site-000", "45"), ("site-001", "45"))
    review, _ = run_review([root], min_sites=4)
    assert review.convergent == []


def test_matrix_and_pressure_on_the_example() -> None:
    review, _ = run_review([SR], min_sites=3)
    matrix = review.matrix
    assert matrix["york"]["facilitated-reflection"].state == "proscribed"
    assert matrix["hse-team-time"]["panel-stories"].state == "core-changed"
    assert matrix["hse-team-time"]["round-length-minutes"].text == "45"
    # Leeds's online Rounds are the sanctioned Virtual Rounds: in bounds, not a form change.
    assert matrix["leeds"]["all-staff-forum"].state == "in-bounds"
    assert matrix["leeds"]["board-support"].state == "in-bounds"
    # York's rejected mandatory-attendance must not mark the functions it breaks.
    assert matrix["york"]["confidential-space"].state == "unset"
    assert review.pressure[0] == ("facilitated-reflection", "Facilitated reflection", ["york"])
    assert review.pressure[1][0] == "panel-stories" and review.pressure[1][2] == ["hse-team-time"]
    york = next(s for s in review.sites if s.id == "york")
    assert york.proposed == ["action-points"] and york.dropped == ["rounds-held"]
    hse = next(s for s in review.sites if s.id == "hse-team-time")
    assert hse.stale and not york.stale


def test_drift_is_oldest_first(tmp_path: Path) -> None:
    root = make_network(tmp_path / "net", 9, online_at=9, bad_minutes_at=0)
    review, _ = run_review([root], min_sites=3)
    dates = [s.drift[0].decided or date.min for s in review.sites]
    assert all(s.drift[0].unplanned for s in review.sites)
    assert dates == sorted(dates)  # site i decided in month i+1
    review, _ = run_review([SR], min_sites=3)
    hse = next(s for s in review.sites if s.id == "hse-team-time")
    assert [d.adaptation for d in hse.drift] == ["fewer-storytellers", "team-time-length"]


def test_review_json_shape(runner: CliRunner) -> None:
    result = runner.invoke(app, ["review", str(SR), "--format", "json", "--min-sites", "2"])
    assert result.exit_code == 1  # the sites have errors
    body = json.loads(result.stdout)
    assert {"codify", "innovation", "sites", "convergent", "findings"} <= set(body)
    assert [s["id"] for s in body["sites"]] == ["hse-team-time", "leeds", "york"]
    assert {"id", "based_on", "summary", "findings"} <= set(body["sites"][0])
    # Online Rounds at three sites are the sanctioned Virtual Rounds and Team Time, so they are
    # not candidates for the next release; the follow-up huddles at two sites are.
    assert body["convergent"] == [
        {
            "target": "new",
            "nature": [],
            "adaptation": "follow-up-huddles",
            "sites": ["leeds", "york"],
            "justifications": body["convergent"][0]["justifications"],
        }
    ]


def test_review_html_is_safe_and_self_contained(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    york = project / "sites" / "york.yaml"
    york.write_text(
        york.read_text().replace(
            "justification: Panellists asked",
            "justification: <script>x()</script> ![t](http://example.org/t.png) Panellists asked",
        )
    )
    out = tmp_path / "network.html"
    result = runner.invoke(
        app, ["review", str(project), "-f", "html", "-o", str(out), "--min-sites", "2"]
    )
    assert result.exit_code == 1, result.output  # written, and the sites have errors
    html = out.read_text()
    assert "<script>" not in html and "example.org" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html
    # Two network charts and one XmR chart a site and measure with results (2 x 2).
    assert html.count("<svg") == 2 + 4 and "<link" not in html
    assert re.search(r'class="st-proscribed"[^>]*><span class="sym" aria-hidden="true">⊘', html)


def test_frame_csv_reads_back(runner: CliRunner, project: Path, tmp_path: Path) -> None:
    leeds = project / "sites" / "leeds.yaml"
    leeds.write_text(
        leeds.read_text().replace(
            "justification: Two panellists", 'justification: =HYPERLINK("x") Two panellists'
        )
    )
    out = tmp_path / "frame.csv"
    result = runner.invoke(app, ["export", str(project), "--as", "frame-csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(FRAME_COLUMNS)
    _, sites = judged_sites([project], "export")
    assert len(rows) == sum(len(site.adaptations) for site, _ in sites)
    hse = next(r for r in rows if r["adaptation"] == "team-time-length")
    assert hse["context"] == "format;population" and hse["fidelity_computed"] == "inconsistent"
    assert hse["goals"] == "feasibility;reach"
    huddle = next(r for r in rows if r["adaptation"] == "follow-up-huddles")
    assert huddle["justification"].startswith("'=HYPERLINK")


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert neutralise("plain") == "plain"


def test_tidier_export(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", str(SR), "--as", "tidier"])
    assert result.exit_code == 0
    assert result.stdout.count("\n| ") == 13  # header and 12 items
    assert "| 12 | How well: actual | **Missing**" in result.stdout
    result = runner.invoke(app, ["export", str(SR), "--as", "tidier", "--format", "csv"])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["item", "name", "status", "text", "source"] and len(rows) == 13
    assert rows[1][:3] == ["1", "Brief name", "filled"]


@pytest.mark.slow  # a real PDF render of the review page
def test_matrix_for_30_sites_prints_on_one_landscape_page(tmp_path: Path) -> None:
    from pypdf import PdfReader
    from weasyprint import HTML

    from codify.render.network import render_review

    root = make_network(tmp_path / "net", 30, online_at=10, bad_minutes_at=5)
    review, _ = run_review([root], min_sites=3)
    html = render_review(review, root)
    pdf = tmp_path / "review.pdf"
    HTML(string=html).write_pdf(pdf)
    first = PdfReader(pdf).pages[0]
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    assert width > height  # landscape
    text = first.extract_text()
    assert all(f"site-{i:03d}" in text for i in range(30))
    assert "Per site" not in text  # the matrix has its own page


def test_review_exit_code_follows_fail_on(runner: CliRunner) -> None:
    # The example network has an error (york's unknown target) and warnings.
    def code(*extra: str) -> int:
        return runner.invoke(app, ["review", str(SR), "-f", "json", *extra]).exit_code

    assert (code(), code("--fail-on", "never"), code("--fail-on", "warning")) == (1, 0, 1)
