"""Each class of hostile input from issue 10, with a small reproducer generated here."""

from __future__ import annotations

import json
import math
import os
import shutil
import struct
import time
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from codify.assets import image_size
from codify.cli import app
from codify.errors import InvalidInputError, UsageError
from codify.files import MAX_NAME_BYTES, read_bytes, write_atomic
from codify.findings import MAX_FINDINGS_PER_FILE, Finding, cap_per_file
from codify.network.export import neutralise
from codify.output.findings import render_github, render_markdown, render_text
from codify.project import load_project, load_projects
from codify.render.safe import AssetPolicy
from codify.render.safe import render_markdown as markdown_html
from codify.rules.project import validate_project
from codify.validate.jsonschema import render_schema
from codify.vocab import Rule, Severity
from codify.yaml.document import parse_document
from tests.paths import EXAMPLES

runner = CliRunner()
SCHWARTZ = EXAMPLES / "schwartz-rounds"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "p"
    shutil.copytree(SCHWARTZ, target)
    return target


# 1. Deep nesting, in every form, refused before composing and in linear time.
@pytest.mark.parametrize(
    "text",
    [
        "[" * 30_000,
        "[" * 30_000 + "]" * 30_000,
        "{a: " * 30_000,
        "- " * 30_000 + "x\n",
        "".join(" " * i + "a:\n" for i in range(400)),
        "".join(" " * i + "- \n" for i in range(400)),
        "a: [" * 20_000,
        "".join(" " * i + "a:\r" for i in range(400)),
    ],
    ids=["open", "closed", "flow-map", "block-seq", "block-map", "block-seq-lines", "mixed", "cr"],
)
def test_deep_nesting_is_refused_before_composing(text: str) -> None:
    started = time.perf_counter()
    doc, findings = parse_document(text, "deep.yaml")
    assert doc is None
    assert [f.rule for f in findings] == [Rule.YAML_SYNTAX]
    assert "nesting deeper than 64" in findings[0].message
    assert time.perf_counter() - started < 2


def test_deep_file_in_sites_does_not_take_the_project_down(project: Path) -> None:
    (project / "sites" / "deep.yaml").write_text("[" * 30_000, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(project)])
    assert result.exit_code == 1
    assert "nesting deeper than 64 levels" in result.output


# 2. Only regular files are read, and every read stops at a byte budget.
def test_reading_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    dangling = tmp_path / "gone.yaml"
    dangling.symlink_to(tmp_path / "nowhere")
    cases = {fifo: "named pipe", link: "a device", tmp_path: "a folder", dangling: "dangling"}
    for path, said in cases.items():
        with pytest.raises(UsageError, match=said):
            read_bytes(path)


def test_reads_stop_at_the_budget(tmp_path: Path) -> None:
    big = tmp_path / "big.css"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(UsageError, match="larger than 1 KB"):
        read_bytes(big, 1024)
    assert read_bytes(big, 4096) == b"a" * 2000


@pytest.mark.parametrize("option", ["--waivers", "--history", "paths"])
def test_devices_and_fifos_through_every_option_exit_2(project: Path, option: str) -> None:
    fifo = project.parent / "fifo"
    os.mkfifo(fifo)
    target = "/dev/zero" if option != "--history" else str(fifo)
    args = ["diff", str(project), option, target] if option != "paths" else ["validate", target]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "codify: error:" in result.output


def test_css_from_a_device_is_refused(project: Path, tmp_path: Path) -> None:
    args = ["build", str(project), "--format", "html", "-o", str(tmp_path / "out")]
    result = runner.invoke(app, [*args, "--css", "/dev/zero"])
    assert result.exit_code == 2
    assert "is a device" in result.output


def test_errors_cross_from_build_workers_whole(project: Path, tmp_path: Path) -> None:
    with (project / "sites" / "york.yaml").open("a", encoding="utf-8") as handle:
        handle.write("x: [\n")
    out = tmp_path / "out"
    args = ["build", str(project), "--all-sites", "--jobs", "2", "--format", "html", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "york.yaml" in result.output and "the input has errors" in result.output


# 3. Only http, https, mailto and DOIs become links.
@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "JaVaScRiPt:x", "//x"]
)
def test_dangerous_link_schemes_are_schema_errors_at_their_line(project: Path, url: str) -> None:
    spec = project / "innovation.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("https://www.theschwartzcenter.org/", url), encoding="utf-8")
    loaded = load_project([project]).spec
    assert loaded is not None
    found = [f for f in loaded.findings if f.rule is Rule.SCHEMA]
    assert [(f.path, f.line) for f in found] == [("owner.url", 19)]
    assert "is not a link codify makes live" in found[0].message


def test_dois_become_https_links(project: Path) -> None:
    spec = project / "innovation.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("https://doi.org/10.3310", "doi:10.3310"), encoding="utf-8")
    loaded = load_project([project]).spec
    assert loaded is not None and loaded.model is not None and loaded.ok
    urls = [r.url for r in loaded.model.references]
    assert "https://doi.org/10.3310/hsdr06370" in urls


def test_markdown_links_to_data_are_not_live() -> None:
    html = markdown_html("[x](data:text/html;base64,PHNjcmlwdD4=)", AssetPolicy(None), "t")
    assert 'href="data:' not in html


# 4. Control characters never reach a terminal raw.
def test_control_characters_are_escaped_in_every_human_readable_output() -> None:
    evil = "name\x1b]0;owned\x07\x1b[2J\x9b\u202e"
    finding = Finding(Rule.SCHEMA, Severity.ERROR, f"f{evil}.yaml", 1, 1, evil, site=evil)
    for text in (
        render_text([finding], colour=False),
        render_text([finding], colour=True).replace("\x1b[1m", "").replace("\x1b[0m", ""),
        render_markdown([finding]),
        render_github([finding]),
    ):
        text = text.replace("\x1b[31m", "")
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
        assert "\u202e" not in text
        assert "\\x1b" in text


def test_error_messages_escape_control_characters() -> None:
    assert "\x1b" not in str(UsageError("bad \x1b[2J name"))


# 5. Positions cost O(depth); findings per file are capped and counted.
def _validate_seconds(path: Path) -> float:
    best = math.inf
    for _ in range(2):
        started = time.perf_counter()
        for loaded in load_projects([path]):
            validate_project(loaded)
        best = min(best, time.perf_counter() - started)
    return best


def test_many_unknown_keys_take_linear_time_and_are_capped(tmp_path: Path) -> None:
    spec = (SCHWARTZ / "innovation.yaml").read_text(encoding="utf-8")
    none, small, large = (tmp_path / f"{n}.yaml" for n in ("none", "small", "large"))
    none.write_text(spec)
    small.write_text(spec + "".join(f"unknown{i}: {i}\n" for i in range(2_000)))
    large.write_text(spec + "".join(f"unknown{i}: {i}\n" for i in range(20_000)))
    # Ten times the keys: about ten times the time when linear, a hundred when quadratic.
    base = _validate_seconds(none)
    assert _validate_seconds(large) - base < 30 * (_validate_seconds(small) - base) + 0.3
    result = runner.invoke(app, ["validate", str(large), "--format", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.output)["findings"]
    assert len(findings) == MAX_FINDINGS_PER_FILE + 1
    assert findings[-1]["rule"] == "too-many-findings"
    assert findings[-1]["message"].startswith("19800 more finding(s)")


def test_the_cap_keeps_the_most_severe_and_counts_the_rest() -> None:
    infos = [
        Finding(Rule.PERIPHERY_CHOICE, Severity.INFO, "a.yaml", i, 1, "in") for i in range(300)
    ]
    error = Finding(Rule.SCHEMA, Severity.ERROR, "a.yaml", 999, 1, "bad")
    other = Finding(Rule.SCHEMA, Severity.WARNING, "b.yaml", 1, 1, "fine")
    kept = cap_per_file([*infos, error, other], limit=10)
    assert error in kept and other in kept and len(kept) == 12
    more = [f for f in kept if f.rule is Rule.TOO_MANY_FINDINGS]
    assert [(m.severity, m.message[:18]) for m in more] == [(Severity.INFO, "291 more finding(s")]


def test_many_duplicate_keys_take_linear_time() -> None:
    keys = "".join(f"{i}: x\n" for i in range(20_000))
    started = time.perf_counter()
    doc, findings = parse_document(keys + keys, "dup.yaml")
    assert doc is not None  # duplicates are findings, not a refusal
    assert len(findings) == 20_000 and "duplicate key '0'" in findings[0].message
    assert time.perf_counter() - started < 10


def test_many_unknown_choices_are_capped_in_diff(project: Path) -> None:
    site = project / "sites" / "leeds.yaml"
    extra = "".join(f"  nochoice{i}: 1\n" for i in range(5_000))
    site.write_text(site.read_text(encoding="utf-8").replace("choices:\n", "choices:\n" + extra))
    result = runner.invoke(app, ["diff", str(project), "--format", "json"])
    found = [f for f in json.loads(result.output)["findings"] if f["file"].endswith("leeds.yaml")]
    assert len(found) == MAX_FINDINGS_PER_FILE + 1
    assert any(f["rule"] == "too-many-findings" for f in found)


# 6. Amplification: aliases bounded in text, assets embedded once, images within a budget.
def test_an_anchored_scalar_repeated_is_refused_by_its_size() -> None:
    text = 'a: &a "' + "x" * 100_000 + '"\nb: [' + ", ".join(["*a"] * 2000) + "]\n"
    doc, findings = parse_document(text, "bomb.yaml")
    assert doc is None and "million characters" in findings[0].message


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def _png_header(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)


def _png(width: int, height: int) -> bytes:
    pixels = zlib.compress(b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height)))
    return _png_header(width, height) + _chunk(b"IDAT", pixels)


def test_an_asset_shown_many_times_is_embedded_once(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "dot.png").write_bytes(_png(40, 20))
    policy = AssetPolicy(tmp_path)
    parts = [markdown_html("![d](assets/dot.png)", policy, "t") for _ in range(40)]
    html = policy.embed("<html><head></head><body>" + "".join(parts) + "</body></html>")
    payload = policy.loaded[0].uri.split(",", 1)[1]
    assert html.count(payload) == 1
    assert html.count('class="codify-asset-0"') == 40
    assert policy.embed("".join(parts), once=False).count(payload) == 40


def test_image_sizes_are_read_from_every_raster_header() -> None:
    jfif = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + bytes(9)
    sof = b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 3000, 4000) + bytes(10)
    vp8x = b"VP8X" + struct.pack("<I", 10) + bytes(4) + (3999).to_bytes(3, "little")
    webp = b"RIFF" + bytes(4) + b"WEBP" + vp8x + (2999).to_bytes(3, "little")
    assert image_size(b"\xff\xd8" + jfif + sof) == (4000, 3000)
    assert image_size(b"GIF89a" + struct.pack("<HH", 4000, 3000)) == (4000, 3000)
    assert image_size(webp) == (4000, 3000)
    assert image_size(_png_header(4000, 3000)) == (4000, 3000)
    assert image_size(b"not an image at all") is None


def test_user_text_cannot_pose_as_an_asset_marker(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "dot.png").write_bytes(_png(4, 4))
    policy = AssetPolicy(tmp_path)
    shown = markdown_html("![d](assets/dot.png)", policy, "t")
    forged = "[x](codify-asset:0) and codify-asset:0 in text"
    html = policy.embed(shown + markdown_html(forged, policy, "t"))
    assert html.count("data:image/png") == 1
    assert "href" not in html
    # Even a link naming the real (random) marker scheme is dropped, never made live.
    linked = markdown_html(f"[x]({policy.scheme}:0)", policy, "t")
    assert "href" not in policy.embed(linked)


def test_images_over_the_pixel_budget_are_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "huge.png").write_bytes(_png_header(13_000, 13_000))
    policy = AssetPolicy(tmp_path)
    assert policy.data_uri("assets/huge.png", "logo.src") is None
    refusal = policy.refused[0]
    assert refusal.url == "assets/huge.png" and "13000 x 13000 pixels" in refusal.reason


# 7. Ids are bounded, and so are the file names derived from them.
def test_long_ids_are_schema_errors_and_in_the_json_schema(project: Path) -> None:
    spec = project / "innovation.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("id: schwartz-rounds", "id: " + "a" * 259, 1), encoding="utf-8")
    loaded = load_project([project]).spec
    assert loaded is not None
    assert any("259 characters long; at most 64" in f.message for f in loaded.findings)
    assert '"maxLength": 64' in render_schema("innovation")


def test_over_long_file_names_are_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="file name longer"):
        write_atomic(tmp_path / ("a" * (MAX_NAME_BYTES + 1) + ".html"), "x")
    assert list(tmp_path.iterdir()) == []


def test_adapt_refuses_a_long_site_id(project: Path) -> None:
    result = runner.invoke(app, ["adapt", str(project), "--site", "a" * 300])
    assert result.exit_code == 2 and "at most 64" in result.output


# 9. upgrade keeps line endings and reads through the guarded loader.
def test_upgrade_keeps_crlf_and_changes_only_based_on(project: Path) -> None:
    site = project / "sites" / "hse-team-time.yaml"
    site.write_bytes(site.read_bytes().replace(b"\n", b"\r\n"))
    before = site.read_bytes()
    history = project / "history"
    result = runner.invoke(app, ["upgrade", str(site), "--history", str(history)])
    assert result.exit_code in (0, 1), result.output
    after = site.read_bytes()
    changed = [
        (a, b) for a, b in zip(before.split(b"\r\n"), after.split(b"\r\n"), strict=True) if a != b
    ]
    assert changed == [(b'based_on: "1.0.0"', b'based_on: "1.1.0"')]
    assert after.count(b"\r\n") == before.count(b"\r\n")


@pytest.mark.parametrize(
    ("mutate", "said"),
    [
        (lambda t: t + b"decided: 2023-02-30\n", "not a valid timestamp"),
        (lambda t: t + b"x: " + b"[" * 300 + b"\n", "nesting deeper than 64"),
        (lambda t: t.replace(b"site:", b"site\xff:"), "not UTF-8"),
    ],
    ids=["bad-date", "deep", "not-utf8"],
)
def test_upgrade_refuses_unreadable_files_with_findings(project: Path, mutate, said: str) -> None:  # type: ignore[no-untyped-def]
    site = project / "sites" / "hse-team-time.yaml"
    site.write_bytes(mutate(site.read_bytes()))
    result = runner.invoke(app, ["upgrade", str(site), "--history", str(project / "history")])
    assert result.exit_code == 1
    assert said in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# 10. Messages show what the user wrote.
def test_messages_show_the_source_text(project: Path) -> None:
    spec = project / "innovation.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace('version: "1.1.0"', "version: 1.10", 1), encoding="utf-8")
    site = project / "sites" / "leeds.yaml"
    extra = "choices:\n  2024-01-01: 3\n  1: a\n  true: b\n"
    site.write_text(site.read_text(encoding="utf-8").replace("choices:\n", extra, 1))
    result = runner.invoke(app, ["validate", str(project)])
    assert "version: 1.10 is not a version" in result.output
    assert "keys '1' (line 16) and 'true' are different values" in result.output
    assert "choices.2024-01-01" in result.output and "datetime" not in result.output


# 11. Spreadsheet cells: neutralised after what a spreadsheet skips.
@pytest.mark.parametrize(
    "cell", ["=1", " =1", "\n=1", "\u00a0=1", "\u200b=1", "\ufeff=1", "\uff1d1", "\u3000@x", "\t-1"]
)
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["ok", " ok", "a=b", "1-2", ""])
def test_ordinary_cells_are_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell


# 12. Nothing in sites/ is skipped silently.
def test_non_files_in_sites_are_reported_at_info(project: Path) -> None:
    sites = project / "sites"
    (sites / "archive").mkdir()
    os.mkfifo(sites / "pipe.yaml")
    (sites / "gone.yaml").symlink_to(sites / "nowhere.yaml")
    found = load_project([project]).findings()
    skipped = sorted(
        (f.file.rsplit("/", 1)[-1], f.severity) for f in found if f.rule is Rule.SKIPPED_ENTRY
    )
    assert skipped == [
        ("archive", Severity.INFO),
        ("gone.yaml", Severity.INFO),
        ("pipe.yaml", Severity.INFO),
    ]


def test_rewrite_refuses_bad_yaml_and_keeps_crlf() -> None:
    from codify.authoring.upgrade import rewrite_based_on

    with pytest.raises(InvalidInputError):
        rewrite_based_on("based_on: 1.0.0\nx: 2023-02-30\n", "1.1.0")
    assert (
        rewrite_based_on("a: 1\r\nbased_on: '1.0.0'\r\n", "2.0.0")
        == "a: 1\r\nbased_on: '2.0.0'\r\n"
    )
