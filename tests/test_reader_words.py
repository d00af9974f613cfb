"""What a playbook reader sees is written for them: citations, the plan, dates, chart headings."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from codify.cli import app
from codify.render.decisions import short_authors
from tests.paths import EXAMPLES


def _playbook(tmp_path: Path, project: str, *site: str) -> str:
    args = ["build", str(EXAMPLES / project), *(["--site", *site] if site else []), "-f", "html"]
    result = CliRunner().invoke(app, [*args, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    name = project + (f"-{site[0]}" if site else "")
    return (tmp_path / f"{name}.html").read_text()


def test_three_or_more_authors_are_cited_as_et_al() -> None:
    assert short_authors("Dawson J, McCarthy I, Taylor C, Maben J") == "Dawson et al."
    assert short_authors("van der Berg AB, O'Neill C, Smith J") == "van der Berg et al."
    # Any other form is printed as written: a wrong abbreviation would misattribute the work.
    for written in (
        "Maben J, Taylor C",
        "Smith, J., Jones, K.",
        "J. Smith, K. Jones, L. Brown",
        "Department of Health, Ireland",
        "DAFNE Study Group",
    ):
        assert short_authors(written) == written
    assert short_authors(None) == ""


def test_the_plan_is_numbered_straight_through_and_waits_by_number(tmp_path: Path) -> None:
    page = _playbook(tmp_path, "schwartz-rounds")
    plan = page.split("<h3>The plan</h3>")[1].split("</section>")[0]
    lists = re.findall(
        r'<ol class="plan" start="(\d+)" style="counter-reset: list-item (\d+)">', plan
    )
    starts = [int(n) for n, _ in lists]
    assert all(int(reset) == int(n) - 1 for n, reset in lists)  # WeasyPrint ignores start
    counts = [len(re.findall(r"<li ", ol)) for ol in plan.split('<ol class="plan"')[1:]]
    assert starts == [1 + sum(counts[:i]) for i in range(len(counts))] and len(starts) > 1
    steps = re.findall(r'<li id="step-([\w-]+)">(.*?)</li>', plan, re.S)
    numbers = {ident: n for n, (ident, _) in enumerate(steps, 1)}
    # form-steering-group waits for secure-licence, the step before it: said, by number.
    body = dict(steps)["form-steering-group"]
    assert f"After step {numbers['secure-licence']}</span>" in body


def test_card_dates_and_headlines_read_as_words(tmp_path: Path) -> None:
    page = _playbook(tmp_path, "schwartz-rounds", "leeds")
    assert "The site's decision: 4 November 2024." in page
    assert "<strong>The network's decision:</strong> Approved by" in page
    assert "<strong>The network's decision:</strong> None needed: the site withdrew it." in page
    assert "Planned in response to a problem (reactive)" in page
    assert "Latest point: special cause:" not in page  # no double colon in a chart heading
    assert re.search(r"Latest point: (common cause variation|an improvement|a concern)", page)


def test_a_proposed_adaptation_awaits_the_network(tmp_path: Path) -> None:
    page = _playbook(tmp_path, "dafne", "newcastle")
    assert "The site's decision: 5 February 2024." in page
    assert (
        "<strong>The network's decision:</strong> Not made yet: the site has proposed it." in page
    )
