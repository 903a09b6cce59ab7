"""Who made what the game shows: each portrait's author, licence and source (what CC BY and CC BY-SA
ask of anyone who shows a picture), where the game comes from, and its fonts. One text, in
Markdown, for the credits screen and for `main.py credits`. Plain Python: no pygame."""

from __future__ import annotations

from game.decks.model import Deck
from game.i18n import N_, _

ORIGIN = N_("The UnKnown was made by the RiskMonitor Foundation (Sofia) for INTEGRA, a project of the "
            "EU Asylum, Migration and Integration Fund.")
FONTS = "Noto Sans, Noto Sans Arabic: © Google LLC, SIL Open Font License 1.1."


def pictures(deck: Deck, language: str) -> list[tuple[str, str]]:
    """(person's name in `language`, credit) for every card that shows a portrait, in deck order."""
    return [(deck.text(card.id, language).name, card.credit) for card in deck.cards if card.image]


def credits_markdown(deck: Deck, language: str) -> str:
    """The credits of one deck, in the screen language, with the people's names in `language`."""
    title, portraits, texts = _("Credits"), _("Picture credits"), _("Card texts")
    game, fonts = _("The game"), _("Fonts")
    lines = [f"# {title}: {deck.edition(language).title}", "", f"## {portraits}", ""]
    lines += [f"- **{name}:** {credit}" for name, credit in pictures(deck, language)] or [
        _("No card in this deck has a portrait yet: the cards show the person's initials.")]
    lines += ["", f"## {texts}", "", _("Every card names its sources; the deck's fact-check notes are kept beside its "
                                      "files."),
              "", f"## {game}", "", _(ORIGIN), "", f"## {fonts}", "", FONTS]
    return "\n".join(lines) + "\n"
