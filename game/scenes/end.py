"""The end of a session: scores (if shown), the cards discussed, and saving a summary."""

from __future__ import annotations

import pygame

from game import summary
from game.decks import Deck
from game.i18n import _, ngettext
from game.input import Action, Intent
from game.layout import Box
from game.rules import Session, back
from game.rules.session import TEAM_LETTERS
from game.scenes.base import Scene
from game.ui import render, theme
from game.ui.widgets import Button

SAVE, NEW, QUIT = "save", "new", "quit"


class EndScene(Scene):
    def __init__(self, app, deck: Deck, session: Session):
        super().__init__(app)
        self.deck = deck
        self.session = session
        self.saved_to = ""

    def buttons(self, size):
        w, h = size
        m = theme.px(h, theme.MARGIN)
        bh = theme.px(h, 0.085)
        labels = [(_("Save summary"), SAVE), (_("New session"), NEW), (_("Quit"), QUIT)]
        bw = (w - 4 * m) / 3
        return [Button(Box(m + i * (bw + m), h - m - bh, bw, bh), label, Intent(Action.NEXT, text=key), focused=i == 0)
                for i, (label, key) in enumerate(labels)]

    def handle(self, intent):
        action = intent.action
        if action is Action.CLICK:
            return super().handle(intent)
        if action is Action.NEXT:
            self._choose(intent.text or SAVE)
        elif action is Action.BACK:
            from game.scenes.play import RoundScene
            self.app.replace(RoundScene(self.app, self.deck, back(self.session, self.app.context.clock())))
        elif action is Action.MENU:
            self._choose(NEW)

    def _choose(self, key):
        store = self.app.context.store
        if key == SAVE:
            markdown, _table = summary.save(self.session, self.deck, store.summaries_dir, self.app.context.phone_counts)
            self.saved_to = _("Saved to {path} (and .csv)").format(path=markdown)
        elif key == NEW:
            from game.scenes.start import StartScene
            store.clear()
            self.app.reset(StartScene(self.app))
        elif key == QUIT:
            store.clear()
            self.app.running = False

    def render_key(self):
        return (id(self), self.session, self.saved_to)

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
            self._draw_scores(surface, Box(m, top, column, bottom - top))
        x = m * 2 + column if show_scores else m
        played = session.played()
        heading = ngettext("{count} card discussed", "{count} cards discussed", len(played)).format(count=len(played))
        render.text(surface, Box(x, top, column, theme.px(h, 0.06)), heading, theme.px(h, theme.BODY), theme.MUTED,
                    bold=True, max_lines=1)
        names = "\n".join(self.deck.text(card_id, session.language).name for card_id in played)
        render.text(surface, Box(x, top + theme.px(h, 0.07), column, bottom - top - theme.px(h, 0.07)), names,
                    theme.px(h, theme.BODY), theme.TEXT)
        if self.saved_to:
            render.text(surface, Box(m, bottom + m * 0.3, w - 2 * m, theme.px(h, 0.05)), self.saved_to,
                        theme.px(h, 0.025), theme.MUTED, max_lines=2)
        for button in self.buttons((w, h)):
            button.draw(surface, theme.px(h, theme.BODY))

    def _draw_scores(self, surface, box):
        h = surface.get_height()
        ranked = summary.ranking(self.session)
        row = min(theme.px(h, 0.08), box.h / max(1, len(ranked)))
        for i, (place, team, points) in enumerate(ranked):
            index = self.session.teams.index(team)
            y = box.y + i * row
            render.shape(surface, theme.TEAM_SHAPES[index], (box.x + row * 0.35, y + row / 2), row * 0.25,
                         theme.TEAM_COLORS[index])
            label = f"{place}. {TEAM_LETTERS[index]} · {team}"
            render.text(surface, Box(box.x + row * 0.8, y, box.w * 0.65, row), label, theme.px(h, theme.BODY),
                        theme.TEXT, bold=place == 1, max_lines=1, valign="middle")
            render.text(surface, Box(box.x + box.w * 0.7, y, box.w * 0.3, row),
                        ngettext("{count} point", "{count} points", points).format(count=points),
                        theme.px(h, theme.BODY), theme.TEXT, max_lines=1, valign="middle")
