"""Where the files that ship with the game are: the bundled deck, fonts, presets and UI catalogs.

In a checkout they sit beside `game/` (cards/, assets/, locales/), as the repository layout wants;
a wheel carries the same folders inside the package as game/_bundled/ (see pyproject.toml), so an
installed game finds them from any working folder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled(name: str) -> Path:
    """The shipped folder `name` (cards, assets or locales), installed or in the checkout."""
    installed = Path(str(resources.files("game") / "_bundled" / name))
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / name


CARDS = bundled("cards")
FONTS = bundled("assets") / "fonts"
PRESETS = bundled("assets") / "presets"
LOCALES = bundled("locales")
