"""The fixed vocabulary of codify: every enumeration of FORMAT.md, severities and rule ids.

Docs, JSON Schema and messages are generated from these enums, never copied.
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Rule(StrEnum):
    """Every rule id a finding can carry."""

    YAML_SYNTAX = "yaml-syntax"
    SCHEMA = "schema"
    REFERENCE = "reference"
    UNSUPPORTED_VERSION = "unsupported-version"
    DUPLICATE_ID = "duplicate-id"
    CYCLE = "cycle"
    PLACEHOLDER = "placeholder"
    PERIPHERY_CHOICE = "periphery-choice"
    PERIPHERY_OUT_OF_BOUNDS = "periphery-out-of-bounds"
    CORE_FORM_CHANGED = "core-form-changed"
    CORE_FUNCTION_CHANGED = "core-function-changed"
    PROSCRIBED_ADOPTED = "proscribed-adopted"
    UNMAPPED_ADDITION = "unmapped-addition"
    FIDELITY_MISMATCH = "fidelity-mismatch"
    MEASURE_DROPPED = "measure-dropped"
    UNKNOWN_TARGET = "unknown-target"
    STALE_BASE = "stale-base"
    WRONG_INNOVATION = "wrong-innovation"
    VERSION_BUMP = "version-bump"
    SPEC_CHANGE = "spec-change"
    WAIVER_EXPIRED = "waiver-expired"
    UNSAFE_URL = "unsafe-url"
    TOO_MANY_FINDINGS = "too-many-findings"
    SKIPPED_ENTRY = "skipped-entry"
    CORE_VARIANT = "core-variant"
    STRATEGY_CHANGED = "strategy-changed"
    DECISION_UNDOCUMENTED = "decision-undocumented"
    REVIEW_OVERDUE = "review-overdue"


# What each rule means and its usual severity: the README's table is generated from this.
RULE_HELP: dict[Rule, tuple[str, str]] = {
    Rule.YAML_SYNTAX: (
        "error",
        "not valid YAML, duplicate keys, bytes that are not UTF-8, unsupported tags, alias "
        "bombs, nesting deeper than 64 levels",
    ),
    Rule.SCHEMA: (
        "error",
        "a field missing, unknown or of the wrong type; an empty file or a top-level list; a "
        "default outside its own options or range; `min` above `max`",
    ),
    Rule.REFERENCE: (
        "error",
        "`serves`, `breaks`, `evidence`, `reference`, a story's `source`, a step's `owner` or "
        "`after` names nothing; a consented story has neither `source` nor `illustrative: true`",
    ),
    Rule.DUPLICATE_ID: (
        "error",
        "two records of one list (or of the shared core/periphery/proscribed namespace) share "
        "an id",
    ),
    Rule.CYCLE: (
        "error",
        "plan steps wait for each other through `after`",
    ),
    Rule.UNSUPPORTED_VERSION: (
        "error",
        "`codify:` is newer than this release knows",
    ),
    Rule.PLACEHOLDER: (
        "warning",
        "a `TODO` left by `init`, `adapt` or `propose-release` (a drafted element's `serves`)",
    ),
    Rule.PERIPHERY_CHOICE: (
        "info",
        "a site's choice inside the options or range",
    ),
    Rule.PERIPHERY_OUT_OF_BOUNDS: (
        "error",
        "a choice outside the options or range, or of the wrong type",
    ),
    Rule.CORE_FORM_CHANGED: (
        "warning",
        "an adaptation on a core function declared consistent: a reviewer must confirm",
    ),
    Rule.CORE_FUNCTION_CHANGED: (
        "error",
        "an adaptation on a core function declared inconsistent or unknown, or removing, "
        "departing or drifting",
    ),
    Rule.PROSCRIBED_ADOPTED: (
        "error",
        "an adaptation targets a proscribed practice",
    ),
    Rule.UNMAPPED_ADDITION: (
        "warning",
        "an adaptation with target `new`",
    ),
    Rule.FIDELITY_MISMATCH: (
        "warning",
        "the declared fidelity disagrees with codify's",
    ),
    Rule.MEASURE_DROPPED: (
        "error / info",
        "a required (error) or optional (info) measure not reported, or removed by an adaptation",
    ),
    Rule.UNKNOWN_TARGET: (
        "error",
        "a choice, adaptation target or variant, or dropped measure names nothing in the spec",
    ),
    Rule.STALE_BASE: (
        "warning",
        "`based_on` is older (or newer) than the spec's version",
    ),
    Rule.WRONG_INNOVATION: (
        "error",
        "a site adapts another innovation",
    ),
    Rule.VERSION_BUMP: (
        "error",
        "a release's bump is smaller than its changes need",
    ),
    Rule.SPEC_CHANGE: (
        "info",
        "one change between two releases, with its level",
    ),
    Rule.WAIVER_EXPIRED: (
        "warning",
        "a waiver has expired and no longer applies",
    ),
    Rule.UNSAFE_URL: (
        "warning",
        "an image (in a Markdown field, the logo or the CSS) that a playbook leaves out: a URL, "
        "or a file outside the project's assets/",
    ),
    Rule.TOO_MANY_FINDINGS: (
        "error / warning / info",
        "a file has more than 200 findings: the rest are counted, not listed (at the severity of "
        "the worst of them)",
    ),
    Rule.SKIPPED_ENTRY: (
        "info",
        "something in `sites/` that is not a regular file (a folder, a FIFO, a dangling link) "
        "was skipped",
    ),
    Rule.CORE_VARIANT: ("info", "a core function delivered in one of its sanctioned `variants`"),
    Rule.STRATEGY_CHANGED: ("info", "a `plan:`, `role:` or `measure:` target changed, not removed"),
    Rule.DECISION_UNDOCUMENTED: ("warning", "approved or rejected without a `decision`"),
    Rule.REVIEW_OVERDUE: ("warning", "past its `review_by` (or `--today`), not decided since"),
}


def rules_markdown() -> str:
    """The README's table of rule ids, generated from the vocabulary."""
    rows = ["| rule | severity | when |", "| --- | --- | --- |"]
    rows += [f"| `{rule.value}` | {sev} | {when} |" for rule, (sev, when) in RULE_HELP.items()]
    return "\n".join(rows)


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


class ChangeLevel(StrEnum):
    """Semantic-versioning level of a change between two releases of a spec."""

    PATCH = "patch"
    MINOR = "minor"
    MAJOR = "major"

    @property
    def rank(self) -> int:
        """Higher needs a bigger version bump."""
        return {"patch": 0, "minor": 1, "major": 2}[self.value]


class ChangeKind(StrEnum):
    """What a change between two releases does to its target."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class CellState(StrEnum):
    """A site's state on one element in the review's matrix, worst first."""

    PROSCRIBED = "proscribed"
    CORE_CHANGED = "core-changed"
    OUT_OF_BOUNDS = "out-of-bounds"
    CORE_FORM = "core-form"
    IN_BOUNDS = "in-bounds"
    UNSET = "unset"

    @property
    def symbol(self) -> str:
        """A symbol that reads without colour."""
        return {
            "proscribed": "⊘",
            "core-changed": "✗",
            "out-of-bounds": "✗",
            "core-form": "!",
            "in-bounds": "✓",
            "unset": "·",
        }[self.value]

    @property
    def label(self) -> str:
        """The state in words, for legends and screen readers."""
        return {
            "proscribed": "proscribed practice",
            "core-changed": "core function changed",
            "out-of-bounds": "out of bounds",
            "core-form": "form changed, needs review",
            "in-bounds": "in bounds",
            "unset": "default / kept",
        }[self.value]


class OutputFormat(StrEnum):
    """Output formats of validate and diff."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    GITHUB = "github"


class ReviewFormat(StrEnum):
    """Output formats of review."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


class BuildFormat(StrEnum):
    """What ``codify build`` writes."""

    HTML = "html"
    PDF = "pdf"
    ALL = "all"


class ExportKind(StrEnum):
    """What ``codify export`` writes."""

    TIDIER = "tidier"
    FRAME_CSV = "frame-csv"


class ExportFormat(StrEnum):
    """Formats of the TIDieR export (frame-csv is CSV only)."""

    MARKDOWN = "markdown"
    CSV = "csv"


class Paper(StrEnum):
    """Paper sizes for the PDF."""

    A4 = "a4"
    LETTER = "letter"


class SchemaKind(StrEnum):
    """The file kinds with a JSON Schema."""

    INNOVATION = "innovation"
    ADAPTATION = "adaptation"


class FailOn(StrEnum):
    """The lowest severity that makes a command exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"
