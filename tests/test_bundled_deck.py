"""The bundled deck keeps the promises of its brief, checked from the data itself."""

import re
from collections import Counter

import pytest

from game.decks import CATEGORIES, FIELDS, load_deck
from game.decks.translations import translation_status
from tests.conftest import PROJECT

DECK_DIR = PROJECT / "cards" / "the-unknown"
FULL = ("en", "bg", "pl", "uk", "el", "it", "sv")
PARTIAL = ()
REGIONS = {  # origins across the world, by ISO code
    "Africa": {"DZ", "GH", "GN", "KE", "LR", "NG", "SO", "SS", "SD", "TZ", "ZA", "EG"},
    "Asia": {"AF", "CN", "IN", "JP", "LK", "PK", "KR", "VN"},
    "Middle East": {"IQ", "LB", "SY", "TR", "IR"},
    "Latin America": {"BO", "BR", "CL", "CU", "GT", "MX", "PE", "VE", "HT", "PR"},
    "Eastern Europe": {"BG", "BY", "CZ", "HR", "PL", "RO", "UA", "XK", "LT", "RU"},
}


@pytest.fixture(scope="module")
def report():
    return load_deck(DECK_DIR)


@pytest.fixture(scope="module")
def deck(report):
    return report.deck


def texts(deck, language):
    return [deck.text(card.id, language) for card in deck.cards]


def test_the_deck_validates_without_errors(report):
    assert report.deck is not None and report.errors == ()


def test_at_least_sixty_people_with_each_category_on_twelve(deck):
    assert len(deck.cards) >= 60
    counts = Counter(category for card in deck.cards for category in card.categories)
    assert all(counts[category] >= 12 for category in CATEGORIES), counts


def test_fields_genders_and_generations_are_spread(deck):
    fields = Counter(card.field for card in deck.cards)
    assert set(fields) == set(FIELDS) and min(fields.values()) >= 4, fields
    women = sum(card.gender == "woman" for card in deck.cards)
    assert women / len(deck.cards) >= 0.40
    living = sum(card.died is None for card in deck.cards)
    assert 0.25 <= living / len(deck.cards) <= 0.75
    assert min(card.born for card in deck.cards) < 1900 and max(card.born for card in deck.cards) >= 1980


def test_origins_span_the_world(deck):
    countries = {code for card in deck.cards for code in card.countries}
    for region, codes in REGIONS.items():
        assert len(countries & codes) >= 2, region


def connected(card, code, tag):
    return code in card.countries or tag in card.tags


def test_bulgarian_polish_and_ukrainian_connections(deck):
    assert sum(connected(card, "BG", "bulgaria") for card in deck.cards) >= 12
    assert sum(connected(card, "PL", "poland") for card in deck.cards) >= 10
    assert sum(connected(card, "UA", "ukraine") for card in deck.cards) >= 10


def test_every_category_on_every_card_records_its_reason(report, deck):
    assert not [str(p) for p in report.problems if "reason" in p.message]
    assert all(card.reason(category) for card in deck.cards for category in card.categories)


def test_every_card_has_a_source_and_complete_text(deck):
    for card in deck.cards:
        assert card.source.startswith("https://"), card.id
        text = deck.text(card.id, "en")
        words = len(text.story.split())
        assert 60 <= words <= 110, (card.id, words)
        assert 3 <= len(text.clues) <= 5, card.id
        assert 2 <= len(text.statements) <= 3, card.id
        answers = {s.answer for s in text.statements}
        assert answers == {True, False}, f"{card.id}: statements should mix fact and fiction"
        assert text.question.rstrip().endswith("?"), card.id


def test_the_last_clue_never_names_the_person(deck):
    for language in FULL:
        for card in deck.cards:
            text = deck.text(card.id, language)
            surname = text.name.split()[-1]
            assert surname.lower() not in text.clues[-1].lower(), (language, card.id, text.clues[-1])


def test_the_front_does_not_give_away_the_hidden_story(deck):
    telling = re.compile(r"\b(refugee|fled|flee|exile|migra|immigra|emigra|asylum|human rights|activis)", re.I)
    for text in texts(deck, "en"):
        assert not telling.search(text.known_for), text.known_for


def test_required_languages_are_complete_and_current(deck):
    status = {s.language: s for s in translation_status(deck)}
    for language in FULL:
        assert status[language].percent == 100, (language, status[language].missing, status[language].stale)
    for language in PARTIAL:
        assert len(status[language].complete) >= 12, language
    for language in FULL + PARTIAL:
        assert deck.edition(language).title and set(deck.edition(language).category_names) == set(CATEGORIES)


LETTERS = {
    "bg": re.compile(r"[А-Яа-я]"), "uk": re.compile(r"[А-ЩЬЮЯЄІЇҐа-щьюяєіїґ]"), "pl": re.compile(r"[A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźż]"),
    "el": re.compile(r"[Α-Ωα-ωάέήίόύώΆΈΉΊΌΎΏϊϋΐΰ]"), "it": re.compile(r"[A-Za-zàèéìòù]"), "sv": re.compile(r"[A-Za-zåäöÅÄÖ]"),
}
FORBIDDEN = {"bg": "ыэёЫЭЁ", "uk": "ыэёъЫЭЁЪ"}


@pytest.mark.parametrize("language", FULL[1:] + PARTIAL)
def test_each_language_file_is_in_its_own_script(deck, language):
    for card in deck.cards:
        text = deck.text(card.id, language)
        if text.fallback:
            continue
        body = " ".join([text.known_for, text.story, *text.clues, text.question])
        letters = [ch for ch in body if ch.isalpha()]
        native = sum(bool(LETTERS[language].match(ch)) for ch in letters)
        assert native / len(letters) >= 0.8, (language, card.id)  # brand names such as PepsiCo stay Latin
        assert not set(body) & set(FORBIDDEN.get(language, "")), (language, card.id)


def test_bulgarian_uses_bulgarian_quotes(deck):
    for text in texts(deck, "bg"):
        body = " ".join([text.story, *text.clues, text.question, text.note or ""])
        assert "«" not in body and '"' not in body and "”" not in body, text.name
        assert body.count("„") == body.count("“"), text.name


def test_sensitive_stories_carry_a_facilitator_note(deck):
    for card in deck.cards:
        if "fled" in card.categories:
            assert deck.text(card.id, "en").note, f"{card.id}: a story of flight needs a facilitator note"


def test_no_card_uses_words_that_demean_people_who_migrate(deck):
    words = re.compile(r"\b(illegals?|illegal (im)?migrants?|aliens?|swarms?|floods? of|waves? of (im)?migra)", re.I)
    for language in ("en",):
        for text in texts(deck, language):
            for field in (text.story, text.known_for, text.question, text.note or "", *text.clues):
                assert not words.search(field), (text.name, field)


def test_facilitator_guides_exist_in_english_and_bulgarian():
    for language in ("en", "bg"):
        guide = (DECK_DIR / f"facilitator-guide.{language}.md").read_text(encoding="utf-8")
        assert len(guide.split()) > 1000


def test_no_translation_drifts_from_the_source(deck):
    from game.decks.drift import deck_drift
    assert [str(p) for p in deck_drift(deck)] == []


def test_every_wikidata_item_has_its_source_in_the_fact_check_notes(deck):
    """An item written from memory could fetch somebody else's photo onto a card about a real person:
    each one must be recorded with where it was confirmed, and each card without one listed as such."""
    notes = (DECK_DIR / "FACTCHECK.md").read_text(encoding="utf-8")
    section = notes[notes.index("# Wikidata items"):]
    confirmed = dict(re.findall(r"^- `([a-z-]+)`: (Q\d+)\. \S", section, re.M))
    assert {card.id: card.wikidata for card in deck.cards if card.wikidata} == confirmed
    unconfirmed = section[section.index("Not confirmed"):]
    assert all(f"`{card.id}`" in unconfirmed for card in deck.cards if not card.wikidata)
