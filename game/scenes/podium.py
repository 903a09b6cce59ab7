"""The podium at the end of a session: the first three places as steps, each team with its shape,
colour, number and name; teams that tie stand on the same step. Teams beyond the podium are listed
beneath it. Drawn only where scores are shown."""

from __future__ import annotations

import pygame

from game.i18n import _, ngettext
from game.layout import Box
from game.rules.session import Session
from game.rules.standings import podium, standings
from game.ui import render, theme

HEIGHTS = {1: 1.0, 2: 0.72, 3: 0.5}   # step heights, relative to the first place's
ORDER = (2, 1, 3)                     # the classic podium: second, first, third from the left


def draw_podium(surface: pygame.Surface, box: Box, session: Session) -> None:
    h = surface.get_height()
    rows = standings(session)
    steps = dict(podium(rows))
    rest = [row for row in rows if row.place not in steps]
    line = theme.px(h, 0.05)
    stage = Box(box.x, box.y, box.w, box.h - line * min(len(rest), 3))
    places = [place for place in ORDER if place in steps] or sorted(steps)
    width = stage.w / max(3, len(places))
    left = stage.x + (stage.w - width * len(places)) / 2
    for i, place in enumerate(sorted(places, key=lambda p: ORDER.index(p) if p in ORDER else 9)):
        _draw_step(surface, Box(left + i * width, stage.y, width, stage.h), place, steps[place], session.teams)
    for i, row in enumerate(rest[:3]):
        text = f"{row.place}. {row.team + 1} · {session.teams[row.team]} · " + \
               ngettext("{count} point", "{count} points", row.points).format(count=row.points)
        render.shape(surface, theme.TEAM_SHAPES[row.team], (box.x + line * 0.4, stage.y + stage.h + (i + 0.5) * line),
                     line * 0.22, theme.TEAM_COLORS[row.team])
        render.text(surface, Box(box.x + line, stage.y + stage.h + i * line, box.w - line, line), text,
                    theme.px(h, theme.SMALL), theme.MUTED, max_lines=1, valign="middle")


def _draw_step(surface, column: Box, place: int, teams_here, names) -> None:
    """One step: the teams standing on it above, the step with its place number below."""
    h = surface.get_height()
    gap = column.w * 0.04
    names_room = theme.px(h, 0.055) * len(teams_here) + theme.px(h, 0.06)
    step_h = (column.h - names_room) * HEIGHTS.get(place, 0.4)
    step = Box(column.x + gap, column.y + column.h - step_h, column.w - 2 * gap, step_h)
    rect = render.to_rect(step)
    pygame.draw.rect(surface, theme.SURFACE, rect, border_top_left_radius=rect.w // 12,
                     border_top_right_radius=rect.w // 12)
    pygame.draw.rect(surface, theme.ACCENT if place == 1 else theme.MUTED, rect, max(2, h // 300),
                     border_top_left_radius=rect.w // 12, border_top_right_radius=rect.w // 12)
    label = f"{place}." + (" " + _("tie") if len(teams_here) > 1 else "")
    render.text(surface, Box(step.x, step.y + step.h * 0.08, step.w, min(step.h * 0.5, theme.px(h, 0.09))), label,
                theme.px(h, theme.TITLE), theme.TEXT, bold=True, align="center", max_lines=1, valign="middle")
    points = ngettext("{count} point", "{count} points", teams_here[0].points).format(count=teams_here[0].points)
    render.text(surface, Box(step.x, step.y + step.h * 0.55, step.w, theme.px(h, 0.05)), points,
                theme.px(h, theme.SMALL), theme.MUTED, align="center", max_lines=1)
    row = theme.px(h, 0.055)
    top = step.y - row * len(teams_here) - theme.px(h, 0.01)
    for i, standing in enumerate(teams_here):
        y = top + i * row
        marker = row * 0.32
        render.shape(surface, theme.TEAM_SHAPES[standing.team], (step.x + marker * 1.3, y + row / 2), marker,
                     theme.TEAM_COLORS[standing.team])
        render.text(surface, Box(step.x + marker * 2.8, y, step.w - marker * 2.8, row),
                    f"{standing.team + 1} · {names[standing.team]}", theme.px(h, theme.SMALL), theme.TEXT,
                    bold=place == 1, max_lines=1, valign="middle")
