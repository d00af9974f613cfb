"""Shared fixtures: paths to the examples and case folders, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.paths import EXAMPLES


@pytest.fixture
def runner() -> CliRunner:
    """A Typer CLI runner with stderr kept apart from stdout."""
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the Schwartz Rounds example."""
    target = tmp_path / "schwartz-rounds"
    shutil.copytree(EXAMPLES / "schwartz-rounds", target)
    yield target


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # Jinja's byte-code cache goes under XDG_CACHE_HOME: never the real ~/.cache in tests.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    # Outputs carry a date; pin it so that golden files and byte comparisons hold.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example's playbook and every site's, HTML and PDF, built once for the session."""
    from codify.cli import app
    from tests.paths import EXAMPLE_DIRS

    out = tmp_path_factory.mktemp("printed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        for example in EXAMPLE_DIRS:
            for extra in ([], ["--all-sites", "--jobs", "2"]):
                result = CliRunner().invoke(app, ["build", str(example), "-o", str(out), *extra])
                assert result.exit_code == 0, result.output
    return out
