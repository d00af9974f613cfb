"""In a site playbook every adaptation card shows its own findings."""

from __future__ import annotations

import html
import re
from pathlib import Path

from codify.render.playbook import SHOWN_IN_PLACE, PlaybookInput, on_card, render_playbook
from codify.rules.site import judge_site
from codify.validate.model import load_site, load_spec


def _site_playbook(project: Path, site: str) -> tuple[str, dict[str, list[str]]]:
    spec = load_spec(project / "innovation.yaml").model
    loaded = load_site(project / "sites" / f"{site}.yaml")
    assert spec is not None and loaded.model is not None and loaded.doc is not None
    result = judge_site(spec, loaded.model, loaded.doc)
    page = render_playbook(PlaybookInput(spec, project, loaded.model, result))
    cards = {
        re.search(r'<span class="id">([\w-]+) ·', body).group(1): body  # type: ignore[union-attr]
        for body in re.findall(r'<article class="card adaptation[^"]*">(.*?)</article>', page, re.S)
    }
    own: dict[str, list[str]] = {}
    for f in result.findings:
        if f.adaptation and f.rule not in SHOWN_IN_PLACE:
            own.setdefault(f.adaptation, []).append(f.message)
    return page, {ident: [cards[ident], *own.get(ident, [])] for ident in cards}


def test_every_card_shows_its_findings(project: Path) -> None:
    for site in ("leeds", "york", "hse-team-time"):
        _, cards = _site_playbook(project, site)
        assert any(len(messages) > 1 for messages in cards.values())
        for ident, (card, *messages) in cards.items():
            for message in messages:
                said = on_card(message, ident)
                assert said in html.unescape(card), f"{site}: {ident} lacks: {said}"
                assert f"adaptation '{ident}' " not in said
    # A sanctioned variant is said in words on its card, not repeated as a finding.
    _, cards = _site_playbook(project, "leeds")
    assert "In a sanctioned variant: A Virtual Schwartz Round" in cards["winter-online"][0]
    assert "core-variant" not in cards["winter-online"][0]


def test_an_approved_proscribed_adoption_carries_a_red_flag(project: Path) -> None:
    york = project / "sites" / "york.yaml"
    text = york.read_text(encoding="utf-8")
    start = text.index("- id: action-points")
    end = text.index("status: proposed", start)
    york.write_text(text[:end] + "status: approved" + text[end + len("status: proposed") :])
    _, cards = _site_playbook(project, "york")
    card = cards["action-points"][0]
    assert "Approved" in card
    assert '<span class="flag bad">✗ 1 error(s)' in card
    assert "proscribed-adopted" in card
