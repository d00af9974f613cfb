"""Independent checkers on the HTML: the Nu HTML checker and axe-core in headless Chromium.

They need Chromium (Debian's package), Java, and axe-core, puppeteer-core and vnu-jar from npm in
.ci/node (`.ci/run` installs them). Without them these tests skip, except in CI (CI=true), where
a missing tool is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from codify.cli import app
from tests.paths import EXAMPLE_DIRS, ROOT

NODE = ROOT / ".ci" / "node" / "node_modules"
AXE = NODE / "axe-core" / "axe.min.js"
VNU = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
RUNNER = Path(__file__).resolve().parent / "axe_run.js"


def _need(*what: tuple[str, object]) -> None:
    missing = [name for name, found in what if not found]
    if missing:
        reason = f"missing {', '.join(missing)}; run .ci/run or see tests/test_a11y.py"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the accessibility checks: {reason}")
        pytest.skip(reason)


def chromium() -> str | None:
    """Debian's Chromium, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def pages(printed: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every playbook's HTML, the one-page handouts of one site, and each example's review."""
    out = tmp_path_factory.mktemp("reviews")
    for example in EXAMPLE_DIRS:
        target = out / f"{example.name}-review.html"
        args = ["review", str(example), "--format", "html", "-o", str(target)]
        result = CliRunner().invoke(app, args)
        assert result.exit_code in (0, 1), result.output
    site = EXAMPLE_DIRS[-1]
    for handout in ("summary", "checklist"):
        args = ["build", str(site), "-o", str(out), "--handout", handout, "--format", "html"]
        assert CliRunner().invoke(app, args).exit_code == 0
    return sorted(printed.glob("*.html")) + sorted(out.glob("*.html"))


def nu(files: list[Path]) -> list[dict[str, Any]]:
    """The Nu checker's errors for these files."""
    _need(("java", shutil.which("java")), ("vnu-jar", VNU.is_file()))
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages: list[dict[str, Any]] = json.loads(run.stderr or run.stdout)["messages"]
    return [m for m in messages if m.get("type") == "error"]


def axe(files: list[Path], width: int) -> dict[str, Any]:
    """axe-core's violations and the page's scroll width, per file, at a viewport width."""
    browser = chromium()
    _need(
        ("chromium", browser),
        ("node", shutil.which("node")),
        ("axe-core", AXE.is_file()),
        ("puppeteer-core", (NODE / "puppeteer-core").is_dir()),
    )
    run = subprocess.run(
        ["node", str(RUNNER), str(browser), str(AXE), str(width), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NODE_PATH": str(NODE)},
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def test_every_page_passes_the_nu_checker(pages: list[Path]) -> None:
    errors = nu(pages)
    assert errors == [], [(m["url"].rsplit("/", 1)[-1], m["message"]) for m in errors]


def test_the_nu_checker_catches_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="en"><title>x</title><p><div>x</div></p></html>')
    assert nu([bad])


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation(pages: list[Path], width: int) -> None:
    results = axe(pages, width)
    found = {
        Path(f).name: [(v["id"], v["nodes"]) for v in r["violations"]]
        for f, r in results.items()
        if r["violations"]
    }
    assert found == {}
    assert all(r["scrollWidth"] <= width for r in results.values())


def test_the_review_reflows_at_320_px(pages: list[Path]) -> None:
    reviews = [p for p in pages if p.name.endswith("-review.html")]
    results = axe(reviews, 320)
    for file, result in results.items():
        assert result["violations"] == [], file
        assert result["scrollWidth"] <= 320, f"{file} scrolls sideways: {result['scrollWidth']}"


def test_axe_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html><title>x</title><img src="data:,"></html>')
    results = axe([bad], 1280)
    assert {v["id"] for v in results[str(bad)]["violations"]} >= {"image-alt", "html-has-lang"}
