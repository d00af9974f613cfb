"""The CLI's edges: the one error handler, help that reads like a kept tool, sites by id or path."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codify.cli import app
from tests.paths import EXAMPLES

COMMANDS = ["validate", "diff", "schema", "build", "review", "export", "init", "adapt", "upgrade"]


@pytest.mark.parametrize("name", COMMANDS)
def test_help_names_arguments_and_values_not_python_types(runner: CliRunner, name: str) -> None:
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0
    text = result.stdout
    assert not re.search(r"<(list|str|int|path|float|bool)[^>]*>", text), text
    assert "{" not in text.split("\n", 1)[0], text  # usage line: PATH..., not {paths}...
    assert "Value error" not in text


def test_a_bad_choice_lists_the_values_and_suggests_one(runner: CliRunner) -> None:
    result = runner.invoke(app, ["review", str(EXAMPLES / "dafne"), "--format", "jsn"])
    assert result.exit_code == 2
    assert "'jsn' is not one of text, json, markdown, html; did you mean 'json'?" in result.stderr
    assert "Value error" not in result.stderr


def test_completion_is_offered(runner: CliRunner) -> None:
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


def test_unwritable_output_is_one_line_and_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "innovation", "-o", str(tmp_path / "no" / "\0x")])
    assert result.exit_code == 2, result.output
    missing = tmp_path / "file"
    missing.write_text("x")
    result = runner.invoke(app, ["schema", "innovation", "-o", str(missing / "below.json")])
    assert result.exit_code == 2
    assert result.stderr.startswith("codify: error: ") and "below.json" in result.stderr
    assert "Traceback" not in result.output and ".tmp" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        result = runner.invoke(app, ["schema", "innovation", "-o", str(tmp_path / "s.json")])
    finally:
        tmp_path.chmod(0o700)
    assert result.exit_code == 2 and "s.json" in result.stderr


def test_upgrade_of_a_file_that_is_not_utf8(runner: CliRunner, tmp_path: Path) -> None:
    project = tmp_path / "dafne"
    shutil.copytree(EXAMPLES / "dafne", project)
    site = project / "sites" / "cork.yaml"
    site.write_bytes(site.read_bytes().replace(b"Cork", b"C\xf6rk", 1))
    result = runner.invoke(app, ["upgrade", str(site)])
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("given", ["newcastle", "sites/newcastle.yaml", "newcastle.yaml"])
def test_build_site_by_id_or_path(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    monkeypatch.chdir(EXAMPLES / "dafne")
    args = ["build", ".", "--site", given, "-f", "html", "-o", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    # Beside the playbook, only the build manifest (hidden).
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".codify-build.json",
        "dafne-newcastle.html",
    ]


def test_unknown_site_suggests_the_closest(runner: CliRunner, tmp_path: Path) -> None:
    args = ["build", str(EXAMPLES / "dafne"), "--site", "newcastel", "-o", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "did you mean 'newcastle'?" in result.stderr and "cork" in result.stderr


def test_adapt_accepts_a_file_name_for_the_new_site(runner: CliRunner, tmp_path: Path) -> None:
    project = tmp_path / "dafne"
    shutil.copytree(EXAMPLES / "dafne", project)
    result = runner.invoke(app, ["adapt", str(project), "--site", "leeds.yaml"])
    assert result.exit_code == 0, result.output
    assert (project / "sites" / "leeds.yaml").is_file()
    assert "id: leeds" in (project / "sites" / "leeds.yaml").read_text()


def test_export_rejects_a_combination_that_does_not_exist(runner: CliRunner) -> None:
    args = ["export", str(EXAMPLES / "dafne"), "--as", "frame-csv", "--format", "markdown"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "CSV only" in result.stderr
    assert result.stdout == ""


def test_a_periphery_kind_typo_lists_the_kinds_in_words(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path / "p")]).exit_code == 0
    spec = tmp_path / "p" / "innovation.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("kind: range ", "kind: rnage ", 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path / "p")])
    assert "expected one of: choice, range, toggle, text; did you mean 'range'?" in result.stdout
    assert "PeripheryKind" not in result.stdout


def test_a_results_csv_given_alone_says_to_give_the_project(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(EXAMPLES / "dafne" / "results" / "cork.csv")])
    assert result.exit_code == 2
    assert "a results file is checked with its project" in result.stderr
    assert "yaml-syntax" not in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["build", "p"], True),
        (["build", "p", "--site", "leeds", "-f", "pdf"], True),
        (["build", "p", "-f", "html"], False),
        (["build", "p", "--format=html"], False),
        (["build", "p", "--all-sites", "--jobs", "2"], False),
        (["build", "--help"], False),
        (["validate", "p"], False),
        ([], False),
    ],
)
def test_the_launcher_starts_a_pdf_worker_only_for_a_pdf_build(
    args: list[str], expected: bool
) -> None:
    from codify.launch import builds_one_pdf

    assert builds_one_pdf(args) is expected


def test_a_pdf_built_by_the_command_is_the_one_built_in_process(tmp_path: Path) -> None:
    import subprocess
    import sys

    codify = Path(sys.executable).parent / "codify"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    args = [str(EXAMPLES / "florence"), "-f", "pdf", "--force"]
    done = subprocess.run(
        [str(codify), "build", *args, "-o", str(tmp_path / "a")], env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    result = CliRunner().invoke(app, ["build", *args, "-o", str(tmp_path / "b")], env=env)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a" / "florence.pdf").read_bytes() == (
        tmp_path / "b" / "florence.pdf"
    ).read_bytes()


def _codify() -> str:
    import sys

    return str(Path(sys.executable).parent / "codify")


def test_output_that_cannot_be_written_is_an_error_not_silence() -> None:
    import subprocess

    spec = EXAMPLES / "florence" / "innovation.yaml"
    with Path("/dev/full").open("w") as full:  # every write fails: no space left on the device
        done = subprocess.run(
            [_codify(), "validate", str(spec), "--format", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr.startswith("codify: error:") and "No space left on device" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("unbuffered", ["1", None])
@pytest.mark.parametrize("command", [["diff", "schwartz-rounds"], ["validate", "dafne"]])
def test_a_reader_that_stops_reading_is_not_an_error(
    command: list[str], unbuffered: str | None
) -> None:
    """Whether the pipe breaks in the command or at the last flush, the end is the same."""
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = unbuffered
    read, write = os.pipe()
    os.close(read)  # the reader has gone: every write to the pipe fails (EPIPE)
    try:
        done = subprocess.run(
            [_codify(), command[0], str(EXAMPLES / command[1])],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    finally:
        os.close(write)
    assert done.stderr == ""  # not "Broken pipe", not "Exception ignored", not a traceback
    assert done.returncode == 141  # as a shell reports a writer whose reader left


def test_a_stream_closed_before_the_command_started_is_skipped(tmp_path: Path) -> None:
    import subprocess

    for redirect in (">&-", "2>&-"):
        done = subprocess.run(
            [
                "bash",
                "-c",
                f'"$0" build "$1" -o "$2" --force {redirect}',
                _codify(),
                str(EXAMPLES / "florence"),
                str(tmp_path),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    assert (tmp_path / "florence.pdf").read_bytes().startswith(b"%PDF")


def test_a_pdf_worker_the_command_did_not_use_is_stopped() -> None:
    from codify.render import worker

    if not worker.PdfWorker.usable():
        pytest.skip("a PDF worker needs fork, two cores and one thread")
    worker.prestart()
    first = worker.shared()
    assert first is not None and worker.shared() is first  # one worker serves the run
    pid = first.pid
    worker.discard()
    with pytest.raises(ChildProcessError):  # reaped: neither running nor a zombie
        os.waitpid(pid, os.WNOHANG)
    assert not worker._shared
    again = worker.shared()
    assert again is not None
    again.broken = True  # as after a render that did not finish: never asked again
    fresh = worker.shared()
    assert fresh is not None and fresh is not again
    worker.discard()
