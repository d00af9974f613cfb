"""The vocabulary is the one source: every rule is emitted, at the severity the README says."""

from __future__ import annotations

import ast
from collections import defaultdict

from codify.vocab import RULE_HELP, Rule, Severity
from tests.paths import ROOT

SOURCES = sorted((ROOT / "codify").rglob("*.py"))


def _attr(node: ast.AST, owner: str) -> str | None:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.attr if node.value.id == owner else None
    return None


def _fixed_severity_helpers(tree: ast.Module) -> dict[str, Severity]:
    """Functions of a module that build a Finding from a rule parameter at one fixed severity."""
    out = {}
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef):
            continue
        for call in ast.walk(func):
            if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "Finding"):
                continue
            rule, severity = call.args[0], call.args[1] if len(call.args) > 1 else None
            name = _attr(severity, "Severity") if severity is not None else None
            if isinstance(rule, ast.Name) and name is not None:
                out[func.name] = Severity[name]
    return out


# Rules whose severity is computed at run time, and the severities they can take.
COMPUTED = {Rule.TOO_MANY_FINDINGS: set(Severity)}  # the worst of the findings it stands for


def emitted() -> dict[Rule, set[Severity]]:
    """Each rule with the severities the code emits it at, read from the source."""
    found: dict[Rule, set[Severity]] = defaultdict(set)
    source = (ROOT / "codify" / "findings.py").read_text(encoding="utf-8")
    for rule, possible in COMPUTED.items():
        if f"Rule.{rule.name}," in source:
            found[rule].update(possible)
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        helpers = _fixed_severity_helpers(tree)
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            values = [*call.args, *(k.value for k in call.keywords)]
            rules = [r for v in values if (r := _attr(v, "Rule")) is not None]
            severities = [s for v in values if (s := _attr(v, "Severity")) is not None]
            name = getattr(call.func, "attr", None) or getattr(call.func, "id", "")
            if len(rules) != 1:
                continue
            if severities:
                found[Rule[rules[0]]].update(Severity[s] for s in severities)
            elif name in helpers:
                found[Rule[rules[0]]].add(helpers[name])
    return found


def test_every_rule_is_emitted_somewhere() -> None:
    missing = [rule.value for rule in Rule if rule not in emitted()]
    assert not missing, f"rules in the vocabulary that no code emits: {missing}"


def test_the_rule_table_severities_are_what_the_code_emits() -> None:
    found = emitted()
    for rule in Rule:
        documented = {Severity(s.strip()) for s in RULE_HELP[rule][0].split("/")}
        assert found[rule] == documented, (
            f"{rule.value}: README says {sorted(documented)}, code emits {sorted(found[rule])}"
        )


def test_no_module_spells_a_vocabulary_value_as_a_literal() -> None:
    """Cell states, periphery kinds, `new`, formats, export kinds and paper sizes are enums."""
    words = {
        "'new'",
        '"new"',
        '"unset"',
        '"in-bounds"',
        '"core-form"',
        '"frame-csv"',
        '"a4"',
        'Literal["choice"]',
        '"github"',
    }
    offenders = [
        f"{path.relative_to(ROOT)}: {word}"
        for path in SOURCES
        if path.parent.name != "vocab"
        for word in words
        if word in path.read_text(encoding="utf-8")
    ]
    assert not offenders, offenders
    assert (ROOT / "codify" / "vocab" / "__init__.py").is_file()
