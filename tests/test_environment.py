"""codify and the process around it: the working folder, the cache, the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from codify.yaml.document import display_path


def test_display_path_follows_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    target = (inner / "file.yaml").resolve()
    monkeypatch.chdir(tmp_path)
    assert display_path(target) == "a/b/file.yaml"
    monkeypatch.chdir(inner)
    assert display_path(target) == "file.yaml"


def test_tests_never_touch_the_real_cache() -> None:
    from codify.render.playbook import _bytecode_cache

    cache = _bytecode_cache()
    home_cache = Path.home() / ".cache"
    assert cache is not None
    assert not Path(cache.directory).resolve().is_relative_to(home_cache.resolve())


def test_importing_the_cli_leaves_the_environment_alone() -> None:
    import subprocess
    import sys

    code = (
        "import os; before = dict(os.environ); import codify.cli; print(before == dict(os.environ))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"
