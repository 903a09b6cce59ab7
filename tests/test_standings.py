"""Standings between cards and the podium: pure rules as scenarios, then the scenes via events."""

import pytest

from game.decks import load_deck
from game.rules import Rules, mark_team, next_step, skip, start
from game.rules.standings import due, podium, standings
from game.scenes.end import EndScene
from game.scenes.play import RoundScene
from game.scenes.standings import StandingsScene
from tests.conftest import SAMPLE_DECK
from tests.test_play import app, key, setup_keyboard  # noqa: F401 (the fixture)


@pytest.fixture(scope="module")
def deck():
    return load_deck(SAMPLE_DECK).deck


def play(deck, marks_per_card, leaderboard="card", scoring=True, mode="unknown"):
    """Seed 1, four teams; each card: go to its reveal, mark the given teams, go to its question."""
    session = start(deck, Rules(mode=mode, cards=4, leaderboard=leaderboard, scoring=scoring), "ABCD", "en", None,
                    seed=1, now=0)
    for i, marks in enumerate(marks_per_card):
        if i:
            session = next_step(session, 0)
        session = next_step(session, 0)
        for team in marks:
            session = mark_team(session, team)
        session = next_step(session, 0)
    return session


def view(rows):
    return [(r.place, "ABCD"[r.team], r.points, r.gained, r.moved, r.tied) for r in rows]


def test_standings_show_what_the_last_card_changed(deck):
    session = play(deck, [[0, 1], [2], [2, 3]])
    assert view(standings(session)) == [
        (1, "C", 2, 1, 0, False),       # C: shared the first place before this card, now alone
        (2, "A", 1, 0, -1, True), (2, "B", 1, 0, -1, True), (2, "D", 1, 1, 2, True)]


def test_ties_share_a_place_and_a_podium_step(deck):
    session = play(deck, [[0, 1], [2]])
    rows = standings(session)
    assert [(r.place, r.tied) for r in rows] == [(1, True), (1, True), (1, True), (4, False)]
    steps = podium(rows)
    assert [(place, ["ABCD"[r.team] for r in here]) for place, here in steps] == [(1, ["A", "B", "C"])]


def test_a_skipped_cards_points_do_not_count_in_standings(deck):
    session = play(deck, [[0]])
    session = skip(session, 0)                           # card 1 left out: A's point with it
    assert [r.points for r in standings(session)] == [0, 0, 0, 0]


def test_standings_are_due_after_each_card_only_with_that_rule_and_scores(deck):
    assert due(play(deck, [[0]]))
    assert not due(play(deck, [[0]], leaderboard="end"))
    assert not due(play(deck, [[]], scoring=False))
    assert not due(play(deck, [[]], mode="story"))
    assert not due(play(deck, [[0], [], [], []]))        # after the last card the podium follows


# --- scenes ----------------------------------------------------------------------------------------

def test_standings_between_cards_before_the_next_card_starts(app):  # noqa: F811
    scene = setup_keyboard(app)
    scene.session = scene.session.__class__(**{**scene.session.__dict__,
                                               "rules": scene.session.rules.__class__(leaderboard="card")})
    key(app, "return"), key(app, "2"), key(app, "return")   # reveal, B right, question
    key(app, "return")
    assert isinstance(app.top, StandingsScene) and scene.session.card == 0   # the next card waits
    key(app, "return")
    assert app.top is scene and scene.session.card == 1 and scene.session.step == 0


def test_l_shows_the_standings_and_goes_back_to_the_same_step(app, drawn):  # noqa: F811
    scene = setup_keyboard(app)
    key(app, "return"), key(app, "1")
    drawn.clear()
    key(app, "l")
    assert isinstance(app.top, StandingsScene) and "Standings after card 1 of 4" in drawn
    assert any("+1 point" in text for text in drawn)
    key(app, "return")
    assert app.top is scene and scene.session.phase == ("reveal", 0)


def test_no_standings_and_no_podium_without_scores(app, drawn):  # noqa: F811
    scene = setup_keyboard(app, mode_steps=3)                # Story circle
    key(app, "l")
    assert app.top is scene and scene.notice
    while not isinstance(app.top, EndScene):
        key(app, "return")
        assert not isinstance(app.top, StandingsScene)
    drawn.clear()
    app._frame = None
    app.draw(app.screen)
    assert not any("point" in text for text in drawn)


def test_the_podium_names_every_team_and_shows_ties(app, drawn):  # noqa: F811
    setup_keyboard(app, teams_down=2)                       # 2 teams
    key(app, "return"), key(app, "1"), key(app, "2")       # both right on card 1
    while not isinstance(app.top, EndScene):
        key(app, "return")
    drawn.clear()
    app._frame = None
    app.draw(app.screen)
    assert "1. tie" in drawn and "1 · Team A" in drawn and "2 · Team B" in drawn
    assert isinstance(app.top, EndScene) and not isinstance(app.top, RoundScene)
