"""codify's speed figures, each beside its baseline and its goal (issue 14), from one run.

Run with `make bench` (a few minutes). It never fails on a slow machine; it reports. Wall-clock
figures are medians of fresh processes; CPU (user + system) is printed beside them because
other work on the machine slows the wall clock but hardly the CPU time. The load is printed
with each section.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from builds import incremental, parallel, pdf_overhead
from common import (
    CODIFY,
    ENV,
    EXAMPLES,
    PY,
    SPEC,
    heading,
    load,
    network,
    row,
    run,
    timed,
    verdict,
)
from outcomes import outcomes_scale


def startup() -> None:
    heading("Start-up (median of 9 fresh processes)")
    base = run([PY, "-c", "pass"], runs=9)
    pyd = run([PY, "-c", "import pydantic"], runs=9)
    helped = run([CODIFY, "--help"], runs=9)
    val = run([CODIFY, "validate", str(SPEC)], runs=9)
    row("python -c pass", base.ms())
    row('python -c "import pydantic" (the baseline)', pyd.ms())
    row(
        "codify --help",
        helped.ms(),
        f"{helped.wall / pyd.wall:.1f}x the baseline (cpu {helped.cpu / pyd.cpu:.1f}x); "
        f"goal < 1.5x: {verdict(helped.wall < 1.5 * pyd.wall)}",
    )
    row(
        "codify validate schwartz-rounds/innovation.yaml",
        val.ms(),
        f"{val.wall / pyd.wall:.1f}x the baseline (cpu {val.cpu / pyd.cpu:.1f}x); "
        f"goal < 3x: {verdict(val.wall < 3 * pyd.wall)}",
    )


def big_spec(folder: Path, target_bytes: int = 1_000_000) -> Path:
    """A valid spec of about ``target_bytes``: many core functions, each with checks."""
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
    from codify.yaml import cache

    heading("Load and validate, in process, parse cache off (median CPU of 3)")
    os.environ["CODIFY_CACHE_DIR"] = "off"
    cache.folder.cache_clear()
    for example in sorted(EXAMPLES.iterdir()):
        t = timed(lambda e=example: load_project([e]))  # type: ignore[misc]
        row(f"examples/{example.name} (spec and sites)", f"{t * 1000:.1f} ms")
    path = big_spec(folder)
    t = timed(lambda: load_project([path]))
    mb = path.stat().st_size / 1e6
    row(f"generated spec, {mb:.1f} MB", f"{t * 1000:.0f} ms", f"{mb / t:.1f} MB/s")


def yaml_choices(root: Path, folder: Path) -> None:
    """The YAML floor on 1,000 site files: each way of getting data with positions."""
    from codify.yaml import cache
    from codify.yaml.document import load_document, parse_document
    from codify.yaml.parse import _composer

    heading("Parsing 1,000 site files, in process (median CPU of 3): the alternatives")
    files = sorted((root / "sites").iterdir())
    texts = [p.read_text() for p in files]
    ruamel = timed(lambda: [_composer().compose(t) for t in texts])
    row("ruamel.yaml C composer, nodes only (what codify uses)", f"{ruamel:.2f} s")
    row("PyYAML C composer, nodes only (not a dependency)", _pyyaml(texts))
    parsed = timed(lambda: [parse_document(t, "f") for t in texts])
    row("codify: compose, then data and positions", f"{parsed:.2f} s", "what a cold run pays")
    os.environ["CODIFY_CACHE_DIR"] = str(folder / "yaml-cache")
    cache.folder.cache_clear()
    cold = timed(lambda: [load_document(p) for p in files], runs=1)
    warm = timed(lambda: [load_document(p) for p in files])
    row("codify, parse cache empty (parse + store)", f"{cold:.2f} s")
    row(
        "codify, parse cache warm (files unchanged)",
        f"{warm:.2f} s",
        f"{parsed / warm:.0f}x faster than parsing: chosen",
    )


def _pyyaml(texts: list[str]) -> str:
    try:
        import yaml
        from yaml._yaml import CParser
    except ImportError:
        return "not installed"

    class Marker(yaml.resolver.BaseResolver):  # type: ignore[misc]
        def resolve(self, kind: object, value: object, implicit: object) -> str:
            return "plain"

    class Loader(CParser, Marker):  # type: ignore[misc]
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            Marker.__init__(self)

    def compose(text: str) -> object:
        loader = Loader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()

    return f"{timed(lambda: [compose(t) for t in texts]):.2f} s"


def scale(folder: Path) -> Path:
    """diff and review of generated networks: cold cache, warm cache, and how they grow."""
    heading("diff and review of generated networks (whole CLI runs)")
    env = {**ENV, "CODIFY_CACHE_DIR": str(folder / "cli-cache")}
    warm: dict[int, tuple[float, float]] = {}
    roots = {}
    for count in (100, 1000, 5000):
        roots[count] = root = network(folder, count)
        diff = [CODIFY, "diff", str(root), "--format", "json"]
        html = [CODIFY, "review", str(root), "--format", "html", "-o", str(folder / "r.html")]
        cold = run(diff, runs=1, env=env, warm=False)
        d = run(diff, runs=3, env=env)
        r = run(html, runs=3, env=env)
        j = run([CODIFY, "review", str(root), "--format", "json"], runs=3, env=env)
        warm[count] = (d.wall, r.wall)
        goal_d = f"goal < 1.2 s: {verdict(d.wall < 1.2)}" if count == 1000 else ""
        goal_r = f"goal < 2 s: {verdict(r.wall < 2)}" if count == 1000 else ""
        row(f"codify diff --format json, {count} sites, first run", str(cold), "cache empty")
        row(f"codify diff --format json, {count} sites", str(d), goal_d)
        row(f"codify review --format html, {count} sites", str(r), goal_r)
        row(f"codify review --format json, {count} sites", str(j))
    for what, i in (("diff", 0), ("review html", 1)):
        per = [warm[n][i] / n * 1000 for n in (100, 1000, 5000)]
        row(
            f"{what}: ms per site at 100 / 1,000 / 5,000",
            " / ".join(f"{p:.2f}" for p in per),
            "linear: the cost per site does not grow",
        )
    return roots[100]


def main() -> None:
    """Print every figure."""
    print(f"codify benchmarks, Python {sys.version.split()[0]}; {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        startup()
        loading(folder)
        net100 = scale(folder)
        yaml_choices(folder / "net-1000", folder)
        outcomes_scale(folder)
        incremental(folder, net100)
        parallel(folder)
        pdf_overhead(folder)
    print(f"\nDone; {load()}")


if __name__ == "__main__":
    main()
