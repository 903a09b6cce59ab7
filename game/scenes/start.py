"""The first screen: the decks found, their languages and card counts, and decks that failed to
load with the reason; from here a session starts or an interrupted one resumes. Esc asks before
quitting: a clicker's Esc key, or Esc pressed to leave fullscreen, must not close the game."""

from __future__ import annotations

from datetime import datetime

import pygame
from babel.dates import format_datetime

from game.history import read_sessions
from game.i18n import _, current_language, language_name, ngettext
from game.input import Action, Intent
from game.layout import Box
from game.rules import MODES
from game.rules.saved import deck_mismatch
from game.scenes.base import Scene
from game.ui import render, theme, widgets
from game.ui.widgets import Button

RESUME, NEW, PREVIEW, HISTORY, CREDITS, LANGUAGE, QUIT = ("resume", "new", "preview", "history", "credits", "language",
                                                          "quit")


class StartScene(Scene):
    def __init__(self, app):
        super().__init__(app)
        self.selected = next((i for i, r in enumerate(app.context.decks) if r.deck), 0)
        store = app.context.store
        saved = store.load()
        self.saved = saved if saved and not saved.finished else None   # a finished one has its summary
        self.notice = _("The last session could not be resumed; its file was set aside as {file}.").format(
            file=store.set_aside_as.name) if store.set_aside_as else ""
        deck = self._saved_deck()
        self.past = read_sessions(store.summaries_dir)
        if deck and deck_mismatch(self.saved, deck):
            self.saved = None   # the deck was edited since: resuming would point at text that is gone
            aside = store.set_aside()
            self.notice = _("The deck has changed since the last session, so it cannot go on; "
                            "its file was set aside as {file}.").format(file=aside.name if aside else "-")

    def _selected_deck(self):
        return self.reports[self.selected].deck if self.reports else None

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
                 [(_("New session"), NEW), (_("Preview and print"), PREVIEW)] + \
                 ([(_("Past sessions"), HISTORY)] if self.past else []) + \
                 ([(_("Credits"), CREDITS)] if self._selected_deck() else []) + \
                 [(language_name(current_language()), LANGUAGE), (_("Quit"), QUIT)]
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
        bottom = h - theme.px(h, 0.085) - 2 * m - (theme.px(h, 0.05) if self.saved else 0)
        return [Box(m, top + i * (row + m * 0.3), w - 2 * m, row) for i in range(len(self.reports))
                if top + (i + 1) * (row + m * 0.3) < bottom]

    def resume_details(self) -> str:
        """What "Resume" would bring back: mode, card x of y, and when it started."""
        session = self.saved
        started = format_datetime(datetime.fromtimestamp(session.started_at), "short", locale=current_language())
        progress = _("Card {number} of {total}").format(number=session.card + 1, total=len(session.order))
        return _("Last session: {details}").format(details=f"{_(MODES[session.mode].name)} · {progress} · {started}")

    def handle(self, intent):
        action = intent.action
        if action is Action.CLICK:
            target = widgets.click(self.buttons(self.app.size), intent.pos)
            if target and target.action is Action.CLICK:
                self.selected = target.team           # a deck's row: choose it
            elif target:
                self._choose(target.text)
        elif action in (Action.UP, Action.DOWN) and self.reports:
            self.selected = (self.selected + (1 if action is Action.DOWN else -1)) % len(self.reports)
        elif action is Action.NEXT:
            self._choose(RESUME if self.saved else NEW)
        elif action is Action.MENU:
            self.app.push(QuitScene(self.app))

    def _choose(self, key):
        from game.scenes.play import RoundScene
        from game.scenes.setup import SetupScene
        if key == QUIT:
            self.app.running = False
        elif key == LANGUAGE:
            from game.scenes.menu import LanguageScene
            self.app.push(LanguageScene(self.app))
        elif key == PREVIEW and self.reports:
            from game.scenes.preview import PreviewScene
            self.app.push(PreviewScene(self.app, self.reports[self.selected]))
        elif key == CREDITS and self._selected_deck():
            from game.scenes.credits import CreditsScene
            deck = self._selected_deck()
            language = current_language() if current_language() in deck.languages else deck.source_language
            self.app.push(CreditsScene(self.app, deck, language))
        elif key == HISTORY:
            from game.scenes.history import HistoryScene
            self.app.push(HistoryScene(self.app, self.past))
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
        render.text(surface, Box(w * 0.5, m, w * 0.5 - m, theme.px(h, 0.09)), _("F fullscreen · H help"),
                    theme.px(h, theme.SMALL), theme.MUTED, align="right", max_lines=1, valign="middle")
        if not self.reports:
            render.text(surface, Box(m, m + theme.px(h, 0.2), w - 2 * m, theme.px(h, 0.2)),
                        _("No decks found in {folder}.").format(folder=", ".join(map(str, self.app.context.deck_dirs))),
                        theme.px(h, theme.BODY), theme.WARNING)
        for i, box in enumerate(self._rows((w, h))):
            self._draw_deck(surface, box, self.reports[i], i == self.selected)
        if self.saved:
            line = theme.px(h, 0.05)
            render.text(surface, Box(m, h - m - theme.px(h, 0.085) - m * 0.5 - line, w - 2 * m, line),
                        self.resume_details(), theme.px(h, theme.SMALL), theme.MUTED, max_lines=1, valign="middle")
        for button in self.buttons((w, h)):
            if button.intent.action is not Action.CLICK:
                button.draw(surface, theme.px(h, theme.BODY))

    def _draw_deck(self, surface, box, report, selected):
        h = surface.get_height()
        render.row_frame(surface, box, selected)
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


STAY = "stay"


class QuitScene(Scene):
    """Esc on the start screen: "Stay" is chosen unless Quit is picked on purpose, so Enter or a
    clicker's next key keeps the game open."""

    overlay = True

    def __init__(self, app):
        super().__init__(app)
        self.focus = 0

    def buttons(self, size):
        w, h = size
        bh = theme.px(h, 0.1)
        return [Button(Box(w * (0.22 + i * 0.3), h * 0.55, w * 0.26, bh), label, Intent(Action.NEXT, text=key),
                       focused=i == self.focus) for i, (label, key) in enumerate(((_("Stay"), STAY), (_("Quit"), QUIT)))]

    def handle(self, intent):
        action = intent.action
        if action is Action.CLICK:
            return super().handle(intent)
        if action in (Action.UP, Action.DOWN) or intent.arrow:
            self.focus = 1 if action in (Action.DOWN, Action.NEXT) else 0
        elif action is Action.NEXT:
            if (intent.text or (STAY, QUIT)[self.focus]) == QUIT:
                self.app.running = False
            else:
                self.app.pop()
        elif action in (Action.MENU, Action.BACK):
            self.app.pop()

    def render_key(self):
        return (self, self.focus)   # the scene itself, not its id: a new overlay may reuse a freed id

    def draw(self, surface: pygame.Surface):
        w, h = surface.get_size()
        render.shade(surface, 220)
        render.text(surface, Box(w * 0.1, h * 0.3, w * 0.8, theme.px(h, 0.1)), _("Quit the game?"),
                    theme.px(h, theme.TITLE), theme.TEXT, bold=True, align="center", max_lines=1)
        for button in self.buttons((w, h)):
            button.draw(surface, theme.px(h, theme.BODY))
