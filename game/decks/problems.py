"""A problem found in a deck file, pointing at the place a person must edit."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    path: Path
    line: int
    column: int
    message: str
    severity: str = "error"  # "error" fails validation; "warning" (e.g. a missing translation) does not

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        return printable(f"{display_path(self.path)}:{self.line}:{self.column}: {self.severity}: {self.message}")


def printable(text: str) -> str:
    """`text` with control and formatting characters written as escapes (\\x1b, \\u202e), so a file
    cannot set a terminal's title, clear it or reorder a line through our messages."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def display_path(path: Path) -> str:
    """Relative to the working directory when that is shorter, so messages stay readable."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return relative if not relative.startswith("..") else str(path)
