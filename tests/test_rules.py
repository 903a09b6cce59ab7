"""Rules as scenarios: a seed, a list of moves, the expected state."""

import json

import pytest

from game.decks import load_deck
from game.rules import (IllegalMove, Rules, Session, back, finish, instruction, mark_team, next_step, scoring_phase,
                        skip, start, suspend, toggle_pause,
                        toggle_timer, undo)
from game.rules.presets import load_preset, load_presets, save_preset
from tests.conftest import SAMPLE_DECK

TEAMS = ("Owls", "Foxes", "Bears")


@pytest.fixture(scope="module")
def deck():
    return load_deck(SAMPLE_DECK).deck


def play(session, moves, now=1000.0):
    for move in moves:
        kind, _, arg = move.partition(" ")
        if kind == "next":
            session = next_step(session, now)
        elif kind == "back":
            session = back(session, now)
        elif kind == "skip":
            session = skip(session, now)
        elif kind == "mark":
            session = mark_team(session, int(arg) - 1)
        elif kind == "undo":
            session = undo(session)
    return session


def test_the_same_seed_gives_the_same_order(deck):
    a = start(deck, Rules(cards=3), TEAMS, "en", None, seed=7, now=0)
    b = start(deck, Rules(cards=3), TEAMS, "en", None, seed=7, now=0)
    assert a.order == b.order and len(a.order) == 3
    orders = {start(deck, Rules(cards=4), TEAMS, "en", None, seed=s, now=0).order for s in range(20)}
    assert len(orders) > 1


def test_classic_round_scores_marked_teams_at_the_reveal(deck):
    session = start(deck, Rules(mode="unknown", cards=2), TEAMS, "en", None, seed=1, now=0)
    assert session.phase == ("face", 0)
    with pytest.raises(IllegalMove):
        mark_team(session, 0)  # nobody scores before the reveal
    session = play(session, ["next", "mark 1", "mark 3", "next", "next", "next", "mark 2"])
    assert session.card == 1 and session.phase == ("reveal", 0)
    assert session.scores() == [1, 1, 1]
    session = play(session, ["next", "next"])
    assert session.finished and session.played() == list(session.order)


def test_marking_twice_takes_the_point_back_and_undo_restores(deck):
    session = play(start(deck, Rules(), TEAMS, "en", None, seed=1, now=0), ["next", "mark 2", "mark 2"])
    assert session.scores() == [0, 0, 0]
    session = play(session, ["undo"])
    assert session.scores() == [0, 1, 0]
    session = play(session, ["undo"])
    assert session.scores() == [0, 0, 0]
    with pytest.raises(IllegalMove):
        undo(session)


def test_who_am_i_scores_more_for_an_early_answer(deck):
    session = start(deck, Rules(mode="who", cards=1, points=1), TEAMS, "en", None, seed=3, now=0)
    clues = session.clue_counts[0]
    assert [p for p, _ in session.plan[0]] == ["clue"] * clues + ["reveal", "question"]
    session = play(session, ["mark 1", "next", "mark 2"])
    assert session.scores() == [clues, clues - 1, 0]
    session = play(session, ["mark 1"])  # a team scores once per card: moving the mark moves the points
    assert session.scores()[0] == clues - 1


def test_fact_or_fiction_alternates_statements_and_verdicts(deck):
    session = start(deck, Rules(mode="fact", cards=4), TEAMS, "en", None, seed=2, now=0)
    for plan, card_id in zip(session.plan, session.order):
        n = len(deck.text(card_id, "en").statements)
        assert [p for p, _ in plan] == ["statement", "verdict"] * n + ["question"]
    session = play(session, ["next", "mark 3"])
    assert session.scores() == [0, 0, 1]


def test_story_circle_has_no_scores(deck):
    session = start(deck, Rules(mode="story", scoring=True), TEAMS, "en", None, seed=2, now=0)
    with pytest.raises(IllegalMove):
        mark_team(play(session, ["next"]), 0)


def test_skip_leaves_a_card_out_and_drops_its_points(deck):
    session = play(start(deck, Rules(cards=3), TEAMS, "en", None, seed=5, now=0), ["next", "mark 1", "skip"])
    assert session.card == 1 and session.scores() == [0, 0, 0] and session.skipped == (0,)
    session = play(session, ["next", "next", "next", "next", "next", "next"])
    assert session.finished and session.played() == list(session.order[1:])
    assert play(session, ["back"] * 7).scores() == [1, 0, 0]  # back on the skipped card: its points return


def test_back_walks_to_the_previous_card_and_out_of_the_end(deck):
    session = play(start(deck, Rules(cards=2), TEAMS, "en", None, seed=5, now=0), ["next", "next", "next"])
    assert (session.card, session.step) == (1, 0)
    session = play(session, ["back"])
    assert (session.card, session.step) == (0, 2)
    finished = play(session, ["next"] * 4)
    assert finished.finished
    assert not play(finished, ["back"]).finished
    with pytest.raises(IllegalMove):
        play(start(deck, Rules(), TEAMS, "en", None, seed=5, now=0), ["back"])


def test_timers_run_pause_and_survive_serialisation(deck):
    session = start(deck, Rules(timer=60), TEAMS, "en", None, seed=1, now=100)
    assert session.timer.left(130) == 30
    paused = toggle_pause(session, now=130)
    assert paused.timer.left(500) == 30
    resumed = toggle_pause(paused, now=500)
    assert resumed.timer.left(510) == 20
    assert next_step(resumed, 510).timer is None  # no timer on the reveal
    stopped = toggle_timer(resumed, 520)
    assert stopped.timer.left(900) == 10
    assert toggle_timer(start(deck, Rules(), TEAMS, "en", None, seed=1, now=0), 0).timer.left(10) == 50


def test_a_session_round_trips_through_json(deck):
    session = play(start(deck, Rules(mode="who", timer=30), TEAMS, "bg", "en", seed=9, now=10),
                   ["mark 1", "next", "mark 2", "undo", "skip"])
    restored = Session.from_dict(json.loads(json.dumps(session.to_dict())))
    assert restored == session


def test_illegal_starts_are_reported(deck):
    with pytest.raises(IllegalMove):
        start(deck, Rules(), ("Only",), "en", None, seed=1, now=0)
    with pytest.raises(IllegalMove):
        start(deck, Rules(tags=("no-such-tag",)), TEAMS, "en", None, seed=1, now=0)
    assert start(deck, Rules(categories=("fled",), cards=0), (), "en", None, seed=1, now=0).order
    with pytest.raises(IllegalMove):
        mark_team(start(deck, Rules(), (), "en", None, seed=1, now=0), 0)


def test_presets_load_save_and_report_problems(tmp_path):
    presets, problems = load_presets()
    assert presets[0].name == "First session" and presets[0].rules == Rules(mode="unknown", cards=10)
    assert not problems
    path = save_preset(tmp_path, "Our Friday group", Rules(mode="fact", cards=5, timer=45, categories=("fled",)))
    preset, problems = load_preset(path)
    assert preset.rules == Rules(mode="fact", cards=5, timer=45, categories=("fled",)) and not problems
    (tmp_path / "bad.yaml").write_text("name: Bad\nmode: bingo\n")
    presets, problems = load_presets(tmp_path)
    assert [p.name for p in presets][-1] == "Our Friday group"
    assert str(problems[0]).endswith("bad.yaml:2:7: error: unknown mode 'bingo'; use one of: unknown, who, fact, story")


def test_ending_early_counts_only_the_cards_shown(deck):
    session = play(start(deck, Rules(cards=4), TEAMS, "en", None, seed=5, now=0), ["next", "next", "next", "next"])
    assert session.card == 1
    ended = finish(session, 60)
    assert ended.played() == list(session.order[:2])           # cards 3 and 4 were never on screen


def test_back_after_a_skip_lands_on_the_skipped_cards_face(deck):
    session = play(start(deck, Rules(cards=3), TEAMS, "en", None, seed=5, now=0), ["next", "next", "next", "skip"])
    assert (session.card, session.step) == (2, 0) and session.skipped == (1,)
    back_again = play(session, ["back"])
    assert (back_again.card, back_again.step) == (1, 0) and back_again.phase == ("face", 0)
    assert back_again.skipped == ()
    # skipping the last card ends the session; going back shows that card's face, not its reveal
    last = play(start(deck, Rules(cards=2), TEAMS, "en", None, seed=5, now=0), ["next", "next", "next", "next", "skip"])
    assert last.finished
    assert play(last, ["back"]).phase == ("face", 0) and play(last, ["back"]).skipped == ()


def test_undo_never_reaches_back_to_an_earlier_card(deck):
    session = play(start(deck, Rules(cards=3), TEAMS, "en", None, seed=5, now=0), ["next", "mark 3", "next", "next"])
    assert session.card == 1 and session.scores() == [0, 0, 1]
    with pytest.raises(IllegalMove) as refused:
        undo(session)
    assert "this card" in str(refused.value)
    session = play(session, ["next", "mark 1", "undo"])          # on the current card undo still works
    assert session.scores() == [0, 0, 1]


def test_t_after_a_timer_ran_out_restarts_it_in_one_press(deck):
    session = start(deck, Rules(timer=30), TEAMS, "en", None, seed=1, now=100)
    assert session.timer.left(200) == 0 and session.timer.running_since is not None
    restarted = toggle_timer(session, 200)
    assert restarted.timer.left(200) == 30 and restarted.timer.running_since == 200


def test_time_away_after_a_crash_is_not_taken_off_the_timer(deck):
    running = start(deck, Rules(timer=90), TEAMS, "en", None, seed=1, now=100)
    saved = json.loads(json.dumps(suspend(running, 110).to_dict()))     # the autosave, ten seconds in
    resumed = Session.from_dict(saved)
    assert resumed.paused and resumed.timer.left(100_000) == 80      # the app was away for a day: 80 s still left
    assert toggle_pause(resumed, 100_000).timer.left(100_010) == 70
    idle = start(deck, Rules(), TEAMS, "en", None, seed=1, now=100)
    assert suspend(idle, 500) == idle                                # nothing running: nothing changes


@pytest.mark.parametrize("mode, phase, scoring, says", [
    ("who", "reveal", True, None), ("unknown", "reveal", False, None), ("fact", "verdict", False, None),
    ("unknown", "reveal", True, "Mark them"), ("fact", "verdict", True, "Mark them"),
])
def test_instructions_only_ask_for_marks_where_marks_count(mode, phase, scoring, says):
    text = instruction(mode, phase, scoring)
    assert ("number keys" in text) == (says is not None) == (scoring and scoring_phase(mode, phase))


def test_story_circle_has_its_own_prompt_on_the_face():
    assert instruction("story", "face", False) != instruction("unknown", "face", True)
    assert "unknown" not in instruction("story", "face", False).lower()
