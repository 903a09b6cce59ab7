"""Load a deck folder into a `Deck`, collecting every problem instead of stopping at the first.

A card with an error is left out and the rest of the deck still loads; a deck whose `deck.yaml` or
source-language file cannot be read does not load, and says why.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from game.decks.glyphs import first_missing, script_of
from game.decks.format import (CATEGORIES, DECK_FILE, FIELDS, LANGUAGE_CODE, REQUIRED_TEXT_FIELDS,
                               TEXT_FIELDS, deck_spec, is_known_language, language_spec)
from game.decks.images import DEFAULT_FOCUS, image_problem
from game.decks.model import Card, CardText, Deck, DeckReport, Edition, Statement, fingerprint, frozen
from game.decks.problems import Problem
from game.decks.spec import INVALID, Checker, suggestion
from game.decks.yamlfile import YamlList, YamlMap, read_yaml

IMAGE_DETAILS = ("image_credit", "image_license", "image_source", "image_focus")
MAX_HINTS = 20  # did-you-mean hints and font warnings per language file


def find_decks(root: Path) -> list[Path]:
    """Deck folders directly under `root` (or `root` itself when it is a deck)."""
    if (root / DECK_FILE).is_file():
        return [root]
    return sorted(path.parent for path in root.glob(f"*/{DECK_FILE}"))


def deck_folders_in(roots: list[Path]) -> list[Path]:
    """Every deck folder in the given folders of decks, in order; a deck in a later folder replaces
    the one of the same name in an earlier folder, in its place (the user's copy of the bundled deck,
    with their photos, is the one the game shows)."""
    found: dict[str, Path] = {}
    for root in roots:
        if Path(root).is_dir():
            for folder in find_decks(Path(root)):
                found[folder.name] = folder
    return list(found.values())


def load_decks(*roots: Path) -> list[DeckReport]:
    """Every deck in the given folders of decks, in order; a missing folder has none."""
    return [load_deck(folder) for folder in deck_folders_in(list(roots))]


def load_deck(folder: Path) -> DeckReport:
    folder = Path(folder)
    problems: list[Problem] = []
    starts: dict[Path, tuple] = {}   # where each card starts in each file, to place problems by card
    deck = _deck(folder, problems, starts)
    if deck is None and not problems:
        problems += _no_cards(folder)
    return DeckReport(folder, deck, tuple(problems), tuple(starts.items()))


def _deck(folder: Path, problems: list[Problem], starts: dict) -> Deck | None:
    raw, facts = _read_checked(folder / DECK_FILE, deck_spec(), problems, starts)
    if facts is None or "source_language" not in facts or not facts.get("cards"):
        return None
    cards = _cards(folder, facts, problems)
    written_ids = {c.get("id") for c in raw["cards"] if isinstance(c, dict) and isinstance(c.get("id"), str)}
    source = facts["source_language"]
    languages = _language_files(folder, source, problems, starts)
    if source not in languages:
        state = "cannot be used until the problems reported in it are fixed" if (folder / f"{source}.yaml").exists() \
            else "is missing"
        problems.append(Problem(folder / DECK_FILE, *facts.value_marks["source_language"],
                                f"the source language file {source}.yaml {state}"))
        return None
    cards = _with_source_text(cards, languages[source], folder / f"{source}.yaml", problems)
    if not cards:
        return None
    editions = {code: _edition(folder, code, source, cards, written_ids, languages, problems)
                for code in languages}
    return Deck(folder.name, folder, source, tuple(cards), frozen(editions))


def _no_cards(folder: Path) -> tuple[Problem, ...]:
    return (Problem(folder / DECK_FILE, 1, 1, "the deck has no valid cards"),)


def _read_checked(path: Path, spec, problems: list[Problem], starts: dict | None = None):
    """(raw, checked) values of one file; checked is None when nothing usable is left."""
    if not _inside(path, path.parent):
        problems.append(Problem(path, 1, 1, f"{path.name} is a link to a file outside the deck folder; "
                                            "copy the file into the deck instead"))
        return None, None
    raw, read_problems = read_yaml(path)
    problems.extend(read_problems)
    if raw is None:
        return None, None
    if starts is not None:
        starts[path] = _card_starts(raw)
    checker = Checker(path)
    data = spec.check(raw, getattr(raw, "mark", (1, 1)), checker)
    problems.extend(checker.problems)
    return raw, None if data is INVALID else data


def _card_starts(raw) -> tuple[tuple[int, str], ...]:
    """(line, card id) of every card written in a file, valid or not, in line order."""
    cards = raw.get("cards") if isinstance(raw, YamlMap) else None
    if isinstance(cards, YamlMap):
        return tuple(sorted((cards.key_marks[card_id][0], str(card_id)) for card_id in cards))
    if isinstance(cards, YamlList):
        return tuple(sorted((mark[0], str(item.get("id"))) for item, mark in zip(cards, cards.item_marks)
                            if isinstance(item, YamlMap)))
    return ()


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path`, links followed, stays in `folder` (a loop counts as inside: reading reports it)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return True


def _cards(folder: Path, facts: YamlMap, problems: list[Problem]) -> list[Card]:
    path = folder / DECK_FILE
    cards, first_line = [], {}
    for item in facts["cards"]:
        marks = item.value_marks
        if item["id"] in first_line:
            problems.append(Problem(path, *marks["id"], f"duplicate card id '{item['id']}' (first used at line "
                                                        f"{first_line[item['id']]}); ids must be unique"))
            continue
        first_line[item["id"]] = marks["id"][0]
        if item.get("died") is not None and item["died"] < item["born"]:
            problems.append(Problem(path, *marks["died"], f"died ({item['died']}) is before born ({item['born']})"))
            continue
        image = _image(folder, item, problems)
        reasons = _reasons(path, item, problems)
        details = {name: item.get(name) for name in IMAGE_DETAILS} if image else {}
        cards.append(Card(id=item["id"], gender=item["gender"], born=item["born"], died=item.get("died"),
                          field=item["field"], categories=tuple(item["categories"]),
                          countries=tuple(item["countries"]), tags=tuple(item.get("tags", ())),
                          source=item["source"], sources=tuple(item.get("sources", ())),
                          wikidata=item.get("wikidata"), image=image, image_credit=details.get("image_credit"),
                          image_license=details.get("image_license"), image_source=details.get("image_source"),
                          image_focus=tuple(details.get("image_focus") or DEFAULT_FOCUS),
                          reasons=reasons))
    return cards


def _reasons(path: Path, item: YamlMap, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    """The recorded basis of each category: a warning where one is missing, an error where a reason
    names a category the card does not have (one of the two is a slip)."""
    reasons = item.get("reasons", {})
    for category in reasons:
        if category not in item["categories"]:
            problems.append(Problem(path, *reasons.key_marks[category],
                                    f"card '{item['id']}' gives a reason for '{category}' but its categories "
                                    f"are [{', '.join(item['categories'])}]; add the category or remove the reason"))
    missing = [category for category in item["categories"] if category not in reasons]
    if missing:
        problems.append(Problem(path, *item.value_marks["categories"],
                                f"card '{item['id']}' has no reason for {', '.join(missing)}; add "
                                f"'reasons:' with one line per category (see cards/README.md)", "warning"))
    return tuple((category, reasons[category]) for category in item["categories"] if category in reasons)


def _image(folder: Path, item: YamlMap, problems: list[Problem]) -> Path | None:
    """The card's image when it is safe to use: inside the deck, credited, and a real image of the format
    its name says, within the size limits. Otherwise None (the card shows its monogram) and a problem."""
    path = folder / DECK_FILE
    if "image" not in item:
        orphans = [name for name in IMAGE_DETAILS if name in item]
        if orphans:
            problems.append(Problem(path, *item.key_marks[orphans[0]],
                                    f"{', '.join(orphans)} without an image; add 'image:' or remove "
                                    f"{'them' if len(orphans) > 1 else 'it'}", "warning"))
        return None
    mark = item.value_marks["image"]

    def refuse(message: str) -> None:
        problems.append(Problem(path, *mark, message))

    relative = Path(item["image"])
    image = (folder / relative).resolve()
    if relative.is_absolute() or not image.is_relative_to(folder.resolve()):
        return refuse(f"the image path '{item['image']}' leaves the deck folder; put the image inside "
                      f"{folder.name}/ and give a path relative to it")
    if not image.is_file():
        return refuse(f"image file '{item['image']}' not found in {folder.name}/")
    problem = image_problem(image)
    if problem:
        return refuse(f"{problem}; the card shows its monogram until then")
    missing = [name for name in ("image_credit", "image_license") if name not in item]
    if missing:
        return refuse(f"an image needs {' and '.join(missing)}: image_credit names the author, image_license "
                      "the licence (such as 'CC BY-SA 4.0' or 'public domain')")
    return image


def _language_files(folder: Path, source: str, problems: list[Problem], starts: dict) -> dict[str, YamlMap]:
    languages = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name == DECK_FILE:
            continue
        code = path.stem
        if not re.fullmatch(LANGUAGE_CODE, code) or not is_known_language(code):
            problems.append(Problem(path, 1, 1, f"'{path.name}' is not named after a language; name language "
                                                "files like en.yaml, bg.yaml or pt_BR.yaml"))
            continue
        _, data = _read_checked(path, language_spec(), problems, starts)
        if data is None:
            continue
        if data.get("language", code) != code:
            problems.append(Problem(path, *data.value_marks["language"],
                                    f"language is '{data['language']}' but the file is {path.name}; "
                                    "make them the same"))
            continue
        if code == source and not _source_complete(path, data, problems):
            continue
        languages[code] = data
    return languages


def _source_complete(path: Path, data: YamlMap, problems: list[Problem]) -> bool:
    """The source language carries the deck's title and every category name."""
    missing = [k for k in ("title", "categories") if k not in data]
    missing += [f"categories.{c}" for c in CATEGORIES if "categories" in data and c not in data["categories"]]
    if missing:
        problems.append(Problem(path, *data.mark, f"the source language file needs: {', '.join(missing)}"))
    return not missing


def _with_source_text(cards: list[Card], source: YamlMap, path: Path, problems: list[Problem]) -> list[Card]:
    """Keep the cards whose source-language text is complete; every other file falls back on it."""
    texts = source["cards"]
    kept = []
    for card in cards:
        text = texts.get(card.id)
        if text is None and card.id in texts.key_marks:
            continue  # written, but with an error already reported
        missing = [name for name in REQUIRED_TEXT_FIELDS if text is None or name not in text]
        if missing:
            mark = texts.value_marks[card.id] if text is not None else source.value_marks["cards"]
            problems.append(Problem(path, *mark, f"card '{card.id}' needs {', '.join(missing)} in the source "
                                                 "language; the card is left out until then"))
            continue
        kept.append(card)
    return kept


def _edition(folder: Path, code: str, source_code: str, cards: list[Card], written_ids: set[str],
             languages: dict[str, YamlMap], problems: list[Problem]) -> Edition:
    path = folder / f"{code}.yaml"
    data, source, is_source = languages[code], languages[source_code], code == source_code
    unknown = [card_id for card_id in data["cards"] if card_id not in written_ids]
    for number, card_id in enumerate(unknown):
        # A hint costs a search through every id: give it for the first few only, so a file of
        # thousands of wrong ids stays linear (a typo is rarely made thousands of times).
        hint = suggestion(card_id, written_ids) if number < MAX_HINTS else ""
        problems.append(Problem(path, *data["cards"].key_marks[card_id], f"card '{card_id}' is not in deck.yaml{hint}"))
    _check_glyphs(path, data, problems)
    texts = {}
    for card in cards:
        text = _card_text(code, data["cards"].get(card.id), source["cards"][card.id], is_source)
        _check_answers(path, data["cards"], card.id, text, source["cards"][card.id], problems)
        texts[card.id] = text
    untranslated = [card.id for card in cards if card.id not in data["cards"]]
    if untranslated:
        shown = ", ".join(untranslated[:5]) + (", …" if len(untranslated) > 5 else "")
        problems.append(Problem(path, *data.key_marks["cards"],
                                f"{len(untranslated)} card{'s are' if len(untranslated) > 1 else ' is'} not "
                                f"translated yet and will show in {source_code}: {shown}", "warning"))
    return Edition(language=code, title=data.get("title", source["title"]),
                   description=data.get("description", source.get("description")),
                   category_names=frozen(source["categories"] | data.get("categories", {})),
                   field_names=frozen({f: f.replace("_", " ").capitalize() for f in FIELDS}
                                      | source.get("fields", {}) | data.get("fields", {})),
                   texts=frozen(texts), extra=tuple(card_id for card_id in data["cards"] if card_id not in written_ids))


def _check_glyphs(path: Path, data: YamlMap, problems: list[Problem]) -> None:
    """Warn about text the bundled fonts cannot draw (it would show as empty boxes)."""
    found = []
    for card_id, text in data["cards"].items():
        for name in TEXT_FIELDS:
            value = text.get(name)
            parts = value if isinstance(value, list) else [value]
            parts = [p for item in parts for p in ((item["text"], item["explanation"]) if isinstance(item, dict)
                                                   else (item,)) if isinstance(p, str)]
            missing = next(filter(None, map(first_missing, parts)), None)
            if missing:
                found.append((text.value_marks[name], card_id, name, missing))
    for mark, card_id, name, character in found[:MAX_HINTS]:
        problems.append(Problem(path, *mark, f"card '{card_id}', {name}: {script_of(character)} text "
                                             f"(U+{ord(character):04X}) that the bundled fonts cannot draw; it "
                                             "shows as empty boxes on screen and in print", "warning"))
    if len(found) > MAX_HINTS:
        problems.append(Problem(path, *found[MAX_HINTS][0], f"{len(found) - MAX_HINTS} more card texts with "
                                                             "characters the bundled fonts cannot draw", "warning"))


def _card_text(code: str, text: YamlMap | None, source: YamlMap, is_source: bool) -> CardText:
    text = text or {}
    merged = {name: text.get(name, source.get(name)) for name in TEXT_FIELDS}
    fallback = frozenset(name for name in TEXT_FIELDS if name not in text and name in source)
    current = fingerprint(source)
    stale = not is_source and bool(text) and text.get("translated_from") != current
    return CardText(language=code, name=merged["name"], known_for=merged["known_for"], story=merged["story"],
                    clues=tuple(merged["clues"]),
                    statements=tuple(Statement(s["text"], s["answer"], s["explanation"])
                                     for s in merged["statements"]),
                    question=merged["question"], note=merged["note"], fingerprint=current,
                    fallback=fallback, stale=stale)


def _check_answers(path: Path, texts: YamlMap, card_id: str, text: CardText, source: YamlMap,
                   problems: list[Problem]) -> None:
    """A translated statement must keep its answer: fact stays fact, fiction stays fiction."""
    if "statements" in text.fallback:
        return
    answers = [s["answer"] for s in source["statements"]]
    if [s.answer for s in text.statements] != answers[:len(text.statements)] or len(text.statements) != len(answers):
        problems.append(Problem(path, *texts[card_id].value_marks["statements"],
                                f"card '{card_id}': the statements must match the source language one by "
                                f"one, with the same answers ({', '.join(str(a).lower() for a in answers)})"))



def problems_by_card(report: DeckReport) -> tuple[dict[str, list[Problem]], list[Problem]]:
    """Which card each problem concerns, judged by where it was written, so a preview can show it
    beside the card; problems outside any card (file-level ones) come back separately."""
    starts = dict(report.card_lines)
    by_card: dict[str, list[Problem]] = {}
    general: list[Problem] = []
    for problem in report.problems:
        lines = starts.get(problem.path, ())
        at = bisect.bisect_right(lines, (problem.line, "\U0010ffff")) - 1
        owner = lines[at][1] if at >= 0 else None
        (by_card.setdefault(owner, []) if owner else general).append(problem)
    return by_card, general


__all__ = ["deck_folders_in", "find_decks", "fingerprint", "load_deck", "load_decks", "problems_by_card"]
