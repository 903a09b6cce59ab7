"""The sample deck loads into typed models, with fallback and translation status."""

import dataclasses
import shutil

import pytest

from game.decks import load_deck, load_decks
from game.decks.cache import load_decks_cached
from game.decks.translations import stamp, translation_status
from tests.conftest import SAMPLE_DECK


@pytest.fixture(scope="module")
def deck():
    report = load_deck(SAMPLE_DECK)
    assert report.errors == ()
    return report.deck


def test_cards_and_facts_are_typed(deck):
    ada = deck.card("ada-example")
    assert (ada.born, ada.died, ada.field) == (1950, None, "science")
    assert ada.categories == ("moved", "advocate")
    assert ada.countries == ("BG", "FR")
    assert deck.languages == ("en", "bg")


def test_models_are_immutable(deck):
    with pytest.raises(dataclasses.FrozenInstanceError):
        deck.card("ada-example").born = 1900
    with pytest.raises(TypeError):
        deck.editions["xx"] = None


def test_missing_text_falls_back_to_the_source_language_and_says_so(deck):
    partial = deck.text("chloe-demo", "bg")
    assert partial.name == "Клое Демо"
    assert partial.story.startswith("Chloé Demo won")
    assert partial.in_source_language("story") and not partial.in_source_language("name")
    untranslated = deck.text("dara-test", "bg")
    assert untranslated.name == "Dara Test" and "name" in untranslated.fallback


def test_a_language_the_deck_lacks_shows_the_source(deck):
    assert deck.text("ada-example", "sv").name == "Ada Example"


def test_category_names_fall_back_per_language(deck):
    assert deck.edition("bg").category_names["fled"] == "Бягство от война или преследване"
    assert deck.edition("en").title == "Sample deck"
    assert deck.edition("bg").title == "Примерно тесте"


def test_translation_status_counts_complete_missing_stale(deck):
    status = {s.language: s for s in translation_status(deck)}
    assert status["en"].percent == 100
    bg = status["bg"]
    assert bg.complete == ("ada-example",)
    assert bg.stale == ("boris-sample",)
    assert set(bg.missing) == {"chloe-demo", "dara-test"}


def test_changing_the_source_text_makes_the_translation_stale(sample_copy):
    en = sample_copy / "en.yaml"
    en.write_text(en.read_text().replace("Chemist who invented", "Chemist who designed"))
    status = {s.language: s for s in translation_status(load_deck(sample_copy).deck)}
    assert "ada-example" in status["bg"].stale


def test_stamp_marks_complete_unstamped_translations_and_keeps_comments(sample_copy):
    bg = sample_copy / "bg.yaml"
    text = bg.read_text()
    start = text.index("  chloe-demo:")
    english = load_deck(sample_copy).deck.text("dara-test", "en")
    bg.write_text(text[:start] + "  dara-test:\n    # translated by hand\n    name: Дара Тест\n"
                  "    known_for: Автор на детска книга\n    story: История.\n    clues: [Едно]\n"
                  "    statements:\n      - text: Вярно.\n        answer: true\n        explanation: Да.\n"
                  "    question: Защо?\n" + text[start:])
    assert english.name == "Dara Test"
    assert stamp(load_deck(sample_copy).deck, "bg") == ["dara-test"]
    written = bg.read_text()
    assert "# translated by hand" in written and written.startswith("# Bulgarian")
    status = {s.language: s for s in translation_status(load_deck(sample_copy).deck)}
    assert "dara-test" in status["bg"].complete
    assert stamp(load_deck(sample_copy).deck, "bg") == []


def test_load_decks_finds_every_deck_folder(sample_copy):
    assert [r.deck.id for r in load_decks(sample_copy.parent)] == ["sample"]


def test_a_users_copy_of_a_deck_replaces_the_shipped_one_in_its_place(tmp_path):
    shipped, own = tmp_path / "bundled", tmp_path / "data" / "decks"
    for root, name in ((shipped, "alpha"), (shipped, "sample"), (own, "sample"), (own, "zeta")):
        shutil.copytree(SAMPLE_DECK, root / name)
    (own / "sample" / "en.yaml").write_text((own / "sample" / "en.yaml").read_text(encoding="utf-8").replace(
        "title: Sample deck", "title: Our sample deck"), encoding="utf-8")
    for reports in (load_decks(shipped, own), load_decks_cached([shipped, own], tmp_path / "cache")):
        assert [r.path for r in reports] == [shipped / "alpha", own / "sample", own / "zeta"]
        assert reports[1].deck.edition("en").title == "Our sample deck"
