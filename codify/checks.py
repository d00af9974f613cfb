"""Checks a valid model's cross-references, ids and bounds, which pydantic cannot see."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from codify.findings import Finding, sort_findings
from codify.models import AdaptationFile, Innovation
from codify.models.common import RESERVED_IDS
from codify.models.spec import ChoiceElement, RangeElement
from codify.source import Document, PathKey, dotted
from codify.text import did_you_mean, join_values, number, shorten
from codify.vocab import Rule, Severity


@dataclass
class _Checker:
    doc: Document
    findings: list[Finding] = field(default_factory=list)

    def add(self, rule: Rule, path: PathKey, message: str, key: str = "") -> None:
        line, col = self.doc.where(path)
        where = dotted(path)
        self.findings.append(
            Finding(
                rule,
                Severity.ERROR,
                self.doc.file,
                line,
                col,
                message,
                key=key or where,
                path=where,
            )
        )

    def unique(self, items: Iterable[tuple[PathKey, str]], what: str) -> None:
        """Report the second and later uses of an id within one namespace."""
        seen: dict[str, PathKey] = {}
        for path, ident in items:
            if ident in seen:
                first = self.doc.where(seen[ident])[0]
                self.add(
                    Rule.DUPLICATE_ID,
                    path,
                    f"{what} '{ident}' is used twice (first at line {first}); ids must be unique",
                    key=f"dup:{what}:{ident}",
                )
            else:
                seen[ident] = path

    def resolve(self, path: PathKey, ident: str, pool: Sequence[str], what: str) -> None:
        """Report a reference that names nothing, suggesting the closest id."""
        if ident not in pool:
            hint = did_you_mean(ident, pool) or (
                f" (known: {join_values(pool[:8])})" if pool else " (there are none)"
            )
            self.add(
                Rule.REFERENCE, path, f"{dotted(path)}: '{ident}' is not the id of any {what}{hint}"
            )


def check_spec(spec: Innovation, doc: Document) -> list[Finding]:
    """Every id, reference, bound and dependency problem of a valid spec."""
    c = _Checker(doc)
    shared = [
        ((group, i, "id"), item.id)
        for group, items in (
            ("core", spec.core),
            ("periphery", spec.periphery),
            ("proscribed", spec.proscribed),
        )
        for i, item in enumerate(items)
    ]
    c.unique(shared, "core, periphery or proscribed id")
    for path, ident in shared:
        if ident in RESERVED_IDS:
            c.add(
                Rule.SCHEMA,
                path,
                f"'{ident}' is reserved (an adaptation's target: new); choose another id",
            )
    for i, fn in enumerate(spec.core):
        c.unique(
            ((("core", i, "fidelity", j, "id"), f.id) for j, f in enumerate(fn.fidelity)),
            f"fidelity check of {fn.id}",
        )
    ev = spec.evidence
    c.unique(
        [(("evidence", "outcomes", i, "id"), o.id) for i, o in enumerate(ev.outcomes)]
        + [(("evidence", "stories", i, "id"), s.id) for i, s in enumerate(ev.stories)],
        "evidence id",
    )
    for name in ("prerequisites", "roles", "resources", "plan", "measures", "references"):
        c.unique(
            (((name, i, "id"), item.id) for i, item in enumerate(getattr(spec, name))), f"{name} id"
        )
    c.unique(
        ((("glossary", i, "term"), g.term) for i, g in enumerate(spec.glossary)), "glossary term"
    )
    _check_references(c, spec)
    _check_periphery(c, spec)
    _check_plan(c, spec)
    for i, role in enumerate(spec.roles):
        if (
            role.count
            and role.count.min is not None
            and role.count.max is not None
            and role.count.min > role.count.max
        ):
            c.add(
                Rule.SCHEMA,
                ("roles", i, "count"),
                f"roles.{role.id}: count min {role.count.min} is above max {role.count.max}",
            )
    return sort_findings(c.findings)


def _check_references(c: _Checker, spec: Innovation) -> None:
    core = [f.id for f in spec.core]
    evidence = [o.id for o in spec.evidence.outcomes] + [s.id for s in spec.evidence.stories]
    refs = [r.id for r in spec.references]
    for i, fn in enumerate(spec.core):
        for j, ident in enumerate(fn.evidence):
            c.resolve(("core", i, "evidence", j), ident, evidence, "evidence outcome or story")
    for i, el in enumerate(spec.periphery):
        c.resolve(("periphery", i, "serves"), el.serves, core, "core function")
    for i, pr in enumerate(spec.proscribed):
        for j, ident in enumerate(pr.breaks):
            c.resolve(("proscribed", i, "breaks", j), ident, core, "core function")
    for i, out in enumerate(spec.evidence.outcomes):
        if out.reference is not None:
            c.resolve(("evidence", "outcomes", i, "reference"), out.reference, refs, "reference")
    for i, story in enumerate(spec.evidence.stories):
        for j, ident in enumerate(story.serves):
            c.resolve(("evidence", "stories", i, "serves", j), ident, core, "core function")


def _check_periphery(c: _Checker, spec: Innovation) -> None:
    for i, el in enumerate(spec.periphery):
        if isinstance(el, ChoiceElement):
            values = [o.value for o in el.options]
            c.unique(
                ((("periphery", i, "options", j, "value"), v) for j, v in enumerate(values)),
                f"option of {el.id}",
            )
            if el.default is not None and not el.allow_other and el.default not in values:
                c.add(
                    Rule.SCHEMA,
                    ("periphery", i, "default"),
                    f"periphery.{el.id}: default {shorten(el.default)} is not one of its "
                    f"options ({join_values(values)}){did_you_mean(el.default, values)}",
                )
        elif isinstance(el, RangeElement):
            if el.min is not None and el.max is not None and el.min > el.max:
                c.add(
                    Rule.SCHEMA,
                    ("periphery", i, "min"),
                    f"periphery.{el.id}: min {number(el.min)} is above max {number(el.max)}",
                )
            elif el.default is not None and not range_allows(el, el.default):
                c.add(
                    Rule.SCHEMA,
                    ("periphery", i, "default"),
                    f"periphery.{el.id}: default {number(el.default)} is outside the allowed "
                    f"range {describe_range(el)}",
                )


def range_allows(el: RangeElement, value: float) -> bool:
    """Whether a number lies within a range element's inclusive bounds."""
    return (el.min is None or value >= el.min) and (el.max is None or value <= el.max)


def describe_range(el: RangeElement) -> str:
    """``30-60 minutes``, ``at least 3 people``, ``at most 2 hours``, or ``any number``."""
    unit = f" {el.unit}" if el.unit else ""
    if el.min is not None and el.max is not None:
        return f"{number(el.min)}-{number(el.max)}{unit}"
    if el.min is not None:
        return f"at least {number(el.min)}{unit}"
    if el.max is not None:
        return f"at most {number(el.max)}{unit}"
    return f"any number{unit}"


def _check_plan(c: _Checker, spec: Innovation) -> None:
    roles = [r.id for r in spec.roles]
    steps = [s.id for s in spec.plan]
    for i, step in enumerate(spec.plan):
        if step.owner is not None:
            c.resolve(("plan", i, "owner"), step.owner, roles, "role")
        for j, ident in enumerate(step.after):
            c.resolve(("plan", i, "after", j), ident, steps, "plan step")
    graph: dict[str, list[str]] = {}
    for step in spec.plan:
        graph.setdefault(step.id, []).extend(a for a in step.after if a in steps)
    cycle = find_cycle(graph)
    if cycle:
        nxt = cycle[1] if len(cycle) > 1 else cycle[0]
        index = next(i for i, s in enumerate(spec.plan) if s.id == cycle[0] and nxt in s.after)
        j = spec.plan[index].after.index(nxt)
        c.add(
            Rule.CYCLE,
            ("plan", index, "after", j),
            "plan steps wait for each other in a cycle: "
            + " -> ".join([*cycle, cycle[0]])
            + "; remove one of these `after` entries",
            key="cycle:" + ",".join(sorted(cycle)),
        )


def find_cycle(graph: dict[str, list[str]]) -> list[str]:
    """One cycle in a dependency graph, as the list of nodes on it (empty when acyclic)."""
    state: dict[str, int] = {}
    for start in sorted(graph):
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        trail: list[str] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                state[node] = 1
                trail.append(node)
            deps = graph.get(node, [])
            if i < len(deps):
                stack.append((node, i + 1))
                nxt = deps[i]
                if state.get(nxt) == 1:
                    return trail[trail.index(nxt) :]
                if not state.get(nxt):
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                trail.pop()
    return []


def check_site(site: AdaptationFile, doc: Document) -> list[Finding]:
    """Id problems within a valid site file (its match with the spec is judged by diff)."""
    c = _Checker(doc)
    c.unique(
        ((("adaptations", i, "id"), a.id) for i, a in enumerate(site.adaptations)), "adaptation id"
    )
    c.unique(
        ((("measures_dropped", i), m) for i, m in enumerate(site.measures_dropped)),
        "dropped measure",
    )
    return sort_findings(c.findings)


def check_placeholders(doc: Document) -> list[Finding]:
    """Warn about text that ``codify init`` or ``codify adapt`` left to be replaced."""
    found = [
        Finding(
            Rule.PLACEHOLDER,
            Severity.WARNING,
            doc.file,
            line,
            col,
            f"{label}: still the placeholder from codify init; write your own text",
            key=f"{label}:{line}",
        )
        for (line, col), label in doc.placeholders
    ]
    return sort_findings(found)
