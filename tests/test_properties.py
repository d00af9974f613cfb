"""Property tests: open-ended input never escapes as a traceback; list order never matters."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codify.project import load_checked, load_project
from codify.rules.project import diff_project
from codify.yaml.document import parse_document
from tests.paths import EXAMPLE_DIRS

TOKENS = [
    *"abc:- \n\t[]{}&*!|>'\"#%@`,?0129.",
    "codify: 1\n",
    "kind: innovation\n",
    "kind: adaptation\n",
    "core:\n",
    "  - id: a\n",
    "&x ",
    "*x",
    "!!python/object ",
    "\ufeff",
    "\x00",
    "é",
    "\U0001f600",
]
yaml_ish = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=yaml_ish)
def test_parsing_never_raises(text: str) -> None:
    doc, findings = parse_document(text, "fuzz.yaml")
    assert doc is not None or findings
    for f in findings:
        assert f.line >= 1 and f.column >= 1


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300) | yaml_ish.map(str.encode))
def test_loading_any_bytes_gives_findings_not_exceptions(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    loaded = load_checked(path)
    assert loaded.model is not None or loaded.findings


def _shuffled_yaml(text: str, rnd: random.Random) -> str:
    """Reorder the items of every block list whose items start with '- ' at one indent."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip(" ")
        if stripped.startswith("- "):
            indent = len(line) - len(stripped)
            items: list[list[str]] = []
            while i < len(lines):
                current = lines[i]
                cur_indent = len(current) - len(current.lstrip(" "))
                if current.lstrip(" ").startswith("- ") and cur_indent == indent:
                    items.append([current])
                elif current.strip() and cur_indent > indent and items:
                    items[-1].append(current)
                else:
                    break
                i += 1
            rnd.shuffle(items)
            out.extend(x for item in items for x in item)
        else:
            out.append(line)
            i += 1
    return "".join(out)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1), which=st.sampled_from(EXAMPLE_DIRS))
def test_reordering_lists_changes_no_finding_or_fingerprint(
    tmp_path_factory: object, seed: int, which: Path
) -> None:
    import shutil
    import tempfile

    def judged(root: Path) -> set[tuple[str, str, str | None, str | None, str]]:
        project = load_project([root])
        assert all(f.severity.value != "error" for f in project.findings())
        return {
            (f.rule.value, f.site or "", f.target, f.adaptation, f.fingerprint)
            for r in diff_project(project)
            for f in r.findings
        }

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / which.name
        shutil.copytree(which, copy)
        before = judged(copy)
        rnd = random.Random(seed)
        for path in [copy / "innovation.yaml", *sorted((copy / "sites").glob("*.yaml"))]:
            path.write_text(_shuffled_yaml(path.read_text(), rnd))
        assert judged(copy) == before


JUNK = [None, 1, -2.5, True, "x", "Bad Id", "", [], {}, [1, "a", None], {"id": 3, "kind": []}]


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.data(),
    which=st.sampled_from(
        [d / "innovation.yaml" for d in EXAMPLE_DIRS]
        + [p for d in EXAMPLE_DIRS for p in sorted((d / "sites").glob("*.yaml"))]
    ),
)
def test_mutated_files_give_findings_never_exceptions(
    tmp_path: Path, data: st.DataObject, which: Path
) -> None:
    import copy
    import json

    from codify.yaml.document import load_document

    doc, _ = load_document(which)
    assert doc is not None
    tree = json.loads(json.dumps(doc.data, default=str))
    for _ in range(data.draw(st.integers(1, 4))):
        paths = [p for p in _paths(tree) if p]
        path = data.draw(st.sampled_from(paths))
        parent = tree
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = copy.deepcopy(data.draw(st.sampled_from(JUNK)))
    target = tmp_path / "mutated.yaml"
    target.write_text(json.dumps(tree))  # JSON is YAML
    loaded = load_checked(target)
    for f in loaded.findings:
        assert f.line >= 1 and f.column >= 1 and f.message
