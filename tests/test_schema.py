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


def test_valid_cases_pass_the_schema(tmp_path: Path) -> None:
    done = check("innovation", [CASES / "valid" / "minimal-spec.yaml"], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    done = check("adaptation", [CASES / "valid" / "minimal-site.yaml"], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


# Each edit makes a valid file invalid in one way; codify and an independent validator
# (check-jsonschema, reading the generated schema) must both refuse it.
BREAKAGES = [
    ("innovation", "minimal-spec.yaml", "name: Minimal\n", "name: Minimal\nnmae: typo\n"),
    ("innovation", "minimal-spec.yaml", "class: essential", "class: vital"),
    ("innovation", "minimal-spec.yaml", 'version: "0.1.0"', "version: 0.1"),
    ("innovation", "minimal-spec.yaml", "name: Minimal\n", ""),
    ("innovation", "minimal-spec.yaml", "name: Minimal\n", "name: Minimal\nlicence: null\n"),
    ("innovation", "minimal-spec.yaml", "id: minimal", "id: Not An Id"),
    (
        "innovation",
        "minimal-spec.yaml",
        "class: essential\n",
        "class: essential\nperiphery:\n  - {id: p, name: P, serves: only, kind: slider}\n",
    ),
    ("adaptation", "minimal-site.yaml", 'based_on: "0.1.0"', "based_on: latest"),
    ("adaptation", "minimal-site.yaml", "innovation: minimal\n", ""),
    (
        "adaptation",
        "minimal-site.yaml",
        'based_on: "0.1.0"\n',
        'based_on: "0.1.0"\nadaptations:\n  - {id: a, target: new, description: d, '
        "justification: j, status: done, frame: {nature: [adding], fidelity: consistent}}\n",
    ),
]


@pytest.mark.parametrize(("kind", "case", "old", "new"), BREAKAGES)
def test_schema_and_codify_refuse_the_same_breakage(
    tmp_path: Path, kind: str, case: str, old: str, new: str
) -> None:
    from codify.validate.model import load_file

    text = (CASES / "valid" / case).read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / case
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert not load_file(broken).ok, "codify accepts it"
    done = check(kind, [broken], tmp_path)
    assert done.returncode == 1, "the JSON Schema accepts it: " + done.stdout
