"""The first screen: the decks found, their languages and card counts, and decks that failed to
load with the reason; from here a session starts or an interrupted one resumes."""

from __future__ import annotations

import pygame

from game.i18n import _, current_language, language_name, next_language, ngettext
from game.input import Action, Intent
from game.layout import Box
from game.rules.saved import deck_mismatch
from game.scenes.base import Scene
from game.ui import render, theme
from game.ui.widgets import Button

RESUME, NEW, PREVIEW, LANGUAGE, QUIT = "resume", "new", "preview", "language", "quit"


class StartScene(Scene):
    def __init__(self, app):
        super().__init__(app)
        self.selected = next((i for i, r in enumerate(app.context.decks) if r.deck), 0)
        store = app.context.store
        self.saved = store.load()
        self.notice = _("The last session could not be resumed; its file was set aside as {file}.").format(
            file=store.set_aside_as.name) if store.set_aside_as else ""
        deck = self._saved_deck()
        if deck and deck_mismatch(self.saved, deck):
            self.saved = None   # the deck was edited since: resuming would point at text that is gone
            aside = store.set_aside()
            self.notice = _("The deck has changed since the last session, so it cannot go on; "
                            "its file was set aside as {file}.").format(file=aside.name if aside else "-")

    def _saved_deck(self):
        if not self.saved:
            return None
        return next((r.deck for r in self.reports if r.deck and r.deck.id == self.saved.deck_id), None)

    @property
    def reports(self):
        return self.app.context.decks

    def buttons(self, size):
        w, h = size
        m = theme.px(h, theme.MARGIN)
        bh = theme.px(h, 0.085)
        labels = ([(_("Resume the last session"), RESUME)] if self.saved else []) + \
                 [(_("New session"), NEW), (_("Preview and print"), PREVIEW), (language_name(current_language()), LANGUAGE),
                  (_("Quit"), QUIT)]
        bw = (w - 2 * m - (len(labels) - 1) * m) / len(labels)
        buttons = [Button(Box(m + i * (bw + m), h - m - bh, bw, bh), label, Intent(Action.NEXT, text=key),
                          focused=i == 0) for i, (label, key) in enumerate(labels)]
        for i, box in enumerate(self._rows(size)):
            buttons.append(Button(box, "", Intent(Action.CLICK, team=i)))  # choosing a deck row
        return buttons

    def _rows(self, size):
        w, h = size
        m = theme.px(h, theme.MARGIN)
        top = m + theme.px(h, 0.2)
        row = theme.px(h, 0.125)
        return [Box(m, top + i * (row + m * 0.3), w - 2 * m, row) for i in range(len(self.reports))
                if top + (i + 1) * (row + m * 0.3) < h - theme.px(h, 0.085) - 2 * m]

    def handle(self, intent):
        action = intent.action
        if action is Action.CLICK:
            for button in self.buttons(self.app.size):
                if button.hit(intent.pos):
                    if button.intent.action is Action.CLICK:
                        self.selected = button.intent.team
                    else:
                        self._choose(button.intent.text)
                    return
        elif action in (Action.UP, Action.DOWN) and self.reports:
            self.selected = (self.selected + (1 if action is Action.DOWN else -1)) % len(self.reports)
        elif action is Action.NEXT:
            self._choose(RESUME if self.saved else NEW)
        elif action is Action.MENU:
            self.app.running = False

    def _choose(self, key):
        from game.scenes.play import RoundScene
        from game.scenes.setup import SetupScene
        if key == QUIT:
            self.app.running = False
        elif key == LANGUAGE:
            next_language()
        elif key == PREVIEW and self.reports:
            from game.scenes.preview import PreviewScene
            self.app.push(PreviewScene(self.app, self.reports[self.selected]))
        elif key == RESUME and self.saved:
            deck = self._saved_deck()
            if deck and not deck_mismatch(self.saved, deck):
                self.app.reset(RoundScene(self.app, deck, self.saved))
            else:
                self.saved = None   # its deck is gone or changed: that session cannot go on
                self.notice = _("The last session's deck is no longer available.")
        elif key == NEW:
            report = self.reports[self.selected] if self.reports else None
            if report and report.deck:
                self.app.push(SetupScene(self.app, report.deck))

    def render_key(self):
        return (id(self), self.selected, self.saved is not None, self.notice)  # the language is part of every frame key

    def draw(self, surface: pygame.Surface):
        w, h = surface.get_size()
        m = theme.px(h, theme.MARGIN)
        surface.fill(theme.BACKGROUND)
        render.text(surface, Box(m, m, w - 2 * m, theme.px(h, 0.09)), "The UnKnown", theme.px(h, theme.TITLE),
                    theme.TEXT, bold=True, max_lines=1)
        render.text(surface, Box(m, m + theme.px(h, 0.09), w - 2 * m, theme.px(h, 0.06)),
                    self.notice or _("Choose a deck with the arrow keys or the mouse."), theme.px(h, theme.SMALL),
                    theme.WARNING if self.notice else theme.MUTED)
        if not self.reports:
            render.text(surface, Box(m, m + theme.px(h, 0.2), w - 2 * m, theme.px(h, 0.2)),
                        _("No decks found in {folder}.").format(folder=self.app.context.deck_dir),
                        theme.px(h, theme.BODY), theme.WARNING)
        for i, box in enumerate(self._rows((w, h))):
            self._draw_deck(surface, box, self.reports[i], i == self.selected)
        for button in self.buttons((w, h)):
            if button.intent.action is not Action.CLICK:
                button.draw(surface, theme.px(h, theme.BODY))

    def _draw_deck(self, surface, box, report, selected):
        h = surface.get_height()
        rect = render.to_rect(box)
        pygame.draw.rect(surface, theme.SURFACE, rect, border_radius=rect.h // 8)
        if selected:
            pygame.draw.rect(surface, theme.ACCENT, rect, max(3, h // 200), border_radius=rect.h // 8)
        inner = box.inset(box.h * 0.15, box.h * 0.1)
        line = inner.h / 2
        if report.deck is None:
            render.text(surface, Box(inner.x, inner.y, inner.w, line), report.path.name, theme.px(h, theme.BODY),
                        theme.TEXT, bold=True, max_lines=1)
            message = _("Could not load: {problem}").format(problem=report.errors[0] if report.errors else "?")
            render.text(surface, Box(inner.x, inner.y + line, inner.w, line), message, theme.px(h, theme.SMALL),
                        theme.WARNING, max_lines=2)
            return
        deck = report.deck
        title = deck.edition(current_language()).title   # falls back to the source language
        render.text(surface, Box(inner.x, inner.y, inner.w, line), title, theme.px(h, theme.BODY), theme.TEXT,
                    bold=True, max_lines=1)
        languages = ", ".join(language_name(code) for code in deck.languages)
        details = ngettext("{count} card", "{count} cards", len(deck.cards)).format(count=len(deck.cards))
        details += f" · {languages}"
        if report.errors:
            details += " · " + ngettext("{count} problem", "{count} problems",
                                        len(report.errors)).format(count=len(report.errors))
        render.text(surface, Box(inner.x, inner.y + line, inner.w, line), details, theme.px(h, theme.SMALL),
                    theme.MUTED, max_lines=1)

