"""Typed, immutable deck models: what the rest of the game trusts once a deck has loaded."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from game.decks.problems import Problem


@dataclass(frozen=True, slots=True)
class Statement:
    text: str
    answer: bool  # True: a fact; False: fiction
    explanation: str


@dataclass(frozen=True, slots=True)
class Card:
    """The language-neutral facts about one person."""

    id: str
    gender: str
    born: int
    died: int | None
    field: str
    categories: tuple[str, ...]
    countries: tuple[str, ...]
    tags: tuple[str, ...]
    source: str
    sources: tuple[str, ...] = ()
    wikidata: str | None = None                      # the person's Wikidata item, e.g. "Q937"
    image: Path | None = None                        # None when absent or unusable: draw the monogram
    image_credit: str | None = None                  # the author; set whenever image is
    image_license: str | None = None                 # e.g. "CC BY-SA 4.0"; set whenever image is
    image_source: str | None = None                  # the file's page, when known
    image_focus: tuple[float, float] = (0.5, 0.5)    # focal point (x, y) from 0 to 1, kept in view when cropping
    reasons: tuple[tuple[str, str], ...] = ()  # (category, why it applies), in the order written

    @property
    def credit(self) -> str:
        """The portrait's author, licence and source: what CC BY and CC BY-SA ask of anyone who shows it."""
        return ", ".join(part for part in (self.image_credit, self.image_license, self.image_source) if part)

    def reason(self, category: str) -> str | None:
        """Why the card has `category`, as the deck's editor recorded it."""
        return dict(self.reasons).get(category)

    def matches(self, categories=(), fields=(), tags=()) -> bool:
        """Passes card filters: any of the categories, one of the fields, any of the tags (empty: all)."""
        return ((not categories or bool(set(self.categories) & set(categories)))
                and (not fields or self.field in fields)
                and (not tags or bool(set(self.tags) & set(tags))))


@dataclass(frozen=True, slots=True)
class CardText:
    """A card's text in one language, already completed from the source language where missing."""

    language: str
    name: str
    known_for: str
    story: str
    clues: tuple[str, ...]
    statements: tuple[Statement, ...]
    question: str
    note: str | None
    fingerprint: str = ""                   # of the source-language text of this card
    fallback: frozenset[str] = frozenset()  # fields shown in the source language
    stale: bool = False                     # the source text changed after this was translated

    def in_source_language(self, name: str) -> bool:
        return name in self.fallback


@dataclass(frozen=True)
class Edition:
    """A deck in one language: its titles and the text of every card."""

    language: str
    title: str
    description: str | None
    category_names: Mapping[str, str]
    field_names: Mapping[str, str]
    texts: Mapping[str, CardText]
    extra: tuple[str, ...] = ()  # card ids in this file that the deck does not have


@dataclass(frozen=True)
class Deck:
    id: str
    path: Path
    source_language: str
    cards: tuple[Card, ...]
    editions: Mapping[str, Edition]

    @property
    def languages(self) -> tuple[str, ...]:
        """The source language first, then the others alphabetically."""
        others = sorted(code for code in self.editions if code != self.source_language)
        return (self.source_language, *others)

    def card(self, card_id: str) -> Card:
        return self._by_id[card_id]

    @cached_property
    def _by_id(self) -> Mapping[str, Card]:
        return {card.id: card for card in self.cards}

    def text(self, card_id: str, language: str) -> CardText:
        edition = self.editions.get(language) or self.editions[self.source_language]
        return edition.texts[card_id]

    def edition(self, language: str) -> Edition:
        return self.editions.get(language) or self.editions[self.source_language]


@dataclass(frozen=True)
class DeckReport:
    """The outcome of loading one deck folder: the deck (None when it cannot load) and its problems."""

    path: Path
    deck: Deck | None
    problems: tuple[Problem, ...] = field(default=())
    card_lines: tuple[tuple[Path, tuple[tuple[int, str], ...]], ...] = ()  # per file: (line, card id) of each card

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


def fingerprint(text: Mapping) -> str:
    """A short hash of a card's source text; a translation records it to detect later changes."""
    canonical = json.dumps([text.get(name) for name in
                            ("name", "known_for", "story", "clues", "statements", "question", "note")],
                           ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]


def frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))
