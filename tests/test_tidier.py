"""TIDieR item 10 (modifications) is filled from the sites' adaptations."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from codify.cli import app
from codify.network.tidier import tidier_items
from codify.project import load_project
from tests.paths import EXAMPLES

SR = EXAMPLES / "schwartz-rounds"


def _adaptation_ids() -> list[str]:
    """Every adaptation a site did not withdraw: item 10 reports those."""
    project = load_project([SR])
    return [
        a.id
        for _, site in project.valid_sites()
        for a in site.adaptations
        if a.status.value != "withdrawn"
    ]


def test_export_fills_item_10_from_every_sites_adaptations(runner: CliRunner) -> None:
    ids = _adaptation_ids()
    assert len(ids) >= 5
    for fmt in ("markdown", "csv"):
        result = runner.invoke(app, ["export", str(SR), "--as", "tidier", "--format", fmt])
        assert result.exit_code == 0, result.output
        if fmt == "csv":
            rows = {r[0]: r for r in csv.reader(io.StringIO(result.stdout))}
            assert rows["10"][2] == "filled"
            text = rows["10"][3]
        else:
            text = next(line for line in result.stdout.splitlines() if line.startswith("| 10 |"))
            assert "**Missing**" not in text
        assert all(f"; {ident})" in text for ident in ids), text
        assert "Leeds Teaching Hospitals \u2014 " in text and ", approved by the network; " in text


def test_a_site_playbook_lists_only_that_sites_modifications() -> None:
    project = load_project([SR])
    spec = project.spec.model if project.spec else None
    assert spec is not None
    (_, leeds), (_, york) = [s for s in project.valid_sites() if s[1].site.id in ("leeds", "york")]
    item = tidier_items(spec, [leeds])[9]
    assert item.number == 10 and item.text is not None
    done = [a for a in leeds.adaptations if a.status.value != "withdrawn"]
    assert done and all(f"; {a.id})" in item.text for a in done)
    york_only = {a.id for a in york.adaptations} - {a.id for a in leeds.adaptations}
    assert york_only and not any(f"; {ident})" in item.text for ident in york_only)
    assert tidier_items(spec)[9].text is None


def test_items_read_as_words_not_joined_codes() -> None:
    """No ".;" where a sentence met the joiner, FRAME codes and targets as words, choices
    told apart even when an option holds a comma, and each entry its own list item in print."""
    project = load_project([EXAMPLES / "dafne"])
    spec = project.spec.model if project.spec else None
    assert spec is not None
    sites = [site for _, site in project.valid_sites()]
    items = {item.number: item for item in tidier_items(spec, sites)}
    assert all(".;" not in (item.text or "") for item in items.values())
    assert "Five consecutive days, 9 to 5; One day a week for five weeks; or Remote" in (
        items[6].text or ""
    )
    assert "Learning in a small group, a sanctioned variant: Remote DAFNE, offered since 2020" in (
        items[6].text or ""
    )
    remote = next(p for p in items[10].parts if p.endswith("; remote-groups)"))
    assert remote.startswith("Newcastle Diabetes Centre \u2014 Learning in a small group: Online")
    assert (
        "(substituting and tailoring; consistent with the core; decided at the site 2024-02-05, "
        "awaiting the network's decision; remote-groups)"
    ) in remote
    assert items[12].parts == () and items[12].text is None
    assert "(a choice)" in (items[9].text or "") and "(choice)" not in (items[9].text or "")


def test_a_site_playbook_fills_item_12_from_its_fidelity_results_and_skips_withdrawn(
    runner: CliRunner, tmp_path: Path
) -> None:
    def item(project: str, site: str, number: str) -> str:
        args = ["build", str(EXAMPLES / project), "--site", site, "-f", "html"]
        result = runner.invoke(app, [*args, "-o", str(tmp_path)])
        assert result.exit_code == 0, result.output
        page = (tmp_path / f"{project}-{site}.html").read_text()
        return page.split(f"{number}. ")[-1].split("</tr>")[0]

    item_10 = item("schwartz-rounds", "leeds", "10")
    assert "winter-online)" in item_10 and "lunchtime-only" not in item_10  # withdrawn
    item_12 = item("dafne", "newcastle", "12")
    assert "Missing" not in item_12
    assert "met on 78% of occasions in 2025-02 (common cause variation" in item_12
    assert "No fidelity results reported yet" in item("schwartz-rounds", "leeds", "12")
