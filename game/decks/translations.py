"""How complete each translation of a deck is, like a translation platform's status page."""

from __future__ import annotations

import codecs
import stat
from dataclasses import dataclass

from game.decks.model import Deck
from game.decks.yamlfile import YamlMap, read_yaml
from game.files import write_atomically


@dataclass(frozen=True)
class LanguageStatus:
    language: str
    complete: tuple[str, ...]
    missing: tuple[str, ...]   # not translated, or some fields still in the source language
    stale: tuple[str, ...]     # translated, but the source text changed since (or never stamped)
    extra: tuple[str, ...]     # ids the deck does not have

    @property
    def total(self) -> int:
        return len(self.complete) + len(self.missing) + len(self.stale)

    @property
    def percent(self) -> int:
        return round(100 * len(self.complete) / self.total) if self.total else 0


def translation_status(deck: Deck) -> list[LanguageStatus]:
    statuses = []
    for code in deck.languages:
        edition = deck.editions[code]
        texts = [edition.texts[card.id] for card in deck.cards]
        statuses.append(LanguageStatus(
            language=code,
            complete=tuple(card.id for card, t in zip(deck.cards, texts) if not t.fallback and not t.stale),
            missing=tuple(card.id for card, t in zip(deck.cards, texts) if t.fallback),
            stale=tuple(card.id for card, t in zip(deck.cards, texts) if not t.fallback and t.stale),
            extra=edition.extra))
    return statuses


def stamp(deck: Deck, language: str) -> list[str]:
    """Write the current fingerprint into every fully translated card of `language` that has none.

    Edits the file as text, so comments and formatting stay as the translator wrote them.
    Returns the ids stamped.
    """
    path = deck.path / f"{language}.yaml"
    raw, _ = read_yaml(path)
    if raw is None or not isinstance(raw.get("cards"), YamlMap):
        return []
    cards = raw["cards"]
    data = path.read_bytes()
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    lines = data[len(bom):].decode("utf-8").splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"  # keep the translator's line endings
    stamped = []
    for card_id, text in cards.items():
        card_text = deck.editions[language].texts.get(card_id)
        if (card_text is None or card_text.fallback or not isinstance(text, YamlMap)
                or "translated_from" in text or not text or cards.value_marks[card_id][0] == cards.key_marks[card_id][0]):
            continue  # unknown id, partial translation, already stamped, or a one-line {flow} mapping
        line, column = cards.value_marks[card_id]
        stamped.append((line, card_id, " " * (column - 1) + f'translated_from: "{card_text.fingerprint}"{newline}'))
    for line, _, new in sorted(stamped, reverse=True):
        lines.insert(line - 1, new)
    if stamped:  # same permissions, BOM and line endings as before; only the new lines differ
        write_atomically(path, ("\ufeff" if bom else "") + "".join(lines), mode=stat.S_IMODE(path.stat().st_mode))
    return [card_id for _, card_id, _ in stamped]
