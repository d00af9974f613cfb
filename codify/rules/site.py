"""Judging one site's choices and adaptations against the spec (FORMAT.md's site rules)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from codify.findings import CLOSED_STATUSES, Finding, sort_findings
from codify.models import AdaptationFile, Innovation
from codify.models.site import Adaptation
from codify.models.spec import (
    CoreFunction,
    PeripheryElement,
    Proscribed,
)
from codify.rules import decisions
from codify.rules.bounds import choice_problem, describe_value
from codify.text import did_you_mean, join_values
from codify.validate.model import Loaded
from codify.vocab import BREAKING_NATURES, NEW_TARGET, Fidelity, Rule, Severity
from codify.yaml.document import Document, PathKey, dotted


@dataclass
class SiteResult:
    """What judging one site found, plus codify's own fidelity for each adaptation."""

    site: str
    file: str
    based_on: str
    findings: list[Finding] = field(default_factory=list)
    fidelity: dict[str, Fidelity] = field(default_factory=dict)
    in_bounds: dict[str, bool] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    """Why each out-of-bounds choice is not allowed, by periphery id."""


@dataclass
class _Judge:
    spec: Innovation
    site: AdaptationFile
    doc: Document
    result: SiteResult
    today: date = field(default_factory=date.today)

    def add(
        self,
        rule: Rule,
        severity: Severity,
        path: PathKey,
        message: str,
        *,
        target: str | None,
        adaptation: Adaptation | None = None,
        key: str = "",
        details: tuple[str, ...] = (),
        at_key: bool = False,
        keep_severity: bool = False,
    ) -> None:
        line, col = self.doc.key_where(path) if at_key else self.doc.where(path)
        status = adaptation.status if adaptation and not keep_severity else None
        if status in CLOSED_STATUSES:
            severity = Severity.INFO
            message += f" [{status.value if status else ''}]"
        self.result.findings.append(
            Finding(
                rule,
                severity,
                self.doc.file,
                line,
                col,
                message,
                key=key,
                path=dotted(path),
                site=self.site.site.id,
                target=target,
                adaptation=adaptation.id if adaptation else None,
                status=status,
                details=details,
            )
        )

    def unknown_target(
        self, path: PathKey, message: str, target: str | None, adaptation: Adaptation | None
    ) -> None:
        """``unknown-target``: a choice, adaptation, variant or measure names nothing."""
        self.add(
            Rule.UNKNOWN_TARGET, Severity.ERROR, path, message, target=target, adaptation=adaptation
        )

    def measure_dropped(
        self,
        path: PathKey,
        message: str,
        required: bool,
        target: str,
        adaptation: Adaptation | None = None,
    ) -> None:
        """``measure-dropped``: an error for a required measure, information for another."""
        if required:
            self.add(
                Rule.MEASURE_DROPPED,
                Severity.ERROR,
                path,
                message,
                target=target,
                adaptation=adaptation,
            )
        else:
            self.add(
                Rule.MEASURE_DROPPED,
                Severity.INFO,
                path,
                message,
                target=target,
                adaptation=adaptation,
            )


def judge_site(
    spec: Innovation, site: AdaptationFile, doc: Document, today: date | None = None
) -> SiteResult:
    """Every FORMAT.md finding for one site, except stale-base details (see ``history``).

    ``today`` decides which reviews are overdue (default: the machine's date).
    """
    result = SiteResult(site.site.id, doc.file, site.based_on)
    j = _Judge(spec, site, doc, result, today or date.today())
    if site.innovation != spec.id:
        j.add(
            Rule.WRONG_INNOVATION,
            Severity.ERROR,
            ("innovation",),
            f"this site adapts '{site.innovation}', but the spec is '{spec.id}'",
            target=None,
        )
    for key, value in site.choices.items():
        _judge_choice(j, key, value)
    for i, adaptation in enumerate(site.adaptations):
        _judge_adaptation(j, i, adaptation)
    _judge_measures(j)
    result.findings = sort_findings(result.findings)
    return result


def unmatched_site(site: Loaded[Any], spec_ids: list[str]) -> Finding | None:
    """A ``wrong-innovation`` error for a site whose innovation is none of the specs given."""
    data = site.doc.data if site.doc is not None else None
    wanted = data.get("innovation") if isinstance(data, dict) else None
    if site.doc is None or not isinstance(wanted, str) or not isinstance(data, dict):
        return None  # its own findings already say what is wrong with `innovation`
    line, col = site.doc.where(("innovation",))
    about = data.get("site")
    ident = about.get("id") if isinstance(about, dict) else None
    return Finding(
        Rule.WRONG_INNOVATION,
        Severity.ERROR,
        site.file,
        line,
        col,
        f"this site adapts '{wanted}', but none of the specs given is '{wanted}' "
        f"(they are {', '.join(spec_ids)}); it was checked against none of them",
        key="unmatched",
        site=ident if isinstance(ident, str) else None,
    )


def _periphery(spec: Innovation, ident: str) -> PeripheryElement | None:
    return next((el for el in spec.periphery if el.id == ident), None)


def _judge_choice(j: _Judge, key: str, value: object) -> None:
    path = ("choices", key)
    el = _periphery(j.spec, key)
    if el is None:
        other = j.spec.element(key)
        if other is not None:
            what = "a core function" if isinstance(other, CoreFunction) else "a proscribed practice"
            msg = (
                f"choices: '{key}' is {what}, not a periphery element; a site changes it only "
                "through a reviewed adaptation"
            )
        else:
            pool = [el.id for el in j.spec.periphery]
            msg = f"choices: '{key}' is not a periphery element of {j.spec.id}" + (
                did_you_mean(key, pool) or f" (elements: {join_values(pool)})"
            )
        j.add(Rule.UNKNOWN_TARGET, Severity.ERROR, path, msg, target=key, at_key=True)
        return
    problem = choice_problem(el, value)
    j.result.in_bounds[key] = problem is None
    if problem is not None:
        j.result.problems[key] = problem
    if problem is None:
        j.add(
            Rule.PERIPHERY_CHOICE,
            Severity.INFO,
            path,
            f"{key}: {describe_value(el, value)}, within what the spec allows",
            target=key,
            at_key=True,
        )
    else:
        j.add(
            Rule.PERIPHERY_OUT_OF_BOUNDS,
            Severity.ERROR,
            path,
            f"{key}: {problem}",
            target=key,
            at_key=True,
        )


def _judge_adaptation(j: _Judge, i: int, a: Adaptation) -> None:
    base: PathKey = ("adaptations", i)
    tpath = (*base, "target")
    declared = a.frame.fidelity
    computed = Fidelity.UNKNOWN
    label = f"adaptation '{a.id}'"
    decisions.judge_decision(j, a, base, label, j.today)
    unusable_variant = decisions.variant_problem(j, a, base, label)
    if ":" in a.target:
        decisions.judge_wider_target(j, a, tpath, label)
    elif a.target == NEW_TARGET:
        j.add(
            Rule.UNMAPPED_ADDITION,
            Severity.WARNING,
            tpath,
            f"{label} adds something the spec does not describe; the network should decide "
            "whether it belongs in the periphery",
            target=None,
            adaptation=a,
        )
    else:
        element = j.spec.element(a.target)
        if isinstance(element, Proscribed):
            computed = Fidelity.INCONSISTENT
            j.add(
                Rule.PROSCRIBED_ADOPTED,
                Severity.ERROR,
                tpath,
                f"{label} adopts the proscribed practice '{a.target}', which breaks "
                f"{join_values(element.breaks)}",
                target=a.target,
                adaptation=a,
            )
        elif isinstance(element, CoreFunction):
            computed = _judge_core(j, a, element, tpath, label, unusable_variant)
        elif element is not None:
            ok = j.result.in_bounds.get(a.target)
            computed = (
                Fidelity.UNKNOWN
                if ok is None
                else Fidelity.CONSISTENT
                if ok
                else Fidelity.INCONSISTENT
            )
        else:
            pool = j.spec.target_ids()
            j.add(
                Rule.UNKNOWN_TARGET,
                Severity.ERROR,
                tpath,
                f"{label}: target '{a.target}' names nothing in the spec"
                + (
                    did_you_mean(a.target, pool)
                    or " (use target: new for an addition, or plan:, role: or measure: for a "
                    "change to how it is implemented)"
                ),
                target=a.target,
                adaptation=a,
            )
    j.result.fidelity[a.id] = computed
    if Fidelity.UNKNOWN not in (declared, computed) and declared != computed:
        j.add(
            Rule.FIDELITY_MISMATCH,
            Severity.WARNING,
            (*base, "frame", "fidelity"),
            f"{label} declares fidelity {declared.value}, but codify computes {computed.value}",
            target=None if a.target == NEW_TARGET else a.target,
            adaptation=a,
        )


def _judge_core(
    j: _Judge, a: Adaptation, fn: CoreFunction, tpath: PathKey, label: str, unusable: bool
) -> Fidelity:
    breaking = sorted(n.value for n in a.frame.nature if n in BREAKING_NATURES)
    if breaking or a.frame.fidelity is not Fidelity.CONSISTENT:
        why = (
            f"its nature includes {join_values(breaking)}"
            if breaking
            else f"it declares fidelity {a.frame.fidelity.value}"
        )
        j.add(
            Rule.CORE_FUNCTION_CHANGED,
            Severity.ERROR,
            tpath,
            f"{label} changes the core function '{fn.id}' ({fn.name}): {why}",
            target=fn.id,
            adaptation=a,
        )
        return Fidelity.INCONSISTENT
    if not unusable and decisions.judge_variant(j, a, fn, tpath, label):
        return Fidelity.CONSISTENT
    j.add(
        Rule.CORE_FORM_CHANGED,
        Severity.WARNING,
        tpath,
        f"{label} changes how the core function '{fn.id}' ({fn.name}) is delivered; a "
        "reviewer must confirm its purpose is kept",
        target=fn.id,
        adaptation=a,
    )
    return Fidelity.UNKNOWN


def _judge_measures(j: _Judge) -> None:
    measures = {m.id: m for m in j.spec.measures}
    for i, ident in enumerate(j.site.measures_dropped):
        path = ("measures_dropped", i)
        measure = measures.get(ident)
        if measure is None:
            j.add(
                Rule.UNKNOWN_TARGET,
                Severity.ERROR,
                path,
                f"measures_dropped: '{ident}' is not a measure of the spec"
                + did_you_mean(ident, list(measures)),
                target=ident,
            )
        else:
            required = "required" if measure.required else "optional"
            message = f"the site does not report the {required} measure '{ident}' ({measure.name})"
            j.measure_dropped(path, message, measure.required, ident)


# The judge the decision rules (rules.decisions) add their findings through.
Judge = _Judge


def unknown_target(
    file: str,
    where: tuple[int, int],
    message: str,
    *,
    key: str,
    site: str | None = None,
    target: str | None = None,
    adaptation: str | None = None,
) -> Finding:
    """An ``unknown-target`` error made elsewhere (a results file, a rebase, readiness).

    Every unknown id a site names is this one rule, made here so that it has one home.
    """
    line, column = where
    return Finding(
        Rule.UNKNOWN_TARGET,
        Severity.ERROR,
        file,
        line,
        column,
        message,
        key=key,
        site=site,
        target=target,
        adaptation=adaptation,
    )
