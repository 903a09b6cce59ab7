"""Real faces: a card's portrait on screen, in print with its credit, and never before its step."""

import re
import shutil

import pytest
from PIL import Image

from game.cli import main
from tests.conftest import SAMPLE_DECK, add_portraits

RED, BLUE = (200, 40, 40), (40, 60, 200)


def deck_with_portraits(tmp_path, size=(700, 900)):
    """The sample deck with a two-colour test portrait on every card."""
    deck = tmp_path / "decks" / "sample"
    shutil.copytree(SAMPLE_DECK, deck)
    add_portraits(deck, size, (RED, BLUE))
    return deck


def colours(path) -> set:
    with Image.open(path) as image:
        return {pixel for _, pixel in image.convert("RGB").getcolors(1 << 20)}


@pytest.mark.parametrize("scene, shown", [("face", True), ("reveal", True), ("clue", False)])
def test_the_portrait_is_on_screen_only_where_the_identity_is(tmp_path, scene, shown):
    deck = deck_with_portraits(tmp_path)
    out = tmp_path / f"{scene}.png"
    assert main(["--decks", str(deck.parent), "screenshot", "--scene", scene, "--out", str(out)]) == 0
    seen = colours(out)
    assert (RED in seen and BLUE in seen) is shown


def test_print_carries_the_portrait_and_its_credit(tmp_path, capsys):
    import pdfplumber
    import pypdf
    deck = deck_with_portraits(tmp_path)
    pod, sheets = tmp_path / "pod", tmp_path / "deck.pdf"
    assert main(["export", str(deck), "--pod", str(pod), "--out", str(sheets)]) == 0
    front = next(pod.glob("*ada-example-front.pdf"))
    images = list(pypdf.PdfReader(front).pages[0].images)
    assert len(images) == 1 and images[0].image.size[0] >= 600       # the crop at full resolution
    with pdfplumber.open(sheets) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "Picture credits" in text and "Test Photographer, CC BY 4.0" in text
    assert "dpi" not in capsys.readouterr().out


def test_a_small_portrait_is_named_with_the_pixels_print_needs(tmp_path, capsys):
    deck = deck_with_portraits(tmp_path, size=(140, 180))
    assert main(["export", str(deck), "--out", str(tmp_path / "deck.pdf")]) == 0
    out = capsys.readouterr()
    assert re.search(r"Ada Example: the portrait prints at \d+ dpi; 300 dpi needs \d+ × \d+ pixels", out.out + out.err)


def test_the_console_shows_the_face_the_room_sees(tmp_path):
    from game import screenshots
    deck = deck_with_portraits(tmp_path)
    app = screenshots.build("face", deck.parent, (960, 540), "en", None, presenter=True)
    app.draw_if_dirty()
    surface = app.console.surface
    left_column = int(surface.get_width() * 0.62)       # the live thumbnail of the room's screen is right of it
    seen = {tuple(surface.get_at((x, y)))[:3] for x in range(0, left_column) for y in range(0, surface.get_height(), 2)}
    app.close()
    assert RED in seen and BLUE in seen
