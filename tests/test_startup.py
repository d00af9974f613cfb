"""Start-up: each command imports only what it needs (WeasyPrint alone costs 0.4 s to import)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import EXAMPLES

PROBE = """
import sys
sys.argv = ["codify", *sys.argv[1:]]
from codify.launch import run  # the entry point's own steps, without leaving the process
run()
print("LOADED", " ".join(sorted(sys.modules)), file=sys.stderr)
"""
SR = EXAMPLES / "schwartz-rounds"
RENDERING = {"weasyprint", "jinja2", "markdown_it", "nh3"}
# What a command that checks or reports must not load: the renderers, and the other commands'.
CHECKING = RENDERING | {"codify.render", "codify.authoring.upgrade", "rich"}

CASES = [
    # --help builds no command's parameters, so it needs neither pydantic nor the YAML loader.
    (["--help"], CHECKING | {"pydantic", "ruamel.yaml", "codify.findings", "codify.models"}),
    # A spec named alone: its sites' results are not read; pydantic's plug-ins are not looked for.
    (
        ["validate", str(SR / "innovation.yaml")],
        CHECKING | {"codify.network.review", "codify.results.outcomes", "importlib.metadata"},
    ),
    (["diff", str(SR), "--format", "json"], CHECKING | {"codify.network.review"}),
    (["review", str(SR)], CHECKING),
    (["review", str(SR), "--format", "html"], {"weasyprint"}),
    (["schema", "innovation"], CHECKING),
    (["export", str(SR), "--as", "tidier"], CHECKING),
    (["build", str(SR), "--format", "html", "-o", "{out}"], {"weasyprint", "rich"}),
]


def loaded_modules(args: list[str], cwd: Path) -> set[str]:
    """The modules imported by one run of the command in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd, check=False
    )
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("LOADED "), done.stderr
    return set(last.split()[1:])


IDS = [" ".join(a).replace(str(SR), "example") for a, _ in CASES]


@pytest.mark.parametrize(("args", "forbidden"), CASES, ids=IDS)
def test_a_command_imports_only_what_it_needs(
    args: list[str], forbidden: set[str], tmp_path: Path
) -> None:
    args = [a.replace("{out}", str(tmp_path / "out")) for a in args]
    modules = loaded_modules(args, tmp_path)
    assert "codify.cli" in modules  # the probe ran the real command
    unneeded = sorted(m for m in forbidden if m in modules)
    assert not unneeded, f"codify {' '.join(args[:1])} imported {unneeded} without needing them"


def test_the_plugin_loader_stand_in_answers_as_the_real_one() -> None:
    """With plug-ins disabled, the launcher's stand-in says "no plug-ins" without importing
    importlib.metadata, and serves any other name from pydantic's real loader."""
    code = """
import os, sys
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
from codify.launch import _skip_plugin_discovery
_skip_plugin_discovery()
from codify.models import Innovation
Innovation.model_rebuild()
loader = sys.modules["pydantic.plugin._loader"]
print(list(loader.get_plugins()), "importlib.metadata" in sys.modules)
from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP
print(PYDANTIC_ENTRY_POINT_GROUP, "importlib.metadata" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["[] False", "pydantic True"]
