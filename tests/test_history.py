"""A facilitator's memory: past sessions read back from summaries (this version's and earlier
ones'), the cards a group has played, and the report across sessions."""

import csv
import io
import random
from datetime import date, datetime

import pytest

from game import history, i18n, summary
from game.cli import main
from game.decks import load_deck
from game.rules import Rules, finish, next_step, select_cards, start
from tests.conftest import SAMPLE_DECK
from tests.test_summary import STARTED, played_session


@pytest.fixture(scope="module")
def deck():
    return load_deck(SAMPLE_DECK).deck


def finished(deck, group="", mode="unknown", now=STARTED, played=frozenset(), cards=2):
    session = start(deck, Rules(mode=mode, cards=cards), ("Owls", "Foxes"), "en", "bg", seed=5, now=now,
                    group=group, played=played)
    while not session.finished:
        session = next_step(session, now)
    return finish(session, now + 600)


# --- the card selection, as scenarios ---------------------------------------------------------------

def test_a_groups_played_cards_come_only_after_the_deck_runs_out(deck):
    everyone = [card.id for card in deck.cards]
    played = frozenset(everyone[:-2])
    chosen = select_cards(deck, Rules(cards=4), random.Random(1), played)
    assert set(chosen[:2]) == set(everyone[-2:])          # the two unplayed cards first
    assert set(chosen[2:]) <= played and len(chosen) == 4  # then the deck ran out: played ones fill the rest


def test_the_same_seed_and_history_give_the_same_cards(deck):
    played = frozenset([deck.cards[0].id])
    first = select_cards(deck, Rules(cards=3), random.Random(9), played)
    assert first == select_cards(deck, Rules(cards=3), random.Random(9), played)
    assert deck.cards[0].id not in first


def test_a_group_meets_every_card_before_any_comes_again(deck, tmp_path):
    """Sessions of two cards, one after another, for the same group: no card twice until all were played."""
    seen = []
    for i in range(len(deck.cards) // 2):
        past = history.read_sessions(tmp_path)
        session = finished(deck, "Class 7b", now=STARTED + i * 3600,
                           played=history.played_by(" class  7B", deck.id, past))
        summary.save(session, deck, tmp_path)
        seen += session.played()
    assert sorted(seen) == sorted(card.id for card in deck.cards)


def test_other_groups_and_skipped_cards_do_not_count(deck, tmp_path):
    summary.save(played_session(deck), deck, tmp_path)      # no group
    other = finished(deck, "Evening course")
    summary.save(other, deck, tmp_path)
    sessions = history.read_sessions(tmp_path)
    assert history.played_by("Morning course", deck.id, sessions) == frozenset()
    assert history.played_by("evening course", deck.id, sessions) == frozenset(other.played())
    assert history.played_by("evening course", "another-deck", sessions) == frozenset()


# --- reading summaries back ---------------------------------------------------------------------------

def test_past_sessions_are_read_from_the_stable_csv_whatever_the_screen_language(deck, tmp_path):
    i18n.set_language("uk")
    try:
        summary.save(played_session(deck), deck, tmp_path)
        summary.save(finished(deck, "Class 7b", mode="story", now=STARTED + 7200), deck, tmp_path)
    finally:
        i18n.set_language("en")
    newest, oldest = history.read_sessions(tmp_path)
    assert (newest.mode, newest.group, newest.teams, newest.cards) == ("story", "Class 7b", (), 2)
    assert newest.languages == ("en", "bg") and newest.duration_s == 600
    assert (oldest.mode, oldest.cards, oldest.teams, oldest.points) == ("unknown", 2, ("Owls", "Foxes"), (0, 1))
    assert oldest.started.timestamp() == STARTED and oldest.duration_s == 2700


def test_a_summary_opens_in_the_readers_language(deck, tmp_path):
    summary.save(played_session(deck), deck, tmp_path)
    session, = history.read_sessions(tmp_path)
    i18n.set_language("pl")
    try:
        text = history.markdown(session, "Sample")
    finally:
        i18n.set_language("en")
    assert text.startswith("# " + i18n.translations("pl").gettext("Session summary"))
    assert i18n.translations("pl").gettext("The UnKnown") in text and "| Foxes | 1 |" in text


LEGACY = ("Дата,Продължителност,Тесте,Езици,Режим,Изиграни карти,Карти,Отбор А,Отбор Б\n"
          "14.03.2026 г. 10:00:05,45 минути,Пробно тесте,\"Английски, Български\",Кой съм аз?,3,\"A; B; C\",2,5\n")


def test_summaries_of_earlier_versions_are_read_too(tmp_path):
    """Before the long CSV, one row per session with headers in the screen language of then."""
    (tmp_path / "session-2026-03-14-1000-sample.csv").write_text(LEGACY, encoding="utf-8")
    (tmp_path / "session-2026-03-15-1000-sample.csv").write_text("broken\n\"", encoding="utf-8")
    session, = history.read_sessions(tmp_path)
    assert (session.deck, session.mode, session.languages) == ("sample", "who", ("en", "bg"))
    assert (session.cards, session.teams, session.points) == (3, ("Отбор А", "Отбор Б"), (2, 5))
    assert session.started == datetime(2026, 3, 14, 10, 0).astimezone() and session.duration_s is None


# --- the report ------------------------------------------------------------------------------------

def test_report_since_a_day_writes_csv_and_markdown(deck, tmp_path, capsys):
    folder = tmp_path / "summaries"
    summary.save(played_session(deck), deck, folder)                                    # 2026-03-14
    summary.save(finished(deck, "Class 7b", now=datetime(2026, 4, 2, 9).timestamp()), deck, folder)
    (folder / "session-2026-04-03-1000-sample.csv").write_text(LEGACY, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", "--since", "2026-04-01", "--until", "2026-04-30", "--summaries", str(folder),
                 "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO((out / "report-2026-04-01-2026-04-30.csv").read_text())))
    assert [(r["mode"], r["group"], r["teams"], r["cards"], r["languages"]) for r in rows] == [
        ("unknown", "Class 7b", "2", "2", "en bg"), ("who", "", "2", "3", "en bg")]
    table = (out / "report-2026-04-01-2026-04-30.md").read_text()
    assert "- Sessions: 2" in table and "- Teams (participants played in teams): 4" in table
    assert "- Cards played: 5" in table and "Bulgarian (bg)" in table
    assert "2 session(s), 4 team(s), 2 language(s), 5 card(s)" in capsys.readouterr().out


def test_report_with_a_wrong_date_says_how_to_write_it(tmp_path, capsys):
    assert main(["report", "--since", "14.03.2026", "--summaries", str(tmp_path)]) == 2
    assert "--since '14.03.2026': write the day as YYYY-MM-DD" in capsys.readouterr().err


def test_report_period_is_inclusive(deck):
    sessions = [history.PastSession(None, datetime(2026, 1, d, 12).astimezone(), "d", "story", ("en",), 1)
                for d in (1, 2, 3)]
    assert [s.started.day for s in history.in_period(sessions, date(2026, 1, 2), date(2026, 1, 3))] == [2, 3]
