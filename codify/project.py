"""Finding a project's files from what the user typed, and loading them all."""

from __future__ import annotations

import contextlib
import gc
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codify.errors import UsageError
from codify.files import file_kind
from codify.findings import Finding
from codify.models import AdaptationFile, Innovation
from codify.validate.assets import check_assets, project_root
from codify.validate.model import Loaded, load_file
from codify.validate.references import check_placeholders, check_site, check_spec
from codify.vocab import Rule, Severity
from codify.yaml.document import display_path

SPEC_NAME = "innovation.yaml"
SITES_DIR = "sites"


@dataclass
class Project:
    """A spec (when one was given) and the site files that go with it."""

    spec: Loaded[Innovation] | None
    sites: list[Loaded[AdaptationFile]] = field(default_factory=list)
    root: Path | None = None
    notes: list[Finding] = field(default_factory=list)
    """What was skipped while finding the files (a folder or a FIFO inside sites/)."""
    unmatched_ids: list[str] = field(default_factory=list)
    """For the sites that matched none of several specs given: the ids of those specs."""

    def findings(self) -> list[Finding]:
        """Every loading and checking finding of every file."""
        out = list(self.spec.findings) if self.spec else []
        out.extend(self.notes)
        for site in self.sites:
            out.extend(site.findings)
        return out

    def history_folder(self) -> Path | None:
        """The project's own folder of earlier releases (``history/``), when it has one."""
        folder = self.root / "history" if self.root is not None else None
        return folder if folder is not None and folder.is_dir() else None

    def valid_sites(self) -> list[tuple[Loaded[AdaptationFile], AdaptationFile]]:
        """The site files that loaded into a model."""
        return [(s, s.model) for s in self.sites if s.model is not None]

    def every_site_loaded(self) -> bool:
        """Whether every site file of the project's sites/ folder was loaded (or it has none):
        when only some were named, the others' results files are not strays."""
        folder = self.root / SITES_DIR if self.root is not None else None
        if folder is None or not folder.is_dir():
            return True
        loaded = {Path(s.file).resolve() for s in self.sites}
        return all(path.resolve() in loaded for path in site_files(folder))


def site_files(folder: Path) -> list[Path]:
    """The YAML files of a sites/ folder, in name order (regular files only)."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and _regular(p))


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def skipped_entries(folder: Path) -> list[Finding]:
    """An info finding for each entry of a sites/ folder that is not a regular file."""
    out = []
    for path in sorted(folder.iterdir()):
        try:
            mode = path.stat().st_mode
        except OSError:
            what = "a dangling symbolic link" if path.is_symlink() else "unreadable"
        else:
            if stat.S_ISREG(mode):
                continue
            what = file_kind(mode)
        out.append(
            Finding(
                Rule.SKIPPED_ENTRY,
                Severity.INFO,
                display_path(path),
                1,
                1,
                f"skipped: {what}, not a site file",
                key=path.name,
            )
        )
    return out


def expand(paths: Sequence[Path]) -> tuple[list[Path], Path | None]:
    """Files named by the arguments: a project folder stands for its spec and its sites."""
    files: list[Path] = []
    root: Path | None = None
    for path in paths:
        if path.is_dir():
            spec = path / SPEC_NAME
            if not spec.is_file():
                raise UsageError(
                    f"{display_path(path)}: no {SPEC_NAME} in this folder; give a project "
                    f"folder (with {SPEC_NAME} and sites/) or the YAML files themselves"
                )
            root = root or path
            files.append(spec)
            if (path / SITES_DIR).is_dir():
                files.extend(site_files(path / SITES_DIR))
        elif path.suffix.lower() == ".csv":
            raise UsageError(
                f"{display_path(path)}: a results file is checked with its project; give the "
                "project folder (its results/ files are read with it)"
            )
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{display_path(path)}: no such file or folder")
    return files, root


def load_projects(paths: Sequence[Path]) -> list[Project]:
    """Load each project folder on its own, and give each loose site file to its spec.

    With one spec among all the arguments, every loose site goes with it (a site of another
    innovation is then judged ``wrong-innovation``). With several, a site goes with the spec
    whose ``id`` its ``innovation`` names; a site that names none of them is an error, in a
    project of its own, never skipped.
    """
    folders = [p for p in paths if p.is_dir()]
    projects = [load_project([folder]) for folder in folders]
    loose, _ = expand([p for p in paths if not p.is_dir()])
    if not loose:
        return projects
    with paused_gc():
        files = [(path, load_checked(path)) for path in loose]
    for path, loaded in files:
        if _is_spec(loaded, path):
            projects.append(Project(spec=loaded, root=Path(loaded.file).parent))
    sites = [loaded for path, loaded in files if not _is_spec(loaded, path)]
    with_spec = [p for p in projects if p.spec is not None]
    if len(with_spec) <= 1:
        home = with_spec[0] if with_spec else Project(spec=None)
        home.sites.extend(sites)
        if not with_spec and sites:
            projects.append(home)
        return projects
    unmatched = Project(spec=None)
    for site in sites:
        _match(site, with_spec, unmatched)
    if unmatched.sites:
        projects.append(unmatched)
    return projects


def one_project(paths: Sequence[Path], command: str) -> Project:
    """The one innovation a command works on, with its sites; several specs are refused."""
    projects = load_projects(paths)
    specs = [p.spec.file for p in projects if p.spec is not None]
    if len(specs) > 1:
        raise UsageError(
            f"{command} works on one innovation at a time, but {len(specs)} specs were given "
            f"({', '.join(specs)}); run it once for each"
        )
    if not specs:
        raise UsageError(
            "no innovation spec given; name a project folder or its "
            f"{SPEC_NAME} along with the site files"
        )
    project = next(p for p in projects if p.spec is not None)
    return project


def _innovation_of(loaded: Loaded[Any]) -> str | None:
    data = loaded.doc.data if loaded.doc else None
    value = data.get("innovation") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _spec_id(project: Project) -> str | None:
    data = project.spec.doc.data if project.spec and project.spec.doc else None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _match(site: Loaded[Any], projects: list[Project], unmatched: Project) -> None:
    """Give a site to the one spec its ``innovation`` names, or report that none does."""
    wanted = _innovation_of(site)
    found = [p for p in projects if wanted is not None and _spec_id(p) == wanted]
    if len(found) > 1:
        raise UsageError(
            f"{site.file}: several specs given have the id '{wanted}' "
            f"({', '.join(p.spec.file for p in found if p.spec)}); give one of them"
        )
    if found:
        found[0].sites.append(site)
        return
    unmatched.sites.append(site)
    if wanted is not None:  # else its own findings already say what is wrong with `innovation`
        unmatched.unmatched_ids = sorted({i for p in projects if (i := _spec_id(p)) is not None})


class _SecondSpec(UsageError):
    """Two innovation specs were given where one project was expected."""


def load_project(paths: Sequence[Path], *, require_spec: bool = True) -> Project:
    """Load and check every file the arguments name; the spec is the innovation file."""
    files, root = expand(paths)
    project = Project(spec=None, root=root)
    if root is not None and (root / SITES_DIR).is_dir():
        project.notes = skipped_entries(root / SITES_DIR)
    with paused_gc():
        _load_into(project, files)
    if require_spec and project.spec is None:
        raise UsageError(
            "no innovation spec given; name a project folder or its "
            f"{SPEC_NAME} along with the site files"
        )
    if project.root is None and project.spec is not None:
        project.root = Path(project.spec.file).parent
    return project


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk load, which creates no cycles.

    With thousands of documents in memory, each collection walks them all again; pausing
    makes loading a large network several times faster (see STACK.md).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was loaded stays for the whole command: set it aside from future collections,
        # or the first one after the pause walks it all again (0.3 s for 1,000 sites).
        gc.freeze()
        if enabled:
            gc.enable()


def _load_into(project: Project, files: list[Path]) -> None:
    for path in files:
        loaded = load_checked(path)
        if isinstance(loaded.model, Innovation):
            if project.spec is not None:
                raise _SecondSpec(
                    f"{loaded.file}: a second innovation spec (the first is "
                    f"{project.spec.file}); give one spec with its sites"
                )
            project.spec = loaded
        elif isinstance(loaded.model, AdaptationFile):
            project.sites.append(loaded)
        elif _looks_like_spec(loaded, path) and project.spec is None:
            project.spec = loaded
        else:
            project.sites.append(loaded)


def load_checked(path: Path, expect: str | None = None) -> Loaded[Any]:
    """Load one file and run every check that needs only that file, valid model or not."""
    loaded = load_file(path, expect)
    doc = loaded.doc
    if (
        doc is None
        or not isinstance(doc.data, dict)
        or any(f.rule in (Rule.YAML_SYNTAX, Rule.UNSUPPORTED_VERSION) for f in loaded.findings)
    ):
        return loaded
    kind = doc.data.get("kind", expect)
    if kind == "innovation":  # any other value was reported by the schema check
        loaded.findings.extend(check_spec(doc))
    elif kind == "adaptation":
        loaded.findings.extend(check_site(doc))
    loaded.findings.extend(check_placeholders(doc))
    if loaded.model is not None and kind in ("innovation", "adaptation"):
        loaded.findings.extend(check_assets(loaded.model, doc, project_root(path, kind)))
    return loaded


def _is_spec(loaded: Loaded[Any], path: Path) -> bool:
    if isinstance(loaded.model, Innovation):
        return True
    return not isinstance(loaded.model, AdaptationFile) and _looks_like_spec(loaded, path)


def _looks_like_spec(loaded: Loaded[Any], path: Path) -> bool:
    data = loaded.doc.data if loaded.doc else None
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind == "innovation" or (kind is None and path.name == SPEC_NAME)


def find_site(project: Path, value: str | Path) -> Path:
    """A site file named by its path, its file name or its site id, with "did you mean".

    Ids are read from each file's own ``site.id``, even in a file with other problems, so that a
    command can name a site that does not validate yet.
    """
    from codify.text import did_you_mean
    from codify.yaml.document import load_document

    given = Path(value)
    for candidate in (given, project / given, project / SITES_DIR / given):
        if candidate.is_file():
            return candidate
    folder = project / SITES_DIR
    ids: dict[str, Path] = {}
    for path in site_files(folder) if folder.is_dir() else []:
        ids.setdefault(path.stem, path)
        doc, _ = load_document(path)  # guarded: size, depth, bytes
        about = doc.data.get("site") if doc is not None and isinstance(doc.data, dict) else None
        ident = about.get("id") if isinstance(about, dict) else None
        if isinstance(ident, str):
            ids.setdefault(ident, path)
    name = given.stem if given.suffix in (".yaml", ".yml") else str(value)
    if name in ids:
        return ids[name]
    known = ", ".join(sorted(ids)) or "none"
    raise UsageError(
        f"{value}: no such site in {display_path(folder)} (sites: {known}){did_you_mean(name, ids)}"
    )
