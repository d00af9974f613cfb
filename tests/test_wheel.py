"""The built wheel works on its own: templates packaged, entry point installed."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

from tests.paths import EXAMPLES, ROOT


def test_wheel_installs_and_builds_a_playbook(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("codify-*.whl")
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in ("NotoSans-Regular.ttf", "NotoSans-BoldItalic.ttf", "OFL.txt"):
        assert f"codify/templates/fonts/{shipped}" in names  # the fonts and their licence
    assert "codify/templates/playbook-print.css" in names
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    exe = env_dir / "bin" / "codify"
    out = tmp_path / "out"
    # Run from an unrelated folder so that nothing can come from the source checkout.
    done = subprocess.run(
        [str(exe), "build", str(EXAMPLES / "florence"), "-o", str(out), "--format", "html"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    html = (out / "florence.html").read_text()
    assert "Florence (Flo) simple telehealth" in html and "<style>" in html
    done = subprocess.run(
        [str(exe), "init", str(tmp_path / "fresh")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = subprocess.run(
        [str(python), "-c", "import codify.files as p; print(p.templates_dir())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "site-packages" in found
