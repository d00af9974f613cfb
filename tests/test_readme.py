"""The README stays true: its full example outputs are the real ones, and every rule is listed."""

from __future__ import annotations

import re
import shlex

import pytest
from typer.testing import CliRunner

from codify.cli import app
from codify.vocab import Rule
from tests.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```\n\$ codify ([^\n]+)\n(.*?)```", README, re.S)
# Blocks shown whole (no "...") of commands that only read the repository's own files.
CHECKED = [
    (cmd, out)
    for cmd, out in BLOCKS
    if "..." not in out and cmd.split()[0] in {"validate", "diff", "review"} and "new/" not in cmd
]


def test_some_blocks_are_checked() -> None:
    assert len(CHECKED) >= 4


@pytest.mark.parametrize(("command", "expected"), CHECKED, ids=[c for c, _ in CHECKED])
def test_readme_output_is_real(
    command: str, expected: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, shlex.split(command))
    assert result.stdout.strip() == expected.strip(), (
        f"README.md shows other output for `codify {command}`; paste the real output"
    )


def test_every_rule_is_in_the_readme() -> None:
    table = README[README.index("## Rule ids") : README.index("## Exit codes")]
    for rule in Rule:
        assert f"`{rule.value}`" in table, f"rule {rule.value} is missing from README.md"


def test_rule_table_is_generated_from_the_vocabulary() -> None:
    from codify.vocab import rules_markdown

    assert rules_markdown() in README, (
        "README.md's rule table differs from codify.vocab.RULE_HELP; regenerate it with: "
        "make readme-rules"
    )
