"""Buttons: big targets for mouse and touch that carry the same intents as keys."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.input import Intent
from game.layout import Box
from game.ui import render, theme


@dataclass(frozen=True)
class Button:
    box: Box
    label: str              # already translated
    intent: Intent
    focused: bool = False
    selected: bool = False  # e.g. a marked team: shown with a check word and a frame, not colour alone

    def hit(self, pos) -> bool:
        return render.to_rect(self.box).collidepoint(pos)

    def draw(self, surface: pygame.Surface, size: int) -> None:
        rect = render.to_rect(self.box)
        fill = theme.ACCENT if self.focused else theme.SURFACE
        color = theme.FOCUS_TEXT if self.focused else theme.TEXT
        pygame.draw.rect(surface, fill, rect, border_radius=max(4, rect.h // 5))
        if self.selected:
            pygame.draw.rect(surface, theme.TEXT, rect, max(2, rect.h // 14), border_radius=max(4, rect.h // 5))
        render.text(surface, self.box.inset(min(self.box.h * 0.2, self.box.w * 0.08), self.box.h * 0.12), self.label,
                    size, color,
                    bold=True, align="center", max_lines=2, valign="middle",
                    min_size=min(size, theme.floor(surface.get_height(), theme.PLAYER_FLOOR)))


def click(buttons: list[Button], pos) -> Intent | None:
    for button in buttons:
        if button.hit(pos):
            return button.intent
    return None
