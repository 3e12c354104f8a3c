"""Problems found in the content: one type, one message format for all of them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (``error``) or doubtful (``warning``) in an input file.

    ``line`` and ``column`` are 1-based positions in the *file* (front matter
    included), 0 when the problem concerns the whole file.
    """

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"
    hint: str = ""

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def error(path: str | Path, line: int, message: str, hint: str = "", column: int = 0) -> Problem:
    """An error: the build stops after reporting all of them."""
    return Problem(str(path), line, column, message, "error", hint)


def warning(path: str | Path, line: int, message: str, hint: str = "", column: int = 0) -> Problem:
    """A warning: reported, but the build goes on (unless run strict)."""
    return Problem(str(path), line, column, message, "warning", hint)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean …?' hint naming the closest of ``choices``, or ''."""
    close = difflib.get_close_matches(word, sorted(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    return "did you mean " + " or ".join(repr(c) for c in close) + "?"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in reading order: by file, then line, then column."""
    return sorted(set(problems))
