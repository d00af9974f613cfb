"""What each field of the file formats means, in words, for the generated format reference.

Types, required fields and allowed values come from the models themselves; only the meaning is
written here. A field without an entry is still listed, with its type.
"""

from __future__ import annotations

RESULTS_MEANINGS = {
    "measure": "a measure id of the spec, or `fidelity:CHECK-ID` for a fidelity check (the share "
    "of occasions in the period that met it, 0 to 1)",
    "period": "`YYYY-MM` (a month), `YYYY-Www` (an ISO week) or `YYYY-MM-DD` (a day); one "
    "granularity per measure",
    "value": "a number with a decimal point (`48`, `0.85`); with `denominator`, the numerator",
    "denominator": "a positive number; the value plotted is value / denominator",
    "note": "free text shown beside the point",
}

MEANINGS: dict[str, str] = {
    "Innovation.codify": "format version of the file",
    "Innovation.kind": "what the file is",
    "Innovation.id": "the innovation's id; sites name it in `innovation`",
    "Innovation.name": "its name as people say it",
    "Innovation.version": "the release; `codify diff old.yaml new.yaml` checks the bump",
    "Innovation.status": "where the innovation is in its life",
    "Innovation.summary": "two or three sentences a busy manager reads",
    "Innovation.problem": "the problem it solves, and for whom",
    "Innovation.owner": "the innovator or the organisation that drives its spread",
    "Innovation.logo": "an image from `assets/` shown on the playbook's cover",
    "Innovation.licence": "terms of use, if any",
    "Innovation.core": "the core functions: what must stay the same for it to work",
    "Innovation.periphery": "what adopting sites may change, and within what bounds",
    "Innovation.proscribed": "practices that break the innovation",
    "Innovation.evidence": "numbers and testimonies side by side",
    "Innovation.prerequisites": "what a site needs before starting",
    "Innovation.roles": "who delivers it",
    "Innovation.resources": "what it costs",
    "Innovation.plan": "how to implement it, step by step",
    "Innovation.measures": "what every adopting site reports",
    "Innovation.references": "sources cited by outcomes and stories",
    "Innovation.glossary": "terms and what they mean here",
    "Owner.name": "who it is",
    "Owner.url": "their web page",
    "Owner.email": "how to reach them",
    "Logo.src": "a path inside the project's `assets/` folder",
    "Logo.alt": "what the image shows, for screen readers",
    "CoreFunction.id": "shares one namespace with periphery and proscribed ids",
    "CoreFunction.name": "a short name",
    "CoreFunction.purpose": "why this part exists and what it achieves; never changes between "
    "sites",
    "CoreFunction.form": "how the innovators deliver it; other forms only through the periphery or "
    "a reviewed adaptation",
    "CoreFunction.class": "`essential` (unique and essential) or `necessary` (necessary, not "
    "unique)",
    "CoreFunction.fidelity": "observable checks a facilitator can tick",
    "CoreFunction.evidence": "ids of outcomes or stories that support this function",
    "FidelityCheck.id": "the check's id",
    "FidelityCheck.statement": "what an observer can see",
    "FidelityCheck.measure": "how it is checked",
    "FidelityCheck.target": "the level to reach",
    "Option.value": "what a site writes in `choices` (never the label)",
    "Option.label": "how the option reads in a playbook",
    "Option.note": "a note shown beside the option",
    "ChoiceElement.options": "the allowed values",
    "ChoiceElement.allow_other": "whether a site may write a value of its own",
    "RangeElement.min": "the smallest allowed number (inclusive)",
    "RangeElement.max": "the largest allowed number (inclusive)",
    "RangeElement.unit": "e.g. `minutes`, `people`; a site's choice is a bare number",
    "Proscribed.statement": "what must not be done",
    "Proscribed.breaks": "the core functions it breaks",
    "Proscribed.why": "why it breaks them",
    "Evidence.outcomes": "measured results, null and negative ones included",
    "Evidence.stories": "testimonies; printed only with consent",
    "Outcome.id": "shares one namespace with story ids",
    "Outcome.measure": "what was measured",
    "Outcome.result": "what was found, in words and numbers",
    "Outcome.design": "the study design",
    "Outcome.n": "how many took part",
    "Outcome.setting": "where it was measured",
    "Outcome.direction": "which way the effect went",
    "Outcome.reference": "the id of a `references` entry",
    "Story.teller": "who tells it",
    "Story.quote": "the words, as published",
    "Story.attribution": "how the teller is named",
    "Story.site": "where it was told",
    "Story.serves": "the core functions it speaks to",
    "Story.consent": "a story without `consent: true` is never printed",
    "Prerequisite.statement": "what must be in place",
    "Prerequisite.level": "how firmly it is needed",
    "Role.name": "the role's name",
    "Role.count": "how many people fill it",
    "Role.training": "the training it needs",
    "RoleCount.min": "at least this many",
    "RoleCount.max": "at most this many",
    "Resource.item": "what it is",
    "Resource.kind": "what kind of cost",
    "Resource.amount": "how much",
    "Resource.currency": "e.g. GBP, EUR",
    "Resource.per": "per what (a year, a session, a site)",
    "PlanStep.name": "the step's name",
    "PlanStep.phase": "the implementation phase (REP)",
    "PlanStep.owner": "the id of the role that does it",
    "PlanStep.duration": "how long it takes",
    "PlanStep.after": "ids of steps that come first; no cycles",
    "PlanStep.detail": "how to do it",
    "Measure.name": "the measure's name",
    "Measure.definition": "exactly what is counted",
    "Measure.frequency": "how often it is reported",
    "Measure.target": "the level to reach, in words",
    "Measure.required": "whether every site must report it",
    "Measure.improvement": "which way is better: `increase`, `decrease` or `neutral` (charts)",
    "Measure.target_value": "the target as a number, for a chart's target line and assurance",
    "Measure.unit": "what the number counts (`share` for a proportion), shown on charts",
    "Reference.title": "the title of the source",
    "Reference.url": "where to read it",
    "Reference.year": "when it was published",
    "Reference.authors": "who wrote it",
    "GlossaryEntry.term": "the term (the glossary is keyed by it)",
    "GlossaryEntry.meaning": "what it means here",
    "AdaptationFile.site": "who the adopting site is (its `id` names it in every finding)",
    "AdaptationFile.innovation": "which innovation this adapts; must be the spec's `id`",
    "AdaptationFile.based_on": "the spec version the site adopted",
    "AdaptationFile.choices": "the site's value for each periphery element it sets",
    "AdaptationFile.adaptations": "FRAME-coded changes to the innovation",
    "AdaptationFile.measures_dropped": "ids of measures the site does not report",
    "AdaptationFile.rebase": "periods where a measure's chart starts a new segment",
    "AdaptationFile.readiness": "how far the site meets each prerequisite (left out: unknown)",
    "AdaptationFile.stories": "the site's own stories, in the shape of the spec's",
    "Rebase.measure": "a measure id, or `fidelity:CHECK-ID`",
    "Rebase.period": "the first period of the new segment, as the results file writes it",
    "Rebase.reason": "why the process changed there",
    "ReadinessEntry.prerequisite": "the id of a spec prerequisite",
    "ReadinessEntry.status": "`met`, `partly`, `not-met` or `unknown`",
    "ReadinessEntry.evidence": "what shows it",
    "ReadinessEntry.checked": "when it was last checked",
    "SiteStory.source": "a reference id or free text naming where it was collected",
    "SiteStory.illustrative": "a composite written to show the idea, printed labelled so",
    "SiteInfo.id": "the site's id",
    "SiteInfo.name": "the site's name",
    "SiteInfo.organisation": "the organisation it belongs to",
    "SiteInfo.region": "where it is",
    "SiteInfo.illustrative": "true for an invented record (an example, a training file): "
    "every output that shows the site says so",
    "SiteInfo.context": "what a reader should know about the site",
    "Innovation.changelog": "what changed in each release, newest last; propose-release appends "
    "an entry, and the playbook prints this release's",
    "CoreFunction.variants": "other forms the innovators have already sanctioned (an online "
    "session, a remote course); an adaptation naming one is `core-variant`, not a form change",
    "Variant.id": "the variant's id, named by an adaptation's `variant`",
    "Variant.form": "how the function is delivered in this variant",
    "Variant.conditions": "when a site may use it",
    "Story.source": "the id of the reference where the quote was published",
    "Story.illustrative": "`true` for a composite written to show the idea; it is printed "
    "labelled as an illustrative example, never as a real person's words",
    "ChangelogEntry.version": "the release",
    "ChangelogEntry.date": "when it was released",
    "ChangelogEntry.changes": "each change, in words",
    "Adaptation.variant": "with a core function as target: the sanctioned variant it uses",
    "Adaptation.affects": "ids of the measures this change is meant to move; codify looks for a "
    "signal in them after the change",
    "Adaptation.review_by": "when the network looks at it again (`review-overdue` after that)",
    "Adaptation.decision": "who decided, in what role, when and why (`codify decide` writes it)",
    "Decision.by": "who decided: a person or a group",
    "Decision.role": "their role",
    "Decision.date": "when",
    "Decision.rationale": "why",
    "Adaptation.id": "the adaptation's id, unique within the file",
    "Adaptation.target": "a core, periphery or proscribed id; `new` for an addition the spec "
    "does not describe; or `plan:STEP`, `role:ROLE`, `measure:MEASURE` for a change to how it is "
    "implemented (FRAME-IS)",
    "Adaptation.description": "what the site does differently",
    "Adaptation.frame": "the change coded with FRAME",
    "Adaptation.justification": "why the site made the change",
    "Adaptation.decided": "when it was decided",
    "Adaptation.status": "where it is in the network's decision process",
    "Frame.when": "when the adaptation was made",
    "Frame.planned": "whether it was planned",
    "Frame.decided_by": "who took part in the decision",
    "Frame.what": "what is modified",
    "Frame.context": "which part of the context (when `what` is `context`)",
    "Frame.level": "at what level it is made",
    "Frame.nature": "the nature of the change",
    "Frame.fidelity": "the site's own view: did it keep the core?",
    "Frame.goals": "what the change is for",
    "Frame.reasons": "why, by level: short phrases",
    "Frame.duration": "how long it lasts",
}

# Shared by every periphery kind.
for _kind in ("ChoiceElement", "RangeElement", "ToggleElement", "TextElement"):
    MEANINGS.setdefault(f"{_kind}.id", "shares one namespace with core and proscribed ids")
    MEANINGS.setdefault(f"{_kind}.name", "a short name")
    MEANINGS.setdefault(f"{_kind}.serves", "the id of the core function this element serves")
    MEANINGS.setdefault(f"{_kind}.guidance", "advice for sites choosing a value")
    MEANINGS.setdefault(f"{_kind}.kind", "the shape of the allowed values")
    MEANINGS.setdefault(f"{_kind}.default", "the value when a site sets none; must be allowed")
for _ident in (
    "Proscribed",
    "Prerequisite",
    "Role",
    "Resource",
    "PlanStep",
    "Measure",
    "Reference",
):
    MEANINGS.setdefault(f"{_ident}.id", "unique within its list")
for _level in ("sociopolitical", "organisation", "provider", "recipient"):
    MEANINGS.setdefault(f"Reasons.{_level}", f"{_level} reasons")
MEANINGS.setdefault("Story.id", "shares one namespace with outcome ids")
# A site's stories are the spec's in shape.
for _name in ("teller", "quote", "attribution", "site", "serves", "consent"):
    MEANINGS.setdefault(f"SiteStory.{_name}", MEANINGS[f"Story.{_name}"])
MEANINGS.setdefault("SiteStory.id", "the story's id, unique within the site file")
MEANINGS.setdefault(
    "Adaptation.affects", "measure ids it is meant to move: `codify results` signals"
)
