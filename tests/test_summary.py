"""The session summary: CSV files that can be stacked across sessions and languages, written so
that other people (and backup tools) can read them."""

import csv
import io
import os
from datetime import datetime

import pytest

from game import i18n, summary
from game.decks import load_deck
from game.rules import Rules, finish, mark_team, next_step, skip, start
from tests.conftest import SAMPLE_DECK

STARTED = datetime(2026, 3, 14, 10, 0, 5).timestamp()


@pytest.fixture(scope="module")
def deck():
    return load_deck(SAMPLE_DECK).deck


def played_session(deck, mode="unknown", now=STARTED):
    """Card 1: team B right; card 2: team A marked, then skipped; ended on card 3's face, 45 min later."""
    session = start(deck, Rules(mode=mode, cards=4), ("Owls", "Foxes"), "en", None, seed=1, now=now)
    session = next_step(session, now)
    if mode == "unknown":
        session = mark_team(session, 1)
    session = next_step(next_step(session, now), now)
    session = next_step(session, now)
    if mode == "unknown":
        session = mark_team(session, 0)
    session = skip(session, now)
    return finish(session, now + 45 * 60)


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_is_long_format_with_stable_headers_iso_dates_and_seconds(deck):
    session = played_session(deck)
    i18n.set_language("bg")
    try:
        text = summary.csv_text(session, deck)
    finally:
        i18n.set_language("en")
    assert text.splitlines()[0] == ("session,started,duration_s,deck,mode,language,language2,position,card_id,card,"
                                    "status,team_number,team,points,group")
    table = rows(text)
    assert len(table) == 3 * 2                           # three cards shown, two teams; card 4 never shown
    assert datetime.fromisoformat(table[0]["started"]).timestamp() == STARTED
    assert {row["duration_s"] for row in table} == {"2700"}
    assert [(r["position"], r["status"], r["team_number"], r["points"]) for r in table] == [
        ("1", "played", "1", "0"), ("1", "played", "2", "1"),
        ("2", "skipped", "1", "0"), ("2", "skipped", "2", "0"),   # a skipped card is recorded; its point does not count
        ("3", "played", "1", "0"), ("3", "played", "2", "0")]
    assert table[0]["card_id"] == session.order[0] and table[0]["team"] == "Owls" and table[0]["mode"] == "unknown"


def test_csv_without_scores_has_no_team_columns(deck):
    table = rows(summary.csv_text(played_session(deck, mode="story"), deck))
    assert "team" not in table[0] and "points" not in table[0]
    assert [(r["position"], r["status"]) for r in table] == [("1", "played"), ("2", "skipped"), ("3", "played")]


def test_two_sessions_in_one_minute_keep_their_own_files_readable_by_others(deck, tmp_path):
    old = os.umask(0o022)
    try:
        first = summary.save(played_session(deck), deck, tmp_path)
        second = summary.save(played_session(deck, now=STARTED + 20), deck, tmp_path)
        again = summary.save(played_session(deck), deck, tmp_path)
    finally:
        os.umask(old)
    assert set(first).isdisjoint(second) and again == first
    assert len(list(tmp_path.iterdir())) == 4
    assert {path.stat().st_mode & 0o777 for path in first + second} == {0o644}

