"""Severities and rule ids, with the help text the README's rule table is generated from."""

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
    RESULTS_SYNTAX = "results-syntax"
    RESULTS_DUPLICATE = "results-duplicate"
    RESULTS_GRANULARITY = "results-granularity"
    MEASURE_MISSING = "measure-missing"
    TOO_FEW_POINTS = "too-few-points"
    REBASE_IGNORED = "rebase-ignored"
    PREREQUISITE_UNMET = "prerequisite-unmet"


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
    Rule.RESULTS_SYNTAX: ("error", "a results CSV row or header codify cannot use (see below)"),
    Rule.RESULTS_DUPLICATE: ("error", "a results CSV gives one measure and period twice"),
    Rule.RESULTS_GRANULARITY: ("error", "a results CSV mixes months, weeks or days for a measure"),
    Rule.MEASURE_MISSING: ("warning", "a results file has no rows for a required measure"),
    Rule.TOO_FEW_POINTS: ("info", "fewer than 12 points in a chart segment: no limits yet"),
    Rule.REBASE_IGNORED: ("warning", "a site's `rebase` names a period its results lack"),
    Rule.PREREQUISITE_UNMET: ("error / warning / info", "a prerequisite not met (see below)"),
}


def rules_markdown() -> str:
    """The README's table of rule ids, generated from the vocabulary."""
    rows = ["| rule | severity | when |", "| --- | --- | --- |"]
    rows += [f"| `{rule.value}` | {sev} | {when} |" for rule, (sev, when) in RULE_HELP.items()]
    return "\n".join(rows)
