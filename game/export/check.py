"""The print floors as deck warnings: which cards cannot meet them at poker size, and where to edit.

The validator reports them for every language of a deck, the preview for the card it shows; both
point at the text in the language file that a designer would shorten.
"""

from __future__ import annotations

from pathlib import Path

from game.decks import Deck, Problem
from game.decks.yamlfile import YamlMap, read_yaml
from game.export.faces import Shortfall, print_cards, shortfalls
from game.export.options import PrintOptions
from game.i18n import current_language, set_language

FIELD_OF = {"back": "story", "front": "known_for"}  # where a card's longest text on each face lives


def card_shortfalls(deck: Deck, language: str, card_ids: list[str] | None = None) -> list[Shortfall]:
    """What misses a floor on the person cards of `language` at poker size (the default print)."""
    previous = current_language()
    set_language(language)
    try:
        cards = [card for card in deck.cards if card_ids is None or card.id in card_ids]
        return [item for item in shortfalls([c for c in print_cards(deck, cards, PrintOptions(language)) if c.person])]
    finally:
        set_language(previous)


def floor_problems(deck: Deck) -> list[Problem]:
    """A warning per card and language that cannot meet the print floors, at the text to shorten."""
    problems = []
    for language in deck.languages:
        found = card_shortfalls(deck, language)
        if not found:
            continue
        for item in found:
            text = deck.text(item.card, language)
            field = FIELD_OF[item.face] if item.story or item.face == "front" else "question"
            in_source = field in text.fallback or language == deck.source_language
            path = deck.path / f"{deck.source_language if in_source else language}.yaml"
            problems.append(Problem(path, *_mark(path, item.card, field), f"print at poker size: {item}",
                                    "warning"))
    return problems


def _mark(path: Path, card_id: str, field: str) -> tuple[int, int]:
    """Line and column of a card's field in a language file (of the card, or the file, if not found)."""
    data, _problems = read_yaml(path)
    cards = data.get("cards") if isinstance(data, YamlMap) else None
    if not isinstance(cards, YamlMap) or card_id not in cards:
        return (1, 1)
    card = cards[card_id]
    if isinstance(card, YamlMap) and field in card:
        return card.value_marks[field]
    return cards.key_marks[card_id]
