"""The layout keeps its promises: one home per rule, stages import only upward, docs stay true."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

from codify.vocab import Rule
from tests.paths import ROOT

PACKAGE = ROOT / "codify"

# Where each rule is produced: a module, or for the validation family its package. A newcomer
# asking "where does this finding come from?" reads the answer here.
HOMES: dict[Rule, str] = {
    Rule.YAML_SYNTAX: "codify/yaml/problems.py",
    Rule.SCHEMA: "codify/validate/",
    Rule.UNSUPPORTED_VERSION: "codify/validate/model.py",
    Rule.REFERENCE: "codify/validate/references.py",
    Rule.DUPLICATE_ID: "codify/validate/references.py",
    Rule.CYCLE: "codify/validate/references.py",
    Rule.PLACEHOLDER: "codify/validate/references.py",
    Rule.PERIPHERY_CHOICE: "codify/rules/site.py",
    Rule.PERIPHERY_OUT_OF_BOUNDS: "codify/rules/site.py",
    Rule.CORE_FORM_CHANGED: "codify/rules/site.py",
    Rule.CORE_FUNCTION_CHANGED: "codify/rules/site.py",
    Rule.PROSCRIBED_ADOPTED: "codify/rules/site.py",
    Rule.UNMAPPED_ADDITION: "codify/rules/site.py",
    Rule.FIDELITY_MISMATCH: "codify/rules/site.py",
    # The decision, readiness and results rules raise these through the site judge's helpers.
    Rule.MEASURE_DROPPED: "codify/rules/site.py",
    Rule.UNKNOWN_TARGET: "codify/rules/site.py",
    Rule.WRONG_INNOVATION: "codify/rules/site.py",
    Rule.STALE_BASE: "codify/rules/project.py",
    Rule.SPEC_CHANGE: "codify/rules/release.py",
    Rule.VERSION_BUMP: "codify/rules/release.py",
    Rule.WAIVER_EXPIRED: "codify/rules/waivers.py",
    Rule.UNSAFE_URL: "codify/validate/assets.py",
    Rule.SKIPPED_ENTRY: "codify/project.py",
    Rule.TOO_MANY_FINDINGS: "codify/findings.py",
    Rule.CORE_VARIANT: "codify/rules/decisions.py",
    Rule.STRATEGY_CHANGED: "codify/rules/decisions.py",
    Rule.DECISION_UNDOCUMENTED: "codify/rules/decisions.py",
    Rule.REVIEW_OVERDUE: "codify/rules/decisions.py",
    Rule.RESULTS_SYNTAX: "codify/results/",  # the file (reading.py) and its rows (rows.py)
    Rule.RESULTS_DUPLICATE: "codify/results/rows.py",
    Rule.RESULTS_GRANULARITY: "codify/results/rows.py",
    Rule.MEASURE_MISSING: "codify/results/series.py",
    Rule.TOO_FEW_POINTS: "codify/results/series.py",
    Rule.REBASE_IGNORED: "codify/results/series.py",
    Rule.PREREQUISITE_UNMET: "codify/rules/readiness.py",
}
# Rules still reported outside the findings pipeline (being fixed; remove when they are).
NOT_YET_FINDINGS: set[Rule] = set()

# Stages in pipeline order: a module may import its own stage or one before it, never one after.
STAGES = [
    {"vocab", "errors", "findings", "text", "files", "assets"},
    {"yaml"},
    {"models"},
    {"validate"},
    {"project"},
    {"rules", "results"},
    {"network", "authoring"},
    {"output"},
    {"render"},
    {"app"},
    {"cli", "launch", "__main__"},
]


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _stage(module: str) -> int:
    if module == "codify":
        return 0  # the package itself holds only the version
    top = module.split(".")[1]
    return next(i for i, names in enumerate(STAGES) if top in names)


def _dotted(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _emitters() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for path in _modules():
        if path.parent.name == "vocab":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if (
                    isinstance(arg, ast.Attribute)
                    and isinstance(arg.value, ast.Name)
                    and arg.value.id == "Rule"
                ):
                    found[Rule[arg.attr].value].add(_rel(path))
    return found


def test_every_rule_is_produced_in_its_one_home() -> None:
    emitters = _emitters()
    assert set(HOMES) == set(Rule), "give every rule of the vocabulary its home in HOMES"
    for rule, home in HOMES.items():
        places = emitters.get(rule.value, set())
        if rule in NOT_YET_FINDINGS:
            continue
        assert places, f"{rule.value} is in the vocabulary but no module produces it"
        strays = {p for p in places if not p.startswith(home)}
        assert not strays, f"{rule.value} belongs to {home} but is also produced in {strays}"
        if not home.endswith("/"):
            assert places == {home}


def _imports(path: Path) -> list[tuple[str, bool]]:
    """Modules of codify that ``path`` imports, and whether at module level (not lazily)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(n) for n in tree.body}
    guarded = {
        id(n)
        for block in tree.body
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for n in ast.walk(block)
    }
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("codify"):
            if id(node) in guarded:
                continue
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            target = next((n for n in reversed(names) if _exists(n)), node.module)
            out.append((target, id(node) in top))
    return out


def _exists(module: str) -> bool:
    base = ROOT.joinpath(*module.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def test_stages_import_only_from_stages_before_them() -> None:
    wrong = []
    for path in _modules():
        here = _dotted(path)
        for target, _ in _imports(path):
            if _stage(target) > _stage(here):
                wrong.append(f"{here} imports {target}")
    assert not wrong, "a stage imports from a later one:\n" + "\n".join(wrong)


def test_no_import_cycle_at_module_level() -> None:
    graph = {
        _dotted(p): {t for t, top in _imports(p) if top and t != _dotted(p)} for p in _modules()
    }
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*trail, node, nxt]))
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [])


def test_modules_stay_small_and_the_top_level_short() -> None:
    long = {_rel(p): n for p in _modules() if (n := len(p.read_text().splitlines())) > 400}
    assert not long, f"split these by concern: {long}"
    top = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert len(top) <= 8, top


def test_architecture_doc_names_every_folder_and_only_real_ones() -> None:
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`?(codify/[a-z_]+)/", doc))
    real = {_rel(p.parent) for p in PACKAGE.glob("*/__init__.py")}
    assert named <= real, f"docs/architecture.md names folders that do not exist: {named - real}"
    assert real <= named, f"docs/architecture.md does not describe: {real - named}"
    for module in re.findall(r"`codify/[a-z_/]+\.py`", doc):
        assert (ROOT / module.strip("`")).is_file(), module
