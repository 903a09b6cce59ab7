"""`python main.py legibility`: every card at every step of every mode, drawn headless, with the
size of every text measured against the floors of issue 12.

A text's floor follows from what it is, judged from the deck itself rather than from the code that
draws it: the card's story, clues, statements, explanations, question, category names and the
verdict word are main reading text (1/30 of the height); the same in the second language has its
own floor (28 px at 1080); everything else a player reads has 1/40.
"""

from __future__ import annotations

import os
from types import SimpleNamespace
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from game import layout

PAIRS = (("bg", "en"), ("en", "bg"), ("uk", "pl"), ("pl", "uk"), ("en", "uk"))
SIZES = ((1920, 1080), (1280, 720))
MODES = ("unknown", "who", "fact", "story")
TEAMS = 8          # the narrowest team labels
MAIN, SECOND, PLAYER = "main", "second", "player"
# scene names as in `main.py screenshot`
SCENE_NAMES = {("unknown", "face"): "face", ("who", "reveal"): "who-reveal", ("story", "face"): "story-face"}


@dataclass(frozen=True)
class Drawn:
    scene: str
    languages: str      # "bg" or "bg+en"
    size: tuple[int, int]
    card: str
    page: int
    text: str
    px: int
    kind: str           # main | second | player
    floor: int
    cut: bool           # lines were dropped for an ellipsis

    @property
    def ok(self) -> bool:
        return self.px >= self.floor and not self.cut


def configurations(deck) -> list[tuple[str, str | None]]:
    """Every language of the deck alone, and the pairs of issue 12 that the deck has."""
    alone = [(code, None) for code in deck.languages]
    return alone + [(a, b) for a, b in PAIRS if a in deck.editions and b in deck.editions]


def measure(deck, configs=None, sizes=SIZES, modes=MODES, cards=None, every_page=True):
    """Draw every step of every card; yield one Drawn per text."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game import i18n
    from game.rules import Rules, mark_team, scoring_phase, start
    from game.scenes.play import RoundScene
    from game.ui import render, theme

    pygame.init()
    render.reset_caches()    # fonts from an earlier pygame session are dead
    records: list[tuple] = []

    @lru_cache(maxsize=1 << 16)
    def fitted(op):
        size, lines = render.fitted(op)
        return size, len(lines) < len(layout.wrap(op.text, op.box.w, size, op.bold, render.measure))

    def recording(surface, op):
        records.append((op.text, *fitted(op)))

    original, ui_language = render.draw_text, i18n.current_language()
    render.draw_text = recording
    try:
        for w, h in sizes:
            surface = _Canvas((w, h))
            app = _App((w, h))
            floors = {MAIN: theme.floor(h, theme.READ_FLOOR), SECOND: theme.floor(h, theme.SECOND_FLOOR),
                      PLAYER: theme.floor(h, theme.PLAYER_FLOOR)}
            for language, language2 in configs or configurations(deck):
                i18n.set_language(language)
                label = f"{language}+{language2}" if language2 else language
                teams = [f"Team {letter}" for letter in "ABCDEFGH"[:TEAMS]]
                for mode in modes:
                    rules = Rules(mode=mode, cards=0, leaderboard="always")
                    session = start(deck, rules, teams, language, language2, seed=1, now=0)
                    for index, card_id in enumerate(session.order):
                        if cards and card_id not in cards:
                            continue
                        kinds = _kinds(deck, card_id, language, language2)
                        for step, (phase, _number) in enumerate(session.plan[index]):
                            if phase == "question" and mode != "unknown":
                                continue           # the same screen in every mode
                            state = replace(session, card=index, step=step)
                            if scoring_phase(mode, phase):
                                state = mark_team(state, 1)
                            scene = RoundScene(app, deck, state)
                            app.size = (w, h)
                            pages = scene.page_count()
                            for page in range(pages) if every_page else sorted({0, pages - 1}):
                                scene.page = page
                                records.clear()
                                scene.draw(surface)
                                name = SCENE_NAMES.get((mode, phase), phase)
                                for text, px, cut in records:
                                    kind = kinds(text)
                                    yield Drawn(name, label, (w, h), card_id, page, text, px, kind, floors[kind], cut)
    finally:
        render.draw_text = original
        i18n.set_language(ui_language)


def _canvas_class():
    import pygame

    class Canvas(pygame.Surface):
        """Tells scenes it is the full window, but is one pixel: shapes cost nothing, and texts
        are recorded, not drawn."""

        def __init__(self, size):
            super().__init__((1, 1))
            self.window = size

        def get_size(self):
            return self.window

        def get_width(self):
            return self.window[0]

        def get_height(self):
            return self.window[1]
    return Canvas


def _Canvas(size):
    return _canvas_class()(size)


class _App:
    """What a round scene asks of the app while it only draws."""

    def __init__(self, size):
        self.size = size
        self.context = SimpleNamespace(clock=lambda: 0.0)   # still frames: a clock that never moves


def _kinds(deck, card_id, language, language2):
    """A function telling, for a drawn text, which floor applies to it."""
    from game.i18n import country_name, translations

    def reading(code):
        text = deck.text(card_id, code)
        edition = deck.edition(code)
        words = translations(code)
        strings = [text.story, text.question, *text.clues, *edition.category_names.values(),
                   words.gettext(layout.FACT), words.gettext(layout.FICTION)]
        for statement in text.statements:
            strings += [statement.text, statement.explanation]
        return [_plain(s) for s in strings if s]

    main = reading(language)
    second = reading(language2) if language2 else []
    first_text = deck.text(card_id, language)
    other_text = deck.text(card_id, language2) if language2 else None
    card = deck.card(card_id)

    def countries(code):
        return " › ".join(country_name(c, code) for c in card.countries)
    labels = {_plain(s): PLAYER for s in (first_text.name, first_text.known_for, countries(language))}
    if other_text:
        for s in (other_text.name, other_text.known_for, countries(language2)):
            labels.setdefault(_plain(s), SECOND)

    def part_of(text, strings):
        return any(text == s or (len(text) >= 12 and text in s) or (len(s) >= 12 and s in text) for s in strings)

    @lru_cache(maxsize=None)
    def kind(text):
        plain = _plain(text)
        if plain in labels:
            return labels[plain]
        if part_of(plain, main):
            return MAIN
        if part_of(plain, second):
            return SECOND
        return PLAYER
    return kind


def _plain(text: str) -> str:
    return " ".join(text.split())


def report(records) -> list[str]:
    """The smallest text per scene, languages and size, with where it is; failures first."""
    smallest: dict[tuple, Drawn] = {}
    failures = []
    for record in records:
        key = (record.scene, record.languages, record.size, record.kind)
        if key not in smallest or record.px < smallest[key].px:
            smallest[key] = record
        if not record.ok:
            failures.append(record)
    lines = []
    for record in failures[:50]:
        lines.append(f"UNDER THE FLOOR: {_describe(record)}")
    if len(failures) > 50:
        lines.append(f"... and {len(failures) - 50} more")
    lines.append(f"{'scene':<12}{'languages':<10}{'size':<11}{'kind':<8}{'px':>4}{'floor':>6}  where")
    for key in sorted(smallest):
        record = smallest[key]
        lines.append(f"{record.scene:<12}{record.languages:<10}{record.size[0]}x{record.size[1]:<6}"
                     f"{record.kind:<8}{record.px:>4}{record.floor:>6}  {record.card} p{record.page + 1}: "
                     f"{_plain(record.text)[:50]!r}")
    return lines


def _describe(record: Drawn) -> str:
    cut = ", cut" if record.cut else ""
    return (f"{record.scene} {record.languages} {record.size[0]}x{record.size[1]} {record.card} "
            f"page {record.page + 1}: {record.kind} text at {record.px} px (floor {record.floor}{cut}): "
            f"{_plain(record.text)[:60]!r}")


def run(deck_dir: Path, deck_id: str | None = None) -> tuple[list[str], int]:
    from game.decks import find_decks, load_deck
    from game.errors import UserError
    decks = [r.deck for r in map(load_deck, find_decks(deck_dir)) if r.deck and (deck_id in (None, r.deck.id))]
    if not decks:
        raise UserError(f"no deck that loads in {deck_dir}" + (f" with the id {deck_id}" if deck_id else ""))
    records = list(measure(decks[0]))
    return report(records), sum(not r.ok for r in records)
