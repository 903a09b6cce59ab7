"""Shared fixtures. Tests run headless: SDL uses dummy video and audio drivers."""

import os
import shutil
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("THE_UNKNOWN_CALM", "1")   # no motion unless a test asks for it: keys never race animations

import pytest  # noqa: E402

TESTS = Path(__file__).parent
SAMPLE_DECK = TESTS / "decks" / "sample"
PROJECT = TESTS.parent


PHOTO_CREDIT = "Test Photographer, CC BY 4.0, https://example.org/face"


def add_portraits(deck: Path, size=(700, 900), colours=((200, 40, 40), (40, 60, 200))) -> None:
    """A two-colour test portrait with its credit on every card of `deck`, as a designer drops one in."""
    import re

    from PIL import Image, ImageDraw
    (deck / "portraits").mkdir(exist_ok=True)
    image = Image.new("RGB", size, colours[0])
    ImageDraw.Draw(image).rectangle([size[0] // 2, 0, size[0], size[1]], fill=colours[1])
    image.save(deck / "portraits" / "face.png")
    text = (deck / "deck.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(  - id: [a-z-]+\n)", r"\1    image: portraits/face.png\n    image_credit: Test Photographer\n"
                  r"    image_license: CC BY 4.0\n    image_source: https://example.org/face\n", text)
    (deck / "deck.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    """A writable copy of the sample deck inside a folder of decks."""
    target = tmp_path / "decks" / "sample"
    shutil.copytree(SAMPLE_DECK, target)
    return target


@pytest.fixture
def drawn(monkeypatch):
    """Every string drawn on screen, in order, recorded as it is rendered."""
    from game.ui import render
    seen: list[str] = []
    original = render.text_surface.__wrapped__

    def recording(text, size, color, bold=False, italic=False):
        seen.append(text)
        return original(text, size, color, bold, italic)

    recording.cache_clear = lambda: None
    monkeypatch.setattr(render, "text_surface", recording)
    return seen


def pytest_collection_modifyitems(items):
    """The real-window tests (tests/e2e) run after the unit tests: slower, and they need the rest to hold."""
    items.sort(key=lambda item: "e2e" in item.keywords)
