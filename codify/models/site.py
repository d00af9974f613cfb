"""A site's adaptation record: its periphery choices and FRAME-coded adaptations."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from codify.models.common import ChoiceValue, Id, IsoDate, Markdown, Record, Semver, Text
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
    What,
    When,
)


class SiteInfo(Record):
    """Who the adopting site is."""

    id: Id
    name: Text
    organisation: Text | None = None
    region: Text | None = None
    context: Markdown | None = None


class Reasons(Record):
    """FRAME: reasons for the adaptation, by level."""

    sociopolitical: list[Text] = []
    organisation: list[Text] = []
    provider: list[Text] = []
    recipient: list[Text] = []


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


class Adaptation(Record):
    """One change a site made, FRAME-coded."""

    id: Id
    target: Id
    description: Markdown
    frame: Frame
    justification: Markdown
    decided: IsoDate | None = None
    status: AdaptationStatus


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
