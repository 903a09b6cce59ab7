"""The credits: who made every portrait and under which licence, on a screen of its own that opens
from the start screen and, during a session, from the menu; and the same text on the command line."""

import shutil

import pytest

from game import i18n
from game.bundled import CARDS
from game.cli import main
from game.credits import credits_markdown
from game.decks import load_deck
from game.scenes.credits import CreditsScene
from game.scenes.play import RoundScene
from game.scenes.start import StartScene
from tests.conftest import PHOTO_CREDIT, add_portraits
from tests.test_play import click_button, key, setup_keyboard, started_app


def names(deck, language):
    return [deck.text(card.id, language).name for card in deck.cards]


def test_every_portrait_is_credited_with_its_author_licence_and_source(sample_copy):
    add_portraits(sample_copy)
    deck = load_deck(sample_copy).deck
    text = credits_markdown(deck, "bg")
    for name in names(deck, "bg"):                  # the people's names in the cards' language
        assert f"{name}:** {PHOTO_CREDIT}" in text


def test_a_deck_without_portraits_says_the_cards_show_initials(sample_copy):
    deck = load_deck(sample_copy).deck
    text = credits_markdown(deck, "en")
    assert "initials" in text and not any(name in text for name in names(deck, "en"))


def test_the_credits_follow_the_screen_language(sample_copy):
    add_portraits(sample_copy)
    deck = load_deck(sample_copy).deck
    english = credits_markdown(deck, "en")
    i18n.set_language("uk")
    try:
        ukrainian = credits_markdown(deck, "en")
    finally:
        i18n.set_language("en")
    assert english.splitlines()[2] != ukrainian.splitlines()[2]       # the heading over the pictures
    assert PHOTO_CREDIT in ukrainian


@pytest.fixture
def portrait_app(sample_copy, tmp_path):
    add_portraits(sample_copy)
    app = started_app(sample_copy.parent, tmp_path)
    yield app
    app.close()


def test_credits_open_from_the_start_screen_and_close_with_escape(portrait_app, drawn):
    click_button(portrait_app, "Credits")
    assert isinstance(portrait_app.top, CreditsScene)
    assert any(PHOTO_CREDIT in text for text in drawn)
    key(portrait_app, "escape")
    assert isinstance(portrait_app.top, StartScene)


def test_credits_open_from_the_menu_for_the_room_and_the_round_goes_on(portrait_app, drawn):
    setup_keyboard(portrait_app)
    round_scene = portrait_app.top
    assert isinstance(round_scene, RoundScene)
    key(portrait_app, "escape")                      # the menu
    click_button(portrait_app, "Credits")
    assert isinstance(portrait_app.top, CreditsScene) and not portrait_app.top.private
    assert any(PHOTO_CREDIT in text for text in drawn)
    key(portrait_app, "escape")
    assert portrait_app.top is round_scene


def test_a_long_list_scrolls_and_says_there_is_more(tmp_path, drawn):
    deck = tmp_path / "decks" / "the-unknown"
    shutil.copytree(CARDS / "the-unknown", deck)
    add_portraits(deck)                                  # 80 credits: more than a screen holds
    app = started_app(deck.parent, tmp_path)
    try:
        click_button(app, "Credits")
        assert "More below: arrow keys or mouse wheel" in drawn and "Fonts" not in drawn
        key(app, "down", times=len(app.top.lines()))
        assert "Fonts" in drawn and "Top of the page: arrow up" in drawn
    finally:
        app.close()


def test_the_credits_command_prints_the_same_text(sample_copy, capsys):
    add_portraits(sample_copy)
    try:
        assert main(["credits", str(sample_copy), "--lang", "bg"]) == 0
        out = capsys.readouterr().out
        assert out == credits_markdown(load_deck(sample_copy).deck, "bg")
    finally:
        i18n.set_language("en")
    assert PHOTO_CREDIT in out and "Примерно тесте" in out
