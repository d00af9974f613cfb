"""Golden HTML: the playbook for an example, byte for byte, without its stylesheet.

The stylesheet is left out of the golden files (a style change is not a content change). Refresh
after an intended change with:  make golden   (it prints what it changed; review it).
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from codify.render.playbook import PlaybookInput, render_playbook
from codify.rules.site import judge_site
from codify.validate.model import load_site, load_spec
from tests.paths import EXAMPLES, GOLDEN

SR = EXAMPLES / "schwartz-rounds"
REFRESH = os.environ.get("CODIFY_REFRESH_GOLDEN") == "1"
STYLE = re.compile(r"<style>\n.*?\n</style>", re.S)
NO_STYLE = "<style>\n/* templates/playbook.css: left out of golden files */\n</style>"


def without_css(html: str) -> str:
    """The page with its inlined stylesheet replaced by a marker."""
    stripped, count = STYLE.subn(NO_STYLE, html)
    assert count == 1, "the playbook should inline exactly one <style> block"
    return stripped


def _render(site: str | None) -> str:
    spec = load_spec(SR / "innovation.yaml").model
    assert spec is not None
    data = PlaybookInput(spec, SR)
    if site:
        loaded = load_site(SR / "sites" / f"{site}.yaml")
        assert loaded.model is not None and loaded.doc is not None
        data.site = loaded.model
        data.result = judge_site(spec, loaded.model, loaded.doc)
    return without_css(render_playbook(data))


def _diff(old: str, new: str, name: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{name}"
    )
    return "".join(lines)


@pytest.mark.parametrize("site", [None, "hse-team-time"])
def test_playbook_html_matches_golden(site: str | None) -> None:
    name = "schwartz-rounds" + (f"-{site}" if site else "") + ".html"
    golden: Path = GOLDEN / name
    html = _render(site)
    if REFRESH:
        old = golden.read_text(encoding="utf-8") if golden.exists() else ""
        golden.write_text(html, encoding="utf-8")
        print(_diff(old, html, name) or f"{name}: unchanged")  # make golden runs pytest -s
    assert golden.exists(), f"no golden file {golden.name}; create it with: make golden"
    expected = golden.read_text(encoding="utf-8")
    assert html == expected, (
        f"{golden.name} differs from the rendered playbook:\n"
        + _diff(expected, html, name)[:4000]
        + "\nIf the change is intended, refresh the golden files with: make golden"
    )


def test_golden_files_hold_no_stylesheet() -> None:
    for golden in sorted(GOLDEN.glob("*.html")):
        text = golden.read_text(encoding="utf-8")
        assert NO_STYLE in text and "font-family" not in text, golden.name
