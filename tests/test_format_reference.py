"""docs/format.md is generated from the models, and its examples are valid files."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from codify.models import Innovation
from codify.models.spec import Outcome, Story
from codify.validate.reference import (
    KIND_MODELS,
    evidence_example,
    format_reference,
    periphery_examples,
)
from codify.vocab import PeripheryKind
from tests.paths import ROOT


def test_docs_format_md_is_what_the_models_generate() -> None:
    written = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert written == format_reference(), (
        "docs/format.md is out of step with codify's models; regenerate it with: make format-doc"
    )


def test_every_field_of_every_model_is_in_the_reference() -> None:
    text = format_reference()
    models: list[type[BaseModel]] = [Innovation, *KIND_MODELS.values(), Outcome, Story]
    for model in models:
        for name, info in model.model_fields.items():
            assert f"| `{info.alias or name}` |" in text, f"{model.__name__}.{name}"


def test_there_is_an_example_of_every_periphery_kind_with_every_field() -> None:
    examples = {e["kind"]: e for e in periphery_examples()}
    assert set(examples) == {k.value for k in PeripheryKind}
    for kind, model in KIND_MODELS.items():
        fields = {info.alias or name for name, info in model.model_fields.items()}
        assert fields <= set(examples[kind.value]), kind


def test_the_evidence_example_has_every_field() -> None:
    evidence = evidence_example()
    for key, model in (("outcomes", Outcome), ("stories", Story)):
        fields = {info.alias or name for name, info in model.model_fields.items()}
        assert all(fields <= set(item) for item in evidence[key]), key


def test_the_examples_are_a_valid_spec() -> None:
    spec: dict[str, Any] = {
        "codify": 1,
        "kind": "innovation",
        "id": "example",
        "name": "Example",
        "version": "1.0.0",
        "summary": "An example.",
        "core": [
            {"id": i, "name": i, "purpose": "p", "form": "f", "class": "essential"}
            for i in ("regular-rhythm", "open-to-all")
        ],
        "periphery": periphery_examples(),
        "evidence": evidence_example(),
        "references": [{"id": "evaluation", "title": "An evaluation"}],
    }
    Innovation.model_validate(spec)


def test_the_readme_sends_users_to_the_reference() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/format.md)" in readme and "FORMAT.md" not in readme
