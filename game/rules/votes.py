"""Players' phones: who joined, what they voted, and what a phone may see, as data and pure functions.

A `Room` lives only in memory (nothing about players is written to disk). Every move takes the room
and the facilitator's `Session` (read only) and returns a new room; a move that does not apply raises
`IllegalMove` and changes nothing. A vote belongs to one step of one card; it can change until the
session leaves that step, then it is locked for good. What a phone sees comes from `public_view`,
which asks the same "is it revealed yet?" rules as the shared screen.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable

from babel import Locale, UnknownLocaleError

from game.decks.model import Deck
from game.i18n import N_
from game.rules.modes import points_for, reveals_hidden, shows_identity
from game.rules.session import Award, IllegalMove, Session

GRACE = 120.0          # seconds a player who lost the connection keeps their place and vote
MAX_PLAYERS = 250
NAME_LENGTH = 24
GUESSES = 6            # names offered in "Who am I?"
TEAM_POINTS = ("off", "majority", "share")   # points from votes: none, the team's majority, each correct player
NOT_YET = "not_yet"
FACT, FICTION = "fact", "fiction"
SPEAK = "speak"

Position = tuple[int, int]   # (card, step) in the session


@dataclass(frozen=True)
class Player:
    id: str                       # a random token; the phone keeps it to come back after a drop
    name: str
    team: int | None
    language: str
    joined: Position | None       # None: joined in the lobby, before the first step
    connected: bool = True
    dropped_at: float | None = None


@dataclass(frozen=True)
class Vote:
    player: str
    card: int
    step: int
    choice: str | tuple[str, ...]


@dataclass(frozen=True)
class Room:
    code: str
    players: tuple[Player, ...] = ()
    votes: tuple[Vote, ...] = ()
    locked: frozenset[Position] = frozenset()
    position: Position | None = None       # the session's step the room last followed
    grace: float = GRACE

    def player(self, player_id: str) -> Player | None:
        return next((p for p in self.players if p.id == player_id), None)


# --- what is asked at each step ---------------------------------------------------------------------

def question_kind(mode: str, phase: str) -> str | None:
    """What a phone can answer at this step: categories, fact, guess, speak, or nothing."""
    if mode == "unknown" and phase == "face":
        return "categories"
    if mode == "fact" and phase == "statement":
        return "fact"
    if mode == "who" and phase == "clue":
        return "guess"
    if mode == "story":
        return "speak"
    return None


def guess_options(session: Session, deck: Deck) -> tuple[str, ...]:
    """"Who am I?": the person and GUESSES-1 others from the deck, the same for every phone and every
    clue of a card; the phone sorts them by name, so the position gives nothing away."""
    others = sorted(c.id for c in deck.cards if c.id != session.card_id)
    rng = random.Random(f"{session.started_at}:{session.card}")
    return tuple(sorted(rng.sample(others, min(GUESSES - 1, len(others))) + [session.card_id]))


def _valid_choice(session: Session, deck: Deck, kind: str, choice) -> str | tuple[str, ...]:
    if kind == "categories":
        names = deck.edition(session.language).category_names
        if not isinstance(choice, list) or len(choice) > len(names) or \
                not all(isinstance(c, str) and c in names for c in choice):
            raise IllegalMove(N_("choose categories"))
        return tuple(sorted(set(choice)))
    allowed = {"fact": (FACT, FICTION), "guess": guess_options(session, deck) + (NOT_YET,),
               "speak": (SPEAK, "")}[kind]
    if not isinstance(choice, str) or choice not in allowed:
        raise IllegalMove(N_("that is not one of the choices"))
    return choice


# --- moves --------------------------------------------------------------------------------------------

def join(room: Room, session: Session | None, player_id: str, name: str, team: int | None, language: str,
         deck: Deck) -> Room:
    """A new player; in the middle of a step they vote from the next step on. No team given: the smallest."""
    if room.player(player_id):
        raise IllegalMove(N_("this player has already joined"))
    if len(room.players) >= MAX_PLAYERS:
        raise IllegalMove(N_("the room is full"))
    teams = len(session.teams) if session else 0
    if team is not None and not (isinstance(team, int) and 0 <= team < teams):
        raise IllegalMove(N_("there is no team {number}"), number=team + 1 if isinstance(team, int) else team)
    if teams and team is None:
        sizes = Counter(p.team for p in room.players)
        team = min(range(teams), key=lambda t: (sizes[t], t))
    player = Player(player_id, clean_name(name), team if teams else None, _language(deck, language),
                    room.position)
    return replace(room, players=room.players + (player,))


def clean_name(name) -> str:
    """A nickname: printable, one line, short. Not a person's data: it may stay empty."""
    text = name if isinstance(name, str) else ""
    return "".join(ch for ch in " ".join(text.split()) if ch.isprintable()).strip()[:NAME_LENGTH]


def _language(deck: Deck, language) -> str:
    return language if language in deck.languages else deck.source_language


def set_language(room: Room, player_id: str, language: str, deck: Deck) -> Room:
    if not isinstance(language, str) or language not in deck.languages:
        raise IllegalMove(N_("the deck has no such language"))
    return _update(room, player_id, lambda p: replace(p, language=language))


def drop(room: Room, player_id: str, now: float) -> Room:
    """The connection was lost: the player keeps their place for the grace period."""
    return _update(room, player_id, lambda p: replace(p, connected=False, dropped_at=now))


def reconnect(room: Room, player_id: str, now: float) -> Room:
    player = room.player(player_id)
    if player is None or _expired(room, player, now):
        raise IllegalMove(N_("this player is no longer in the game"))
    return _update(room, player_id, lambda p: replace(p, connected=True, dropped_at=None))


def leave(room: Room, player_id: str) -> Room:
    """The player leaves (or the facilitator removes the name); their votes go with them."""
    return replace(room, players=tuple(p for p in room.players if p.id != player_id),
                   votes=tuple(v for v in room.votes if v.player != player_id))


def expire(room: Room, now: float) -> Room:
    """Players away for longer than the grace period are gone, with their votes."""
    gone = {p.id for p in room.players if _expired(room, p, now)}
    if not gone:
        return room
    return replace(room, players=tuple(p for p in room.players if p.id not in gone),
                   votes=tuple(v for v in room.votes if v.player not in gone))


def follow(room: Room, session: Session) -> Room:
    """The session moved: the step it left is locked (votes can no longer change, even going back)."""
    position = (session.card, session.step)
    if room.position == position:
        return room
    locked = room.locked | {room.position} if room.position is not None else room.locked
    return replace(room, position=position, locked=locked)


def cast_vote(room: Room, session: Session, deck: Deck, player_id: str, choice) -> Room:
    """A player's answer at the current step; a second vote replaces the first until the step ends."""
    player = room.player(player_id)
    if player is None:
        raise IllegalMove(N_("this player is no longer in the game"))
    if not can_vote(room, session, player):
        raise IllegalMove(N_("answers are closed at this step"))
    phase = session.phase[0]
    value = _valid_choice(session, deck, question_kind(session.mode, phase), choice)
    card, step = session.card, session.step
    votes = tuple(v for v in room.votes if not (v.player == player_id and v.card == card and v.step == step))
    if value not in ("", ()):
        votes += (Vote(player_id, card, step, value),)
    return replace(room, votes=votes)


def can_vote(room: Room, session: Session, player: Player) -> bool:
    position = (session.card, session.step)
    return (not session.finished and question_kind(session.mode, session.phase[0]) is not None
            and position not in room.locked and room.position == position
            and (player.joined is None or player.joined < position))


def _update(room: Room, player_id: str, change: Callable[[Player], Player]) -> Room:
    if room.player(player_id) is None:
        raise IllegalMove(N_("this player is no longer in the game"))
    return replace(room, players=tuple(change(p) if p.id == player_id else p for p in room.players))


def _expired(room: Room, player: Player, now: float) -> bool:
    return not player.connected and player.dropped_at is not None and now - player.dropped_at > room.grace


# --- reading the room ------------------------------------------------------------------------------------

def eligible(room: Room, session: Session) -> list[Player]:
    """Players who can answer at the current step (connected or within the grace period)."""
    return [p for p in room.players if can_vote(room, session, p)] if room.position else []


def answered(room: Room, session: Session) -> tuple[int, int]:
    """(players who answered, players who could) at the current step: counts only, never who."""
    players = eligible(room, session)
    ids = {p.id for p in players}
    voted = {v.player for v in room.votes if v.card == session.card and v.step == session.step and v.player in ids}
    return len(voted), len(players)


def asked_steps(session: Session) -> list[int]:
    """The steps of the current card whose votes the current step reveals (empty: nothing to show)."""
    phase, number = session.phase
    plan = session.plan[session.card]
    if session.mode == "unknown" and phase == "reveal":
        return [i for i, (p, _n) in enumerate(plan) if p == "face"]
    if session.mode == "who" and phase == "reveal":
        return [i for i, (p, _n) in enumerate(plan) if p == "clue"]
    if session.mode == "fact" and phase == "verdict":
        return [i for i, (p, n) in enumerate(plan) if p == "statement" and n == number]
    return []


def final_votes(room: Room, session: Session) -> dict[str, Vote]:
    """Each player's answer that the current reveal judges: in "Who am I?" their last named guess."""
    votes: dict[str, Vote] = {}
    for step in asked_steps(session):
        for vote in room.votes:
            if vote.card == session.card and vote.step == step and vote.choice != NOT_YET:
                votes[vote.player] = vote
    return votes


def distribution(room: Room, session: Session) -> Counter:
    """How many chose each answer (a category counts once per player who ticked it)."""
    counts: Counter = Counter()
    for vote in final_votes(room, session).values():
        counts.update(vote.choice if isinstance(vote.choice, tuple) else (vote.choice,))
    return counts


def correct(session: Session, deck: Deck, choice) -> bool:
    """The UnKnown: exactly the person's categories; Fact or fiction: the right verdict; Who am I?: the person."""
    if session.mode == "unknown":
        return set(choice) == set(deck.card(session.card_id).categories)
    if session.mode == "fact":
        statement = deck.text(session.card_id, session.language).statements[session.phase[1] - 1]
        return choice == (FACT if statement.answer else FICTION)
    if session.mode == "who":
        return choice == session.card_id
    return False


def teams_right(room: Room, session: Session, deck: Deck, rule: str) -> dict[int, tuple[int, int]]:
    """Per team that voted at this reveal: (step where it scores, points), by the rule "majority" or "share"."""
    if rule not in ("majority", "share") or not session.scoring or not asked_steps(session):
        return {}
    by_team: dict[int, list[Vote]] = {}
    for vote in final_votes(room, session).values():
        player = room.player(vote.player)
        if player and player.team is not None:
            by_team.setdefault(player.team, []).append(vote)
    result = {}
    for team, votes in by_team.items():
        right = [v for v in votes if correct(session, deck, v.choice)]
        if not right or (rule == "majority" and len(right) * 2 <= len(votes)):
            continue
        step = max(v.step for v in right) if session.mode == "who" else session.step
        number = session.plan[session.card][step][1]
        points = points_for(session.mode, session.plan[session.card][step][0], number,
                            session.clue_counts[session.card], session.rules.points)
        result[team] = (step, points * (len(right) if rule == "share" else 1))
    return result


def award_votes(session: Session, room: Room, deck: Deck, rule: str) -> Session:
    """At a reveal, give teams the points their votes earned; the facilitator can still mark by hand."""
    earned = teams_right(room, session, deck, rule)
    have = {a.team for a in session.awards if a.card == session.card}
    new = tuple(Award(session.card, step, team, points) for team, (step, points) in sorted(earned.items())
                if team not in have)
    if not new:
        return session
    return replace(session, awards=session.awards + new, undo_stack=session.undo_stack + (session.awards,))


# --- what a phone may see ----------------------------------------------------------------------------------

def text_direction(language: str) -> str:
    try:
        return "rtl" if Locale.parse(language).character_order == "right-to-left" else "ltr"
    except (UnknownLocaleError, ValueError):
        return "ltr"


def public_view(room: Room, session: Session, deck: Deck, language: str, player_id: str | None = None) -> dict:
    """Exactly what a phone may show now, in `language`; hidden parts only once the step reveals them."""
    mode, (phase, number) = session.mode, session.phase
    text = deck.text(session.card_id, language)
    edition = deck.edition(language)
    view: dict = {"mode": mode, "phase": phase, "number": number, "card": session.card + 1,
                  "cards": len(session.order), "finished": session.finished, "language": language,
                  "dir": text_direction(language), "teams": list(session.teams)}
    if session.finished:
        return view
    if shows_identity(mode, phase):
        view["name"], view["known_for"] = text.name, text.known_for
    if mode == "who":
        shown = number if phase == "clue" else len(text.clues)
        view["clues"] = list(text.clues[:shown])
    if phase in ("statement", "verdict"):
        statement = text.statements[number - 1]
        view["statement"] = statement.text
        if phase == "verdict":
            view["answer"], view["explanation"] = (FACT if statement.answer else FICTION), statement.explanation
    if reveals_hidden(mode, phase):
        card = deck.card(session.card_id)
        view["story"] = text.story
        view["categories"] = [edition.category_names[c] for c in card.categories]
    if phase == "question":
        view["question"] = text.question
    kind = question_kind(mode, phase)
    player = room.player(player_id) if player_id else None
    if kind:
        view["ask"] = kind
        view["options"] = _options(kind, session, deck, language)
        view["open"] = bool(player and can_vote(room, session, player))
        mine = next((v.choice for v in room.votes if v.player == player_id and v.card == session.card
                     and v.step == session.step), None)
        view["vote"] = list(mine) if isinstance(mine, tuple) else mine
    if asked_steps(session):
        counts = distribution(room, session)
        view["distribution"] = [{"label": option["label"], "count": counts.get(option["value"], 0)}
                                for option in _options(_asked_kind(mode), session, deck, language)
                                if option["value"] != NOT_YET]
    return view


def _asked_kind(mode: str) -> str:
    return {"unknown": "categories", "fact": "fact", "who": "guess"}[mode]


def _options(kind: str, session: Session, deck: Deck, language: str) -> list[dict]:
    """The choices with their labels in the phone's language (the page translates fact/fiction/not yet)."""
    if kind == "categories":
        names = deck.edition(language).category_names
        return [{"value": key, "label": names[key]} for key in names]
    if kind == "fact":
        return [{"value": FACT, "label": FACT}, {"value": FICTION, "label": FICTION}]
    if kind == "guess":
        people = [{"value": c, "label": deck.text(c, language).name} for c in guess_options(session, deck)]
        return sorted(people, key=lambda o: o["label"]) + [{"value": NOT_YET, "label": NOT_YET}]
    return [{"value": SPEAK, "label": SPEAK}]


@dataclass(frozen=True)
class Tally:
    """Anonymous counts for the session summary: players, answers per step, share correct."""

    players: int = 0
    answers: tuple[int, ...] = ()
    right: int = 0
    judged: int = 0

    def as_dict(self) -> dict:
        return {"players": self.players, "answers": list(self.answers),
                "share_correct": round(self.right / self.judged, 2) if self.judged else None}


def tally(previous: Tally, room: Room, session: Session, deck: Deck) -> Tally:
    """Count the step being left (call before `follow`): answers given; at a reveal, how many were right."""
    if room.position is None or room.position != (session.card, session.step):
        return replace(previous, players=max(previous.players, len(room.players)))
    answers = previous.answers
    if question_kind(session.mode, session.phase[0]):
        answers += (answered(room, session)[0],)
    right, judged = previous.right, previous.judged
    if asked_steps(session):
        votes = final_votes(room, session).values()
        right += sum(correct(session, deck, v.choice) for v in votes)
        judged += len(votes)
    return Tally(max(previous.players, len(room.players)), answers, right, judged)
