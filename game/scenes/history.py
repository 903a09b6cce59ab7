"""Past sessions, from the summaries in the data folder: the list (date, deck, mode, languages,
cards, duration) and any one summary, rebuilt in the reader's screen language."""

from __future__ import annotations

import pygame

from game import history
from game.files import open_with_system
from game.i18n import _, ngettext
from game.input import Action, Intent
from game.layout import Box
from game.scenes.base import Scene
from game.scenes.reading import ReadingScene
from game.ui import render, theme, widgets
from game.ui.widgets import Button

OPEN_FILE = "open"


def deck_title(app, deck_id: str) -> str | None:
    from game.i18n import current_language
    deck = next((r.deck for r in app.context.decks if r.deck and r.deck.id == deck_id), None)
    return deck.edition(current_language()).title if deck else None


class HistoryScene(Scene):
    def __init__(self, app, sessions: list[history.PastSession]):
        super().__init__(app)
        self.sessions = sessions
        self.selected = 0
        self.first = 0      # the first row shown: the list scrolls with the selection

    def _rows(self, size):
        w, h = size
        m = theme.px(h, theme.MARGIN)
        top = m + theme.px(h, 0.12)
        row = theme.px(h, 0.1)
        count = max(1, int((h - top - theme.px(h, 0.085) - 2 * m) // row))
        self.first = min(max(self.first, self.selected - count + 1), self.selected)
        shown = range(self.first, min(len(self.sessions), self.first + count))
        return [(i, Box(m, top + (i - self.first) * row, w - 2 * m, row * 0.92)) for i in shown]

    def buttons(self, size):
        w, h = size
        m = theme.px(h, theme.MARGIN)
        bh = theme.px(h, 0.085)
        buttons = [Button(Box(m, h - m - bh, w * 0.3, bh), _("Back"), Intent(Action.BACK)),
                   Button(Box(w - m - w * 0.3, h - m - bh, w * 0.3, bh), _("Open the summary"), Intent(Action.NEXT),
                          focused=True)]
        return buttons + [Button(box, "", Intent(Action.CLICK, team=i)) for i, box in self._rows(size)]

    def handle(self, intent):
        action = intent.action
        if action is Action.CLICK:
            target = widgets.click(self.buttons(self.app.size), intent.pos)
            if target and target.action is Action.CLICK:
                self.selected = target.team           # a row: choose it
            elif target:
                self.handle(target)
        elif action in (Action.UP, Action.DOWN) and self.sessions:
            self.selected = (self.selected + (1 if action is Action.DOWN else -1)) % len(self.sessions)
        elif action is Action.NEXT and self.sessions:
            self.app.push(SummaryScene(self.app, self.sessions[self.selected]))
        elif action in (Action.BACK, Action.MENU):
            self.app.pop()

    def render_key(self):
        return (id(self), self.selected)

    def draw(self, surface: pygame.Surface):
        w, h = surface.get_size()
        m = theme.px(h, theme.MARGIN)
        surface.fill(theme.BACKGROUND)
        render.text(surface, Box(m, m, w - 2 * m, theme.px(h, 0.09)), _("Past sessions"), theme.px(h, theme.TITLE),
                    theme.TEXT, bold=True, max_lines=1)
        if not self.sessions:
            render.text(surface, Box(m, m + theme.px(h, 0.12), w - 2 * m, theme.px(h, 0.2)),
                        _("No sessions yet: a summary is kept when a session ends."), theme.px(h, theme.BODY),
                        theme.MUTED)
        for i, box in self._rows((w, h)):
            self._draw_session(surface, box, self.sessions[i], i == self.selected)
        for button in self.buttons((w, h)):
            if button.intent.action is not Action.CLICK:
                button.draw(surface, theme.px(h, theme.BODY))

    def _draw_session(self, surface, box, session, selected):
        h = surface.get_height()
        render.row_frame(surface, box, selected)
        facts = dict(history.describe(session, deck_title(self.app, session.deck)))
        first = " · ".join(facts[name] for name in (_("Date"), _("Deck")))
        cards = ngettext("{count} card", "{count} cards", session.cards).format(count=session.cards)
        second = " · ".join([facts[_("Mode")], facts[_("Languages")], cards, facts[_("Duration")]]
                            + ([facts[_("Group")]] if session.group else []))
        inner = box.inset(box.h * 0.15, box.h * 0.06)
        render.text(surface, Box(inner.x, inner.y, inner.w, inner.h / 2), first, theme.px(h, theme.SMALL), theme.TEXT,
                    bold=True, max_lines=1, valign="middle")
        render.text(surface, Box(inner.x, inner.y + inner.h / 2, inner.w, inner.h / 2), second,
                    theme.px(h, theme.SMALL), theme.MUTED, max_lines=1, valign="middle")


class SummaryScene(ReadingScene):
    """One summary, drawn in the app in the screen language of now; the file opens in the system viewer."""

    def __init__(self, app, session: history.PastSession):
        super().__init__(app)
        self.session = session

    def lines(self) -> list[str]:
        deck = next((r.deck for r in self.app.context.decks if r.deck and r.deck.id == self.session.deck), None)
        names = {card: deck.text(card, self.session.languages[0] if self.session.languages else
                                 deck.source_language).name for card in self.session.played} if deck else None
        return history.markdown(self.session, deck_title(self.app, self.session.deck), names).splitlines()

    def buttons(self, size):
        w, h = size
        m = theme.px(h, theme.MARGIN)
        bh = theme.px(h, 0.085)
        return [Button(Box(m, h - m - bh, w * 0.3, bh), _("Back"), Intent(Action.BACK), focused=True),
                Button(Box(w - m - w * 0.4, h - m - bh, w * 0.4, bh), _("Open the file"),
                       Intent(Action.NEXT, text=OPEN_FILE))]

    def handle(self, intent):
        if intent.action is Action.NEXT and intent.text == OPEN_FILE:
            path = self.session.markdown_path
            try:
                open_with_system(path if path.is_file() else self.session.path)
            except OSError as error:
                self.notice = _("Could not open {path}: {reason}").format(path=path, reason=error.strerror or error)
        else:
            super().handle(intent)
