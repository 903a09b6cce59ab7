"""Standings between cards: every team's place and points, and what the last card changed.

Shown after each card when the rules say "after each card" (before the next card starts, so its
timer waits), and on the L key whenever teams score. Never without scores.
"""

from __future__ import annotations

import pygame

from game.i18n import _, ngettext
from game.input import Action, Intent
from game.layout import Box
from game.rules import next_step
from game.rules.standings import Standing, standings
from game.scenes.base import Scene
from game.ui import render, theme
from game.ui.widgets import Button


class StandingsScene(Scene):
    def __init__(self, app, round_scene, then_next: bool = False):
        """`then_next`: shown between cards, Next goes on to the next card."""
        super().__init__(app)
        self.round = round_scene
        self.then_next = then_next

    def buttons(self, size):
        w, h = size
        m = theme.px(h, theme.MARGIN)
        bh = theme.px(h, 0.085)
        label = _("Next card") if self.then_next else _("Back to the card")
        return [Button(Box(w - m - w * 0.3, h - m - bh, w * 0.3, bh), label, Intent(Action.NEXT), focused=True)]

    def handle(self, intent):
        action = intent.action
        if action is Action.CLICK:
            return super().handle(intent)
        if action is Action.NEXT:
            self.app.pop()
            if self.then_next:
                self.round.apply(lambda s: next_step(s, self.app.context.clock()))
        elif action in (Action.BACK, Action.MENU, Action.STANDINGS):
            self.app.pop()

    def render_key(self):
        return (id(self), self.round.session)

    def draw(self, surface: pygame.Surface):
        w, h = surface.get_size()
        m = theme.px(h, theme.MARGIN)
        surface.fill(theme.BACKGROUND)
        session = self.round.session
        title = _("Standings after card {number} of {total}").format(number=session.card + 1,
                                                                    total=len(session.order))
        render.text(surface, Box(m, m, w - 2 * m, theme.px(h, 0.09)), title, theme.px(h, theme.TITLE), theme.TEXT,
                    bold=True, max_lines=1)
        top = m + theme.px(h, 0.12)
        rows = standings(session)
        area = Box(m, top, w - 2 * m, h - top - 2 * m - theme.px(h, 0.085))
        row = min(theme.px(h, 0.095), area.h / max(1, len(rows)))
        for i, standing in enumerate(rows):
            draw_row(surface, Box(area.x, area.y + i * row, area.w, row * 0.9), standing, session.teams)
        for button in self.buttons((w, h)):
            button.draw(surface, theme.px(h, theme.BODY))


def change_text(standing: Standing) -> str:
    """What this card changed, in words and signs (never colour alone)."""
    parts = []
    if standing.gained:
        parts.append(ngettext("+{count} point", "+{count} points", standing.gained).format(count=standing.gained))
    if standing.moved > 0:
        parts.append(ngettext("up {count} place", "up {count} places", standing.moved).format(count=standing.moved))
    elif standing.moved < 0:
        moved = -standing.moved
        parts.append(ngettext("down {count} place", "down {count} places", moved).format(count=moved))
    return " · ".join(parts)


def draw_row(surface, box: Box, standing: Standing, teams) -> None:
    """Place (with "tie" when shared), the team's shape, number and name, its points and the change."""
    h = surface.get_height()
    rect = render.to_rect(box)
    pygame.draw.rect(surface, theme.SURFACE, rect, border_radius=rect.h // 6)
    pygame.draw.rect(surface, theme.TEAM_COLORS[standing.team], rect, max(2, rect.h // 16), border_radius=rect.h // 6)
    size = theme.px(h, theme.BODY)
    place = f"{standing.place}."
    render.text(surface, Box(box.x + box.h * 0.3, box.y, box.h * 1.2, box.h), place, size, theme.TEXT, bold=True,
                max_lines=1, valign="middle")
    render.shape(surface, theme.TEAM_SHAPES[standing.team], (box.x + box.h * 1.8, box.y + box.h / 2), box.h * 0.25,
                 theme.TEAM_COLORS[standing.team])
    name = f"{standing.team + 1} · {teams[standing.team]}"
    if standing.tied:
        name += " · " + _("tie")
    render.text(surface, Box(box.x + box.h * 2.3, box.y, box.w * 0.45, box.h), name, size, theme.TEXT, bold=True,
                max_lines=1, valign="middle")
    points = ngettext("{count} point", "{count} points", standing.points).format(count=standing.points)
    render.text(surface, Box(box.x + box.w * 0.5, box.y, box.w * 0.18, box.h), points, size, theme.TEXT,
                max_lines=1, valign="middle")
    render.text(surface, Box(box.x + box.w * 0.68, box.y, box.w * 0.31, box.h), change_text(standing),
                theme.px(h, theme.SMALL), theme.MUTED, max_lines=1, valign="middle")
