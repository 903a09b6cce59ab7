"""Standings between cards and the podium at the end, as pure functions of a session.

Equal points share a place (1, 1, 3: standard competition ranking), so ties show as ties. The
change since the last card is what the card on screen brought, and the places it moved.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.rules.session import Session

PODIUM_PLACES = 3


@dataclass(frozen=True)
class Standing:
    place: int
    team: int
    points: int
    gained: int = 0          # points the current card brought
    moved: int = 0           # places gained on this card (negative: lost)
    tied: bool = False       # another team shares this place


def ranked(points: list[int]) -> list[tuple[int, int, int]]:
    """(place, team, points), best first; equal points share a place; teams keep their order within it."""
    rows = sorted(enumerate(points), key=lambda pair: -pair[1])
    result, place = [], 0
    for i, (team, total) in enumerate(rows):
        if i == 0 or total != rows[i - 1][1]:
            place = i + 1
        result.append((place, team, total))
    return result


def before_card(session: Session) -> list[int]:
    """Each team's points before the card on screen (its skipped cards never count)."""
    totals = [0] * len(session.teams)
    for award in session.awards:
        if award.card < session.card and award.card not in session.skipped:
            totals[award.team] += award.points
    return totals


def standings(session: Session) -> list[Standing]:
    now, before = session.scores(), before_card(session)
    places_before = {team: place for place, team, _points in ranked(before)}
    rows = ranked(now)
    shared = {place for place, *_rest in rows if sum(1 for p, *_r in rows if p == place) > 1}
    return [Standing(place, team, points, points - before[team], places_before[team] - place, place in shared)
            for place, team, points in rows]


def podium(rows: list[Standing]) -> list[tuple[int, list[Standing]]]:
    """The steps of the podium: (place, the teams on it) for places 1-3; tied teams share a step."""
    steps: dict[int, list[Standing]] = {}
    for row in rows:
        if row.place <= PODIUM_PLACES:
            steps.setdefault(row.place, []).append(row)
    return sorted(steps.items())


def due(session: Session) -> bool:
    """After each card (the rule "after each card"), before the next one starts; not after the last,
    which the podium follows."""
    last_step = session.step == len(session.plan[session.card]) - 1
    return (session.scoring and session.rules.leaderboard == "card" and not session.finished and last_step
            and session.card + 1 < len(session.order))
