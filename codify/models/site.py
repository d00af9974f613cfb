"""A site's adaptation record: its periphery choices and FRAME-coded adaptations."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal, cast

from pydantic import Field, StringConstraints

from codify.models.common import (
    ChoiceValue,
    Flag,
    Id,
    IsoDate,
    Markdown,
    Record,
    Semver,
    Text,
)
from codify.models.spec import Story
from codify.vocab import (
    AdaptationStatus,
    ContextKind,
    DecidedBy,
    Duration,
    Fidelity,
    Goal,
    Level,
    Nature,
    Planned,
    ReadinessStatus,
    What,
    When,
)

# Where an adaptation's target may point besides the spec's own parts (FRAME-IS: strategy).
TARGET_PREFIXES = ("plan", "role", "measure")

# FRAME's reasons for an adaptation, by level (Wiltsey Stirman et al. 2019). A code counts only at
# its own level; anything else a site writes is free text, shown as written.
REASON_CODES: dict[str, type[StrEnum]] = {
    level: cast("type[StrEnum]", StrEnum(f"{level.capitalize()}Reason", codes))
    for level, codes in {
        "sociopolitical": "laws mandates policies funding political-climate norms",
        "organisation": "resources time competing-demands service-structure location "
        "regulatory billing mission social-context",
        "provider": "training preferences clinical-judgement language perception",
        "recipient": "access literacy language capacity comorbidity crisis motivation "
        "legal-status culture",
    }.items()
}


class SiteInfo(Record):
    """Who the adopting site is."""

    id: Id
    name: Text
    organisation: Text | None = None
    region: Text | None = None
    context: Markdown | None = None
    illustrative: bool = False
    """An invented record (an example or a training file): every output that shows the site
    says so, so that nobody quotes its choices, decisions or results as real."""


def _codes(level: str) -> Any:
    # FRAME's codes for this level, offered to editors; any other short phrase is accepted too.
    return Field(json_schema_extra={"examples": [c.value for c in REASON_CODES[level]]})


_Phrase = StringConstraints(strict=True, min_length=1)
SociopoliticalEntry = Annotated[str, _Phrase, _codes("sociopolitical")]
OrganisationEntry = Annotated[str, _Phrase, _codes("organisation")]
ProviderEntry = Annotated[str, _Phrase, _codes("provider")]
RecipientEntry = Annotated[str, _Phrase, _codes("recipient")]


class Reasons(Record):
    """FRAME: reasons for the adaptation, by level: FRAME's own codes or free short phrases."""

    sociopolitical: list[SociopoliticalEntry] = []
    organisation: list[OrganisationEntry] = []
    provider: list[ProviderEntry] = []
    recipient: list[RecipientEntry] = []


class Frame(Record):
    """An adaptation coded with FRAME (Wiltsey Stirman, Baumann and Miller, 2019)."""

    when: When | None = None
    planned: Planned | None = None
    decided_by: list[DecidedBy] = []
    what: What | None = None
    context: list[ContextKind] = []
    level: Level | None = None
    nature: Annotated[list[Nature], Field(min_length=1)]
    fidelity: Fidelity
    goals: list[Goal] = []
    reasons: Reasons | None = None
    duration: Duration | None = None


# A core, periphery or proscribed id, `new`, or (FRAME-IS) `plan:STEP`, `role:ROLE`,
# `measure:MEASURE`. Any `word:id` passes here so that a mistyped prefix is judged as an
# unknown target with a suggestion, not refused as a schema error.
TARGET_PATTERN = r"^([a-z]+:)?[a-z0-9]+(-[a-z0-9]+)*$"
Target = Annotated[str, StringConstraints(strict=True, pattern=TARGET_PATTERN)]


class Decision(Record):
    """Who decided on an adaptation for the network, when, and why."""

    by: Text
    role: Text | None = None
    date: IsoDate
    rationale: Markdown | None = None


class Adaptation(Record):
    """One change a site made, FRAME-coded."""

    id: Id
    target: Target
    variant: Id | None = None
    description: Markdown
    frame: Frame
    justification: Markdown
    decided: IsoDate | None = None
    status: AdaptationStatus
    affects: list[Id] = []
    review_by: IsoDate | None = None
    decision: Decision | None = None


class Rebase(Record):
    """Start a new chart segment (own mean and limits) at a period of a measure's results."""

    measure: Text
    period: Text
    reason: Markdown


class ReadinessEntry(Record):
    """How far the site meets one of the spec's prerequisites."""

    prerequisite: Id
    status: ReadinessStatus
    evidence: Markdown | None = None
    checked: IsoDate | None = None


class SiteStory(Story):
    """A site's own story; its source may be a reference id or free text naming where."""

    source: Text | None = None
    illustrative: Flag = False


class AdaptationFile(Record):
    """A site's adaptation record (sites/SITE.yaml)."""

    codify: Literal[1]
    kind: Literal["adaptation"]
    site: SiteInfo
    innovation: Id
    based_on: Semver
    choices: dict[Id, ChoiceValue] = {}
    adaptations: list[Adaptation] = []
    measures_dropped: list[Id] = []
    rebase: list[Rebase] = []
    readiness: list[ReadinessEntry] | None = None
    stories: list[SiteStory] = []
