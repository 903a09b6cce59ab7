"""Where the files that ship with the game are: the bundled deck, fonts, presets and UI catalogs.

In a checkout they sit beside `game/` (cards/, assets/, locales/), as the repository layout wants;
a wheel carries the same folders inside the package as game/_bundled/ (see pyproject.toml), so an
installed game finds them from any working folder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _package_copy() -> Path:
    return Path(str(resources.files("game") / "_bundled"))


def bundled(name: str) -> Path:
    """The shipped folder `name` (cards, assets or locales), installed or in the checkout."""
    installed = _package_copy() / name
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / name


def installed(path: Path) -> bool:
    """Is `path` among the files an installed game carries? They are replaced on every upgrade, so
    nothing of the user's may be written there; a checkout's cards/ is meant to be edited."""
    return _package_copy().is_dir() and Path(path).resolve().is_relative_to(_package_copy().resolve())


CARDS = bundled("cards")
FONTS = bundled("assets") / "fonts"
PRESETS = bundled("assets") / "presets"
LOCALES = bundled("locales")
