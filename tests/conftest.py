"""Shared fixtures: paths to the examples and case folders, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.paths import EXAMPLE_DIRS, EXAMPLES


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


@pytest.fixture(scope="session", autouse=True)
def _parse_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # The parse cache is on in tests (so they exercise it) but kept out of the user's home.
    from codify.yaml import cache

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CODIFY_CACHE_DIR", str(tmp_path_factory.mktemp("parse-cache")))
        cache.folder.cache_clear()
        yield
    cache.folder.cache_clear()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example's playbook and every site's, HTML and PDF, built once for the session.

    Slow (about ten real PDF renders, 20-30 s): every test that reads a rendered example shares
    these instead of rendering its own. Built like the CLI does, in two worker processes.
    """
    from codify.render.build import BuildJob, build_all, site_paths
    from codify.vocab import BuildFormat, Paper

    out = tmp_path_factory.mktemp("built")
    jobs = [
        BuildJob(example, site, out, BuildFormat.ALL, Paper.A4, None, None)
        for example in EXAMPLE_DIRS
        for site in [None, *site_paths(example, None, True)]
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        build_all(jobs, 2, lambda _: None)
    return out


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that read the session's rendered examples are slow (see ``built``)."""
    for item in items:
        if "built" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def printed(built: Path) -> Path:
    """The session's rendered examples, as the print tests call them (see ``built``)."""
    return built
