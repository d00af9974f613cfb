"""Checks pydantic cannot make: ids, cross-references, bounds and plan cycles.

They read the document's plain data, not the model, so that they run even when other fields of
the file are invalid: a user sees every problem in the file at once. Values of the wrong type are
skipped here; the schema check reports them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from codify.findings import Finding, sort_findings
from codify.models.common import RESERVED_IDS
from codify.models.spec import describe_bounds
from codify.text import did_you_mean, join_values, number, shorten
from codify.vocab import PeripheryKind, Rule, Severity
from codify.yaml.document import PLACEHOLDER, Document, PathKey, dotted

Record = tuple[PathKey, dict[str, Any]]


def records(data: Any, *path: str) -> list[Record]:
    """The mappings of the list at ``path``, each with its path."""
    node = data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    if not isinstance(node, list):
        return []
    return [((*path, i), item) for i, item in enumerate(node) if isinstance(item, dict)]


def text(item: dict[str, Any], key: str) -> str | None:
    """A text field of a record, or None when absent or not text."""
    value = item.get(key)
    return value if isinstance(value, str) else None


def texts(item: dict[str, Any], key: str) -> list[tuple[int, str]]:
    """The text entries of a list field, with their positions in the list."""
    value = item.get(key)
    if not isinstance(value, list):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, str)]


def _num(value: Any) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


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

    def ids(self, items: Iterable[Record], field_name: str = "id") -> list[tuple[PathKey, str]]:
        return [
            ((*path, field_name), ident)
            for path, item in items
            if (ident := text(item, field_name)) is not None
        ]

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


def check_spec(doc: Document) -> list[Finding]:
    """Every id, reference, bound and dependency problem of an innovation spec."""
    c = _Checker(doc)
    data = doc.data
    shared = [p for group in ("core", "periphery", "proscribed") for p in records(data, group)]
    c.unique(c.ids(shared), "core, periphery or proscribed id")
    for path, ident in c.ids(shared):
        if ident in RESERVED_IDS:
            c.add(
                Rule.SCHEMA,
                path,
                f"'{ident}' is reserved (an adaptation's target: new); choose another id",
            )
    for core_path, fn in records(data, "core"):
        checks = [((*core_path, *p), item) for p, item in records(fn, "fidelity")]
        c.unique(c.ids(checks), f"fidelity check of {text(fn, 'id')}")
        variants = [((*core_path, *p), item) for p, item in records(fn, "variants")]
        c.unique(c.ids(variants), f"variant of {text(fn, 'id')}")
    evidence = records(data, "evidence", "outcomes") + records(data, "evidence", "stories")
    c.unique(c.ids(evidence), "evidence id")
    for name in ("prerequisites", "roles", "resources", "plan", "measures", "references"):
        c.unique(c.ids(records(data, name)), f"{name} id")
    c.unique(c.ids(records(data, "glossary"), "term"), "glossary term")
    _check_references(c, data)
    _check_periphery(c, data)
    _check_plan(c, data)
    for path, role in records(data, "roles"):
        count = role.get("count")
        if isinstance(count, dict):
            low, high = _num(count.get("min")), _num(count.get("max"))
            if low is not None and high is not None and low > high:
                c.add(
                    Rule.SCHEMA,
                    (*path, "count"),
                    f"roles.{text(role, 'id')}: count min "
                    f"{number(low)} is above max {number(high)}",
                )
    return sort_findings(c.findings)


def _pool(items: Iterable[Record]) -> list[str]:
    return [ident for _, item in items if (ident := text(item, "id")) is not None]


def _check_references(c: _Checker, data: Any) -> None:
    core = _pool(records(data, "core"))
    evidence = _pool(records(data, "evidence", "outcomes") + records(data, "evidence", "stories"))
    refs = _pool(records(data, "references"))
    for path, fn in records(data, "core"):
        for j, ident in texts(fn, "evidence"):
            c.resolve((*path, "evidence", j), ident, evidence, "evidence outcome or story")
    for path, el in records(data, "periphery"):
        # A drafted element's `serves: TODO` is a placeholder warning, not a broken reference.
        if (serves := text(el, "serves")) is not None and serves != PLACEHOLDER:
            c.resolve((*path, "serves"), serves, core, "core function")
    for path, practice in records(data, "proscribed"):
        for j, ident in texts(practice, "breaks"):
            c.resolve((*path, "breaks", j), ident, core, "core function")
    for path, outcome in records(data, "evidence", "outcomes"):
        if (ref := text(outcome, "reference")) is not None:
            c.resolve((*path, "reference"), ref, refs, "reference")
    for path, story in records(data, "evidence", "stories"):
        for j, ident in texts(story, "serves"):
            c.resolve((*path, "serves", j), ident, core, "core function")
        _check_story_source(c, path, story, refs)


def _check_story_source(c: _Checker, path: PathKey, story: dict[str, Any], refs: list[str]) -> None:
    """A story names where it was published, or says it is illustrative (FORMAT.md)."""
    source = story.get("source")
    if isinstance(source, str):
        c.resolve((*path, "source"), source, refs, "reference")
    elif source is None and story.get("consent") is True and story.get("illustrative") is not True:
        c.add(
            Rule.REFERENCE,
            path,
            f"{dotted(path)} ({shorten(story.get('id'))}): a consented story needs "
            "`source` (the id of the reference where it was published) or `illustrative: true`",
            key=f"story-source:{dotted(path)}",
        )


def _check_periphery(c: _Checker, data: Any) -> None:
    for path, el in records(data, "periphery"):
        name = f"periphery.{text(el, 'id')}"
        if el.get("kind") == PeripheryKind.CHOICE:
            options = records(el, "options")
            values = [v for _, o in options if (v := text(o, "value")) is not None]
            c.unique(
                [((*p, "value"), v) for p, o in options if (v := text(o, "value"))],
                f"option of {text(el, 'id')}",
            )
            default = el.get("default")
            if (
                isinstance(default, str)
                and el.get("allow_other") is not True
                and values
                and default not in values
            ):
                c.add(
                    Rule.SCHEMA,
                    (*path, "default"),
                    f"{name}: default {shorten(default)} is "
                    f"not one of its options ({join_values(values)})"
                    + did_you_mean(default, values),
                )
        elif el.get("kind") == PeripheryKind.RANGE:
            low, high, default = _num(el.get("min")), _num(el.get("max")), _num(el.get("default"))
            unit = text(el, "unit")
            if low is not None and high is not None and low > high:
                c.add(
                    Rule.SCHEMA,
                    (*path, "min"),
                    f"{name}: min {number(low)} is above max {number(high)}",
                )
            elif default is not None and not (
                (low is None or default >= low) and (high is None or default <= high)
            ):
                c.add(
                    Rule.SCHEMA,
                    (*path, "default"),
                    f"{name}: default {number(default)} is "
                    f"outside the allowed range {describe_bounds(low, high, unit)}",
                )


def _check_plan(c: _Checker, data: Any) -> None:
    steps = records(data, "plan")
    roles = _pool(records(data, "roles"))
    step_ids = _pool(steps)
    graph: dict[str, list[str]] = {}
    for path, step in steps:
        if (owner := text(step, "owner")) is not None:
            c.resolve((*path, "owner"), owner, roles, "role")
        for j, ident in texts(step, "after"):
            c.resolve((*path, "after", j), ident, step_ids, "plan step")
        if (own := text(step, "id")) is not None:
            graph.setdefault(own, []).extend(a for _, a in texts(step, "after") if a in step_ids)
    cycle = find_cycle(graph)
    if cycle:
        nxt = cycle[1] if len(cycle) > 1 else cycle[0]
        path, step = next(
            (p, s)
            for p, s in steps
            if text(s, "id") == cycle[0] and nxt in dict(texts(s, "after")).values()
        )
        j = next(i for i, a in texts(step, "after") if a == nxt)
        c.add(
            Rule.CYCLE,
            (*path, "after", j),
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


def check_site(doc: Document) -> list[Finding]:
    """Id problems within a site file (its match with the spec is judged by diff)."""
    c = _Checker(doc)
    c.unique(c.ids(records(doc.data, "adaptations")), "adaptation id")
    dropped = doc.data.get("measures_dropped") if isinstance(doc.data, dict) else None
    if isinstance(dropped, list):
        c.unique(
            [(("measures_dropped", i), m) for i, m in enumerate(dropped) if isinstance(m, str)],
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
            f"{where}: a TODO left by init, adapt or propose-release; write your own text",
            key=where,
            path=where,
        )
        for (line, col), where in doc.placeholders
    ]
    return sort_findings(found)
