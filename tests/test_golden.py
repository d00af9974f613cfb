"""Golden HTML: the playbook for an example, byte for byte.

Refresh after an intended change with:  make golden
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from codify.render.playbook import PlaybookInput, render_playbook
from codify.rules.site import judge_site
from codify.validate.model import load_site, load_spec
from tests.paths import EXAMPLES, GOLDEN

SR = EXAMPLES / "schwartz-rounds"
REFRESH = os.environ.get("CODIFY_REFRESH_GOLDEN") == "1"


def _render(site: str | None) -> str:
    spec = load_spec(SR / "innovation.yaml").model
    assert spec is not None
    data = PlaybookInput(spec, SR)
    if site:
        loaded = load_site(SR / "sites" / f"{site}.yaml")
        assert loaded.model is not None and loaded.doc is not None
        data.site = loaded.model
        data.result = judge_site(spec, loaded.model, loaded.doc)
    return render_playbook(data)


@pytest.mark.parametrize("site", [None, "hse-team-time"])
def test_playbook_html_matches_golden(site: str | None) -> None:
    name = "schwartz-rounds" + (f"-{site}" if site else "") + ".html"
    golden: Path = GOLDEN / name
    html = _render(site)
    if REFRESH:
        golden.write_text(html, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; create it with: make golden"
    expected = golden.read_text(encoding="utf-8")
    assert html == expected, (
        f"{golden.name} differs from the rendered playbook. If the change is intended, "
        "refresh the golden files with: make golden"
    )
