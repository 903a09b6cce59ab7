"""Past sessions on the start screen, and a group's name in the setup, driven by real events."""

import pygame

from game.scenes.end import EndScene
from game.scenes.history import HistoryScene, SummaryScene
from game.scenes.play import RoundScene
from game.scenes.start import StartScene
from tests.test_play import app, click_button, key, type_text  # noqa: F401 (the fixture)


def play_through(app):
    while not isinstance(app.top, EndScene):
        key(app, "return")


def test_a_group_name_in_setup_leaves_out_its_cards_next_time(app):  # noqa: F811
    key(app, "return")                              # New session
    key(app, "return")                              # languages
    key(app, "left", times=2)                       # 2 teams
    key(app, "down", times=3)                       # past both team names, to the group
    type_text(app, "Class 7b")
    key(app, "return")
    app.top.cards.options, app.top.cards.index = [2], 0   # the sample deck has 4 cards: play 2 of them
    key(app, "return")
    assert isinstance(app.top, RoundScene) and app.top.session.group == "Class 7b"
    first = set(app.top.session.order)
    play_through(app)
    click_button(app, "New session")
    key(app, "return"), key(app, "return")
    key(app, "left", times=2), key(app, "down", times=3)
    type_text(app, "class 7B")
    key(app, "return")
    app.top.cards.options, app.top.cards.index = [2], 0
    key(app, "return")
    assert first.isdisjoint(app.top.session.order)  # the same group meets the other two people


def test_past_sessions_listed_on_the_start_screen_and_a_summary_opens(app, drawn):  # noqa: F811
    key(app, "return"), key(app, "return"), key(app, "return"), key(app, "return")
    play_through(app)
    click_button(app, "New session")
    assert isinstance(app.top, StartScene)
    click_button(app, "Past sessions")
    assert isinstance(app.top, HistoryScene) and len(app.top.sessions) == 1
    assert any("The UnKnown · English" in text and "4 cards" in text for text in drawn)
    drawn.clear()
    key(app, "return")
    assert isinstance(app.top, SummaryScene)
    assert "Session summary" in drawn and any("Cards played" in text for text in drawn)
    key(app, "escape"), key(app, "escape")
    assert isinstance(app.top, StartScene)
    key(app, "pagedown")                            # a clicker still starts a new session
    assert not isinstance(app.top, StartScene)


def test_no_past_sessions_no_button(app):  # noqa: F811
    assert "Past sessions" not in [b.label for b in app.top.buttons(app.size)]
    assert pygame.display.get_init()
