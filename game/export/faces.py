"""Which cards go to print, and both faces of each, as game.layout drawing operations.

A printed deck opens with two cards of its own, a title card and a rules card for the chosen
mode, drawn with the same primitives as the person cards so the deck looks like one set.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.decks import CATEGORIES, FIELDS, Card, CardText, Deck, Edition
from game.decks.spec import closest
from game.errors import UserError
from game.i18n import N_, _, country_name, language_name, ngettext
from game.layout import (FIELD_COLORS, INK, MUTED_INK, WHITE, Box, FaceOp, Rect, Text, card_back, card_frame,
                         card_front, category_marker)
from game.export.options import PrintOptions
from game.rules import MODES

HOW_TO_PLAY = {  # the printed rules card; mode names come from game.rules
    "unknown": N_("1. Show a card's front: who is this person, and what are they known for?\n"
                  "2. Teams guess what is unknown about them: fled, moved, child of migrants, advocate. "
                  "Several may apply.\n"
                  "3. Turn the card over, read the story aloud and check.\n"
                  "4. Talk about the question at the bottom."),
    "who": N_("1. Keep the front hidden; read the back.\n"
              "2. Read the clues one at a time.\n"
              "3. The team that names the person after fewer clues scores more.\n"
              "4. Show the front, then talk about the question."),
    "fact": N_("1. Show the front.\n"
               "2. Read a statement from the back; teams vote: fact or fiction?\n"
               "3. Read the answer and why.\n"
               "4. Talk about the question."),
    "story": N_("No scores, no timer.\n"
                "1. Show the front and say who the person is.\n"
                "2. Read the story on the back.\n"
                "3. Talk about the question; anyone may pass."),
}
GOOD_TO_KNOW = N_("Everyone takes part on equal terms: listen, and disagree with respect.\n"
                  "Nobody is asked to share their own migration story.\n"
                  "Countries have today's names; the story tells the history.")


@dataclass(frozen=True)
class PrintCard:
    """One physical card: an id for file names, the name that identifies it, and its two faces."""
    id: str
    name: str
    front: list[FaceOp]
    back: list[FaceOp]


def select_cards(deck: Deck, ids: list[str] = (), categories: list[str] = (), fields: list[str] = (),
                 tags: list[str] = ()) -> list[Card]:
    """The deck's cards in the order asked for (or deck order), kept when they match every filter."""
    for values, known, what in ((categories, CATEGORIES, "category"), (fields, FIELDS, "field")):
        for value in values:
            if value not in known:
                raise UserError(f"unknown {what} '{value}'{_close(value, known)}; use one of: {', '.join(known)}")
    by_id = {card.id: card for card in deck.cards}
    for card_id in ids:
        if card_id not in by_id:
            raise UserError(f"card '{card_id}' is not in deck {deck.id}{_close(card_id, by_id)}")
    chosen = [by_id[card_id] for card_id in dict.fromkeys(ids)] if ids else list(deck.cards)
    chosen = [card for card in chosen if card.matches(categories, fields, tags)]
    if not chosen:
        raise UserError(f"no card of deck {deck.id} matches the selection")
    return chosen


def _close(value: str, known) -> str:
    match = closest(value, known)
    return f" (did you mean '{match}'?)" if match else ""


def print_cards(deck: Deck, cards: list[Card], options: PrintOptions) -> list[PrintCard]:
    """Title card, rules card, then the chosen people, each with front and back laid out."""
    for language in filter(None, (options.language, options.second_language)):
        if language not in deck.editions:
            raise UserError(f"deck {deck.id} has no language '{language}'; it has: {', '.join(deck.languages)}")
    edition = deck.edition(options.language)
    w, h = options.card
    bleed = options.bleed
    printed = [PrintCard("title", edition.title, *title_faces(edition, len(cards), w, h, bleed)),
               PrintCard("rules", _("How to play"), *rules_faces(options.mode, w, h, bleed))]
    for card in cards:
        text = edition.texts[card.id]
        second = _second_text(deck, card.id, text, options.second_language)
        countries = [country_name(code, options.language) for code in card.countries]
        printed.append(PrintCard(card.id, text.name,
                                 card_front(card, text, edition, w, h, bleed, second=second),
                                 card_back(card, text, edition, w, h, options.mode, countries, bleed)))
    return printed


def _second_text(deck: Deck, card_id: str, text: CardText, language: str | None) -> CardText | None:
    """The card in the second language, without the lines that would only repeat the first."""
    if not language:
        return None
    second = deck.text(card_id, language)
    second = replace(second, name="" if second.name == text.name else second.name,
                     known_for="" if second.known_for == text.known_for else second.known_for)
    return second if second.name or second.known_for else None


def title_faces(edition: Edition, count: int, w: float, h: float, bleed: float) -> tuple[list[FaceOp], list[FaceOp]]:
    """Front: the deck's title and description. Back: the four things that can be unknown."""
    pad = w * 0.07
    band = Box(pad, pad, w - 2 * pad, h * 0.5)
    front = card_frame(w, h, bleed) + [Rect(band, INK, radius=w * 0.03)]
    marker = band.w * 0.1
    for i, category in enumerate(CATEGORIES):
        x = band.x + band.w / 2 + (i - 2) * marker * 1.6 + marker * 0.3
        front.append(category_marker(category, Box(x, band.y + band.h * 0.72, marker, marker)))
    title = Box(band.x + pad * 0.5, band.y + band.h * 0.14, band.w - pad, band.h * 0.5)
    front.append(Text(title, edition.title, h * 0.075, WHITE, bold=True, align="center", max_lines=3,
                      valign="middle"))
    top = band.y + band.h + h * 0.04
    front.append(Text(Box(pad, top, w - 2 * pad, h - top - pad - h * 0.06), edition.description or "", h * 0.042,
                      MUTED_INK, align="center"))
    cards = ngettext("{count} card", "{count} cards", count).format(count=count)
    footer = f"{language_name(edition.language)} · {cards}"
    front.append(Text(Box(pad, h - pad - h * 0.045, w - 2 * pad, h * 0.045), footer, h * 0.032, MUTED_INK,
                      align="center", max_lines=1))

    back = card_frame(w, h, bleed)
    back.append(Text(Box(pad, pad, w - 2 * pad, h * 0.14), _("What can be unknown?"), h * 0.055, INK, bold=True,
                     max_lines=2))
    row = (h - 2 * pad - h * 0.2) / len(CATEGORIES)
    size = h * 0.042
    for i, category in enumerate(CATEGORIES):
        y = pad + h * 0.17 + i * row
        back.append(category_marker(category, Box(pad, y + size * 0.05, size * 1.1, size * 1.1)))  # on line 1
        back.append(Text(Box(pad + size * 1.7, y, w - 2 * pad - size * 1.7, row * 0.9),
                         edition.category_names[category], size, INK, bold=True, max_lines=3))
    back.append(Text(Box(pad, h - pad - h * 0.05, w - 2 * pad, h * 0.05), _("Several may apply."), h * 0.034,
                     MUTED_INK, italic=True, max_lines=1))
    return front, back


def rules_faces(mode: str, w: float, h: float, bleed: float) -> tuple[list[FaceOp], list[FaceOp]]:
    """Front: how to play the chosen mode. Back: how the group talks together."""
    pad = w * 0.07
    front = card_frame(w, h, bleed)
    front.append(Text(Box(pad, pad, w - 2 * pad, h * 0.07), _("How to play"), h * 0.036, MUTED_INK, max_lines=1))
    front.append(Text(Box(pad, pad + h * 0.07, w - 2 * pad, h * 0.1), _(MODES[mode].name), h * 0.06, INK,
                      bold=True, max_lines=2))
    front.append(Rect(Box(pad, pad + h * 0.18, w * 0.2, h * 0.008), FIELD_COLORS["public_life"]))
    steps = Box(pad, pad + h * 0.21, w - 2 * pad, h - 2 * pad - h * 0.21)
    front.append(Text(steps, _(HOW_TO_PLAY[mode]), h * 0.04, INK))
    back = card_frame(w, h, bleed)
    back.append(Text(Box(pad, pad, w - 2 * pad, h * 0.1), _("Good to know"), h * 0.055, INK, bold=True, max_lines=1))
    back.append(Text(Box(pad, pad + h * 0.12, w - 2 * pad, h - 2 * pad - h * 0.12), _(GOOD_TO_KNOW), h * 0.04,
                     MUTED_INK))
    return front, back
