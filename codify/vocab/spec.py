"""The enumerations of the file formats: a spec's fields and FRAME's coding of adaptations."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Where an innovation is in its life."""

    DRAFT = "draft"
    PILOTING = "piloting"
    SPREADING = "spreading"
    ESTABLISHED = "established"
    RETIRED = "retired"


class CoreClass(StrEnum):
    """Whether a core function is unique and essential or necessary but not unique."""

    ESSENTIAL = "essential"
    NECESSARY = "necessary"


class PeripheryKind(StrEnum):
    """The shape of a periphery element's allowed values."""

    CHOICE = "choice"
    RANGE = "range"
    TOGGLE = "toggle"
    TEXT = "text"


class Design(StrEnum):
    """Study design of an evidence outcome."""

    RCT = "rct"
    CONTROLLED_BEFORE_AFTER = "controlled-before-after"
    INTERRUPTED_TIME_SERIES = "interrupted-time-series"
    COHORT = "cohort"
    AUDIT = "audit"
    ECONOMIC = "economic"
    QUALITATIVE = "qualitative"
    OTHER = "other"


class Direction(StrEnum):
    """Direction of an outcome's effect."""

    POSITIVE = "positive"
    NO_EFFECT = "no-effect"
    NEGATIVE = "negative"
    MIXED = "mixed"


class Teller(StrEnum):
    """Who tells a story."""

    PATIENT = "patient"
    CARER = "carer"
    STAFF = "staff"
    ADOPTER = "adopter"
    INNOVATOR = "innovator"


class PrereqLevel(StrEnum):
    """How firmly a prerequisite is needed."""

    MUST = "must"
    SHOULD = "should"


class ResourceKind(StrEnum):
    """What kind of cost a resource is."""

    SETUP = "setup"
    RECURRING = "recurring"
    LICENCE = "licence"


class Phase(StrEnum):
    """REP's implementation phases."""

    PREPARATION = "preparation"
    PRE_IMPLEMENTATION = "pre-implementation"
    IMPLEMENTATION = "implementation"
    SUSTAINMENT = "sustainment"


class AdaptationStatus(StrEnum):
    """Where an adaptation is in the network's decision process."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class When(StrEnum):
    """FRAME: when the adaptation was made."""

    PRE_IMPLEMENTATION = "pre-implementation"
    IMPLEMENTATION = "implementation"
    SCALE_UP = "scale-up"
    SUSTAINMENT = "sustainment"


class Planned(StrEnum):
    """FRAME: whether the adaptation was planned."""

    PLANNED_PROACTIVE = "planned-proactive"
    PLANNED_REACTIVE = "planned-reactive"
    UNPLANNED_REACTIVE = "unplanned-reactive"


class DecidedBy(StrEnum):
    """FRAME: who participated in the decision."""

    POLITICAL_LEADERS = "political-leaders"
    PROGRAMME_LEADER = "programme-leader"
    FUNDER = "funder"
    ADMINISTRATOR = "administrator"
    PROGRAMME_MANAGER = "programme-manager"
    DEVELOPER = "developer"
    RESEARCHER = "researcher"
    DELIVERY_TEAM = "delivery-team"
    PRACTITIONER = "practitioner"
    COMMUNITY = "community"
    RECIPIENTS = "recipients"


class What(StrEnum):
    """FRAME: what is modified."""

    CONTENT = "content"
    CONTEXT = "context"
    TRAINING = "training"
    EVALUATION = "evaluation"
    IMPLEMENTATION = "implementation"


class ContextKind(StrEnum):
    """FRAME: which part of the context is modified."""

    FORMAT = "format"
    SETTING = "setting"
    PERSONNEL = "personnel"
    POPULATION = "population"


class Level(StrEnum):
    """FRAME: at what level the adaptation is made."""

    INDIVIDUAL = "individual"
    GROUP = "group"
    COHORT = "cohort"
    PRACTITIONER = "practitioner"
    UNIT = "unit"
    ORGANISATION = "organisation"
    NETWORK = "network"


class Nature(StrEnum):
    """FRAME: the nature of the content modification."""

    TAILORING = "tailoring"
    PACKAGING = "packaging"
    ADDING = "adding"
    REMOVING = "removing"
    SHORTENING = "shortening"
    LENGTHENING = "lengthening"
    SUBSTITUTING = "substituting"
    REORDERING = "reordering"
    INTEGRATING_FRAMEWORK = "integrating-framework"
    INTEGRATING_TREATMENT = "integrating-treatment"
    REPEATING = "repeating"
    LOOSENING = "loosening"
    DEPARTING = "departing"
    DRIFT = "drift"


# Natures that by themselves mean a core function is not kept.
BREAKING_NATURES = frozenset({Nature.REMOVING, Nature.DEPARTING, Nature.DRIFT})


class Fidelity(StrEnum):
    """FRAME: whether the adaptation kept fidelity to the core."""

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    UNKNOWN = "unknown"


class Goal(StrEnum):
    """FRAME: the goal of the adaptation."""

    REACH = "reach"
    RETENTION = "retention"
    FEASIBILITY = "feasibility"
    FIT = "fit"
    CULTURE = "culture"
    EFFECTIVENESS = "effectiveness"
    COST = "cost"
    SATISFACTION = "satisfaction"


class Duration(StrEnum):
    """FRAME: how long the adaptation lasts."""

    TEMPORARY = "temporary"
    PERMANENT = "permanent"
    EVOLVING = "evolving"


# The adaptation target for an addition the spec does not describe; reserved as an id.
NEW_TARGET = "new"
