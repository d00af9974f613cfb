"""The generated JSON Schema agrees with codify, checked by an independent validator."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from codify.validate.jsonschema import json_schema, render_schema
from codify.vocab import Nature
from tests.paths import CASES, EXAMPLE_DIRS

CHECK = Path(sys.executable).parent / "check-jsonschema"


def check(schema_kind: str, files: list[Path], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    schema = tmp_path / f"{schema_kind}.json"
    schema.write_text(render_schema(schema_kind))
    return subprocess.run(
        [str(CHECK), "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_examples_validate_against_the_schema(tmp_path: Path) -> None:
    specs = [d / "innovation.yaml" for d in EXAMPLE_DIRS]
    done = check("innovation", specs, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    sites = sorted(p for d in EXAMPLE_DIRS for p in (d / "sites").glob("*.yaml"))
    done = check("adaptation", sites, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("kind", "case", "complaint"),
    [
        ("innovation", "spec-many-errors.yaml", "'sumary' was unexpected"),
        ("adaptation", "site-errors.yaml", "'shortned' is not one of"),
    ],
)
def test_schema_rejects_what_codify_rejects(
    tmp_path: Path, kind: str, case: str, complaint: str
) -> None:
    done = check(kind, [CASES / "invalid" / case], tmp_path)
    assert done.returncode == 1
    assert complaint in done.stdout


def test_schema_is_generated_from_the_vocabulary() -> None:
    text = json.dumps(json_schema("adaptation"))
    assert all(n.value in text for n in Nature)
    assert render_schema("innovation") == render_schema("innovation")  # stable output
