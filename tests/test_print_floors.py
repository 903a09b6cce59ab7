"""Print legibility, read back from the PDFs: every character's size and place against the trim."""

from pathlib import Path

import pdfplumber
import pytest

from game.cli import BUNDLED_DECKS, main

MM = 72 / 25.4
INK = (0.109804, 0.117647, 0.141176)  # game.layout.INK: the story's colour (the question and footer are muted)


def characters(pdf_path: Path):
    """(char, distance to the trim in mm) for every character of a single-face PDF."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        x0, y0, x1, y1 = (float(v) for v in page.trimbox)  # PDF coordinates, origin bottom-left
        top, bottom = page.height - y1, page.height - y0
        for char in page.chars:
            yield char, min(char["x0"] - x0, x1 - char["x1"], char["top"] - top, bottom - char["bottom"]) / MM


def is_story(char) -> bool:
    return (char["fontname"].endswith("+NotoSans-Regular")
            and tuple(round(v, 6) for v in char["non_stroking_color"]) == INK)


@pytest.fixture(scope="module")
def bulgarian_pod(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pod")
    assert main(["export", str(BUNDLED_DECKS / "the-unknown"), "--lang", "bg", "--pod", str(folder)]) == 0
    return folder


def test_bulgarian_poker_cards_meet_the_floors_in_the_hand(bulgarian_pod):
    files = sorted(bulgarian_pod.glob("*.pdf"))
    assert len(files) == 2 * 68
    smallest, nearest, story_sizes = 99.0, 99.0, {}
    for path in files:
        for char, distance in characters(path):
            if not char["text"].strip():
                continue
            smallest, nearest = min(smallest, char["size"]), min(nearest, distance)
            if path.name.endswith("-back.pdf") and path.name[:3] not in ("001", "002") and is_story(char):
                story_sizes[path.name] = min(story_sizes.get(path.name, 99.0), char["size"])
    assert smallest >= 6 - 1e-3, smallest
    assert nearest >= 3, nearest
    assert len(story_sizes) == 66                          # every person's back has a story in ink
    assert min(story_sizes.values()) >= 6.5 - 1e-3, min(story_sizes.items(), key=lambda item: item[1])
