"""Esc during a round: continue, pause, skip, sound, UI language, end the session or leave; and
the list of screen languages that the menu and the start screen open."""

from __future__ import annotations

import pygame

from game import i18n
from game.i18n import _, language_name
from game.input import Action, Intent
from game.layout import Box
from game.scenes.base import Scene
from game.ui import render, theme
from game.ui.widgets import Button

CONTINUE, PAUSE, SKIP, SOUND, CALM, LANGUAGE, CREDITS, END, LEAVE = ("continue", "pause", "skip", "sound", "calm",
                                                                    "language", "credits", "end", "leave")


class MenuScene(Scene):
    overlay = True
    private = True

    def __init__(self, app, round_scene):
        super().__init__(app)
        self.round = round_scene
        self.focus = 0

    def entries(self) -> list[tuple[str, str]]:
        context = self.app.context
        return [
            (CONTINUE, _("Continue")),
            (PAUSE, _("Continue after the pause") if self.round.session.paused else _("Pause")),
            (SKIP, _("Skip this card")),
            (SOUND, _("Sound: on") if context.sound else _("Sound: off")),
            (CALM, _("Calm mode (no motion, no sound): on") if self.round.calm else
             _("Calm mode (no motion, no sound): off")),
            (LANGUAGE, _("Screen language: {language}").format(language=language_name(i18n.current_language()))),
            (CREDITS, _("Credits")),
            (END, _("End the session and show the results")),
            (LEAVE, _("Back to the start (the session is kept)")),   # last: Up from Continue reaches it
        ]

    def buttons(self, size):
        w, h = size
        entries = self.entries()
        row = min(theme.px(h, 0.1), (h * 0.86) / len(entries))
        top = (h - row * len(entries)) / 2
        return [Button(Box(w * 0.2, top + i * row + row * 0.08, w * 0.6, row * 0.84), label, Intent(Action.NEXT, text=key),
                       focused=i == self.focus) for i, (key, label) in enumerate(entries)]

    def handle(self, intent):
        action = intent.action
        count = len(self.entries())
        if action is Action.CLICK:
            return super().handle(intent)
        if action in (Action.UP, Action.DOWN):
            self.focus = (self.focus + (1 if action is Action.DOWN else -1)) % count
        elif action is Action.NEXT:
            self._choose(intent.text or self.entries()[self.focus][0])
        elif action in (Action.MENU, Action.BACK):
            self.app.pop()

    def _choose(self, key):
        context = self.app.context
        if key == CONTINUE:
            self.app.pop()
        elif key == PAUSE:
            self.round.handle(Intent(Action.PAUSE))
            self.app.pop()
        elif key == SKIP:
            self.app.pop()
            self.round.handle(Intent(Action.SKIP))
        elif key == SOUND:
            context.sound = not context.sound
        elif key == CALM:
            from game.rules import set_calm
            calm = not self.round.session.rules.calm
            self.round.apply(lambda s: set_calm(s, calm))
            self.round.motion.finish()
            context.store.remember(calm=calm)
        elif key == LANGUAGE:
            self.app.push(LanguageScene(self.app))
        elif key == CREDITS:
            from game.scenes.credits import CreditsScene
            self.app.pop()      # shown to the room, like the pictures it credits
            self.app.push(CreditsScene(self.app, self.round.deck, self.round.session.language))
        elif key == END:
            self.app.pop()
            self.round.end_session()
        elif key == LEAVE:
            from game.scenes.start import StartScene
            self.round.autosave()       # a running timer's time left as of now, not of the last heartbeat
            if getattr(self.round, "phones", None):   # the phones' server runs only with its round
                self.round.phones.stop()
            self.app.reset(StartScene(self.app))

    def render_key(self):
        return (id(self), self.focus, self.app.context.sound, self.round.session.paused)

    def draw(self, surface: pygame.Surface):
        w, h = surface.get_size()
        render.shade(surface, 200)
        for button in self.buttons((w, h)):
            button.draw(surface, theme.px(h, theme.BODY))


class LanguageScene(Scene):
    """Every screen language at once, each in its own name: one choice, not seven presses. The
    choice is remembered for the next start."""

    overlay = True

    def __init__(self, app):
        super().__init__(app)
        self.languages = i18n.available_languages()
        current = i18n.current_language()
        self.focus = self.languages.index(current) if current in self.languages else 0

    def buttons(self, size):
        w, h = size
        row = min(theme.px(h, 0.1), (h * 0.9) / len(self.languages))
        top = (h - row * len(self.languages)) / 2
        current = i18n.current_language()
        return [Button(Box(w * 0.3, top + i * row + row * 0.08, w * 0.4, row * 0.84), language_name(code),
                       Intent(Action.NEXT, text=code), focused=i == self.focus, selected=code == current)
                for i, code in enumerate(self.languages)]

    def handle(self, intent):
        action = intent.action
        if action is Action.CLICK:
            return super().handle(intent)
        if action in (Action.UP, Action.DOWN):
            self.focus = (self.focus + (1 if action is Action.DOWN else -1)) % len(self.languages)
        elif action is Action.NEXT and not intent.arrow:
            self._choose(intent.text or self.languages[self.focus])
        elif action in (Action.MENU, Action.BACK) and not intent.arrow:
            self.app.pop()

    def _choose(self, code: str) -> None:
        i18n.set_language(code)
        self.app.context.store.remember(language=code)
        self.app.pop()

    def render_key(self):
        return (self, self.focus)   # the scene itself, not its id: a new overlay may reuse a freed id

    def draw(self, surface: pygame.Surface):
        w, h = surface.get_size()
        render.shade(surface, 220)
        for button in self.buttons((w, h)):
            button.draw(surface, theme.px(h, theme.BODY))
