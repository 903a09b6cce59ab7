"""The scene contract: handle(intent) changes state, update(dt) advances time, draw(surface) only
draws. Buttons are derived from state and size, so clicks and drawing always agree."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.input import Action, Intent
from game.ui import widgets

if TYPE_CHECKING:
    from game.app import App


class Scene:
    overlay = False   # drawn over the scene below it (help, menu)
    private = False   # for the facilitator only: with a console open, it shows there, never to the room
    typing = False    # letters are text input, not shortcuts

    def __init__(self, app: "App"):
        self.app = app

    def buttons(self, size: tuple[int, int]) -> list[widgets.Button]:
        return []

    def handle(self, intent: Intent) -> None:
        if intent.action is Action.CLICK:
            target = widgets.click(self.buttons(self.app.size), intent.pos)
            if target:
                self.handle(target)

    def update(self, dt: float) -> bool:
        """Advance time; True when the screen must be redrawn (a timer's second changed)."""
        return False

    def render_key(self):
        """Everything `draw` depends on besides size and language, or None to always redraw.

        When the keys of all visible scenes are unchanged, the app reuses the last frame."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        raise NotImplementedError
