"""One error root for codify, with a few named subclasses the CLI knows how to show."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from codify.findings import Finding


class CodifyError(Exception):
    """Root of every error codify raises on purpose."""

    exit_code = 1

    def __str__(self) -> str:
        from codify.text import escape_controls

        return escape_controls(super().__str__())


class UsageError(CodifyError):
    """The command was asked for something that cannot be done (missing file, bad option)."""

    exit_code = 2


class InvalidInputError(CodifyError):
    """An input file has problems; the findings say which."""

    def __init__(self, message: str, findings: list[Finding]) -> None:
        super().__init__(message)
        self.findings = findings

    def __reduce__(self) -> tuple[type[InvalidInputError], tuple[str, list[Finding]]]:
        # Rebuilt whole when it crosses from a build worker process (build --jobs).
        return (type(self), (str(self.args[0]), self.findings))


class RenderError(CodifyError):
    """A playbook or report could not be rendered."""
