"""Where the test inputs live."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CASES = Path(__file__).resolve().parent / "cases"
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLE_DIRS = sorted(p for p in EXAMPLES.iterdir() if (p / "innovation.yaml").is_file())
