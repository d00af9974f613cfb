"""``codify init`` and ``codify adapt``: starting files that validate as they are."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path
from string import Template

from codify.errors import UsageError
from codify.files import read_text, templates_dir, write_atomic
from codify.models import Innovation
from codify.models.common import ID_PATTERN, MAX_ID_LENGTH
from codify.models.spec import ChoiceElement, PeripheryElement, RangeElement, ToggleElement
from codify.project import SITES_DIR, SPEC_NAME
from codify.text import number
from codify.validate.jsonschema import render_schema
from codify.vocab import NEW_TARGET

SCHEMA_DIR = ".codify"


@dataclass(frozen=True)
class NewFile:
    """A file a command wants to create."""

    path: Path
    text: str


def _check_id(ident: str, what: str) -> None:
    import re

    if len(ident) > MAX_ID_LENGTH:
        raise UsageError(f"{what} is {len(ident)} characters long; ids are at most {MAX_ID_LENGTH}")
    if not re.fullmatch(ID_PATTERN, ident):
        raise UsageError(
            f"{what} {ident!r} is not a valid id; use lower-case letters and digits "
            "joined by single hyphens, e.g. 'my-innovation'"
        )


def refuse_existing(files: list[NewFile]) -> None:
    """Refuse to go on when any file already exists: nothing is overwritten."""
    existing = [str(f.path) for f in files if f.path.exists()]
    if existing:
        them = "it" if len(existing) == 1 else "them"
        raise UsageError(
            f"refusing to overwrite {', '.join(existing)}; remove {them} or choose another name"
        )


def create_files(files: list[NewFile]) -> list[Path]:
    """Write new files atomically, refusing first if any of them exists."""
    refuse_existing(files)
    for f in files:
        write_atomic(f.path, f.text)
    return [f.path for f in files]


def init_files(folder: Path, ident: str | None, name: str | None) -> list[NewFile]:
    """The files of a new project: a commented spec, schemas for editors, sites/ and assets/."""
    ident = ident or folder.resolve().name.lower().replace("_", "-").replace(" ", "-")
    _check_id(ident, "the innovation id")
    title = name or ident.replace("-", " ").capitalize()
    skeleton = Template(read_text(templates_dir() / "innovation.yaml.tmpl"))
    spec = skeleton.substitute(
        id=ident, name=json.dumps(title, ensure_ascii=False), folder=folder.as_posix()
    )
    return [
        NewFile(folder / SPEC_NAME, spec),
        NewFile(folder / SCHEMA_DIR / "innovation.schema.json", render_schema("innovation")),
        NewFile(folder / SCHEMA_DIR / "adaptation.schema.json", render_schema("adaptation")),
        NewFile(folder / SITES_DIR / ".gitkeep", ""),
        NewFile(folder / "assets" / ".gitkeep", ""),
    ]


def _comment(text: str, indent: str) -> list[str]:
    flat = " ".join(text.split())
    return [f"{indent}# {line}" for line in textwrap.wrap(flat, 92 - len(indent))]


def _allowed(el: PeripheryElement) -> str:
    if isinstance(el, ChoiceElement):
        values = ", ".join(o.value for o in el.options)
        return f"one of: {values}" + (" (or your own value)" if el.allow_other else "")
    if isinstance(el, RangeElement):
        return f"a number, {el.describe()}"
    if isinstance(el, ToggleElement):
        return "true or false"
    return "your own wording"


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number(value)
    return json.dumps(value, ensure_ascii=False)


def adapt_text(spec: Innovation, site_id: str, name: str | None) -> str:
    """A site file listing every periphery element with its default and what is allowed."""
    _check_id(site_id, "the site id")
    lines = [
        f"# yaml-language-server: $schema=../{SCHEMA_DIR}/adaptation.schema.json",
        f"# {spec.name}: what this site chose and how it adapted the innovation.",
        "codify: 1",
        "kind: adaptation",
        "site:",
        f"  id: {site_id}",
        f"  name: {_scalar(name or site_id.replace('-', ' ').title())}",
        f"innovation: {spec.id}",
        f'based_on: "{spec.version}"',
        "choices:",
    ]
    for el in spec.periphery:
        lines.append(f"  # {el.name} (serves {el.serves}): {_allowed(el)}")
        if el.guidance:
            lines += _comment(el.guidance, "  ")
        if el.default is None:
            lines.append(f"  # {el.id}:        (no default: set it if you use this element)")
        else:
            lines.append(f"  {el.id}: {_scalar(el.default)}")
    if not spec.periphery:
        lines[-1] = "choices: {}"
    elif all(el.default is None for el in spec.periphery):
        lines[lines.index("choices:")] = "choices: {}"
    lines += _frame_example(spec)
    lines.append("measures_dropped: []               # required measures this site does not report")
    return "\n".join(lines) + "\n"


def _frame_example(spec: Innovation) -> list[str]:
    """A commented adaptation that validates once uncommented (``adaptations`` defaults to [])."""
    target = spec.periphery[0].id if spec.periphery else NEW_TARGET
    example = [
        "adaptations:",
        "  - id: local-change",
        f"    target: {target:<22} # a core, periphery or proscribed id, new,",
        "                                 # or plan:STEP, role:ROLE, measure:MEASURE",
        "    description: TODO what the site does differently, and for whom.",
        "    frame:",
        "      when: implementation         # pre-implementation, implementation, scale-up, ...",
        "      planned: planned-reactive    # planned-proactive, planned-reactive, ...",
        "      decided_by: [delivery-team]",
        "      what: content",
        "      nature: [tailoring]          # required",
        "      fidelity: consistent         # required: consistent, inconsistent or unknown",
        "      goals: [feasibility]",
        "      reasons:                     # FRAME codes (e.g. time, access) or your own words",
        "        organisation: [time, competing-demands]",
        "    justification: TODO why the site made the change.",
        "    decided: 2025-01-15",
        "    status: proposed               # proposed, approved, rejected or withdrawn",
        "    # variant: online              # with a core target: one of its sanctioned variants",
        "    # affects: [a-measure-id]      # measure ids this change should move",
        "    # review_by: 2025-07-01        # when the network looks at it again",
        "    # decision:                    # codify decide SITE ID --approve --by NAME writes it",
        "    #   by: Network steering group",
        "    #   role: programme lead",
        "    #   date: 2025-02-01",
        "    #   rationale: Keeps the purpose; revisit after the winter.",
    ]
    return [
        "# Record each change to the innovation, FRAME-coded (Wiltsey Stirman et al., 2019).",
        "# To record the first, uncomment these lines (remove the leading '# ') and edit them:",
        *(f"# {line}" for line in example),
    ]
