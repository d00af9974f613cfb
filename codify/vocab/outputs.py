"""What commands print and write: release changes, review cells, formats, paper, exit levels."""

from __future__ import annotations

from enum import StrEnum


class ChangeLevel(StrEnum):
    """Semantic-versioning level of a change between two releases of a spec."""

    PATCH = "patch"
    MINOR = "minor"
    MAJOR = "major"

    @property
    def rank(self) -> int:
        """Higher needs a bigger version bump."""
        return {"patch": 0, "minor": 1, "major": 2}[self.value]


class ChangeKind(StrEnum):
    """What a change between two releases does to its target."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class CellState(StrEnum):
    """A site's state on one element in the review's matrix, worst first."""

    PROSCRIBED = "proscribed"
    CORE_CHANGED = "core-changed"
    OUT_OF_BOUNDS = "out-of-bounds"
    CORE_FORM = "core-form"
    IN_BOUNDS = "in-bounds"
    UNSET = "unset"

    @property
    def symbol(self) -> str:
        """A symbol that reads without colour."""
        return {
            "proscribed": "⊘",
            "core-changed": "✗",
            "out-of-bounds": "↔",
            "core-form": "!",
            "in-bounds": "✓",
            "unset": "·",
        }[self.value]

    @property
    def label(self) -> str:
        """The state in words, for legends and screen readers."""
        return {
            "proscribed": "proscribed practice",
            "core-changed": "core function changed",
            "out-of-bounds": "out of bounds",
            "core-form": "form changed, needs review",
            "in-bounds": "in bounds",
            "unset": "default / kept",
        }[self.value]


class OutputFormat(StrEnum):
    """Output formats of validate and diff."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    GITHUB = "github"


class ReviewFormat(StrEnum):
    """Output formats of review."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


class BuildFormat(StrEnum):
    """What ``codify build`` writes."""

    HTML = "html"
    PDF = "pdf"
    ALL = "all"


class ExportKind(StrEnum):
    """What ``codify export`` writes."""

    TIDIER = "tidier"
    FRAME_CSV = "frame-csv"


class ExportFormat(StrEnum):
    """Formats of the TIDieR export (frame-csv is CSV only)."""

    MARKDOWN = "markdown"
    CSV = "csv"


class Handout(StrEnum):
    """The one-page handouts ``codify build --handout`` makes."""

    SUMMARY = "summary"
    CHECKLIST = "checklist"


class Paper(StrEnum):
    """Paper sizes for the PDF."""

    A4 = "a4"
    LETTER = "letter"


class SchemaKind(StrEnum):
    """The file kinds with a JSON Schema."""

    INNOVATION = "innovation"
    ADAPTATION = "adaptation"


class FailOn(StrEnum):
    """The lowest severity that makes a command exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"
