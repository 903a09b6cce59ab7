"""Game rules, deck loading, i18n and export never import pygame: they run on any machine,
and the game's logic can be tested without a display."""

import pkgutil
import subprocess
import sys

import game
from tests.conftest import PROJECT

PYGAME_SIDE = ("game.app", "game.input", "game.ui", "game.scenes", "game.cli", "game.screenshots")  # the app shell


def core_modules() -> list[str]:
    names = [info.name for info in pkgutil.walk_packages(game.__path__, "game.")]
    return [name for name in names if not name.startswith(PYGAME_SIDE)]


def test_core_modules_import_without_pygame():
    modules = core_modules()
    assert "game.decks.loader" in modules and "game.bench" not in PYGAME_SIDE
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n    importlib.import_module(name)\n"
            "leaked = sorted(m for m in sys.modules if m == 'pygame' or m.startswith('pygame.'))\n"
            "print(leaked)\nsys.exit(1 if leaked else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, f"pygame imported by core modules: {result.stdout}{result.stderr}"


def test_validating_a_deck_does_not_import_pygame():
    code = ("import sys\nfrom game.cli import main\nmain(['validate', 'tests/decks/sample'])\n"
            "sys.exit(1 if 'pygame' in sys.modules else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
