"""Players' phones, the pure part: joining, voting, locking, coming back, points from votes, and what
a phone may see at each step (nothing hidden before its step, in any mode or language)."""

import json

import pytest

from game.decks import load_deck
from game.rules import IllegalMove, Rules, back, mark_team, next_step, start, votes
from tests.conftest import PROJECT

DECK = load_deck(PROJECT / "cards" / "the-unknown").deck
NOW = 1_767_000_000.0


def session_of(mode="unknown", teams=("A", "B"), cards=3, **rules):
    return start(DECK, Rules(mode=mode, cards=cards, **rules), list(teams), "bg", "en", seed=7, now=NOW)


def room_with(session, *players, position=True):
    room = votes.Room("ABCD")
    for player_id, team in players:
        room = votes.join(room, session, player_id, player_id.title(), team, "uk", DECK)
    return votes.follow(room, session) if position else room


def test_join_gives_the_smallest_team_and_a_clean_short_name():
    session = session_of(teams=("A", "B", "C"))
    room = votes.Room("ABCD")
    room = votes.join(room, session, "p1", "Ana", 0, "uk", DECK)
    room = votes.join(room, session, "p2", "  Bo\n\x00b  " + "x" * 50, None, "xx", DECK)
    room = votes.join(room, session, "p3", 42, None, "bg", DECK)
    p1, p2, p3 = room.players
    assert (p1.team, p2.team, p3.team) == (0, 1, 2)
    assert p2.name.startswith("Bo b") and len(p2.name) == votes.NAME_LENGTH
    assert p3.name == "" and p2.language == DECK.source_language and p1.language == "uk"
    with pytest.raises(IllegalMove):
        votes.join(room, session, "p4", "", 3, "uk", DECK)          # there is no fourth team
    with pytest.raises(IllegalMove):
        votes.join(room, session, "p1", "again", None, "uk", DECK)  # the same player twice


def test_a_vote_can_change_until_the_step_ends_and_then_is_locked_even_going_back():
    session = session_of()
    room = room_with(session, ("ana", 0))
    room = votes.cast_vote(room, session, DECK, "ana", ["fled"])
    room = votes.cast_vote(room, session, DECK, "ana", ["moved", "fled"])
    assert [v.choice for v in room.votes] == [("fled", "moved")]
    assert votes.answered(room, session) == (1, 1)
    revealed = next_step(session, NOW)
    room = votes.follow(room, revealed)
    with pytest.raises(IllegalMove):
        votes.cast_vote(room, revealed, DECK, "ana", ["fled"])       # nothing to answer at the reveal
    again = back(revealed, NOW)
    room = votes.follow(room, again)
    with pytest.raises(IllegalMove):
        votes.cast_vote(room, again, DECK, "ana", ["advocate"])      # locked for good
    assert [v.choice for v in room.votes] == [("fled", "moved")]


@pytest.mark.parametrize("choice", [["nonsense"], "fled", [["fled"]], [1], None, {"fled": 1}, ["fled"] * 5])
def test_a_choice_that_is_not_offered_is_refused_and_changes_nothing(choice):
    session = session_of()
    room = room_with(session, ("ana", 0))
    with pytest.raises(IllegalMove):
        votes.cast_vote(room, session, DECK, "ana", choice)


def test_a_late_joiner_answers_from_the_next_step():
    session = session_of(mode="fact")
    room = room_with(session, ("ana", 0))
    room = votes.join(room, session, "late", "", None, "uk", DECK)
    assert votes.answered(room, session) == (0, 1)
    with pytest.raises(IllegalMove):
        votes.cast_vote(room, session, DECK, "late", "fact")
    for _ in range(2):                                            # the verdict, then the next statement
        session = next_step(session, NOW)
        room = votes.follow(room, session)
    room = votes.cast_vote(room, session, DECK, "late", "fiction")
    assert votes.answered(room, session) == (1, 2)


def test_a_dropped_phone_keeps_its_vote_within_the_grace_period_and_not_after():
    session = session_of()
    room = votes.cast_vote(room_with(session, ("ana", 0), ("bo", 1)), session, DECK, "ana", ["fled"])
    room = votes.drop(room, "ana", NOW)
    room = votes.expire(room, NOW + votes.GRACE - 1)
    room = votes.reconnect(room, "ana", NOW + votes.GRACE - 1)
    assert room.player("ana").connected and len(room.votes) == 1
    room = votes.expire(votes.drop(room, "ana", NOW), NOW + votes.GRACE + 1)
    assert room.player("ana") is None and room.votes == ()
    with pytest.raises(IllegalMove):
        votes.reconnect(room, "ana", NOW + votes.GRACE + 2)


def test_leaving_takes_the_votes_along():
    session = session_of()
    room = votes.cast_vote(room_with(session, ("ana", 0)), session, DECK, "ana", ["fled"])
    room = votes.leave(room, "ana")
    assert room.players == () and room.votes == () and votes.answered(room, session) == (0, 0)


def _right_and_wrong(session):
    categories = list(DECK.card(session.card_id).categories)
    wrong = [c for c in ("fled", "moved", "child_of_migrants", "advocate") if c not in categories][:1]
    return categories, wrong


@pytest.mark.parametrize("rule, expected", [("majority", {0: 1}), ("share", {0: 2, 1: 1}), ("off", {})])
def test_team_points_from_votes_by_majority_or_by_each_correct_player(rule, expected):
    session = session_of()
    right, wrong = _right_and_wrong(session)
    room = room_with(session, ("a1", 0), ("a2", 0), ("a3", 0), ("b1", 1), ("b2", 1), ("b3", 1))
    for player, choice in {"a1": right, "a2": right, "a3": wrong, "b1": right, "b2": wrong, "b3": wrong}.items():
        room = votes.cast_vote(room, session, DECK, player, choice)
    revealed = next_step(session, NOW)
    room = votes.follow(room, revealed)
    awarded = votes.award_votes(revealed, room, DECK, rule)
    assert dict(zip(range(2), awarded.scores())) == {t: expected.get(t, 0) for t in range(2)}
    if expected:
        assert mark_team(awarded, 0).scores()[0] == 0      # the facilitator can still take it back
        assert votes.award_votes(awarded, room, DECK, rule) is awarded   # never given twice


def test_who_am_i_scores_at_the_clue_of_the_last_right_guess_and_not_yet_counts_as_no_guess():
    session = session_of(mode="who")
    room = room_with(session, ("a1", 0), ("b1", 1))
    options = votes.guess_options(session, DECK)
    assert session.card_id in options and len(options) == votes.GUESSES
    room = votes.cast_vote(room, session, DECK, "a1", votes.NOT_YET)
    room = votes.cast_vote(room, session, DECK, "b1", next(o for o in options if o != session.card_id))
    second = next_step(session, NOW)
    room = votes.follow(room, second)
    room = votes.cast_vote(room, second, DECK, "a1", session.card_id)
    reveal = second
    while reveal.phase[0] != "reveal":
        reveal = next_step(reveal, NOW)
        room = votes.follow(room, reveal)
    assert votes.distribution(room, reveal)[session.card_id] == 1
    earned = votes.teams_right(room, reveal, DECK, "majority")
    clue_count = session.clue_counts[0]
    assert earned == {0: (1, clue_count - 1)}         # named at the second clue: all hidden clues + 1


def test_fact_or_fiction_checks_the_verdict_of_the_statement_being_revealed():
    session = session_of(mode="fact")
    statement = DECK.text(session.card_id, "bg").statements[0]
    truth = votes.FACT if statement.answer else votes.FICTION
    room = votes.cast_vote(room_with(session, ("a1", 0)), session, DECK, "a1", truth)
    verdict = next_step(session, NOW)
    room = votes.follow(room, verdict)
    assert votes.teams_right(room, verdict, DECK, "majority") == {0: (1, 1)}
    view = votes.public_view(room, verdict, DECK, "uk", "a1")
    assert view["answer"] == truth and {"label": truth, "count": 1} in view["distribution"]


def test_the_tally_for_the_summary_has_counts_only():
    session = session_of()
    right, wrong = _right_and_wrong(session)
    room = room_with(session, ("a1", 0), ("b1", 1), ("b2", 1))
    room = votes.cast_vote(room, session, DECK, "a1", right)
    room = votes.cast_vote(room, session, DECK, "b1", wrong)
    tally = votes.tally(votes.Tally(), room, session, DECK)
    revealed = next_step(session, NOW)
    room = votes.follow(room, revealed)
    tally = votes.tally(tally, room, revealed, DECK)
    assert tally.as_dict() == {"players": 3, "answers": [2], "share_correct": 0.5}
    assert "a1" not in json.dumps(tally.as_dict())


def test_right_to_left_languages_come_from_cldr():
    assert votes.text_direction("ar") == "rtl" and votes.text_direction("fa") == "rtl"
    assert votes.text_direction("uk") == "ltr" and votes.text_direction("not a language") == "ltr"


# --- nothing hidden reaches a phone early ----------------------------------------------------------------

def hidden_now(session) -> list[str]:
    """Texts of the current card, in every language of the deck, that no phone may see at this step."""
    phase, number = session.phase
    hidden = []
    for code in DECK.languages:
        text = DECK.text(session.card_id, code)
        if text.note:
            hidden.append(text.note)
        if not votes.reveals_hidden(session.mode, phase):
            hidden.append(text.story)
        if not votes.shows_identity(session.mode, phase):
            hidden += [text.name, text.known_for]
        if phase == "clue":
            hidden += list(text.clues[number:])
        if phase == "statement":
            hidden.append(text.statements[number - 1].explanation)
        if session.card + 1 < len(session.order):
            hidden.append(DECK.text(session.order[session.card + 1], code).name)
    return hidden


def leaks(hidden, view) -> list[str]:
    shown = " ".join(json.dumps(view, ensure_ascii=False).split())
    return [text for text in hidden if " ".join(text.split())[:24] in shown]


@pytest.mark.parametrize("mode", ["unknown", "who", "fact", "story"])
def test_no_phone_sees_anything_before_its_step(mode):
    session = session_of(mode=mode, cards=4)
    room = room_with(session, ("ana", 0), ("bo", 1))
    steps = 0
    while not session.finished:
        phase = session.phase[0]
        for code in DECK.languages:
            view = votes.public_view(room, session, DECK, code, "ana")
            options = view.pop("options", [])
            assert not leaks(hidden_now(session), view), (mode, session.phase, code, leaks(hidden_now(session), view))
            if view.get("ask") == "guess":      # the person is one of several names, in alphabetical order
                names = [o["label"] for o in options if o["value"] != votes.NOT_YET]
                assert len(names) == votes.GUESSES and names == sorted(names)
            elif options:
                assert not leaks(hidden_now(session), options)
            if not votes.reveals_hidden(mode, phase):
                assert "categories" not in view and "story" not in view
            if phase == "statement":
                assert "answer" not in view
            if "distribution" in view:          # counts of the room's answers only once they are locked
                assert (session.card, session.step) != room.position or room.position in room.locked \
                    or votes.question_kind(mode, phase) is None
        kind = votes.question_kind(mode, phase)
        if kind == "categories":
            room = votes.cast_vote(room, session, DECK, "ana", ["fled"])
        elif kind == "fact":
            room = votes.cast_vote(room, session, DECK, "ana", votes.FACT)
        session = next_step(session, NOW)
        room = votes.follow(room, session)
        steps += 1
    assert steps > 8
    assert votes.public_view(room, session, DECK, "uk", "ana") == {
        "mode": mode, "phase": session.phase[0], "number": session.phase[1], "card": session.card + 1,
        "cards": len(session.order), "finished": True, "language": "uk", "dir": "ltr", "teams": ["A", "B"]}
