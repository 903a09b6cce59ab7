"""Which cards go to print, and both faces of each, as game.layout drawing operations.

A printed deck opens with two cards of its own, a title card and a rules card for the chosen
mode, drawn with the same primitives as the person cards so the deck looks like one set.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from game.decks import CATEGORIES, FIELDS, Card, CardText, Deck, Edition
from game.decks.spec import closest
from game.errors import UserError
from game.i18n import N_, _, country_name, language_name, ngettext
from game.layout import (BACK_FIELDS, FIELD_COLORS, FRONT_FIELDS, INK, LINE_HEIGHT, MUTED_INK, STORY, WHITE, Box,
                         FaceOp, Floors, Rect, Text, card_back, card_frame, card_front, category_marker, floored,
                         margin, mirrored, wrap)
from game.textdir import is_rtl_language
from game.export.options import PrintOptions
from game.export.pdf import PT, STORY_FLOOR, fitted, measure, print_floors
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
    """One physical card: an id for file names, the name that identifies it, and its two faces.
    `fallback` / `fallback2`: some of its text prints in the source language instead of the first /
    second language (marked on the card)."""
    id: str
    name: str
    front: list[FaceOp]
    back: list[FaceOp]
    fallback: bool = False
    fallback2: bool = False
    person: bool = False    # a card of the deck (not the title, rules or credits card)


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
    """Title card, rules card, then the chosen people, each with front and back laid out to the print
    floors. Text that falls back to the deck's source language is marked with that language's name."""
    for language in filter(None, (options.language, options.second_language)):
        if language not in deck.editions:
            raise UserError(f"deck {deck.id} has no language '{language}'; it has: {', '.join(deck.languages)}")
    edition = deck.edition(options.language)
    w, h = options.card
    bleed, floors = options.bleed, print_floors()
    source = language_name(deck.source_language, options.language)
    printed = [PrintCard("title", edition.title, *title_faces(edition, len(cards), w, h, bleed, floors)),
               PrintCard("rules", _("How to play"), *rules_faces(options.mode, w, h, bleed, floors))]
    for card in cards:
        text = edition.texts[card.id]
        marked = source if options.language != deck.source_language else ""
        second, fallback2 = _second_text(deck, card.id, text, options.second_language, source)
        countries = [country_name(code, options.language) for code in card.countries]
        printed.append(PrintCard(card.id, text.name,
                                 card_front(card, text, edition, w, h, bleed, second, floors, marked),
                                 card_back(card, text, edition, w, h, options.mode, countries, bleed, floors, marked),
                                 bool(marked and text.fallback & (FRONT_FIELDS | BACK_FIELDS)), fallback2, True))
    credited = [(edition.texts[card.id].name, card) for card in cards if card.image]
    for i in range(0, len(credited), CREDITS_PER_CARD):
        printed.append(PrintCard(f"credits-{i // CREDITS_PER_CARD + 1}", _("Picture credits"),
                                 *credits_faces(credited[i:i + CREDITS_PER_CARD], edition, w, h, bleed, floors)))
    return printed


CREDITS_PER_CARD = 6


def credits_faces(credited: list[tuple[str, Card]], edition: Edition, w: float, h: float, bleed: float,
                  floors: Floors | None = None) -> tuple[list[FaceOp], list[FaceOp]]:
    """A card that names who made each portrait and under which licence, printed with the deck."""
    pad = margin(w, floors)
    front = card_frame(w, h, bleed)
    front.append(Text(Box(pad, pad, w - 2 * pad, h * 0.1), _("Picture credits"), h * 0.05, INK, bold=True,
                      max_lines=1))
    row = (h - 2 * pad - h * 0.12) / CREDITS_PER_CARD
    for i, (name, card) in enumerate(credited):
        front.append(Text(Box(pad, pad + h * 0.12 + i * row, w - 2 * pad, row * 0.95), f"{name}: {card.credit}",
                          h * 0.03, MUTED_INK))
    back = card_frame(w, h, bleed) + [Text(Box(pad, pad, w - 2 * pad, h - 2 * pad), edition.title, h * 0.05,
                                           MUTED_INK, bold=True, align="center", valign="middle")]
    return floored(front, floors), floored(back, floors)


def _second_text(deck: Deck, card_id: str, text: CardText, language: str | None,
                 source: str) -> tuple[CardText | None, bool]:
    """The card in the second language, without the lines that would only repeat the first; a line
    that is not translated into it yet says in which language it prints. Also: whether one is."""
    if not language:
        return None, False
    second = deck.text(card_id, language)
    fallback = language != deck.source_language

    def line(name: str, first: str) -> str:
        value = getattr(second, name)
        if value == first:
            return ""
        return f"{value} ({source})" if fallback and name == "known_for" and name in second.fallback else value

    second = replace(second, name=line("name", text.name), known_for=line("known_for", text.known_for))
    marked = fallback and "known_for" in deck.text(card_id, language).fallback and bool(second.known_for)
    return (second if second.name or second.known_for else None), marked


def title_faces(edition: Edition, count: int, w: float, h: float, bleed: float,
                floors: Floors | None = None) -> tuple[list[FaceOp], list[FaceOp]]:
    """Front: the deck's title and description. Back: the four things that can be unknown."""
    pad = margin(w, floors)
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
    if is_rtl_language(edition.language):
        back = mirrored(back, w)
    return floored(front, floors), floored(back, floors)


def rules_faces(mode: str, w: float, h: float, bleed: float,
                floors: Floors | None = None) -> tuple[list[FaceOp], list[FaceOp]]:
    """Front: how to play the chosen mode. Back: how the group talks together."""
    pad = margin(w, floors)
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
    return floored(front, floors), floored(back, floors)


@dataclass(frozen=True)
class Shortfall:
    """A printed card that misses a floor: its story under the story floor, or a text cut with "…"."""
    card: str
    name: str
    face: str           # "front" or "back"
    text: str
    size: float         # pt it prints at
    cut: bool
    story: bool
    over: int           # about how many characters too long for the floor

    def __str__(self) -> str:
        what = "the story" if self.story else f"“{_first_words(self.text)}”"
        if self.cut:
            problem = f"{what} does not fit even at {self.size:.1f} pt and is cut with “…”"
        else:
            problem = f"{what} prints at {self.size:.1f} pt, under {STORY_FLOOR:g} pt"
        return (f"{self.card} ({self.name}), {self.face}: {problem}; shorten it by about {self.over} characters "
                "or print at --size tarot")


def _first_words(text: str, count: int = 4) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def shortfalls(printed: list[PrintCard]) -> list[Shortfall]:
    """Every text of the printed cards that misses a floor, as set by the PDF back end."""
    found = []
    for card in printed:
        for face in ("front", "back"):
            for op in getattr(card, face):
                if not isinstance(op, Text):
                    continue
                size, lines, cut = fitted(op)
                story = op.role == STORY
                if cut or (story and size < STORY_FLOOR * PT - 1e-6):
                    found.append(Shortfall(card.id, card.name, face, op.text, size / PT, cut, story, _over(op)))
    return found


def _over(op: Text) -> int:
    """About how many characters must go for the text to fit its box at the floor it should keep."""
    size = STORY_FLOOR * PT if op.role == STORY else op.min_size or op.size
    need = len(wrap(op.text, op.box.w, size, op.bold, measure)) * size * LINE_HEIGHT
    excess = max(0.0, 1 - op.box.h / need) if need else 0.0
    return max(1, math.ceil(len(op.text) * excess))
