"""A play session as one immutable, JSON-serialisable value, and the moves that change it.

Every move is a pure function: session in, new session out, nothing half-applied. Time is passed
in (`now`, seconds since the epoch) so moves stay pure and a resumed session keeps its timers.
Autosave, undo and replay all come from that.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, replace
from typing import Sequence

from game.decks.model import Deck
from game.i18n import N_
from game.rules.modes import MODES, points_for, scoring_phase, steps

MAX_TEAMS = 8
MIN_TEAMS = 2
TEAM_LETTERS = "ABCDEFGH"
UNDO_DEPTH = 100


@dataclass(frozen=True)
class Rules:
    """One preset's worth of choices; see assets/presets/*.yaml."""

    mode: str = "unknown"
    cards: int = 10
    categories: tuple[str, ...] = ()    # only cards with any of these (empty: all)
    fields: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    scoring: bool = True
    points: int = 1
    timer: int = 0                      # seconds per step where players talk; 0: no timer
    leaderboard: str = "end"            # always | card (standings after each card) | end | never
    self_guided: bool = False
    calm: bool = False                  # no motion, no sound: for rooms where people may be distressed


@dataclass(frozen=True)
class Award:
    card: int          # index in the session's order
    step: int
    team: int
    points: int


@dataclass(frozen=True)
class Timer:
    duration: float
    remaining: float
    running_since: float | None = None  # wall-clock start of the current run; None when stopped

    def left(self, now: float) -> float:
        if self.running_since is None:
            return max(0.0, self.remaining)
        return max(0.0, self.remaining - (now - self.running_since))


@dataclass(frozen=True)
class Session:
    deck_id: str
    language: str
    language2: str | None
    rules: Rules
    teams: tuple[str, ...]              # team names; colour and letter follow from the index
    order: tuple[str, ...]              # card ids in play order
    plan: tuple[tuple[tuple[str, int], ...], ...]   # each card's steps (phase, number), fixed at start
    clue_counts: tuple[int, ...]
    started_at: float
    card: int = 0
    step: int = 0
    awards: tuple[Award, ...] = ()
    undo_stack: tuple[tuple[Award, ...], ...] = ()
    skipped: tuple[int, ...] = ()
    finished_at: float | None = None
    paused: bool = False
    timer: Timer | None = None
    group: str = ""                     # who played, so a group's next session can leave these cards out

    # --- reading the state ---------------------------------------------------------------------
    @property
    def card_id(self) -> str:
        return self.order[min(self.card, len(self.order) - 1)]

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def mode(self) -> str:
        return self.rules.mode

    @property
    def scoring(self) -> bool:
        return self.rules.scoring and MODES[self.mode].scoring and bool(self.teams)

    @property
    def phase(self) -> tuple[str, int]:
        return self.plan[self.card][self.step]

    def scores(self) -> list[int]:
        totals = [0] * len(self.teams)
        for award in self.awards:
            if award.card not in self.skipped:  # a skipped card's points do not count (back restores them)
                totals[award.team] += award.points
        return totals

    def marked(self) -> set[int]:
        """Teams marked at the current step."""
        return {a.team for a in self.awards if a.card == self.card and a.step == self.step}

    def turn(self) -> int | None:
        """In self-guided play teams take turns card by card."""
        return self.card % len(self.teams) if self.teams else None

    def played(self) -> list[str]:
        """Cards that were shown (up to the current one), without the skipped ones. A session ended
        early stops at the card on screen: the cards after it were never seen."""
        return [card_id for i, card_id in enumerate(self.order[:self.card + 1]) if i not in self.skipped]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Session":
        data = dict(data)
        data["rules"] = Rules(**{k: tuple(v) if isinstance(v, list) else v for k, v in data["rules"].items()})
        data["awards"] = tuple(Award(**a) for a in data["awards"])
        data["undo_stack"] = tuple(tuple(Award(**a) for a in level) for level in data["undo_stack"])
        data["timer"] = Timer(**data["timer"]) if data["timer"] else None
        for name in ("teams", "order", "clue_counts", "skipped"):
            data[name] = tuple(data[name])
        data["plan"] = tuple(tuple((phase, number) for phase, number in card) for card in data["plan"])
        return cls(**data)


class IllegalMove(Exception):
    """A move that does not apply now (e.g. marking a team where nobody scores); nothing changed.

    The message is an N_()-marked template, so a scene can show it translated: message(_).
    """

    def __init__(self, template: str, **values):
        super().__init__(template.format(**values))
        self.template, self.values = template, values

    def message(self, translate=lambda text: text) -> str:
        return translate(self.template).format(**self.values)


def select_cards(deck: Deck, rules: Rules, rng: random.Random, played: frozenset[str] = frozenset()) -> list[str]:
    """Cards that pass the rule's filters, shuffled with the given random source. Cards in `played`
    (a group's earlier sessions) come only after all the others: a group meets new people until
    the deck runs out, and then the ones it has met fill the rest."""
    chosen = [card.id for card in deck.cards if card.matches(rules.categories, rules.fields, rules.tags)]
    fresh, again = [c for c in chosen if c not in played], [c for c in chosen if c in played]
    rng.shuffle(fresh)
    rng.shuffle(again)
    chosen = fresh + again
    return chosen[:rules.cards] if rules.cards else chosen


def start(deck: Deck, rules: Rules, teams: Sequence[str], language: str, language2: str | None,
          seed: int, now: float, group: str = "", played: frozenset[str] = frozenset()) -> Session:
    """A new session; `played`: the cards the group has played before (see select_cards)."""
    if rules.mode not in MODES:
        raise IllegalMove(N_("unknown mode {mode}"), mode=rules.mode)
    if teams and not MIN_TEAMS <= len(teams) <= MAX_TEAMS:
        raise IllegalMove(N_("play with {low}–{high} teams, or none"), low=MIN_TEAMS, high=MAX_TEAMS)
    order = select_cards(deck, rules, random.Random(seed), played)
    if not order:
        raise IllegalMove(N_("no card matches the chosen filters"))
    texts = [deck.text(card_id, language) for card_id in order]
    session = Session(deck_id=deck.id, language=language, language2=language2, rules=rules, teams=tuple(teams),
                      order=tuple(order), plan=tuple(tuple(steps(rules.mode, t)) for t in texts),
                      clue_counts=tuple(len(t.clues) for t in texts), started_at=now, group=" ".join(group.split()))
    return _enter_step(session, now)


# --- moves -------------------------------------------------------------------------------------

def next_step(session: Session, now: float) -> Session:
    if session.finished:
        raise IllegalMove(N_("the session has ended"))
    if session.step + 1 < len(session.plan[session.card]):
        return _enter_step(replace(session, step=session.step + 1), now)
    return _next_card(session, now)


def back(session: Session, now: float) -> Session:
    """One step back. Back onto a skipped card undoes the skip and shows its first step: a card
    skipped by accident must not pass through its reveal on the projector."""
    if session.finished:
        session = replace(session, finished_at=None)
        if session.card in session.skipped:
            return _unskipped(session, session.card, now)
        return _enter_step(session, now)
    if session.step > 0:
        return _enter_step(replace(session, step=session.step - 1), now)
    if session.card > 0:
        card = session.card - 1
        if card in session.skipped:
            return _unskipped(session, card, now)
        return _enter_step(replace(session, card=card, step=len(session.plan[card]) - 1), now)
    raise IllegalMove(N_("this is the first step"))


def skip(session: Session, now: float) -> Session:
    """Leave the current card out: it does not count as played, nor do its points."""
    if session.finished:
        raise IllegalMove(N_("the session has ended"))
    return _next_card(replace(session, skipped=session.skipped + (session.card,)), now)


def mark_team(session: Session, team: int) -> Session:
    """Give a team the points of this step, or take them back if already marked (a toggle)."""
    if not session.scoring:
        raise IllegalMove(N_("scores are off"))
    if not 0 <= team < len(session.teams):
        raise IllegalMove(N_("there is no team {number}"), number=team + 1)
    phase, number = session.phase
    if not scoring_phase(session.mode, phase):
        raise IllegalMove(N_("teams cannot score at this step"))
    mine = [a for a in session.awards if a.card == session.card and a.team == team
            and (a.step == session.step or session.mode == "who")]
    if any(a.step == session.step for a in mine):
        awards = tuple(a for a in session.awards if a not in mine)
    else:
        points = points_for(session.mode, phase, number, session.clue_counts[session.card], session.rules.points)
        awards = tuple(a for a in session.awards if a not in mine) + (Award(session.card, session.step, team, points),)
    return replace(session, awards=awards, undo_stack=_pushed(session))


def undo(session: Session) -> Session:
    """Take back the last scoring action on the card on screen; never, unseen, one on an earlier card."""
    if not session.undo_stack:
        raise IllegalMove(N_("nothing to undo"))
    changed = set(session.awards) ^ set(session.undo_stack[-1])
    if any(award.card != session.card for award in changed):
        raise IllegalMove(N_("nothing to undo on this card"))
    return replace(session, awards=session.undo_stack[-1], undo_stack=session.undo_stack[:-1])


def toggle_pause(session: Session, now: float) -> Session:
    paused = not session.paused
    timer = session.timer
    if timer:
        timer = _stopped(timer, now) if paused else replace(timer, running_since=now)
    return replace(session, paused=paused, timer=timer)


def toggle_timer(session: Session, now: float) -> Session:
    """T: start a timer for this step if there is none, otherwise stop it, continue it, or restart
    it when it has run out (one press, whether or not it still counts as running)."""
    if session.timer is None:
        duration = session.rules.timer or 60
        return replace(session, timer=Timer(duration, duration, None if session.paused else now))
    if session.timer.left(now) <= 0:
        return replace(session, timer=Timer(session.timer.duration, session.timer.duration, now))
    if session.timer.running_since is None:
        return replace(session, timer=replace(session.timer, running_since=now))
    return replace(session, timer=_stopped(session.timer, now))


def suspend(session: Session, now: float) -> Session:
    """The session as it is autosaved: a running timer keeps the time it has left and the session
    comes back paused, so the time an app was down (crash, closed lid) is never taken off."""
    if session.timer is None or session.timer.running_since is None or session.paused:
        return session
    return replace(session, paused=True, timer=_stopped(session.timer, now))


def set_calm(session: Session, calm: bool) -> Session:
    """Calm mode on or off mid-session (Esc menu): a facilitator may see the room needs it."""
    return replace(session, rules=replace(session.rules, calm=calm))


def finish(session: Session, now: float) -> Session:
    return replace(session, finished_at=now, timer=None)


# --- helpers -----------------------------------------------------------------------------------

def _pushed(session: Session) -> tuple[tuple[Award, ...], ...]:
    return (session.undo_stack + (session.awards,))[-UNDO_DEPTH:]


def _stopped(timer: Timer, now: float) -> Timer:
    return Timer(timer.duration, timer.left(now), None)


def _unskipped(session: Session, card: int, now: float) -> Session:
    return _enter_step(replace(session, card=card, step=0, skipped=tuple(i for i in session.skipped if i != card)), now)


def _next_card(session: Session, now: float) -> Session:
    if session.card + 1 >= len(session.order):
        return finish(session, now)
    return _enter_step(replace(session, card=session.card + 1, step=0), now)


TIMED_PHASES = {"face", "clue", "statement", "question", "story"}


def _enter_step(session: Session, now: float) -> Session:
    """Each step where players talk starts its own timer when the rules ask for one."""
    timer = None
    if session.rules.timer and session.phase[0] in TIMED_PHASES:
        timer = Timer(session.rules.timer, session.rules.timer, None if session.paused else now)
    return replace(session, timer=timer)

