"""H: the keys, over whatever is on screen."""

from __future__ import annotations

import pygame

from game.i18n import N_, _
from game.input import Action
from game.layout import Box
from game.scenes.base import Scene
from game.ui import render, theme

KEYS = [
    (N_("Space, Enter, PageDown, right arrow"), N_("next step")),
    (N_("PageUp, left arrow, Backspace"), N_("back")),
    ("1 – 8", N_("mark a team (press again to take it back)")),
    ("Ctrl+Z", N_("undo the last scoring")),
    ("S", N_("skip this card")),
    ("T", N_("start or stop the timer")),
    ("P", N_("pause")),
    ("L", N_("standings (with scores on)")),
    ("B  .  /  W", N_("black / white screen")),
    ("F  F5  F11", N_("fullscreen")),
    ("F2", N_("presenter view: swap the two screens")),
    ("Esc", N_("menu")),
    ("H  F1", N_("show or hide this help")),
    ("Ctrl+Q", N_("quit")),
]


class HelpScene(Scene):
    overlay = True
    private = True

    def handle(self, intent):
        if intent.action in (Action.MENU, Action.NEXT, Action.BACK, Action.CLICK):
            self.app.pop()

    def render_key(self):
        return id(self)

    def draw(self, surface: pygame.Surface):
        w, h = surface.get_size()
        render.shade(surface, 238)  # the card behind must not compete with the keys
        m = theme.px(h, theme.MARGIN)
        render.text(surface, Box(m, m, w - 2 * m, theme.px(h, 0.08)), _("Keys"), theme.px(h, theme.TITLE),
                    theme.TEXT, bold=True, max_lines=1)
        row = (h - 3 * m - theme.px(h, 0.08)) / len(KEYS)
        top = m * 2 + theme.px(h, 0.08)
        for i, (keys, meaning) in enumerate(KEYS):
            y = top + i * row
            render.text(surface, Box(m, y, w * 0.44, row), _(keys), theme.px(h, theme.BODY), theme.ACCENT, bold=True,
                        max_lines=1, valign="middle")
            render.text(surface, Box(m + w * 0.46, y, w * 0.54 - 2 * m, row), _(meaning), theme.px(h, theme.BODY),
                        theme.TEXT, max_lines=1, valign="middle")
