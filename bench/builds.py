"""Build figures: incremental rebuilds, parallel PDFs, and codify's share of a PDF's time."""

from __future__ import annotations

import subprocess
from pathlib import Path

from common import (
    CODIFY,
    ENV,
    EXAMPLES,
    PY,
    ROOT,
    heading,
    network,
    row,
    run,
    side_by_side,
    verdict,
)

# Peak memory of one command, in KB. VmHWM is this process's own high-water mark; ru_maxrss
# is not, on Linux: it keeps the RSS of the process that spawned it (the benchmark itself, some
# hundreds of MB by then), across exec.
PEAK = """
import resource, sys
from codify.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
try:
    with open("/proc/self/status") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except OSError:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(kb, file=sys.stderr)
"""

# The baseline: WeasyPrint alone on the HTML codify wrote, with the same print stylesheet and
# fonts, so the ratio is what codify adds (start-up, loading, HTML, the PDF/UA repair).
PLAIN = """
import sys
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
fonts = FontConfiguration()
sheets = [CSS(filename=f, font_config=fonts) for f in sys.argv[3:]]
HTML(string=open(sys.argv[1]).read()).write_pdf(
    sys.argv[2], stylesheets=sheets, font_config=fonts, pdf_variant="pdf/ua-1"
)
"""
PRINT_CSS = [str(ROOT / "templates" / n) for n in ("fonts.css", "playbook-print.css")]


def incremental(folder: Path, root: Path) -> None:
    """100 site playbooks: built once, rebuilt unchanged, then with one site changed."""
    heading("Incremental builds: 100 site playbooks (HTML) in one output folder")
    out = folder / "inc-out"
    build = [CODIFY, "build", str(root), "--all-sites", "--format", "html", "-o", str(out)]
    full = run([*build, "--jobs", "2", "--force"], runs=1, warm=False)
    same = run(build, runs=5)
    site = root / "sites" / "site-0007.yaml"
    text = site.read_text()

    def one_changed() -> list[str]:
        site.write_text(text + f"# edited {one_changed.count}\n")  # type: ignore[attr-defined]
        one_changed.count += 1  # type: ignore[attr-defined]
        return build

    one_changed.count = 0  # type: ignore[attr-defined]
    changed = [run(one_changed(), runs=1, warm=False) for _ in range(3)]
    one = sorted(changed, key=lambda t: t.wall)[1]
    row("first build, --jobs 2 (the baseline)", str(full))
    row("rebuild, nothing changed", str(same), f"goal < 1 s in all: {verdict(same.wall < 1)}")
    row("rebuild after one site file changed", str(one), "one playbook rendered, 99 skipped")


def parallel(folder: Path) -> None:
    """20 site PDFs, one worker process against two."""
    heading("Parallel builds: 20 site playbooks as PDF, --force (one run each)")
    root = network(folder / "par", 20)
    base = [CODIFY, "build", str(root), "--all-sites", "--format", "pdf", "--force"]
    one = run([*base, "--jobs", "1", "-o", str(folder / "par-1")], runs=1, warm=False)
    two = run([*base, "--jobs", "2", "-o", str(folder / "par-2")], runs=1, warm=False)
    row("--jobs 1 (the baseline)", str(one))
    row(
        "--jobs 2",
        str(two),
        f"{one.wall / two.wall:.2f}x faster; goal >= 1.8x: {verdict(one.wall / two.wall >= 1.8)}",
    )


def pdf_overhead(folder: Path) -> None:
    heading(
        "A PDF playbook: codify beside WeasyPrint alone on the same HTML (median of 7, in turn)"
    )
    for example in sorted(EXAMPLES.iterdir()):
        out = folder / f"out-{example.name}"
        codify = [CODIFY, "build", str(example), "-o", str(out), "--force", "--format"]
        html_t = run([*codify, "html"], runs=3)
        html_file = next(out.glob("*.html"))
        plain_pdf = str(folder / "plain.pdf")
        plain_cmd = [PY, "-c", PLAIN, str(html_file), plain_pdf, *PRINT_CSS]
        plain, pdf_t = side_by_side([plain_cmd, [*codify, "pdf"]], runs=7)
        args = ["build", str(example), "-o", str(out), "--force", "--format", "pdf"]
        peak = subprocess.run(
            [PY, "-c", PEAK, *args], capture_output=True, text=True, env=ENV, check=False
        )
        kb = int(peak.stderr.strip().splitlines()[-1])
        ratio = pdf_t.wall / plain.wall
        row(f"{example.name}: codify build --format html", str(html_t), "goal < 0.5 s")
        row(f"{example.name}: WeasyPrint alone (the baseline)", str(plain))
        row(
            f"{example.name}: codify build --format pdf",
            str(pdf_t),
            f"{ratio:.2f}x the baseline; goal 1.10x: {verdict(ratio <= 1.10)}, "
            f"1.05x: {verdict(ratio <= 1.05)}; "
            f"peak {kb / 1024:.0f} MB",
        )
