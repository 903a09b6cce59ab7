"""What must not drift between a card's source text and its translation.

A fingerprint (`translated_from`) only says whether the source changed after translating; it cannot
see a translation that says something else. This check compares each translated field with the
same field of the source, for the things a translator carries over rather than rewrites:

- numbers and years (digits; a decade such as "1920s", "20-те", "lat 20." or "anni Venti" as "20s";
  centuries and Roman numerals are left out, since "20th century", "XX век" and "Novecento" share no digits),
- the person's name: where the source mentions them, the translation uses its own `name` field,
- names and titles kept in Latin script inside a Cyrillic or Greek translation (WhatsApp, Queen),
- the true/false answer of every statement.

Each mismatch is a `Problem` (a warning) at the file and line of the translated field. A difference
that is right (a title a language writes without its number) is listed, with its reason, in the
deck's translation-drift.yml. Titles of works are checked where they carry digits or stay in Latin
script; a title translated into other words needs a human reader.
"""

from __future__ import annotations

import re
from pathlib import Path

from game.decks.model import Deck
from game.decks.problems import Problem
from game.decks.yamlfile import YamlList, YamlMap, read_yaml

_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.,]\d+)*")
# A decade, written "1990s" / "’90s" in English and "90-те", "1990-х", "lat 90.", "anni ’90",
# "δεκαετία του 1990", "دهه 1990", "1990-talet" elsewhere, is compared by its last two digits ("90s").
_DECADE = re.compile(r"(?:(?<=\blat )|(?<=\blatach )|(?<=\d\d\. i )|(?<=\banni )|(?<=\banni ’)|(?<=\banni '))"
                     r"(\d\d)(?=\.|\b)(?![–-]\d)"
                     r"|(?:(?<=δεκαετία του )|(?<=δεκαετίας του ))\d\d(\d\d)\b"
                     r"|(?<=دهه )\d\d(\d\d)\b"
                     r"|(?:\b\d\d|[’'])(\d\d)s\b|\b(?:\d\d)?(\d\d)[-‑](?:те|х|ті|talet\w*)(?!\w)")
_ITALIAN_DECADES = {"venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60, "settanta": 70,
                    "ottanta": 80, "novanta": 90}
_ITALIAN_DECADE = re.compile(r"\banni (" + "|".join(_ITALIAN_DECADES) + r")\b", re.IGNORECASE)
# Centuries are not compared: "20th century", "XX век", "1900-talet" and "Novecento" do not share digits.
_CENTURY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)[\s-]+centur(?:y|ies)\b|\b\d\d00[-‑]talet\w*"
                      r"|\b\d{1,2}(?:ος|ου|ού|ο)\s+αιών\w*")
# "1910–11" is the range 1910–1911.
_SHORT_RANGE = re.compile(r"\b(\d\d)(\d\d)([–-])(\d\d)\b(?![–-]?\d)")
_ROMAN = re.compile(r"\b[IVXLC]{2,6}\b")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Z]")
_NON_LATIN_SCRIPTS = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
_PROSE_FIELDS = ("known_for", "story", "question", "note")


def numbers(text: str) -> list[str]:
    """The numbers in a text, normalised so that '450,000', '450 000' and '450.000' agree, '1.5'
    equals '1,5', decades compare as '90s' and centuries are left out (Roman numerals, such as the
    'II' of a Polish 'II wojna światowa', never count)."""
    found = [f"{_ITALIAN_DECADES[word.lower()]}s" for word in _ITALIAN_DECADE.findall(text)]
    text = _SHORT_RANGE.sub(r"\1\2\3\1\4", _CENTURY.sub(" ", text))
    decades = [next(group for group in m.groups() if group) for m in _DECADE.finditer(text)]
    text = _DECADE.sub(" ", text)
    found += [f"{decade}s" for decade in decades]
    for match in _NUMBER.finditer(text):
        found += _parse(match.group())
    return sorted(found)


def _parse(number: str) -> list[str]:
    """'450,000' and '450 000' -> ['450000']; '1,5' and '1.5' -> ['1.5']; anything else splits."""
    head, *groups = re.split(r"[ \u00a0\u202f.,]", number)
    if len(groups) == 1 and len(groups[0]) != 3:
        return [f"{head}.{groups[0]}"]
    return [head + "".join(groups)] if all(len(group) == 3 for group in groups) else [head, *groups]


def _stem(word: str) -> str:
    """Enough of a name to find it again when a language inflects it (Mickiewicz, Mickiewicza; Lipa, Lipy)."""
    return word[:max(3, len(word) - 2)].lower()


def _mentions(text: str, name: str, inflected: bool = True) -> bool:
    """Whether `text` names the person by surname (as a whole word in the source, by its stem in a
    translation, since many languages inflect names)."""
    surname = name.split()[-1]
    pattern = rf"\b{re.escape(_stem(surname))}" if inflected else rf"\b{re.escape(surname.lower())}\b"
    return re.search(pattern, text.lower()) is not None


def _latin_words(text: str) -> set[str]:
    """Capitalised Latin-script words (names, titles, brands), without a possessive ’s and without
    Roman numerals (not compared, see `numbers`)."""
    words = {re.sub(r"['’]s$", "", w) for w in _LATIN_WORD.findall(text)}
    return {w for w in words if any(ch.isupper() for ch in w) and not _ROMAN.fullmatch(w)}


def field_drift(source: str, translation: str, source_name: str, name: str) -> list[str]:
    """What differs between one source field and its translation (empty when nothing)."""
    found = []
    source_numbers, translated_numbers = numbers(source), numbers(translation)
    if source_numbers != translated_numbers:
        found.append(f"numbers differ: source has {', '.join(source_numbers) or 'none'}, "
                     f"translation has {', '.join(translated_numbers) or 'none'}")
    if (_mentions(source, source_name, inflected=False) and not _mentions(translation, name)
            and not _mentions(translation, source_name)):  # a firm's name may keep the Latin spelling
        found.append(f"the source names {source_name.split()[-1]} here, the translation does not use "
                     f"'{name.split()[-1]}' (its name field)")
    if _NON_LATIN_SCRIPTS.search(translation):
        extra = sorted(_latin_words(translation) - _latin_words(source))
        if extra:
            found.append(f"Latin-script names or titles not in the source: {', '.join(extra)}")
    return found


def _pairs(source: YamlMap, translation: YamlMap):
    """(field label, source text, translated text, where the translation wrote it) for every
    field both sides have; lists are compared item by item."""
    for field in _PROSE_FIELDS:
        if field in source and field in translation:
            yield field, source[field], translation[field], translation.value_marks[field]
    for field, key in (("clues", None), ("statements", "text"), ("statements", "explanation")):
        items, translated = source.get(field), translation.get(field)
        if not isinstance(items, YamlList) or not isinstance(translated, YamlList):
            continue
        for index, (item, other, mark) in enumerate(zip(items, translated, translated.item_marks), 1):
            if key is None:
                yield f"clue {index}", item, other, mark
            elif isinstance(item, YamlMap) and isinstance(other, YamlMap) and key in item and key in other:
                yield f"statement {index} {key}", item[key], other[key], other.value_marks[key]


def _answers(source: YamlMap, translation: YamlMap, path: Path, card_id: str) -> list[Problem]:
    items, translated = source.get("statements"), translation.get("statements")
    if not isinstance(items, YamlList) or not isinstance(translated, YamlList):
        return []
    return [Problem(path, mark[0], mark[1], f"card '{card_id}' statement {index}: the answer is "
                                            f"{str(other.get('answer')).lower()}, the source says "
                                            f"{str(item.get('answer')).lower()}", "warning")
            for index, (item, other, mark) in enumerate(zip(items, translated, translated.item_marks), 1)
            if isinstance(item, YamlMap) and isinstance(other, YamlMap) and item.get("answer") != other.get("answer")]


ALLOW_FILE = "translation-drift.yml"


def _allowed(deck: Deck) -> tuple[dict[tuple[str, str, str], tuple[int, int]], list[Problem]]:
    """The legitimate differences a deck lists in translation-drift.yml: (language, card, field) ->
    where the entry is written. Every entry needs a reason, so a reviewer can judge it."""
    path = deck.path / ALLOW_FILE
    if not path.exists():
        return {}, []
    raw, problems = read_yaml(path)
    entries = {}
    if raw is not None and not isinstance(raw, YamlList):
        return {}, problems + [Problem(path, 1, 1, "expected a list of entries (- language: …)")]
    for item, mark in zip(raw or [], getattr(raw, "item_marks", [])):
        keys = ("language", "card", "field", "reason")
        if not isinstance(item, YamlMap) or not all(isinstance(item.get(k), str) and item[k].strip() for k in keys):
            problems.append(Problem(path, *mark, f"each entry needs {', '.join(keys)} (text)"))
            continue
        entries[(item["language"], item["card"], item["field"])] = mark
    return entries, problems


def deck_drift(deck: Deck) -> list[Problem]:
    """Every drift between the source language and each translation of `deck`, except the
    differences listed with a reason in translation-drift.yml (an entry that no longer matches
    anything is reported, so the list cannot go stale)."""
    allowed, problems = _allowed(deck)
    used = set()
    source_raw, _ = read_yaml(deck.path / f"{deck.source_language}.yaml")
    for language in deck.languages[1:]:
        path = deck.path / f"{language}.yaml"
        raw, _ = read_yaml(path)
        if not isinstance(raw, YamlMap) or not isinstance(raw.get("cards"), YamlMap):
            continue
        for card in deck.cards:
            source, translation = source_raw["cards"].get(card.id), raw["cards"].get(card.id)
            if not isinstance(translation, YamlMap) or not isinstance(source, YamlMap):
                continue
            source_name, name = source["name"], deck.text(card.id, language).name
            for label, text, other, mark in _pairs(source, translation):
                if not isinstance(text, str) or not isinstance(other, str):
                    continue
                messages = field_drift(text, other, source_name, name)
                if messages and (language, card.id, label) in allowed:
                    used.add((language, card.id, label))
                    continue
                for message in messages:
                    problems.append(Problem(path, mark[0], mark[1], f"card '{card.id}' {label}: {message}",
                                            "warning"))
            problems += _answers(source, translation, path, card.id)
    problems += [Problem(deck.path / ALLOW_FILE, *mark, f"{language} {card_id} {label}: nothing differs there "
                                                       "any more; remove this entry", "warning")
                 for (language, card_id, label), mark in allowed.items() if (language, card_id, label) not in used]
    return problems
