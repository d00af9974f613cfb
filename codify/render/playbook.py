"""The playbook: a spec (and optionally one site) rendered to a self-contained HTML page."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from codify import __version__
from codify.assets import Refusal
from codify.errors import RenderError
from codify.files import read_text, templates_dir
from codify.findings import Finding
from codify.models import AdaptationFile, Innovation
from codify.models.spec import (
    ChoiceElement,
    Outcome,
    PeripheryElement,
    RangeElement,
    ToggleElement,
)
from codify.network.tidier import target_names, tidier_items
from codify.render.decisions import decision_words, long_date, short_authors
from codify.render.front import doi, front_matter
from codify.render.safe import AssetPolicy, render_markdown
from codify.rules.site import SiteResult
from codify.text import either, first_sentence, number, plain_text
from codify.vocab import Design, Direction, Rule, Severity
from codify.vocab.words import joined, sentence, target_name, word

# How a finding's severity reads in a playbook, without colour.
SEVERITY_LABELS = {
    Severity.ERROR.value: "✗ Error",
    Severity.WARNING.value: "! Warning",
    Severity.INFO.value: "i Note",
}
# Study designs from strongest to weakest, for the At a glance outcome.
STRONGEST_FIRST = (
    Design.RCT,
    Design.CONTROLLED_BEFORE_AFTER,
    Design.INTERRUPTED_TIME_SERIES,
    Design.COHORT,
)
PRINT_CSS = "playbook-print.css"

if TYPE_CHECKING:
    from codify.results.outcomes import SiteOutcome


def build_date() -> date:
    """The date printed on outputs: SOURCE_DATE_EPOCH when set, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return datetime.now(tz=UTC).date()


def _bytecode_cache() -> Any:
    """Jinja's compiled templates, kept between runs: compiling the playbook costs 0.15 s."""
    import jinja2

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "codify" / f"jinja-{__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: compile each time
    return jinja2.FileSystemBytecodeCache(str(folder))


def possessive(name: str) -> str:
    """``Leeds Teaching Hospitals'``, ``Cork University Hospital's``."""
    return name + ("'" if name.endswith("s") else "'s")


def environment(extra: Path | None = None) -> Any:
    """The Jinja environment: autoescape on, undefined names are errors, user templates first."""
    import jinja2

    folders = [str(extra)] if extra else []
    folders.append(str(templates_dir()))
    env = jinja2.Environment(
        loader=_loader(folders),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = number
    env.filters["possessive"] = possessive
    return env


MAX_TEMPLATE_BYTES = 1024 * 1024


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False


def _loader(folders: list[str]) -> Any:
    """Jinja's file loader, reading through codify's one guarded reader (regular files only)."""
    import jinja2
    from jinja2.loaders import split_template_path

    class GuardedLoader(jinja2.FileSystemLoader):
        """Finds templates as FileSystemLoader does; reads them as codify reads any file."""

        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            pieces = split_template_path(template)
            for folder in self.searchpath:
                path = Path(folder).joinpath(*pieces)
                if os.path.lexists(path):
                    text = read_text(path, MAX_TEMPLATE_BYTES, f"template {path}")
                    mtime = path.stat().st_mtime
                    return text, str(path), functools.partial(_unchanged, path, mtime)
            raise jinja2.TemplateNotFound(template)

    return GuardedLoader(folders)


@dataclass
class PlaybookInput:
    """Everything a playbook is made from."""

    spec: Innovation
    root: Path | None
    site: AdaptationFile | None = None
    result: SiteResult | None = None
    css: str = ""
    templates: Path | None = None
    refused: list[Refusal] = field(default_factory=list)
    handout: str | None = None  # "summary" or "checklist": a one-page handout, not the playbook
    outcome: SiteOutcome | None = None
    """The site's results, signals and readiness (site playbooks only)."""
    used: list[Path] = field(default_factory=list)  # asset paths looked at, present or not


def render_playbook(data: PlaybookInput) -> str:
    """The playbook as one self-contained HTML document."""
    return render_playbook_pair(data)[0]


def render_playbook_pair(data: PlaybookInput) -> tuple[str, str]:
    """The playbook's HTML for a file (each image embedded once) and for the PDF renderer.

    WeasyPrint ignores images set by CSS ``content`` on ``<img>``, so the PDF's HTML repeats
    the data URI; WeasyPrint decodes each distinct image once.
    """
    policy = AssetPolicy(data.root)
    spec = data.spec

    def md(text: str | None, where: str) -> Any:
        return render_markdown(text, policy, where)

    env = environment(data.templates)
    css = read_text(templates_dir() / "playbook.css")
    phases = _phases(spec)
    logo = policy.data_uri(spec.logo.src, "logo.src") if spec.logo else None
    context = {
        "spec": spec,
        "site": data.site,
        "md": md,
        "css": css + "\n" + data.css,
        "logo": logo,
        "built": build_date().isoformat(),
        "version": __version__,
        "breaks": _breaks(spec),
        "periphery": [_element_view(el, data.site, data.result) for el in spec.periphery],
        "core_names": {fn.id: fn.name for fn in spec.core},
        "stories": [s for s in spec.evidence.stories if s.consent],
        "glance_story": _glance_story(spec),
        "strongest": strongest_outcome(spec),
        "phases": phases,
        "step_numbers": {s.id: n for n, s in enumerate((s for _, st in phases for s in st), 1)},
        "tidier": tidier_items(spec, [data.site] if data.site else [], _fidelity(data)),
        "findings": _site_findings(data.result),
        "adaptation_findings": adaptation_findings(data.result),
        "severity_labels": SEVERITY_LABELS,
        "references": {r.id: r for r in spec.references},
        "role_names": {r.id: r.name for r in spec.roles},
        "step_names": {s.id: s.name for s in spec.plan},
        "decision_words": decision_words,
        "long_date": long_date,
        "bare_url": lambda url: url.split("://", 1)[-1].removesuffix("/"),
        "short_authors": short_authors,
        "on_card": on_card,
        "w": word,
        "joined": joined,
        "sentence": sentence,
        "target_name": target_name,
        "target_names": target_names(spec),
        "variant_words": {
            f"{fn.id}:{v.id}": first_sentence(plain_text(v.form))
            for fn in spec.core
            for v in fn.variants
        },
        "doi": doi,
        **front_matter(spec, data.root),
        **_your_results(data),
    }
    context["handout"] = data.handout
    html = render_template(env, "handout.html" if data.handout else "playbook.html", context)
    data.refused.extend(policy.refused)
    data.used.extend(policy.used)
    return policy.embed(html), policy.embed(html, once=False)


def _fidelity(data: PlaybookInput) -> list[str]:
    """TIDieR item 12 of a site playbook, from the site's fidelity results."""
    from codify.render.results import fidelity_actual

    return fidelity_actual(data.outcome) if data.outcome is not None else []


def _your_results(data: PlaybookInput) -> dict[str, Any]:
    """A site playbook's "Your results": charts, signals, readiness and its own stories."""
    from codify.render.results import site_view
    from codify.results.signals import CAUTION

    outcome = data.outcome
    stories = [s for s in data.site.stories if s.consent] if data.site else []
    return {
        "results": site_view(outcome) if outcome is not None else None,
        "site_stories": stories,
        "caution": CAUTION,
    }


def render_template(env: Any, name: str, context: dict[str, Any]) -> str:
    """Render one template, turning Jinja's errors into a message that names the template."""
    import jinja2

    try:
        html: str = env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(
            f"template {exc.filename or name}, line {exc.lineno}: {exc.message}"
        ) from None
    except jinja2.TemplateError as exc:
        source = getattr(env.loader, "searchpath", [])
        raise RenderError(f"template {name} (searched {', '.join(source)}): {exc}") from None
    return html


def _breaks(spec: Innovation) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {fn.id: [] for fn in spec.core}
    for practice in spec.proscribed:
        for ident in practice.breaks:
            out.setdefault(ident, []).append(practice)
    return out


def _element_view(
    el: PeripheryElement, site: AdaptationFile | None, result: SiteResult | None
) -> dict[str, Any]:
    if isinstance(el, ChoiceElement):
        options = [o.label or o.value for o in el.options]
        allowed = either([*options, "another value"] if el.allow_other else options)
    elif isinstance(el, RangeElement):
        allowed = el.describe()
    elif isinstance(el, ToggleElement):
        allowed = "yes or no"
    else:
        allowed = "local wording"
    view: dict[str, Any] = {"el": el, "allowed": allowed, "default": _shown(el, el.default)}
    if site is not None and el.id in site.choices:
        value = site.choices[el.id]
        view["choice"] = _shown(el, value)
        view["problem"] = result.problems.get(el.id) if result is not None else None
    return view


def _shown(el: PeripheryElement, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(el, RangeElement) and isinstance(value, int | float):
        return number(value) + (f" {el.unit}" if el.unit else "")
    if isinstance(el, ChoiceElement):
        labels = {o.value: o.label or o.value for o in el.options}
        if str(value) in labels:
            return labels[str(value)]
        return sentence(str(value).replace("-", " ")) + " (another value)"
    return str(value)


def strongest_outcome(spec: Innovation) -> Outcome | None:
    """The positive outcome of the strongest design, or None: never a null or unstated one."""
    rank: dict[Design | None, int] = {d: i for i, d in enumerate(STRONGEST_FIRST)}
    positive = [o for o in spec.evidence.outcomes if o.direction is Direction.POSITIVE]
    return min(positive, key=lambda o: rank.get(o.design, len(rank)), default=None)


def _glance_story(spec: Innovation) -> Any:
    """The story for At a glance: the first published one, else the first printable one."""
    printable = [s for s in spec.evidence.stories if s.consent]
    published = [s for s in printable if s.source and not s.illustrative]
    pool = published or printable
    return pool[0] if pool else None


def _phases(spec: Innovation) -> list[tuple[str, list[Any]]]:
    order = ["preparation", "pre-implementation", "implementation", "sustainment"]
    return [
        (p, [s for s in spec.plan if s.phase == p])
        for p in order
        if any(s.phase == p for s in spec.plan)
    ]


def on_card(message: str, adaptation: str) -> str:
    """A finding's message on its adaptation's own card: "This adaptation ..." rather than the
    adaptation's id, which the card already shows."""
    named = f"adaptation '{adaptation}' "
    return "This adaptation " + message[len(named) :] if message.startswith(named) else message


def adaptation_findings(result: SiteResult | None) -> dict[str, list[Finding]]:
    """Each adaptation's own findings, worst first: every card shows them."""
    out: dict[str, list[Finding]] = {}
    for f in _site_findings(result):
        if f.adaptation is not None:
            out.setdefault(f.adaptation, []).append(f)
    return out


# Shown in words where they are made, not again as findings: a choice inside what the spec
# allows is ticked in "What you can adapt", a sanctioned variant is named on its card.
SHOWN_IN_PLACE = {Rule.PERIPHERY_CHOICE, Rule.CORE_VARIANT}


def _site_findings(result: SiteResult | None) -> list[Finding]:
    if result is None:
        return []
    shown = [f for f in result.findings if f.rule not in SHOWN_IN_PLACE]
    return sorted(shown, key=lambda f: (-f.severity.rank, f.line))
