"""A one-line progress bar on stderr, for exports long enough to wonder whether anything happens.

It redraws only on a terminal; in a log or a pipe the caller's summary line is all that shows.
"""

from __future__ import annotations

import sys
from typing import TextIO


class ProgressBar:
    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30):
        self.label, self.stream, self.width = label, stream or sys.stderr, width
        self.live = self.stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.live:
            return
        filled = self.width * done // max(1, total)
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
