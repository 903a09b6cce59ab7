"""A page to read: Markdown lines (headings, lists, tables) drawn at readable sizes, wrapped to the
window and scrolled with the arrow keys. The summary of a past session and the credits use it."""

from __future__ import annotations

import pygame

from game import layout
from game.i18n import _
from game.input import Action
from game.layout import Box
from game.scenes.base import Scene
from game.ui import render, theme


class ReadingScene(Scene):
    def __init__(self, app):
        super().__init__(app)
        self.notice = ""
        self.scroll = 0     # the first Markdown line shown

    def lines(self) -> list[str]:
        raise NotImplementedError

    def handle(self, intent):
        action = intent.action
        if action is Action.CLICK:
            return super().handle(intent)
        if action in (Action.UP, Action.DOWN):
            self.scroll = max(0, min(len(self.lines()) - 1, self.scroll + (1 if action is Action.DOWN else -1)))
        elif action in (Action.BACK, Action.MENU, Action.NEXT):
            self.app.pop()

    def render_key(self):
        return (id(self), self.scroll, self.notice)

    def draw(self, surface: pygame.Surface):
        w, h = surface.get_size()
        m = theme.px(h, theme.MARGIN)
        surface.fill(theme.BACKGROUND)
        hint = theme.px(h, 0.045)
        y, bottom = m, h - 2 * m - theme.px(h, 0.085) - hint
        if self.notice:
            render.text(surface, Box(m, bottom - theme.px(h, 0.05), w - 2 * m, theme.px(h, 0.05)), self.notice,
                        theme.px(h, theme.SMALL), theme.WARNING, max_lines=1)
            bottom -= theme.px(h, 0.05)
        more = False
        for line in self.lines()[self.scroll:]:
            if line.startswith("|---"):
                continue
            heading = line.startswith("#")
            text = line.lstrip("# ").replace("**", "")
            if line.startswith("- "):
                text = "• " + text[2:]
            if line.startswith("|"):
                text = "   ".join(cell.strip() for cell in line.strip("|").split("|"))
            size = theme.px(h, theme.TITLE if line.startswith("# ") else theme.BODY if heading else theme.SMALL)
            wrapped = layout.wrap(text, w - 2 * m, size, heading, render.measure) if text else []
            step = size * 1.35 * len(wrapped) if text else size * 0.5
            if y + step > bottom:
                more = True
                break
            if text:
                render.text(surface, Box(m, y, w - 2 * m, step), "\n".join(wrapped), size, theme.TEXT, bold=heading,
                            max_lines=len(wrapped))
            y += step
        if more or self.scroll:
            where = _("More below: arrow keys or mouse wheel") if more else _("Top of the page: arrow up")
            render.text(surface, Box(m, bottom, w - 2 * m, hint), where, theme.px(h, theme.SMALL), theme.MUTED,
                        align="right", max_lines=1, valign="middle")
        for button in self.buttons((w, h)):
            button.draw(surface, theme.px(h, theme.BODY))
