"""The built wheel works on its own: templates packaged, entry point installed."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.paths import EXAMPLES, ROOT


@pytest.mark.slow  # builds the wheel in an isolated env (5-10 s)
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
    assert "codify/templates/fonts.css" in names
    # A fresh venv with the wheel itself installed (entry point and all), which sees the
    # dependencies already installed in the test's own environment through a path file.
    # Installing them again from the index took 40 s of a 3-minute suite and tests nothing of ours.
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", wheel],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # A plain path line: the project's own editable install (a .pth hook there) stays inactive.
    (Path(site) / "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
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
    # The wheel's own copy, not the source checkout or the project's editable install.
    assert found.startswith(str(env_dir)) and "site-packages" in found
