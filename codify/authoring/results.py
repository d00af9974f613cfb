"""The results CSV template ``codify adapt`` and ``codify results --init`` write."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from codify.authoring.new import NewFile, create_files
from codify.errors import InvalidInputError, UsageError
from codify.models import Innovation
from codify.project import one_project
from codify.results.outcomes import results_path
from codify.text import did_you_mean


def results_template(spec: Innovation, site_id: str) -> str:
    """A header and one commented example row for each required measure."""
    lines = [
        f"# Results of site {site_id} for {spec.name}: codify results reads this file.",
        "# One row a measure and period. period: YYYY-MM (a month), YYYY-Www (an ISO week) or",
        "# YYYY-MM-DD (a day), one kind per measure. value: a number with a decimal point (48.5);",
        "# with a denominator the chart plots value / denominator. For a fidelity check write",
        "# fidelity:CHECK-ID as the measure and the share of occasions that met it (0 to 1).",
        "# Lines starting with # are ignored: copy an example row without its # and fill it in.",
        "measure,period,value,denominator,note",
    ]
    for measure in spec.measures:
        if measure.required:
            unit = f" ({measure.unit})" if measure.unit else ""
            note = f"example: {measure.name}{unit}".replace(",", " ").replace('"', "'")
            lines.append(f"# {measure.id},2025-01,0,,{note}")
    return "\n".join(lines) + "\n"


def init_results(paths: Sequence[Path], site: str) -> list[Path]:
    """``codify results --init SITE``: write the template for an existing site of a folder."""
    if len(paths) != 1 or not paths[0].is_dir():
        raise UsageError("--init takes one project folder")
    folder = paths[0]
    project = one_project([folder], "results")
    spec = project.spec
    if spec is None or not isinstance(spec.model, Innovation) or not spec.ok:
        raise InvalidInputError(
            "the input has errors; fix them first (codify validate)",
            list(spec.findings if spec else []),
        )
    ids = [model.site.id for _, model in project.valid_sites()]
    if site not in ids:
        raise UsageError(f"--init: no site has id '{site}'{did_you_mean(site, ids)}")
    return create_files([NewFile(results_path(folder, site), results_template(spec.model, site))])
