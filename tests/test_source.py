"""Loading hostile and broken YAML: always findings with positions, never a traceback."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from codify.validate.model import load_file
from codify.vocab import Rule
from codify.yaml.document import MAX_DEPTH, parse_document


def _bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnop"
    for i in range(1, levels):
        refs = ", ".join([f"*{names[i - 1]}"] * 9)
        lines.append(f"{names[i]}: &{names[i]} [{refs}]")
    return "codify: 1\nkind: adaptation\nextra:\n" + "\n".join("  " + ln for ln in lines) + "\n"


def test_alias_bomb_is_refused_quickly_with_bounded_memory() -> None:
    tracemalloc.start()
    start = time.perf_counter()
    doc, findings = parse_document(_bomb(), "bomb.yaml")
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert doc is None
    assert [f.rule for f in findings] == [Rule.YAML_SYNTAX]
    assert "alias bomb" in findings[0].message
    assert findings[0].line > 3  # points into the file, at the alias that tipped it over
    assert elapsed < 5 and peak < 200 * 1024 * 1024


def test_small_aliases_are_fine() -> None:
    doc, findings = parse_document("a: &x [1, 2]\nb: *x\n", "ok.yaml")
    assert findings == [] and doc is not None
    assert doc.data == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize(
    "text", ["[" * 20_000 + "]" * 20_000, "".join(" " * i + "k:\n" for i in range(2_000))]
)
def test_deep_nesting_is_refused(text: str) -> None:
    doc, findings = parse_document(text, "deep.yaml")
    assert doc is None
    assert f"nesting deeper than {MAX_DEPTH} levels" in findings[0].message


def test_huge_string_is_loaded_and_never_echoed(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("codify: 1\nkind: innovation\nid: " + "X" * 5_000_000 + "\n")
    loaded = load_file(path)
    assert loaded.model is None
    assert all(len(f.message) < 1_000 for f in loaded.findings)
    assert any("id:" in f.message for f in loaded.findings)


def test_non_utf8_bytes_name_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"codify: 1\nname: caf" + b"\xe9\n")
    loaded = load_file(path)
    [finding] = loaded.findings
    assert finding.rule is Rule.YAML_SYNTAX
    assert (finding.line, finding.column) == (2, 10)
    assert "0xe9" in finding.message and "UTF-8" in finding.message


def test_binary_garbage_is_a_yaml_error(tmp_path: Path) -> None:
    path = tmp_path / "garbage.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    loaded = load_file(path)
    assert loaded.model is None
    assert [f.rule for f in loaded.findings] == [Rule.YAML_SYNTAX]


def test_python_tag_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f'codify: 1\nkind: !!python/object/apply:os.system ["touch {marker}"]\n')
    loaded = load_file(path)
    assert not marker.exists()
    assert "unsupported tag !!python/object/apply:os.system" in loaded.findings[0].message


def test_yaml_12_scalars_are_not_yaml_11() -> None:
    doc, _ = parse_document("a: no\nb: 1:30\nc: 0o17\nd: 2025-02-01\ne: .inf\n", "x.yaml")
    assert doc is not None
    assert doc.data["a"] == "no" and doc.data["b"] == "1:30" and doc.data["c"] == 15
    assert str(doc.data["d"]) == "2025-02-01" and doc.data["e"] == float("inf")


def test_positions_are_one_based_and_keys_are_kept() -> None:
    doc, _ = parse_document("top:\n  inner: [a, b]\n", "x.yaml")
    assert doc is not None
    assert doc.where(("top", "inner", 1)) == (2, 14)
    assert doc.key_where(("top", "inner")) == (2, 3)
    assert doc.where(("top", "missing", 3)) == (2, 3)
