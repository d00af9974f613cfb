"""Every format of the review carries the same sections with the same items."""

from __future__ import annotations

import json
import re

import pytest

from codify.app import run_review
from codify.network.review import SECTIONS, Review
from codify.output.review import review_json, review_markdown, review_text, totals
from codify.render.network import render_review
from tests.paths import EXAMPLES

SR = EXAMPLES / "schwartz-rounds"
HEADING = {
    "text": r"^{title}\b",
    "markdown": r"^### {title}\b",
    "html": r"<h2[^>]*>{title}\b",
}


def _review() -> Review:
    review, _ = run_review([SR], min_sites=2)
    return review


def expected(review: Review) -> dict[str, set[str]]:
    """What each section must name, taken from the review itself."""
    return {
        "sites": {s.id for s in review.sites} | {s.based_on for s in review.sites},
        "matrix": {s.id for s in review.sites},
        "pressure": {ident for ident, _, _ in review.pressure},
        "convergence": {c.target for c in review.convergent} | {b.element for b in review.bounds},
        "additions": {a.adaptation for a in review.additions},
        "drift": {d.adaptation for s in review.sites for d in s.drift},
    }


def _split(text: str, fmt: str) -> dict[str, str]:
    starts = {}
    for key, title in SECTIONS.items():
        match = re.search(HEADING[fmt].format(title=re.escape(title)), text, re.M)
        assert match, f"{fmt}: no section {title!r}"
        starts[key] = match.start()
    order = sorted(starts, key=starts.__getitem__)
    ends = [starts[k] for k in order[1:]] + [len(text)]
    return {key: text[starts[key] : end] for key, end in zip(order, ends, strict=True)}


def test_the_example_exercises_every_section() -> None:
    assert all(expected(_review()).values())


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_each_format_has_every_section_with_its_items(fmt: str) -> None:
    review = _review()
    if fmt == "html":
        out = render_review(review, SR)
    else:
        out = review_text(review) if fmt == "text" else review_markdown(review)
    sections = _split(out, fmt)
    for key, items in expected(review).items():
        missing = {item for item in items if item not in sections[key]}
        assert not missing, f"{fmt}: section {SECTIONS[key]!r} lacks {sorted(missing)}"
    assert totals(review) in out


def test_json_has_every_section_with_its_items() -> None:
    review = _review()
    body = json.loads(review_json(review))
    found = {
        "sites": {s["id"] for s in body["sites"]} | {s["based_on"] for s in body["sites"]},
        "matrix": set(body["matrix"]),
        "pressure": {p["core"] for p in body["core_pressure"]},
        "convergence": {c["target"] for c in body["convergent"]}
        | {b["element"] for b in body["out_of_bounds"]},
        "additions": {a["adaptation"] for a in body["unmapped_additions"]},
        "drift": {d["adaptation"] for s in body["sites"] for d in s["drift"]},
    }
    assert found == expected(review)
    total = body["summary"]
    assert totals(review).startswith(
        f"{total['error']} errors, {total['warning']} warnings, {total['info']} info"
    )
