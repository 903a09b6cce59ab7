"""Print legibility, read back from the PDFs: every character's size and place against the trim."""

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest

from game.cli import BUNDLED_DECKS, main
from game.decks import load_deck
from game.layout import wrap
from tests.conftest import SAMPLE_DECK

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
    people = len(load_deck(BUNDLED_DECKS / "the-unknown").deck.cards)
    assert len(files) == 2 * (people + 2)      # with the title and rules cards
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
    people = len(load_deck(BUNDLED_DECKS / "the-unknown").deck.cards)
    assert len(story_sizes) == people                      # every person's back has a story in ink
    assert min(story_sizes.values()) >= 6.5 - 1e-3, min(story_sizes.items(), key=lambda item: item[1])


def test_text_that_falls_back_to_the_source_language_is_marked_and_counted(tmp_path, capsys):
    out = tmp_path / "bg.pdf"
    assert main(["export", str(SAMPLE_DECK), "--lang", "bg", "--out", str(out), "--bleed", "0"]) == 0
    # Dara Test is not translated at all, Chloé Demo only has a name in Bulgarian
    assert "2 of 4 cards print in English" in capsys.readouterr().err
    with pdfplumber.open(out) as pdf:
        fronts, backs = (" ".join(page.extract_text().split()) for page in pdf.pages[:2])
    assert fronts.count("Английски") == 2 and backs.count("Английски") == 2
    assert "Dara Test Английски" in backs and "Клое Демо Английски" in backs


def test_a_second_language_that_falls_back_is_marked_and_counted(tmp_path, capsys):
    deck = tmp_path / "the-unknown"      # every bundled language is complete: take Marie Curie out of the Greek
    shutil.copytree(BUNDLED_DECKS / "the-unknown", deck)
    greek = (deck / "el.yaml").read_text(encoding="utf-8")
    (deck / "el.yaml").write_text(re.sub(r"\n  marie-curie:\n(    .*\n|\n)*", "\n", greek), encoding="utf-8")
    out = tmp_path / "bg-el.pdf"
    assert main(["export", str(deck), "--lang", "bg", "--lang2", "el", "--cards",
                 "albert-einstein,marie-curie", "--layout", "fronts-only", "--out", str(out)]) == 0
    assert "1 of 2 cards print their second language in English" in capsys.readouterr().err
    with pdfplumber.open(out) as pdf:
        fronts = " ".join(pdf.pages[0].extract_text().split())
    assert "the first person to win two Nobel Prizes (Английски)" in fronts  # Marie Curie has no Greek text
    assert fronts.count("(Английски)") == 1                                   # Einstein's is Greek


def test_mini_cards_name_what_cannot_meet_the_floors_and_what_to_do(tmp_path, capsys):
    out = tmp_path / "mini.pdf"
    assert main(["export", str(BUNDLED_DECKS / "the-unknown"), "--lang", "bg", "--size", "mini",
                 "--cards", "albert-einstein", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "cannot meet the print floors at 41×63 mm" in err
    assert "albert-einstein (Алберт Айнщайн), back: the story" in err and "--size tarot" in err


def test_words_too_long_for_a_line_are_broken_with_a_hyphen():
    measure = lambda text, size, bold: len(text) * size  # noqa: E731  (a monospaced font)
    lines = wrap("Donaudampfschifffahrt", 8, 1, False, measure)
    assert len(lines) > 2 and all(line.endswith("-") and len(line) <= 8 for line in lines[:-1])
    assert "".join(line.rstrip("-") for line in lines) == "Donaudampfschifffahrt"


def test_a_narrow_custom_size_reports_every_cut(tmp_path, capsys):
    out = tmp_path / "narrow.pdf"
    assert main(["export", str(BUNDLED_DECKS / "the-unknown"), "--lang", "bg", "--size", "30x150mm",
                 "--cards", "albert-einstein", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    with pdfplumber.open(out) as pdf:
        cut = "…" in "".join(page.extract_text() for page in pdf.pages)
    assert cut and "is cut with “…”" in err  # a cut never goes unsaid


def test_the_validator_warns_about_a_story_too_long_for_poker_cards_at_its_line(sample_copy, capsys):
    path = sample_copy / "bg.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    story: >-\n", text.index("ada-example:"))
    long_story = "    story: >-\n      " + "Дълга история, която не свършва. " * 50 + "\n"
    path.write_text(text[:start] + long_story + text[start:].split("\n", 1)[1].split("\n", 1)[1], encoding="utf-8")
    line = text[:start].count("\n") + 1
    assert main(["validate", str(sample_copy)]) == 0          # a warning: the deck still plays
    out = capsys.readouterr().out
    assert f"bg.yaml:{line}:12: warning: print at poker size: ada-example (Ада Пример), back: the story" in out
    assert "shorten it by about" in out and "--size tarot" in out


def test_mini_cards_keep_the_safe_zone_and_the_floor_even_when_cut(tmp_path):
    folder = tmp_path / "pod"
    assert main(["export", str(BUNDLED_DECKS / "the-unknown"), "--lang", "bg", "--size", "mini",
                 "--cards", "albert-einstein,malala-yousafzai", "--pod", str(folder)]) == 0
    found = [(char["size"], distance) for path in sorted(folder.glob("*.pdf")) for char, distance in characters(path)
             if char["text"].strip()]
    assert min(size for size, _distance in found) >= 6 - 1e-3
    assert min(distance for _size, distance in found) >= 3
