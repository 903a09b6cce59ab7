"""The drift check finds what a translation changed that it must carry over: numbers and years,
the person's name, Latin-script names and titles, true/false answers; and nothing else."""

import shutil

import pytest

from game.cli import main
from game.decks import load_deck
from game.decks.drift import deck_drift, field_drift, numbers
from tests.conftest import SAMPLE_DECK


@pytest.mark.parametrize("text, expected", [
    ("450,000 people and 450 000 people", ["450000", "450000"]),
    ("scored 1.00, then 1,5", ["1.00", "1.5"]),
    ("the 1990s / през 90-те / w latach 90. / negli anni Novanta / 1990-talet", ["90s"] * 5),
    ("της δεκαετίας του 1990 / το 1921", ["1921", "90s"]),
    ("در دهه 1980 / در سال 1921", ["1921", "80s"]),
    ("w latach 2006–2018", ["2006", "2018"]),
    ("in 1910–11", ["1910", "1911"]),
    ("20th century / XX век / 1900-talets / 20ού αιώνα / II wojna", []),
])
def test_numbers_are_compared_in_one_form(text, expected):
    assert numbers(text) == sorted(expected)


def test_a_faithful_translation_has_no_drift():
    assert field_drift("In 1981 Ai moved to New York with WhatsApp.", "През 1981 г. Ай заминава за Ню Йорк с WhatsApp.",
                       "Ai Weiwei", "Ай Уейуей") == []


def test_a_changed_year_a_lost_name_and_an_added_latin_title_are_found():
    found = field_drift("Chopin left in 1830 and wrote for Queen.", "Той заминава през 1831 г. и пише за Queen и ABBA.",
                        "Frédéric Chopin", "Фредерик Шопен")
    assert found[0] == "numbers differ: source has 1830, translation has 1831"
    assert "the source names Chopin here, the translation does not use 'Шопен'" in found[1]
    assert found[2] == "Latin-script names or titles not in the source: ABBA"


def test_an_inflected_name_still_counts():
    assert field_drift("I knew Adam Mickiewicz.", "Znałem Adama Mickiewicza.", "Adam Mickiewicz", "Adam Mickiewicz") == []


@pytest.fixture
def deck_dir(tmp_path):
    shutil.copytree(SAMPLE_DECK, tmp_path / "sample")
    return tmp_path / "sample"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_sample_deck_has_no_drift(deck_dir):
    assert deck_drift(load_deck(deck_dir).deck) == []


def test_drift_is_reported_with_file_and_line(deck_dir, capsys):
    edit(deck_dir / "bg.yaml", "- На 24 години научих нов език.", "- На 25 години научих нов език.")
    edit(deck_dir / "bg.yaml", "Тя се премества във Франция, за да учи.\n        answer: true",
         "Тя се премества във Франция, за да учи.\n        answer: false")
    problems = deck_drift(load_deck(deck_dir).deck)
    assert [(p.path.name, p.line, p.message) for p in problems] == [
        ("bg.yaml", 20, "card 'ada-example' clue 1: numbers differ: source has 24, translation has 25"),
        ("bg.yaml", 24, "card 'ada-example' statement 1: the answer is false, the source says true"),
    ]
    assert main(["translations", str(deck_dir)]) == 0
    out = capsys.readouterr().out
    assert "bg.yaml:20:9: warning: card 'ada-example' clue 1: numbers differ" in out
    assert "drift: 2 difference(s)" in out


def test_a_listed_difference_is_allowed_and_a_stale_or_incomplete_entry_is_reported(deck_dir):
    edit(deck_dir / "bg.yaml", "- На 24 години научих нов език.", "- На двайсет и четири научих нов език.")
    (deck_dir / "translation-drift.yml").write_text(
        "- language: bg\n  card: ada-example\n  field: clue 1\n  reason: The age is written in words.\n"
        "- language: bg\n  card: ada-example\n  field: clue 3\n  reason: No longer needed.\n"
        "- language: bg\n  card: ada-example\n  field: story\n", encoding="utf-8")
    problems = deck_drift(load_deck(deck_dir).deck)
    assert [(p.path.name, p.line, p.message) for p in problems] == [
        ("translation-drift.yml", 9, "each entry needs language, card, field, reason (text)"),
        ("translation-drift.yml", 5, "bg ada-example clue 3: nothing differs there any more; remove this entry"),
    ]
