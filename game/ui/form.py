"""Rows of choices, for setup and export: Up/Down choose a row, Left/Right or the ‹ › targets
change it, and typing edits a text row. Scenes hold the rows; the form holds the focus."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pygame

from game.i18n import _
from game.input import Action, Intent
from game.layout import Box
from game.ui import render, theme
from game.ui.widgets import Button


@dataclass
class Row:
    label: str | Callable[[], str]        # an N_()-marked string, or a function giving translated text
    options: list
    index: int = 0
    show: Callable[[object], str] = str
    text: bool = False                    # the value is typed in (options[0] holds it)
    limit: int = 24                       # longest text that can be typed
    marker: tuple[str, tuple] | None = None   # (shape, colour) before the value, e.g. a team's
    on_change: Callable[[], None] | None = None

    @property
    def value(self):
        return self.options[self.index]

    @property
    def title(self) -> str:
        return self.label() if callable(self.label) else _(self.label)

    def change(self, step: int) -> None:
        self.index = (self.index + step) % len(self.options)
        if self.on_change:
            self.on_change()


class Form:
    def __init__(self):
        self.focus = 0

    def focused(self, rows: list[Row]) -> Row:
        self.focus = min(self.focus, len(rows) - 1)
        return rows[self.focus]

    def typing(self, rows: list[Row]) -> bool:
        return bool(rows) and self.focused(rows).text

    def handle(self, rows: list[Row], intent: Intent) -> bool:
        """Apply an intent meant for the rows; False when it is not theirs (Enter, Back, Esc…)."""
        action, row = intent.action, self.focused(rows)
        if action in (Action.UP, Action.DOWN):
            self.focus = (self.focus + (1 if action is Action.DOWN else -1)) % len(rows)
        elif action is Action.TEXT and row.text:
            row.options[0] = (row.value + intent.text)[:row.limit]
        elif action is Action.DELETE and row.text:
            row.options[0] = row.value[:-1]
        elif action in (Action.NEXT, Action.BACK) and intent.arrow and not row.text:
            row.change(1 if action is Action.NEXT else -1)
        elif action is Action.NEXT and intent.team is not None:       # a ‹ or › target was clicked
            self.focus = intent.team
            if not rows[intent.team].text:
                rows[intent.team].change(int(intent.text or 1))
        else:
            return False
        return True

    @staticmethod
    def boxes(rows: list[Row], area: Box, h: int) -> list[Box]:
        gap = theme.px(h, theme.MARGIN) * 0.2
        height = min(theme.px(h, 0.085), area.h / max(1, len(rows)) - gap)
        return [Box(area.x, area.y + i * (height + gap), area.w, height) for i in range(len(rows))]

    def buttons(self, rows: list[Row], area: Box, h: int) -> list[Button]:
        buttons = []
        for i, box in enumerate(self.boxes(rows, area, h)):
            arrow = box.h * 1.3
            buttons.append(Button(Box(box.x + box.w * 0.5, box.y, arrow, box.h), "‹", Intent(Action.NEXT, team=i,
                                                                                            text="-1")))
            buttons.append(Button(Box(box.x + box.w - arrow, box.y, arrow, box.h), "›", Intent(Action.NEXT, team=i,
                                                                                              text="1")))
        return buttons

    def key(self, rows: list[Row]) -> tuple:
        return (self.focus, tuple((row.index, row.options[0] if row.text else None) for row in rows))

    def draw(self, surface: pygame.Surface, rows: list[Row], area: Box) -> None:
        h = surface.get_height()
        focus = self.focused(rows)
        for row, box in zip(rows, self.boxes(rows, area, h)):
            _draw_row(surface, row, box, row is focus)


def _draw_row(surface, row: Row, box: Box, focused: bool) -> None:
    h = surface.get_height()
    rect = render.to_rect(box)
    pygame.draw.rect(surface, theme.SURFACE, rect, border_radius=rect.h // 6)
    if focused:
        pygame.draw.rect(surface, theme.ACCENT, rect, max(3, h // 200), border_radius=rect.h // 6)
    size = theme.px(h, theme.BODY)
    if row.marker:
        shape, color = row.marker
        render.shape(surface, shape, (box.x + box.w * 0.46, box.y + box.h / 2), box.h * 0.22, color)
    value = row.value + ("|" if focused else "") if row.text else row.show(row.value)
    render.text(surface, Box(box.x + box.h * 0.3, box.y, box.w * 0.42, box.h).inset(0, box.h * 0.2), row.title, size,
                theme.TEXT, bold=True, max_lines=1, valign="middle")
    arrow = box.h * 1.3
    render.text(surface, Box(box.x + box.w * 0.5 + arrow, box.y, box.w * 0.5 - 2 * arrow, box.h).inset(0, box.h * .2),
                value, size, theme.TEXT, align="center", max_lines=1, valign="middle")
    if not row.text:
        for x, glyph in ((box.x + box.w * 0.5, "‹"), (box.x + box.w - arrow, "›")):
            render.text(surface, Box(x, box.y, arrow, box.h), glyph, size * 1.3,
                        theme.ACCENT if focused else theme.MUTED, bold=True, align="center", max_lines=1,
                        valign="middle")
