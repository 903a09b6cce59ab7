"""The credits of a deck: who made each portrait and under which licence, where the game comes
from, and its fonts. Open from the start screen and from the menu during a session, so the
licences' credit can be shown to the room that saw the pictures."""

from __future__ import annotations

from game.credits import credits_markdown
from game.decks.model import Deck
from game.i18n import _
from game.input import Action, Intent
from game.layout import Box
from game.scenes.reading import ReadingScene
from game.ui import theme
from game.ui.widgets import Button


class CreditsScene(ReadingScene):
    def __init__(self, app, deck: Deck, language: str):
        super().__init__(app)
        self.deck, self.language = deck, language   # the people's names are given in the cards' language

    def lines(self) -> list[str]:
        return credits_markdown(self.deck, self.language).splitlines()

    def buttons(self, size):
        w, h = size
        m = theme.px(h, theme.MARGIN)
        bh = theme.px(h, 0.085)
        return [Button(Box(m, h - m - bh, w * 0.3, bh), _("Back"), Intent(Action.BACK), focused=True)]
