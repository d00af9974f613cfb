"""The TIDieR checklist (Hoffmann et al., BMJ 2014) filled from a spec."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from codify.models import AdaptationFile, Innovation
from codify.models.site import Adaptation
from codify.models.spec import ChoiceElement, RangeElement


@dataclass(frozen=True)
class TidierItem:
    """One TIDieR item: its number, name, and the text filled from the spec (None: missing)."""

    number: int
    name: str
    text: str | None
    source: str


def tidier_items(spec: Innovation, sites: Sequence[AdaptationFile] = ()) -> list[TidierItem]:
    """The 12 TIDieR items, filled from the spec (item 10 from the sites' adaptations)."""

    def join(parts: list[str]) -> str | None:
        return "; ".join(p for p in parts if p) or None

    ranges = [
        f"{el.name}: {el.describe()}" for el in spec.periphery if isinstance(el, RangeElement)
    ]
    choices = [
        f"{el.name}: " + ", ".join(o.label or o.value for o in el.options)
        for el in spec.periphery
        if isinstance(el, ChoiceElement)
    ]
    settings = sorted({o.setting for o in spec.evidence.outcomes if o.setting})
    checks = [c.statement for fn in spec.core for c in fn.fidelity]
    measures = [m.name for m in spec.measures]
    modifications = join([modification(site, a) for site in sites for a in site.adaptations])
    items = [
        (1, "Brief name", spec.name, "name"),
        (
            2,
            "Why: rationale and goal",
            join([_plain(spec.problem)] + [f"{fn.name}: {_plain(fn.purpose)}" for fn in spec.core]),
            "problem, core purposes",
        ),
        (
            3,
            "What: materials",
            join([r.item for r in spec.resources] + [p.statement for p in spec.prerequisites]),
            "resources, prerequisites",
        ),
        (
            4,
            "What: procedures",
            join(
                [f"{fn.name}: {_plain(fn.form)}" for fn in spec.core] + [s.name for s in spec.plan]
            ),
            "core forms, plan",
        ),
        (
            5,
            "Who provided",
            join([r.name + (f" ({_plain(r.training)})" if r.training else "") for r in spec.roles]),
            "roles",
        ),
        (6, "How: modes of delivery", join(choices), "periphery choices"),
        (7, "Where", join(settings), "evidence settings"),
        (8, "When and how much", join(ranges), "periphery ranges"),
        (9, "Tailoring", join([f"{el.name} ({el.kind})" for el in spec.periphery]), "periphery"),
        (10, "Modifications", modifications, "site adaptations"),
        (11, "How well: planned", join(checks + measures), "fidelity checks, measures"),
        (12, "How well: actual", None, "fidelity reports (not in the spec)"),
    ]
    return [TidierItem(n, name, text, src) for n, name, text, src in items]


def modification(site: AdaptationFile, a: Adaptation) -> str:
    """One adaptation as TIDieR item 10 reports it: where, what, how and its status."""
    nature = ", ".join(n.value for n in a.frame.nature)
    when = f", {a.decided.isoformat()}" if a.decided else ""
    what = _plain(a.description).rstrip(".")
    return (
        f"{site.site.name}: {a.id} on {a.target} ({nature}; fidelity "
        f"{a.frame.fidelity.value}; {a.status.value}{when}): {what}"
    )


_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]*>")
_MARKS = re.compile(r"[*_`#>]+")


def _plain(text: str | None) -> str:
    """Markdown reduced to its words: no images, link targets, tags or emphasis marks."""
    text = _IMAGE.sub("", text or "")
    text = _LINK.sub(r"\1", text)
    text = _MARKS.sub("", _TAG.sub("", text))
    return " ".join(text.split())
