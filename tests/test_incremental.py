"""Incremental builds: unchanged playbooks skipped, changed ones rebuilt, nothing stale."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from typer.testing import CliRunner

from codify.cli import app
from codify.render.build import BuildJob, Built, build_all
from codify.render.manifest import MANIFEST_NAME
from codify.vocab import BuildFormat, Paper
from tests.paths import EXAMPLES


def build(runner: CliRunner, project: Path, out: Path, *extra: str) -> tuple[set[str], set[str]]:
    """Build every site's HTML playbook; the names written and the names skipped."""
    args = ["build", str(project), "--all-sites", "-f", "html", "-o", str(out), *extra]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    wrote = set(re.findall(r"wrote \S*/([\w.-]+)", result.stderr))
    skipped = set(re.findall(r"skipped \S*/([\w.-]+)", result.stderr))
    return wrote, skipped


SITES = {
    "schwartz-rounds-hse-team-time.html",
    "schwartz-rounds-leeds.html",
    "schwartz-rounds-york.html",
}


def test_unchanged_inputs_skip_and_each_change_rebuilds_what_it_affects(
    project: Path, tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "out"
    assert build(runner, project, out) == (SITES, set())
    assert build(runner, project, out) == (set(), SITES)
    leeds = project / "sites" / "leeds.yaml"
    leeds.write_text(leeds.read_text().replace("name: ", "name: The ", 1))
    assert build(runner, project, out) == (
        {"schwartz-rounds-leeds.html"},
        SITES - {"schwartz-rounds-leeds.html"},
    )
    # A results file appearing for one site rebuilds that site only.
    (project / "results").mkdir(exist_ok=True)
    (project / "results" / "york.csv").write_text("measure,period,value\n")
    wrote, _ = build(runner, project, out)
    assert wrote == {"schwartz-rounds-york.html"}
    # The spec, an asset the playbook shows, and the build date each rebuild every site.
    spec = project / "innovation.yaml"
    spec.write_text(spec.read_text() + "\n# a comment\n")
    assert build(runner, project, out)[0] == SITES
    logo = project / "assets" / "rounds-mark.svg"
    logo.write_bytes(logo.read_bytes().replace(b"<svg", b"<svg data-x='1'", 1))
    assert build(runner, project, out)[0] == SITES
    os.environ["SOURCE_DATE_EPOCH"] = "1767312000"  # restored by conftest's monkeypatch
    assert build(runner, project, out)[0] == SITES
    # --force rebuilds; a user's CSS, and a change to it, rebuild.
    assert build(runner, project, out, "--force")[0] == SITES
    css = tmp_path / "brand.css"
    css.write_text("h1 { color: red; }")
    assert build(runner, project, out, "--css", str(css))[0] == SITES
    assert build(runner, project, out, "--css", str(css))[0] == set()
    css.write_text("h1 { color: blue; }")
    assert build(runner, project, out, "--css", str(css))[0] == SITES


def test_an_edited_or_deleted_output_is_rebuilt(
    project: Path, tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "out"
    build(runner, project, out)
    good = (out / "schwartz-rounds-york.html").read_bytes()
    (out / "schwartz-rounds-york.html").write_text("edited by hand")
    (out / "schwartz-rounds-leeds.html").unlink()
    wrote, _ = build(runner, project, out)
    assert wrote == {"schwartz-rounds-york.html", "schwartz-rounds-leeds.html"}
    assert (out / "schwartz-rounds-york.html").read_bytes() == good


def test_a_damaged_manifest_means_a_full_rebuild(
    project: Path, tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "out"
    build(runner, project, out)
    (out / MANIFEST_NAME).write_text('{"playbooks": {"x": 1')
    assert build(runner, project, out)[0] == SITES
    assert json.loads((out / MANIFEST_NAME).read_text())["playbooks"]


def test_a_skipped_playbook_reports_its_findings_again(
    project: Path, tmp_path: Path, runner: CliRunner
) -> None:
    spec = project / "innovation.yaml"
    spec.write_text(
        spec.read_text().replace("problem: |\n", "problem: |\n  ![x](https://e.org/x.png)\n", 1)
    )
    out = tmp_path / "out"
    args = ["build", str(project), "-f", "html", "-o", str(out), "--fail-on", "warning"]
    first = runner.invoke(app, args)
    again = runner.invoke(app, args)
    assert "skipped" in again.stderr and "wrote" not in again.stderr
    assert first.exit_code == again.exit_code == 1

    def warnings(text: str) -> list[str]:
        return [line for line in text.splitlines() if "unsafe-url" in line]

    assert warnings(first.stderr) and warnings(first.stderr) == warnings(again.stderr)


# The property: any input byte changed, and every output is what a clean build would write.
PROJECT = EXAMPLES / "schwartz-rounds"
TEXT_FIELDS = re.compile(rb"^ *(?:name|context|summary|purpose|description): [A-Za-z]", re.M)


def _inputs(root: Path) -> dict[str, bytes]:
    files = {"innovation.yaml": b"", "assets/rounds-mark.svg": b""}
    files.update({f"sites/{p.name}": b"" for p in (root / "sites").glob("*.yaml")})
    files = {name: (root / name).read_bytes() for name in files}
    files["results/leeds.csv"] = b"measure,period,value,note\nrounds-held,2025-01,1,first round\n"
    files["brand.css"] = b"/* brand */ h1 { color: navy; }\n"
    return files


def _positions(name: str, data: bytes) -> list[int]:
    """Where a letter may change and the inputs stay valid: text fields, notes, CSS, the SVG."""
    if name.endswith(".yaml"):
        return [
            i
            for m in TEXT_FIELDS.finditer(data)
            for i in range(m.end() - 1, data.index(b"\n", m.end()))
            if chr(data[i]).isalpha()
        ]
    return [i for i, b in enumerate(data) if chr(b).isalpha()]


def _jobs(root: Path, out: Path) -> list[BuildJob]:
    css = root / "brand.css"
    sites: list[Path | None] = [None, *sorted((root / "sites").glob("*.yaml"))]
    return [BuildJob(root, s, out, BuildFormat.HTML, Paper.A4, None, css) for s in sites]


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.html")}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], Path]:
    """A project with every kind of input, built once; the property restores it each time."""
    root = tmp_path_factory.mktemp("prop") / "project"
    shutil.copytree(PROJECT, root)
    inputs = _inputs(root)
    for name, data in inputs.items():
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_bytes(data)
    out = root.parent / "built"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        build_all(_jobs(root, out), 1, lambda _: None)
    return root, inputs, out


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_changed_byte_rebuilds_the_outputs_it_affects_and_nothing_is_stale(
    pristine: tuple[Path, dict[str, bytes], Path], tmp_path: Path, data: st.DataObject
) -> None:
    root, inputs, built = pristine
    out = tmp_path / f"out-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(built, out)
    for fname, original in inputs.items():
        (root / fname).write_bytes(original)
    name = data.draw(st.sampled_from(sorted(inputs)), label="file")
    content = bytearray(inputs[name])
    where = data.draw(st.sampled_from(_positions(name, bytes(content))), label="position")
    letter = data.draw(
        st.sampled_from([c for c in b"abcdefghijklmnopqrstuvwxyz" if c != content[where]])
    )
    content[where] = letter
    (root / name).write_bytes(bytes(content))
    events: list[Built] = []
    jobs = [
        BuildJob(j.project, j.site, out, j.fmt, j.paper, j.templates, j.css)
        for j in _jobs(root, out)
    ]
    build_all(jobs, 1, events.append)
    rebuilt = {p.name for e in events for p in e.files}
    if name.startswith("sites/"):
        stem = Path(name).stem
        assert rebuilt == {f"schwartz-rounds-{stem}.html"}
    elif name.startswith("results/"):
        assert rebuilt == {"schwartz-rounds-leeds.html"}
    else:
        assert rebuilt == set(_outputs(built))
    clean = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
    build_all(
        [BuildJob(j.project, j.site, clean, j.fmt, j.paper, j.templates, j.css) for j in jobs],
        1,
        lambda _: None,
    )
    assert _outputs(out) == _outputs(clean)


@pytest.mark.slow  # two processes each render a PDF
def test_two_builds_at_once_into_one_folder_leave_whole_files(tmp_path: Path, built: Path) -> None:
    """Two real processes build the same PDFs into one folder; every file stays whole.

    Slow (two PDF renders in two processes at once): it is also the determinism test, since
    each file must equal, byte for byte, the one the session's build wrote in another process.
    """
    out = tmp_path / "out"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    cmd = [sys.executable, "-m", "codify", "build", str(EXAMPLES / "dafne"), "--site", "cork"]
    procs = [
        subprocess.Popen([*cmd, "-o", str(out), "--force"], env=env, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert len(manifest["playbooks"]) == 1
    assert sorted(p.name for p in out.iterdir()) == [
        MANIFEST_NAME,
        "dafne-cork.html",
        "dafne-cork.pdf",
    ]
    for pdf in out.glob("*.pdf"):
        assert len(PdfReader(pdf).pages) >= 8
    for name in ("dafne-cork.pdf", "dafne-cork.html"):
        assert (out / name).read_bytes() == (built / name).read_bytes(), name
    assert b"2026-01-01" in (out / "dafne-cork.html").read_bytes()  # SOURCE_DATE_EPOCH
    again = subprocess.run(
        [*cmd, "-o", str(out)], env=env, capture_output=True, text=True, check=True
    )
    assert again.stderr.count("up to date") == 1


def test_a_handout_is_built_beside_an_up_to_date_playbook(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    project = str(EXAMPLES / "florence")
    first = runner.invoke(app, ["build", project, "-f", "html", "-o", str(out)])
    assert first.exit_code == 0, first.output
    result = runner.invoke(
        app, ["build", project, "-f", "html", "--handout", "summary", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (out / "florence-summary.html").is_file(), result.output
    assert "up to date" not in result.output
