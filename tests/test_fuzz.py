"""A bounded, seeded fuzz run: the examples mutated at byte and data level go through validate,
diff, build --format html, upgrade and export; no traceback and no exit code but 0, 1 or 2."""

from __future__ import annotations

import io
import random
import shutil
import time
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from typer.testing import CliRunner

from codify.cli import app
from tests.paths import EXAMPLES

runner = CliRunner()
SEED = 20261129
ROUNDS = 30
NASTY: list[Any] = [
    "\x1b[2J",
    "=HYPERLINK(1)",
    "javascript:alert(1)",
    "a" * 300,
    "2023-02-30",
    None,
    True,
    1.10,
    -1,
    10**30,
    float("inf"),
    [],
    {},
    {"<<": {"x": 1}},
    "TODO",
    "../../etc/passwd",
]
BYTES = [b"\x00", b"\xff", b"\t", b"[", b"{", b"&a ", b"*a", b"!!python/object ", b"\r", b": "]


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(out) + 1)
        action = rng.randrange(3)
        if action == 0 and out:
            del out[i : i + rng.randint(1, 20)]
        elif action == 1:
            out[i:i] = rng.choice(BYTES) * rng.randint(1, 3)
        else:
            out[i:i] = out[rng.randrange(len(out)) :][: rng.randint(1, 40)]
    return bytes(out)


def _mutate_data(node: Any, rng: random.Random) -> Any:
    if isinstance(node, dict) and node:
        key = rng.choice(list(node))
        node[key] = rng.choice(NASTY) if rng.random() < 0.5 else _mutate_data(node[key], rng)
    elif isinstance(node, list) and node:
        i = rng.randrange(len(node))
        node[i] = rng.choice(NASTY) if rng.random() < 0.5 else _mutate_data(node[i], rng)
    else:
        return rng.choice(NASTY)
    return node


def _mutated(path: Path, rng: random.Random) -> bytes:
    raw = path.read_bytes()
    if rng.random() < 0.5:
        return _mutate_bytes(raw, rng)
    yaml = YAML(typ="safe")
    data = yaml.load(raw.decode("utf-8"))
    buffer = io.StringIO()
    yaml.dump(_mutate_data(data, rng), buffer)
    return buffer.getvalue().encode("utf-8")


def _check(args: list[str]) -> None:
    result = runner.invoke(app, args)
    tb = result.exception if not isinstance(result.exception, SystemExit) else None
    assert tb is None, f"codify {' '.join(args)} raised {tb!r}"
    assert result.exit_code in (0, 1, 2), f"codify {' '.join(args)} exited {result.exit_code}"


def test_mutated_examples_never_crash(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    started = time.perf_counter()
    examples = sorted(p for p in EXAMPLES.iterdir() if (p / "innovation.yaml").is_file())
    for round_ in range(ROUNDS):
        source = examples[round_ % len(examples)]
        project = tmp_path / f"r{round_}"
        shutil.copytree(source, project)
        files = [project / "innovation.yaml", *sorted((project / "sites").glob("*.yaml"))]
        victim = rng.choice(files)
        victim.write_bytes(_mutated(victim, rng))
        site = sorted((project / "sites").glob("*.yaml"))[0]
        out = tmp_path / f"out{round_}"
        _check(["validate", str(project)])
        _check(["diff", str(project), "--format", "json"])
        _check(["export", str(project), "--as", "frame-csv"])
        _check(["export", str(project), "--as", "tidier"])
        _check(["upgrade", str(site), "--dry-run"])
        if round_ % 3 == 0:
            _check(["build", str(project), "--format", "html", "-o", str(out)])
    assert time.perf_counter() - started < 60
