"""What every benchmark section shares: timing fresh processes, printing rows, test networks."""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BIN = Path(sys.executable).parent
PY = sys.executable
CODIFY = str(BIN / "codify")
SPEC = EXAMPLES / "schwartz-rounds" / "innovation.yaml"

# Like a user's install: byte-code caches on (some shells here set PYTHONDONTWRITEBYTECODE).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["SOURCE_DATE_EPOCH"] = "1767225600"


@dataclass(frozen=True)
class Timing:
    """Median wall-clock and CPU (user + system) seconds of some runs."""

    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:.2f} s (cpu {self.cpu:.2f})"

    def ms(self) -> str:
        """The same in milliseconds."""
        return f"{self.wall * 1000:.0f} ms (cpu {self.cpu * 1000:.0f})"


def run(
    cmd: list[str], runs: int = 5, env: dict[str, str] | None = None, warm: bool = True
) -> Timing:
    """Median times of fresh processes, after one warm-up run unless ``warm`` is False."""
    return side_by_side([cmd], runs, env, warm)[0]


def side_by_side(
    cmds: list[list[str]], runs: int = 5, env: dict[str, str] | None = None, warm: bool = True
) -> list[Timing]:
    """Median times of fresh processes of each command, run in turn (a, b, a, b, ...), so
    that a change in the machine's load falls on all of them alike."""
    env = env or ENV
    if warm:
        for cmd in cmds:
            subprocess.run(cmd, capture_output=True, check=False, env=env)
    walls: list[list[float]] = [[] for _ in cmds]
    cpus: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            before = os.times()
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=False, env=env)
            walls[i].append(time.perf_counter() - start)
            after = os.times()
            cpus[i].append(
                after.children_user
                - before.children_user
                + after.children_system
                - before.children_system
            )
    return [
        Timing(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)
    ]


def timed(func: Callable[[], object], runs: int = 3) -> float:
    """Median CPU time of an in-process call, in seconds, with the collector paused as
    codify pauses it around bulk loads."""
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        start = time.process_time()
        try:
            func()
        finally:
            times.append(time.process_time() - start)
            gc.enable()
    return statistics.median(times)


def load() -> str:
    """The machine's load: other work shares these cores and slows every wall-clock figure."""
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


def heading(text: str) -> None:
    print(f"\n{text}  [{load()}]")


def row(label: str, value: str, goal: str = "") -> None:
    print(f"  {label:<56} {value:>20}   {goal}")


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


ADAPTATIONS = [
    ("regular-rhythm", "tailoring", "consistent"),
    ("round-length-minutes", "shortening", "consistent"),
    ("new", "adding", "unknown"),
    ("panel-stories", "removing", "consistent"),
    ("problem-solving", "adding", "unknown"),
] * 2


def _site(i: int) -> str:
    adaptations = "".join(
        f"  - id: change-{k}\n    target: {target}\n    description: >\n      Change {k} "
        "made at this site, described in a few sentences for the network to read.\n"
        f"    frame:\n      when: implementation\n      planned: planned-reactive\n"
        f"      decided_by: [delivery-team]\n      what: content\n      nature: [{nature}]\n"
        f"      fidelity: {fid}\n      goals: [reach, feasibility]\n"
        f"    justification: Local reasons {k} that staff gave.\n"
        f"    decided: 2025-{1 + k % 12:02d}-01\n    status: approved\n"
        for k, (target, nature, fid) in enumerate(ADAPTATIONS)
    )
    return (
        f"codify: 1\nkind: adaptation\nsite:\n  id: site-{i:04d}\n  name: Site {i}\n"
        f"  context: A hospital of middling size.\ninnovation: schwartz-rounds\n"
        f'based_on: "1.{i % 2}.0"\nchoices:\n  frequency: monthly\n'
        f"  round-length-minutes: {45 + i % 40}\n  panel-size: 3\n  volunteers-attend: true\n"
        f"  local-name: Rounds at site {i}\nadaptations:\n{adaptations}"
        "measures_dropped: [rounds-held]\n"
    )


def network(folder: Path, count: int) -> Path:
    """A project with ``count`` generated sites of a few KB each (and the example's assets)."""
    root = folder / f"net-{count}"
    (root / "sites").mkdir(parents=True)
    shutil.copy(SPEC, root / "innovation.yaml")
    shutil.copytree(SPEC.parent / "assets", root / "assets")
    for i in range(count):
        (root / "sites" / f"site-{i:04d}.yaml").write_text(_site(i))
    return root
