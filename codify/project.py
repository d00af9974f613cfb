"""Finding a project's files from what the user typed, and loading them all."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codify.errors import UsageError
from codify.findings import Finding
from codify.models import AdaptationFile, Innovation
from codify.validate.model import Loaded, load_file
from codify.validate.references import check_placeholders, check_site, check_spec
from codify.vocab import Rule
from codify.yaml.document import display_path

SPEC_NAME = "innovation.yaml"
SITES_DIR = "sites"


@dataclass
class Project:
    """A spec (when one was given) and the site files that go with it."""

    spec: Loaded[Innovation] | None
    sites: list[Loaded[AdaptationFile]] = field(default_factory=list)
    root: Path | None = None

    def findings(self) -> list[Finding]:
        """Every loading and checking finding of every file."""
        out = list(self.spec.findings) if self.spec else []
        for site in self.sites:
            out.extend(site.findings)
        return out

    def valid_sites(self) -> list[tuple[Loaded[AdaptationFile], AdaptationFile]]:
        """The site files that loaded into a model."""
        return [(s, s.model) for s in self.sites if s.model is not None]


def site_files(folder: Path) -> list[Path]:
    """The YAML files of a sites/ folder, in name order."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


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
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{display_path(path)}: no such file or folder")
    return files, root


def load_projects(paths: Sequence[Path]) -> list[Project]:
    """Load each project folder on its own, and loose files together (for validate)."""
    folders = [p for p in paths if p.is_dir()]
    loose = [p for p in paths if not p.is_dir()]
    projects = [load_project([folder]) for folder in folders]
    if loose:
        try:
            projects.append(load_project(loose, require_spec=False))
        except _SecondSpec:
            # Several specs given as files: check each file alone, with no cross-file checks.
            projects.extend(load_project([path], require_spec=False) for path in loose)
    return projects


class _SecondSpec(UsageError):
    """Two innovation specs were given where one project was expected."""


def load_project(paths: Sequence[Path], *, require_spec: bool = True) -> Project:
    """Load and check every file the arguments name; the spec is the innovation file."""
    files, root = expand(paths)
    project = Project(spec=None, root=root)
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
    return loaded


def _looks_like_spec(loaded: Loaded[Any], path: Path) -> bool:
    data = loaded.doc.data if loaded.doc else None
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind == "innovation" or (kind is None and path.name == SPEC_NAME)


def find_site(project: Path, value: str | Path) -> Path:
    """A site file named by its path, its file name or its site id, with "did you mean"."""
    from codify.text import did_you_mean

    given = Path(value)
    for candidate in (given, project / given, project / SITES_DIR / given):
        if candidate.is_file():
            return candidate
    folder = project / SITES_DIR
    files = site_files(folder) if folder.is_dir() else []
    ids: dict[str, Path] = {}
    for path in files:
        ids.setdefault(path.stem, path)
        loaded = load_file(path, "adaptation")
        if isinstance(loaded.model, AdaptationFile):
            ids.setdefault(loaded.model.site.id, path)
    name = given.stem if given.suffix in (".yaml", ".yml") else str(value)
    if name in ids:
        return ids[name]
    known = ", ".join(sorted(ids)) or "none"
    raise UsageError(
        f"{value}: no such site in {display_path(folder)} (sites: {known}){did_you_mean(name, ids)}"
    )
