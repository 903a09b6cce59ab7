"""Slow work (loading a big deck, exporting a PDF) in a thread, so the window keeps drawing and
answering keys. The scene starts a `Job`, polls `done` in `update`, and takes `result()` there:
state is only ever changed on the main thread. Plain Python."""

from __future__ import annotations

import threading
from typing import Callable


class Cancelled(Exception):
    """Raised inside the work when the scene no longer wants its result (see `Job.check`)."""


class Job:
    def __init__(self, work: Callable[["Job"], object]):
        self.progress: tuple[int, int] = (0, 0)
        self._cancelled = False
        self._result: object = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        self._thread.start()

    def _run(self, work) -> None:
        try:
            self._result = work(self)
        except BaseException as error:  # handed to the main thread by result()
            self._error = error

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def report(self, done: int, total: int) -> None:
        """A progress callback for the work; also where a cancelled job stops."""
        self.progress = (done, total)
        self.check()

    def check(self) -> None:
        if self._cancelled:
            raise Cancelled()

    def cancel(self) -> None:
        self._cancelled = True

    def wait(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    def result(self):
        """The work's return value; re-raises its error on the calling (main) thread."""
        if self._error is not None:
            raise self._error
        return self._result
