"""Where sessions are kept: an autosave after every action, written atomically, so a crash, a
kill or a closed lid loses nothing; and the settings a room keeps between runs. Plain Python: no pygame."""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from game.files import read_regular, write_atomically

if TYPE_CHECKING:   # the rules are imported when a session is read, not before the first frame
    from game.rules.session import Session

MAX_AUTOSAVE_BYTES = 16 * 2**20  # a session of 500 cards and 100 undo levels is well under 1 MiB
log = logging.getLogger(__name__)

APP_NAME = "the-unknown"


def default_data_dir() -> Path:
    """The user's data folder; THE_UNKNOWN_DATA overrides it (tests, portable installs)."""
    return Path(os.environ.get("THE_UNKNOWN_DATA") or platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_decks_dir() -> Path:
    """Where a facilitator puts decks of their own; they appear beside the bundled ones."""
    return default_data_dir() / "decks"


@dataclass(frozen=True)
class Settings:
    """Choices of the room remembered between runs, so the next start needs no setting up."""

    language: str | None = None     # screen language
    fullscreen: bool = False
    swapped: bool = False           # presenter view: audience and console displays swapped (F2)
    calm: bool = False              # calm mode: no motion, no sound (a preset may also ask for it)


class Store:
    def __init__(self, folder: Path | None = None):
        self.folder = folder or default_data_dir()
        self.set_aside_as: Path | None = None   # where the last unusable autosave was moved

    @property
    def autosave_path(self) -> Path:
        return self.folder / "autosave.json"

    @property
    def presets_dir(self) -> Path:
        return self.folder / "presets"

    @property
    def summaries_dir(self) -> Path:
        return self.folder / "summaries"

    def save(self, session: Session) -> str | None:
        """Autosave; returns why it failed (a full disk, a read-only folder) instead of stopping play."""
        from game.rules.saved import AUTOSAVE_VERSION
        try:
            write_atomically(self.autosave_path, json.dumps({"version": AUTOSAVE_VERSION,
                                                             "session": session.to_dict()}, ensure_ascii=False))
        except OSError as error:
            return f"{self.autosave_path}: {error.strerror or error}"
        return None

    def load(self) -> Session | None:
        """The autosaved session, or None (never a crash). A file that is there but cannot be used
        (damaged, too deep, another version, impossible values) is set aside, not deleted, so it
        cannot stop the next start and can still be looked at (`set_aside_as` says where)."""
        self.set_aside_as = None
        from game.rules.saved import Unusable, check_autosave   # not before the first frame
        try:
            data = read_regular(self.autosave_path, MAX_AUTOSAVE_BYTES)
        except FileNotFoundError:
            return None
        except OSError as error:
            return self._unusable(str(error))
        try:
            return check_autosave(json.loads(data.decode("utf-8")))
        except (Unusable, ValueError, RecursionError, MemoryError) as error:
            return self._unusable(str(error)[:200])

    def _unusable(self, reason: str) -> None:
        log.warning("autosave %s cannot be resumed: %s", self.autosave_path, reason)
        self.set_aside()
        return None

    def set_aside(self) -> Path | None:
        """Rename the autosave to autosave-<time>.json.bad; the next start has no session to resume."""
        target = self.folder / time.strftime("autosave-%Y%m%d-%H%M%S.json.bad")
        try:
            os.replace(self.autosave_path, target)
        except OSError:
            try:  # a read-only folder: the file stays, but this run does not offer it
                self.autosave_path.unlink()
            except OSError:
                return None
            target = None
        self.set_aside_as = target
        return target

    def clear(self) -> None:
        self.autosave_path.unlink(missing_ok=True)

    @property
    def settings_path(self) -> Path:
        return self.folder / "settings.json"

    def settings(self) -> Settings:
        """The remembered settings; defaults when there are none or the file is damaged."""
        try:
            data = json.loads(self.settings_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Settings()
        if not isinstance(data, dict):
            return Settings()
        language = data.get("language")
        return Settings(language if isinstance(language, str) else None, data.get("fullscreen") is True,
                        data.get("swapped") is True, data.get("calm") is True)

    def remember(self, **changes) -> None:
        """Update some settings; a folder that cannot be written only means they are not kept."""
        try:
            write_atomically(self.settings_path, json.dumps(asdict(replace(self.settings(), **changes))))
        except OSError:
            pass
