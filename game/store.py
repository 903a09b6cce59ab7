"""Where sessions are kept: an autosave after every action, written atomically, so a crash, a
kill or a closed lid loses nothing; and the settings a room keeps between runs. Plain Python: no pygame."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:   # the rules are imported when a session is read, not before the first frame
    from game.rules.session import Session

APP_NAME = "the-unknown"


def default_data_dir() -> Path:
    """The user's data folder; THE_UNKNOWN_DATA overrides it (tests, portable installs)."""
    return Path(os.environ.get("THE_UNKNOWN_DATA") or platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_decks_dir() -> Path:
    """Where a facilitator puts decks of their own; they appear beside the bundled ones."""
    return default_data_dir() / "decks"


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, 0o666 & ~_umask())   # mkstemp makes 0600; a summary is meant to be shared
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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
        try:
            write_atomically(self.autosave_path, json.dumps({"version": 1, "session": session.to_dict()},
                                                            ensure_ascii=False))
        except OSError as error:
            return f"{self.autosave_path}: {error.strerror or error}"
        return None

    def load(self) -> Session | None:
        """The autosaved session, or None when there is none or it cannot be read (never a crash)."""
        from game.rules.session import Session
        try:
            data = json.loads(self.autosave_path.read_text(encoding="utf-8"))
            return Session.from_dict(data["session"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

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
