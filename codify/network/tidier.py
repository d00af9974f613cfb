"""The TIDieR checklist (Hoffmann et al., BMJ 2014) filled from a spec."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from codify.models import AdaptationFile, Innovation
from codify.models.site import Adaptation
from codify.models.spec import ChoiceElement, RangeElement
from codify.text import either, first_sentence, plain_text
from codify.vocab import AdaptationStatus
from codify.vocab.words import joined, target_name, word


@dataclass(frozen=True)
class TidierItem:
    """One TIDieR item: its number, name, the entries filled from the spec (none: missing) and
    where they come from."""

    number: int
    name: str
    parts: tuple[str, ...]
    source: str

    @property
    def text(self) -> str | None:
        """The entries as one text (for a table cell or a CSV field); None when missing."""
        if not self.parts:
            return None
        return "; ".join(part.removesuffix(".") for part in self.parts)


KIND_WORDS = {"choice": "a choice", "range": "a range", "toggle": "on or off", "text": "own words"}


def tidier_items(
    spec: Innovation, sites: Sequence[AdaptationFile] = (), actual: Sequence[str] = ()
) -> list[TidierItem]:
    """The 12 TIDieR items, filled from the spec (item 10 from the sites' adaptations that were
    not withdrawn, item 12 from ``actual``: what a site's results say of its fidelity)."""
    names = target_names(spec)
    ranges = [
        f"{el.name}: {el.describe()}" for el in spec.periphery if isinstance(el, RangeElement)
    ]
    choices = [
        f"{el.name}: " + either([o.label or o.value for o in el.options])
        for el in spec.periphery
        if isinstance(el, ChoiceElement)
    ]
    settings = sorted({o.setting for o in spec.evidence.outcomes if o.setting})
    checks = [c.statement for fn in spec.core for c in fn.fidelity]
    measures = ["Measures reported: " + "; ".join(m.name for m in spec.measures)]
    items = [
        (1, "Brief name", [spec.name], "name"),
        (
            2,
            "Why: rationale and goal",
            [plain_text(spec.problem)]
            + [f"{fn.name}: {plain_text(fn.purpose)}" for fn in spec.core],
            "problem, core purposes",
        ),
        (
            3,
            "What: materials",
            [r.item for r in spec.resources] + [p.statement for p in spec.prerequisites],
            "resources, prerequisites",
        ),
        (
            4,
            "What: procedures",
            [f"{fn.name}: {plain_text(fn.form)}" for fn in spec.core]
            + ["The plan: " + "; ".join(s.name for s in spec.plan)] * bool(spec.plan),
            "core forms, plan",
        ),
        (
            5,
            "Who provided",
            [
                r.name + (f" \u2014 training: {plain_text(r.training)}" if r.training else "")
                for r in spec.roles
            ],
            "roles",
        ),
        (
            6,
            "How: modes of delivery",
            choices
            + [
                f"{fn.name}, a sanctioned variant: {first_sentence(plain_text(v.form))}"
                for fn in spec.core
                for v in fn.variants
            ],
            "periphery choices, core variants",
        ),
        (7, "Where", settings, "evidence settings"),
        (8, "When and how much", ranges, "periphery ranges"),
        (
            9,
            "Tailoring",
            [f"{el.name} ({KIND_WORDS[el.kind.value]})" for el in spec.periphery],
            "periphery",
        ),
        (
            10,
            "Modifications",
            [
                modification(site, a, names)
                for site in sites
                for a in site.adaptations
                if a.status is not AdaptationStatus.WITHDRAWN
            ],
            "site adaptations",
        ),
        (
            11,
            "How well: planned",
            checks + measures * bool(spec.measures),
            "fidelity checks, measures",
        ),
        (
            12,
            "How well: actual",
            list(actual),
            "a site's fidelity results: the fidelity:CHECK-ID rows of its results file",
        ),
    ]
    return [TidierItem(n, name, tuple(p for p in parts if p), src) for n, name, parts, src in items]


def target_names(spec: Innovation) -> dict[str, str]:
    """The name of everything an adaptation may target, by the id it is targeted with."""
    names = {item.id: item.name for item in [*spec.core, *spec.periphery]}
    names.update({p.id: f"Proscribed: {p.statement.rstrip('.')}" for p in spec.proscribed})
    names.update({f"plan:{s.id}": s.name for s in spec.plan})
    names.update({f"role:{r.id}": r.name for r in spec.roles})
    names.update({f"measure:{m.id}": m.name for m in spec.measures})
    return names


def modification(site: AdaptationFile, a: Adaptation, names: dict[str, str]) -> str:
    """One adaptation as TIDieR item 10 reports it: where, what, how and its status (its id
    last, for finding it in the site file)."""
    nature = joined("nature", a.frame.nature)
    when = f"decided at the site {a.decided.isoformat()}, " if a.decided else ""
    what = plain_text(a.description).rstrip(".")
    fidelity = word("fidelity", a.frame.fidelity).lower()
    status = NETWORK_WORDS.get(a.status.value, a.status.value)
    return (
        f"{site.site.name} \u2014 {target_name(a.target, names)}: {what} ({nature}; {fidelity}; "
        f"{when}{status}; {a.id})"
    )


NETWORK_WORDS = {
    "proposed": "awaiting the network's decision",
    "approved": "approved by the network",
    "rejected": "rejected by the network",
}
