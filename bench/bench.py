"""codify's speed figures: start-up, loading, diff and review at scale, build overhead.

Run with `make bench`. Prints figures and the goals from the issues beside them; it never fails
on a slow machine, it reports.
"""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BIN = Path(sys.executable).parent
PY = sys.executable
SPEC = EXAMPLES / "schwartz-rounds" / "innovation.yaml"


# Like a user's install: byte-code caches on (some shells here set PYTHONDONTWRITEBYTECODE).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(cmd: list[str], runs: int = 5, env: dict[str, str] | None = None) -> float:
    """Median wall time of fresh processes, in seconds, after one warm-up run."""
    env = env or ENV
    subprocess.run(cmd, capture_output=True, check=False, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed(func: Callable[[], object], runs: int = 3) -> float:
    """Median time of an in-process call, in seconds."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(label: str, value: str, goal: str = "") -> None:
    print(f"  {label:<52} {value:>12}   {goal}")


def startup() -> None:
    print("Start-up (median of 5 fresh processes)")
    base = wall([PY, "-c", "pass"])
    pyd = wall([PY, "-c", "import pydantic"])
    helptime = wall([str(BIN / "codify"), "--help"])
    val = wall([str(BIN / "codify"), "validate", str(SPEC)])
    row("python -c pass", f"{base * 1000:.0f} ms")
    row('python -c "import pydantic"', f"{pyd * 1000:.0f} ms")
    row("codify --help", f"{helptime * 1000:.0f} ms")
    row(
        "codify validate examples/schwartz-rounds/innovation.yaml",
        f"{val * 1000:.0f} ms",
        f"goal < 3x import pydantic = {3 * pyd * 1000:.0f} ms: "
        + ("met" if val < 3 * pyd else "NOT met"),
    )


def big_spec(folder: Path, target_bytes: int = 1_000_000) -> Path:
    """A valid spec of about ``target_bytes``: many core functions, checks and outcomes."""
    parts = [SPEC.read_text().split("core:\n")[0], "core:\n"]
    size = sum(map(len, parts))
    i = 0
    while size < target_bytes:
        block = (
            f"  - id: fn-{i}\n    name: Function {i}\n    purpose: >\n      Purpose {i} "
            + "words " * 40
            + f"\n    form: Form {i}.\n    class: necessary\n    fidelity:\n"
            + "".join(
                f"      - id: c-{j}\n        statement: Check {j} of {i}.\n" for j in range(5)
            )
        )
        parts.append(block)
        size += len(block)
        i += 1
    path = folder / "big" / "innovation.yaml"
    path.parent.mkdir()
    path.write_text("".join(parts))
    return path


def loading(folder: Path) -> None:
    from codify.project import load_project

    print("Load and validate, in process (median of 3)")
    for example in sorted(EXAMPLES.iterdir()):
        t = timed(lambda e=example: load_project([e]))  # type: ignore[misc]
        row(f"examples/{example.name} (spec and sites)", f"{t * 1000:.1f} ms")
    path = big_spec(folder)
    t = timed(lambda: load_project([path]))
    mb = path.stat().st_size / 1e6
    row(f"generated spec, {mb:.1f} MB", f"{t * 1000:.0f} ms", f"{mb / t:.1f} MB/s")


def network(folder: Path, count: int) -> Path:
    """A project with ``count`` generated sites of a few KB each."""
    root = folder / f"net-{count}"
    (root / "sites").mkdir(parents=True)
    shutil.copy(SPEC, root / "innovation.yaml")
    for i in range(count):
        adaptations = "".join(
            f"  - id: change-{k}\n    target: {target}\n    description: >\n      Change {k} "
            "made at this site, described in a few sentences for the network to read.\n"
            f"    frame:\n      when: implementation\n      planned: planned-reactive\n"
            f"      decided_by: [delivery-team]\n      what: content\n      nature: [{nature}]\n"
            f"      fidelity: {fid}\n      goals: [reach, feasibility]\n"
            f"    justification: Local reasons {k} that staff gave.\n"
            f"    decided: 2025-{1 + k % 12:02d}-01\n    status: approved\n"
            for k, (target, nature, fid) in enumerate(
                [
                    ("regular-rhythm", "tailoring", "consistent"),
                    ("round-length-minutes", "shortening", "consistent"),
                    ("new", "adding", "unknown"),
                    ("panel-stories", "removing", "consistent"),
                    ("problem-solving", "adding", "unknown"),
                ]
                * 2
            )
        )
        (root / "sites" / f"site-{i:04d}.yaml").write_text(
            f"codify: 1\nkind: adaptation\nsite:\n  id: site-{i:04d}\n  name: Site {i}\n"
            f"  context: A hospital of middling size.\ninnovation: schwartz-rounds\n"
            f'based_on: "1.{i % 2}.0"\nchoices:\n  frequency: monthly\n'
            f"  round-length-minutes: {45 + i % 40}\n  panel-size: 3\n  volunteers-attend: true\n"
            f"  local-name: Rounds at site {i}\nadaptations:\n{adaptations}"
            "measures_dropped: [rounds-held]\n"
        )
    return root


def scale(folder: Path) -> None:
    print("Diff and review of generated networks (whole CLI run, median of 3)")
    results = {}
    for count in (100, 1000):
        root = network(folder, count)
        kb = sum(p.stat().st_size for p in (root / "sites").iterdir()) / count / 1024
        d = wall([str(BIN / "codify"), "diff", str(root), "--format", "json"], runs=3)
        r = wall([str(BIN / "codify"), "review", str(root), "--format", "json"], runs=3)
        h = wall(
            [
                str(BIN / "codify"),
                "review",
                str(root),
                "--format",
                "html",
                "-o",
                str(folder / "review.html"),
            ],
            runs=3,
        )
        results[count] = (d, r)
        row(
            f"codify diff --format json, {count} sites ({kb:.1f} KB each)",
            f"{d:.2f} s",
            "goal < 2 s" if count == 1000 else "",
        )
        row(
            f"codify review --format json, {count} sites",
            f"{r:.2f} s",
            "goal < 3 s" if count == 1000 else "",
        )
        row(f"codify review --format html, {count} sites", f"{h:.2f} s")
    (d1, r1), (d2, r2) = results[100], results[1000]
    row("diff: 1000 sites / 100 sites", f"{d2 / d1:.1f}x", "linear would be <= 10x")
    row("review: 1000 sites / 100 sites", f"{r2 / r1:.1f}x", "linear would be <= 10x")


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
    import random

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
    print("Results and review with outcomes (5 measures x 36 months a site; median of 3)")
    times = {}
    for count in (100, 1000):
        root = outcomes_network(folder, count)
        rows = count * len(measures()) * 36
        res = wall([str(BIN / "codify"), "results", str(root), "--format", "json"], runs=3)
        rev = wall([str(BIN / "codify"), "review", str(root), "--format", "json"], runs=3)
        times[count] = (res, rev)
        goal = count == 1000
        row(
            f"codify results --format json, {count} sites ({rows:,} rows)",
            f"{res:.2f} s",
            "goal < 2 s" if goal else "",
        )
        row(
            f"codify review --format json, {count} sites with results",
            f"{rev:.2f} s",
            "goal < 3 s" if goal else "",
        )
    peak = subprocess.run(
        [PY, "-c", PEAK, "results", str(folder / "outcomes-1000"), "--format", "json"],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    kb = int(peak.stderr.strip().splitlines()[-1])
    row("codify results, 1000 sites: peak memory", f"{kb / 1024:.0f} MB", "goal < 300 MB")
    (a1, b1), (a2, b2) = times[100], times[1000]
    row("results: 1000 sites / 100 sites", f"{a2 / a1:.1f}x", "linear would be <= 10x")
    row("review with outcomes: 1000 sites / 100 sites", f"{b2 / b1:.1f}x", "linear would be <= 10x")


PEAK = """
import resource, sys
from codify.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""

PLAIN = """
import sys
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
fonts = FontConfiguration()
sheets = [CSS(filename=sys.argv[3], font_config=fonts)]
HTML(string=open(sys.argv[1]).read()).write_pdf(
    sys.argv[2], stylesheets=sheets, font_config=fonts, pdf_variant="pdf/ua-1"
)
"""
PRINT_CSS = ROOT / "templates" / "playbook-print.css"


def build(folder: Path) -> None:
    print("Build (fresh processes, median of 3): codify beside WeasyPrint alone on the same HTML")
    env = {**ENV, "SOURCE_DATE_EPOCH": "1767225600"}
    for example in sorted(EXAMPLES.iterdir()):
        out = folder / f"out-{example.name}"
        codify = [str(BIN / "codify"), "build", str(example), "-o", str(out), "--format"]
        html_t = wall([*codify, "html"], runs=3, env=env)
        pdf_t = wall([*codify, "pdf"], runs=3, env=env)
        html_file = next(out.glob("*.html"))
        plain = wall(
            [PY, "-c", PLAIN, str(html_file), str(folder / "plain.pdf"), str(PRINT_CSS)],
            runs=3,
            env=env,
        )
        peak = subprocess.run(
            [PY, "-c", PEAK, "build", str(example), "-o", str(out), "--format", "pdf"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        kb = int(peak.stderr.strip().splitlines()[-1])
        overhead = pdf_t - plain
        row(f"{example.name}: codify build --format html", f"{html_t:.2f} s", "goal < 0.5 s")
        row(
            f"{example.name}: codify build --format pdf",
            f"{pdf_t:.2f} s",
            f"peak {kb / 1024:.0f} MB",
        )
        row(f"{example.name}: python + WeasyPrint alone, same HTML and CSS", f"{plain:.2f} s")
        row(
            f"{example.name}: codify PDF / WeasyPrint alone",
            f"{pdf_t / plain:.2f}x",
            "goal <= 1.10x: " + ("met" if pdf_t <= 1.10 * plain else "NOT met"),
        )
        row(
            f"{example.name}: codify's own share",
            f"{overhead:+.2f} s",
            f"{100 * overhead / pdf_t:+.0f}% of the PDF time (goal < 10%)",
        )


def main() -> None:
    """Print every figure."""
    print(f"codify benchmarks on {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        startup()
        print()
        loading(folder)
        print()
        scale(folder)
        print()
        outcomes_scale(folder)
        print()
        build(folder)


if __name__ == "__main__":
    main()
