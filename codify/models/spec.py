"""The innovation spec: core functions, adaptable periphery, evidence and the plan."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from codify.models.common import (
    Count,
    Flag,
    Id,
    IsoDate,
    Markdown,
    Number,
    Record,
    Semver,
    Text,
    Url,
)
from codify.text import number
from codify.vocab import (
    CoreClass,
    Design,
    Direction,
    PeripheryKind,
    Phase,
    PrereqLevel,
    ResourceKind,
    Status,
    Teller,
)


class Owner(Record):
    """Who drives the innovation's spread."""

    name: Text
    url: Url | None = None
    email: Text | None = None


class Logo(Record):
    """An image from the project's assets/ folder shown on the cover."""

    src: Text
    alt: Text


def describe_bounds(low: float | None, high: float | None, unit: str | None) -> str:
    """Bounds in words, as messages and playbooks show them."""
    suffix = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f"{number(low)}-{number(high)}{suffix}"
    if low is not None:
        return f"at least {number(low)}{suffix}"
    if high is not None:
        return f"at most {number(high)}{suffix}"
    return f"any number{suffix}"


class FidelityCheck(Record):
    """An observable check a facilitator can tick."""

    id: Id
    statement: Text
    measure: Text | None = None
    target: Text | None = None


class Variant(Record):
    """Another form of a core function that the innovator has already sanctioned."""

    id: Id
    form: Markdown
    conditions: Markdown | None = None


class CoreFunction(Record):
    """A part of the innovation that must stay the same for it to work."""

    id: Id
    name: Text
    purpose: Markdown
    form: Markdown
    class_: CoreClass = Field(alias="class")
    fidelity: list[FidelityCheck] = []
    evidence: list[Id] = []
    variants: list[Variant] = []

    def variant(self, ident: str) -> Variant | None:
        """The sanctioned variant with this id."""
        return next((v for v in self.variants if v.id == ident), None)


class Option(Record):
    """One allowed value of a choice element."""

    value: Annotated[str, Field(strict=True)]
    label: Text | None = None
    note: Text | None = None


# `propose-release` drafts a new element with `serves: TODO` for the innovator to fill in;
# validate reports it as a placeholder, not as a broken reference.
Serves = Id | Literal["TODO"]


class _Element(Record):
    id: Id
    name: Text
    serves: Serves
    guidance: Markdown | None = None


class ChoiceElement(_Element):
    """A periphery element whose value is one of a list of options."""

    kind: Literal[PeripheryKind.CHOICE]
    options: Annotated[list[Option], Field(min_length=1)]
    allow_other: Flag = False
    default: Annotated[str, Field(strict=True)] | None = None


class RangeElement(_Element):
    """A periphery element whose value is a number between optional bounds."""

    kind: Literal[PeripheryKind.RANGE]
    min: Number | None = None
    max: Number | None = None
    unit: Text | None = None
    default: Number | None = None

    def allows(self, value: float) -> bool:
        """Whether a number lies within the inclusive bounds."""
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def describe(self) -> str:
        """``30-60 minutes``, ``at least 3 people``, ``at most 2 hours``, or ``any number``."""
        return describe_bounds(self.min, self.max, self.unit)


class ToggleElement(_Element):
    """A periphery element that is on or off."""

    kind: Literal[PeripheryKind.TOGGLE]
    default: Flag | None = None


class TextElement(_Element):
    """A periphery element with local wording."""

    kind: Literal[PeripheryKind.TEXT]
    default: Text | None = None


PeripheryElement = Annotated[
    ChoiceElement | RangeElement | ToggleElement | TextElement, Field(discriminator="kind")
]


class Proscribed(Record):
    """A practice that breaks the innovation."""

    id: Id
    statement: Text
    breaks: Annotated[list[Id], Field(min_length=1)]
    why: Markdown | None = None


class Outcome(Record):
    """A measured result, positive or not."""

    id: Id
    measure: Text
    result: Text
    design: Design | None = None
    n: Count | None = None
    setting: Text | None = None
    direction: Direction | None = None
    reference: Id | None = None


class Story(Record):
    """A testimony; printed only with consent, with its source or labelled illustrative."""

    id: Id
    teller: Teller
    quote: Text
    attribution: Text | None = None
    site: Text | None = None
    serves: list[Id] = []
    consent: Flag = False
    source: Id | None = None
    illustrative: Flag = False


class Evidence(Record):
    """Numbers and stories side by side."""

    outcomes: list[Outcome] = []
    stories: list[Story] = []


class Prerequisite(Record):
    """What a site needs before starting."""

    id: Id
    statement: Text
    level: PrereqLevel


class RoleCount(Record):
    """How many people fill a role."""

    min: Count | None = None
    max: Count | None = None


class Role(Record):
    """Who delivers the innovation."""

    id: Id
    name: Text
    count: RoleCount | None = None
    training: Markdown | None = None


class Resource(Record):
    """A cost of running the innovation."""

    id: Id
    item: Text
    kind: ResourceKind
    amount: Number | None = None
    currency: Text | None = None
    per: Text | None = None


class PlanStep(Record):
    """One step of the implementation plan."""

    id: Id
    name: Text
    phase: Phase
    owner: Id | None = None
    duration: Text | None = None
    after: list[Id] = []
    detail: Markdown | None = None


class Measure(Record):
    """What every adopter reports."""

    id: Id
    name: Text
    definition: Text
    frequency: Text | None = None
    target: Text | None = None
    required: Flag = False


class Reference(Record):
    """A source cited by an outcome."""

    id: Id
    title: Text
    url: Url | None = None
    year: Annotated[int, Field(strict=True)] | None = None
    authors: Text | None = None


class ChangelogEntry(Record):
    """What one release changed, in words, and whose practice it follows."""

    version: Semver
    date: IsoDate
    changes: Annotated[list[Text], Field(min_length=1)]


class GlossaryEntry(Record):
    """A term and what it means here."""

    term: Text
    meaning: Text


class Innovation(Record):
    """The whole spec of an innovation (innovation.yaml)."""

    codify: Literal[1]
    kind: Literal["innovation"]
    id: Id
    name: Text
    version: Semver
    status: Status | None = None
    summary: Markdown
    problem: Markdown | None = None
    owner: Owner | None = None
    logo: Logo | None = None
    licence: Text | None = None
    core: Annotated[list[CoreFunction], Field(min_length=1)]
    periphery: list[PeripheryElement] = []
    proscribed: list[Proscribed] = []
    evidence: Evidence = Evidence()
    prerequisites: list[Prerequisite] = []
    roles: list[Role] = []
    resources: list[Resource] = []
    plan: list[PlanStep] = []
    measures: list[Measure] = []
    references: list[Reference] = []
    glossary: list[GlossaryEntry] = []
    changelog: list[ChangelogEntry] = []

    def element(self, target: str) -> CoreFunction | PeripheryElement | Proscribed | None:
        """The core function, periphery element or proscribed practice with this id."""
        for group in (self.core, self.periphery, self.proscribed):
            for item in group:
                if item.id == target:
                    return item
        return None

    def target_ids(self) -> list[str]:
        """Every id an adaptation may target (the shared namespace)."""
        return [i.id for group in (self.core, self.periphery, self.proscribed) for i in group]
