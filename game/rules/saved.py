"""Checking an autosaved session before play goes on with it. Plain Python.

The autosave is outside input like a deck: it may be damaged, written by another version, or made
for a deck that was edited since (a clue or a statement removed). Every index, count and number is
checked here, once, so the scenes can trust a session they are given.
"""

from __future__ import annotations

import math
import re

from game.decks.model import Deck
from game.rules.modes import MODES, steps
from game.rules.session import MAX_TEAMS, MIN_TEAMS, UNDO_DEPTH, Award, Rules, Session

AUTOSAVE_VERSION = 1
MAX_NAME = 100          # characters in a team name (the setup form allows 24)
MAX_POINTS = 10_000     # points in one award
LATEST = 4e10           # seconds since 1970: year 3237, far enough, and datetime can show it
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_LEADERBOARD = ("always", "end", "never")


class Unusable(ValueError):
    """Why a saved session cannot be resumed (for the log; people see a general notice)."""


def _require(condition: bool, reason: str) -> None:
    if not condition:
        raise Unusable(reason)


def _is_int(value, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _is_time(value) -> bool:
    return type(value) in (int, float) and math.isfinite(value) and 0 <= value <= LATEST


def check_autosave(data) -> Session:
    """The session in an autosave's JSON value, or Unusable saying what is wrong with it."""
    _require(isinstance(data, dict), "not a JSON object")
    _require(data.get("version") == AUTOSAVE_VERSION, f"version {data.get('version')!r}, "
                                                      f"expected {AUTOSAVE_VERSION}")
    try:
        session = Session.from_dict(data["session"])
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise Unusable(f"the session does not read: {error!r}"[:200]) from None
    check_session(session)
    return session


def check_session(s: Session) -> None:
    """Every value within the range the game itself can produce."""
    _check_rules(s.rules)
    _require(isinstance(s.deck_id, str) and isinstance(s.language, str)
             and (s.language2 is None or isinstance(s.language2, str)), "deck or language")
    _require(len(s.teams) == 0 or MIN_TEAMS <= len(s.teams) <= MAX_TEAMS, "number of teams")
    _require(all(isinstance(t, str) and 0 < len(t) <= MAX_NAME and not _CONTROL.search(t) for t in s.teams),
             "team names")
    n = len(s.order)
    _require(n > 0 and all(isinstance(c, str) for c in s.order), "card order")
    _require(len(s.plan) == n and len(s.clue_counts) == n, "plan length")
    _require(all(len(card) > 0 and all(isinstance(p, str) and type(k) is int for p, k in card) for card in s.plan),
             "plan steps")
    _require(all(_is_int(c, 0, 1000) for c in s.clue_counts), "clue counts")
    _require(_is_int(s.card, 0, n - 1) and _is_int(s.step, 0, len(s.plan[s.card]) - 1), "current step")
    _require(_is_time(s.started_at), "start time")
    _require(s.finished_at is None or (_is_time(s.finished_at) and s.finished_at >= s.started_at), "end time")
    _require(len(s.undo_stack) <= UNDO_DEPTH, "undo levels")
    for awards in (s.awards, *s.undo_stack):
        _require(all(_award_fits(a, s) for a in awards), "awards")
    _require(all(_is_int(i, 0, n - 1) for i in s.skipped), "skipped cards")
    _require(type(s.paused) is bool, "paused")
    if s.timer is not None:
        t = s.timer
        _require(all(type(v) in (int, float) and math.isfinite(v) and 0 <= v <= 100_000
                     for v in (t.duration, t.remaining)), "timer")
        _require(t.running_since is None or _is_time(t.running_since), "timer start")


def _award_fits(award: Award, s: Session) -> bool:
    return (_is_int(award.card, 0, len(s.order) - 1) and _is_int(award.step, 0, len(s.plan[award.card]) - 1)
            and _is_int(award.team, 0, len(s.teams) - 1) and _is_int(award.points, -MAX_POINTS, MAX_POINTS))


def _check_rules(rules: Rules) -> None:
    _require(rules.mode in MODES, "mode")
    _require(_is_int(rules.cards, 0, 100_000) and _is_int(rules.points, 1, 100) and _is_int(rules.timer, 0, 3600),
             "rule numbers")
    _require(all(type(getattr(rules, name)) is bool for name in ("scoring", "self_guided")), "rule switches")
    _require(rules.leaderboard in _LEADERBOARD, "leaderboard")
    _require(all(isinstance(v, str) for v in (*rules.categories, *rules.fields, *rules.tags)), "card filters")


def deck_mismatch(session: Session, deck: Deck) -> str | None:
    """Why `session` no longer fits `deck` (edited since the session started), or None.

    A fixed typo changes nothing; a removed card, clue or statement changes the plan, and a step
    in the session would point at text that is no longer there.
    """
    ids = {card.id for card in deck.cards}
    missing = [card_id for card_id in session.order if card_id not in ids]
    if missing:
        return f"card {missing[0]} is no longer in the deck"
    for language in (session.language, session.language2):
        if language is not None and language not in deck.languages:
            return f"the deck has no {language} text any more"
    for card_id, plan, clues in zip(session.order, session.plan, session.clue_counts):
        text = deck.text(card_id, session.language)
        if tuple(steps(session.mode, text)) != tuple(plan) or len(text.clues) != clues:
            return f"the clues or statements of {card_id} changed"
    return None
