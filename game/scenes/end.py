"""The end of a session: scores (if shown), the cards discussed, and where the summary went.

The summary is written as soon as this screen appears, whichever way the session ended, so Esc,
"New session", Quit or a closed lid never lose it. Next (a clicker's only forward key) starts a
new session.
"""

from __future__ import annotations

import pygame

from game import layout, summary
from game.decks import Deck
from game.files import open_with_system
from game.i18n import _, ngettext
from game.input import Action, Intent
from game.layout import Box
from game.rules import Session, back
from game.scenes.base import Scene
from game.ui import render, theme
from game.ui.widgets import Button

SAVE, OPEN, NEW, QUIT = "save", "open", "new", "quit"


class EndScene(Scene):
    def __init__(self, app, deck: Deck, session: Session):
        super().__init__(app)
        self.deck = deck
        self.session = session
        self.saved = False
        self.saved_to = ""
        self._save()

    def _save(self) -> None:
        """Write the Markdown and CSV summary; a failure is said on screen and can be retried."""
        try:
            markdown, _table = summary.save(self.session, self.deck, self.app.context.store.summaries_dir,
                                              self.app.context.phone_counts)
        except OSError as error:
            self.saved_to = _("Could not save the summary: {reason}").format(reason=error.strerror or error)
            return
        self.saved = True
        self.saved_to = _("Saved to {path} (and .csv)").format(path=markdown)

    def buttons(self, size):
        w, h = size
        m = theme.px(h, theme.MARGIN)
        bh = theme.px(h, 0.085)
        labels = [(_("New session"), NEW),
                  (_("Open the summaries folder"), OPEN) if self.saved else (_("Save summary"), SAVE),
                  (_("Quit"), QUIT)]
        bw = (w - 4 * m) / 3
        return [Button(Box(m + i * (bw + m), h - m - bh, bw, bh), label, Intent(Action.NEXT, text=key), focused=i == 0)
                for i, (label, key) in enumerate(labels)]

    def handle(self, intent):
        action = intent.action
        if action is Action.CLICK:
            return super().handle(intent)
        if action is Action.NEXT:
            self._choose(intent.text or NEW)
        elif action is Action.BACK:
            from game.scenes.play import RoundScene
            self.app.replace(RoundScene(self.app, self.deck, back(self.session, self.app.context.clock())))
        elif action is Action.MENU:
            self._choose(NEW)

    def _choose(self, key):
        store = self.app.context.store
        if key == SAVE:
            self._save()
        elif key == OPEN:
            try:
                open_with_system(store.summaries_dir)
            except OSError as error:
                self.saved_to = _("Could not open {path}: {reason}").format(path=store.summaries_dir,
                                                                           reason=error.strerror or error)
        elif key == NEW:
            from game.scenes.start import StartScene
            store.clear()
            self.app.reset(StartScene(self.app))
        elif key == QUIT:
            store.clear()
            self.app.running = False

    def render_key(self):
        return (id(self), self.session, self.saved, self.saved_to)

    def draw(self, surface: pygame.Surface):
        w, h = surface.get_size()
        m = theme.px(h, theme.MARGIN)
        surface.fill(theme.BACKGROUND)
        render.text(surface, Box(m, m, w - 2 * m, theme.px(h, 0.08)), _("Thank you for playing"),
                    theme.px(h, theme.TITLE), theme.TEXT, bold=True, max_lines=1)
        facts = dict(summary.facts(self.session, self.deck))
        when = " · ".join(facts[name] for name in (_("Date"), _("Duration"), _("Mode")))
        render.text(surface, Box(m, m + theme.px(h, 0.085), w - 2 * m, theme.px(h, 0.05)), when,
                    theme.px(h, theme.SMALL), theme.MUTED, max_lines=1)
        top = m + theme.px(h, 0.15)
        bottom = h - 2 * m - theme.px(h, 0.085) - theme.px(h, 0.05)
        session = self.session
        show_scores = session.scoring and session.rules.leaderboard != "never"
        column = (w - 3 * m) / 2 if show_scores else w - 2 * m
        if show_scores:
            from game.scenes.podium import draw_podium
            draw_podium(surface, Box(m, top, column, bottom - top), session)
        x = m * 2 + column if show_scores else m
        played = session.played()
        heading = ngettext("{count} card discussed", "{count} cards discussed", len(played)).format(count=len(played))
        render.text(surface, Box(x, top, column, theme.px(h, 0.06)), heading, theme.px(h, theme.BODY), theme.MUTED,
                    bold=True, max_lines=1)
        self._draw_names(surface, Box(x, top + theme.px(h, 0.07), column, bottom - top - theme.px(h, 0.07)),
                         [self._name(card_id) for card_id in played])
        render.text(surface, Box(m, bottom + m * 0.3, w - 2 * m, theme.px(h, 0.05)), self.saved_to,
                    theme.px(h, 0.025), theme.MUTED if self.saved else theme.WARNING, max_lines=2)
        for button in self.buttons((w, h)):
            button.draw(surface, theme.px(h, theme.BODY))

    def _draw_names(self, surface, box, names):
        """One name a line, in as many columns as it takes to stay above the floor."""
        h = surface.get_height()
        floor = theme.floor(h, theme.PLAYER_FLOOR)
        per_column = max(1, int(box.h // (floor * layout.LINE_HEIGHT)))
        columns = max(1, -(-len(names) // per_column))
        width = box.w / columns
        rows = -(-len(names) // columns)
        for i in range(columns):
            render.text(surface, Box(box.x + i * width, box.y, width - floor * 0.5, box.h),
                        "\n".join(names[i * rows:(i + 1) * rows]), theme.px(h, theme.BODY), theme.TEXT, min_size=floor)

    def _name(self, card_id: str) -> str:
        """The card's name, and in a bilingual session its name in the second language too."""
        name = self.deck.text(card_id, self.session.language).name
        if self.session.language2:
            other = self.deck.text(card_id, self.session.language2).name
            if other != name:
                return f"{name} · {other}"
        return name
