"""Results figures: a network of sites with 36 months of five measures each (issue 12's goals)."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

from builds import PEAK
from common import CODIFY, ENV, PY, SPEC, heading, row, run, verdict


def measures() -> list[tuple[str, float, float]]:
    """Five series a site reports: the spec's three measures and its first two fidelity checks."""
    from codify.validate.model import load_spec

    spec = load_spec(SPEC).model
    assert spec is not None
    checks = [f"fidelity:{c.id}" for core in spec.core for c in core.fidelity][:2]
    levels = {"attendance": (40.0, 6.0), "evaluation-forms": (0.85, 0.04)}
    out = [(m.id, *levels.get(m.id, (10.0, 1.0))) for m in spec.measures]
    return out + [(c, 0.9, 0.05) for c in checks]


def outcomes_network(folder: Path, count: int, months: int = 36) -> Path:
    """A project with ``count`` sites, each with results: 5 measures x ``months`` months."""
    rng = random.Random(count)
    root = folder / f"outcomes-{count}"
    (root / "sites").mkdir(parents=True)
    (root / "results").mkdir()
    shutil.copy(SPEC, root / "innovation.yaml")
    periods = [f"{2023 + m // 12}-{m % 12 + 1:02d}" for m in range(months)]
    series = measures()
    for i in range(count):
        site = f"site-{i:04d}"
        (root / "sites" / f"{site}.yaml").write_text(
            f"codify: 1\nkind: adaptation\nsite:\n  id: {site}\n  name: Site {i}\n"
            'innovation: schwartz-rounds\nbased_on: "1.1.0"\nchoices:\n  frequency: monthly\n'
            "adaptations:\n  - id: online-rounds\n    target: regular-rhythm\n"
            "    description: Every other Round is online.\n    frame:\n"
            "      nature: [tailoring]\n      fidelity: consistent\n"
            "    justification: Staff are spread out.\n    decided: 2024-06-03\n"
            "    status: approved\n    affects: [attendance, evaluation-forms]\n"
            "    decision: {by: Network steering group, date: 2024-06-03}\n"
            "readiness:\n  - prerequisite: licence\n    status: met\n"
        )
        lines = ["measure,period,value,denominator,note"]
        for measure, level, sd in series:
            for period in periods:
                value = max(0.0, rng.gauss(level, sd))
                if measure.startswith("fidelity:"):
                    value = min(value, 1.0)  # a share
                lines.append(f"{measure},{period},{value:.3f},,")
        (root / "results" / f"{site}.csv").write_text("\n".join(lines) + "\n")
    return root


def outcomes_scale(folder: Path) -> None:
    """``codify results`` and ``codify review`` with outcomes at 100 and 1,000 sites."""
    heading("Results: 5 measures x 36 months a site (median of 3)")
    times = {}
    for count in (100, 1000):
        root = outcomes_network(folder, count)
        rows = count * len(measures()) * 36
        res = run([CODIFY, "results", str(root), "--format", "json"], runs=3)
        rev = run([CODIFY, "review", str(root), "--format", "json"], runs=3)
        times[count] = (res.wall, rev.wall)
        big = count == 1000
        row(
            f"codify results --format json, {count} sites ({rows:,} rows)",
            str(res),
            f"goal < 2 s: {verdict(res.wall < 2)}" if big else "",
        )
        row(
            f"codify review --format json, {count} sites with results",
            str(rev),
            f"goal < 3 s: {verdict(rev.wall < 3)}" if big else "",
        )
    peak = subprocess.run(
        [PY, "-c", PEAK, "results", str(folder / "outcomes-1000"), "--format", "json"],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    mb = int(peak.stderr.strip().splitlines()[-1]) / 1024
    row(
        "codify results, 1000 sites: peak memory",
        f"{mb:.0f} MB",
        f"goal < 300 MB: {verdict(mb < 300)}",
    )
    (a1, b1), (a2, b2) = times[100], times[1000]
    row("results: 1000 sites / 100 sites", f"{a2 / a1:.1f}x", "linear would be <= 10x")
    row("review with outcomes: 1000 sites / 100 sites", f"{b2 / b1:.1f}x", "linear would be <= 10x")
