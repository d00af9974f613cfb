"""The results CSV template ``codify adapt`` and ``codify results --init`` write."""

from __future__ import annotations

from codify.models import Innovation


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
