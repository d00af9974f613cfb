"""The parse cache: an entry gives exactly what parsing gives, and nothing else ever."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from codify.yaml import cache
from codify.yaml.document import Document, PathKey, load_document, parse_document
from tests.paths import CASES, EXAMPLE_DIRS
from tests.test_properties import yaml_ish

FILES = sorted(
    [*CASES.glob("*/*.yaml"), *(p for d in EXAMPLE_DIRS for p in d.rglob("*.yaml"))],
    key=str,
)


def _paths(data: Any, prefix: PathKey = ()) -> Iterator[PathKey]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key if isinstance(key, str) else str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*prefix, i))


def _same(cached: Document | None, fresh: Document | None) -> None:
    assert (cached is None) == (fresh is None)
    if cached is None or fresh is None:
        return
    assert cached.data == fresh.data or (cached.data != cached.data)  # NaN never equals itself
    assert cached.placeholders == fresh.placeholders
    assert cached.nulls == fresh.nulls and cached.text == fresh.text
    for path in [*_paths(fresh.data), ("no-such-key",), (0, "x", 99)]:
        assert cached.where(path) == fresh.where(path)
        assert cached.key_where(path) == fresh.key_where(path)
        assert cached.source(path) == fresh.source(path)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_cached_load_is_the_parse(path: Path) -> None:
    first = load_document(path)
    assert (
        cache.get(cache.key(path.read_text(encoding="utf-8-sig"))) is not None or first[0] is None
    )
    second = load_document(path)
    fresh = parse_document(path.read_text(encoding="utf-8-sig"), first[0].file if first[0] else "")
    _same(second[0], fresh[0])
    assert second[1] == first[1]


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=yaml_ish)
def test_any_text_loads_the_same_from_the_cache(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    first = load_document(path)
    second = load_document(path)
    _same(second[0], first[0])
    assert second[1] == first[1]


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("name: one\n")
    assert load_document(path)[0].data == {"name": "one"}  # type: ignore[union-attr]
    path.write_text("name: two\n")
    assert load_document(path)[0].data == {"name": "two"}  # type: ignore[union-attr]


class _Boom:
    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.system, ("echo planted > planted.txt",))


def test_a_planted_entry_runs_no_code_and_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.yaml"
    path.write_text("name: real\n")
    name = cache.key(path.read_text())
    base = cache.folder()
    assert base is not None
    (base / name[:2]).mkdir(parents=True, exist_ok=True)
    (base / name[:2] / name).write_bytes(pickle.dumps(_Boom()))
    doc, _ = load_document(path)
    assert doc is not None and doc.data == {"name": "real"}
    assert not (tmp_path / "planted.txt").exists()


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODIFY_CACHE_DIR", "off")
    cache.folder.cache_clear()
    try:
        assert cache.folder() is None
        path = tmp_path / "a.yaml"
        path.write_text("name: off\n")
        assert load_document(path)[0] is not None
        assert cache.get(cache.key(path.read_text())) is None
    finally:
        monkeypatch.undo()
        cache.folder.cache_clear()
