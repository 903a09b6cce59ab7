"""`python main.py bench`: speed figures as ratios to a floor measured in the same run.

Absolute times vary between machines; a ratio to a simple baseline measured right beside it
(the same files parsed by PyYAML's C loader, one surface blitted, …) does not. Each benchmark is a
function yielding figures; later features add theirs to BENCHMARKS.
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Callable, Iterator

import yaml

from game import bundled
from game.decks import find_decks, load_deck

BUNDLED_DECKS = bundled.CARDS

LANGUAGES = ("en", "bg", "pl", "uk")


def best_time(action: Callable[[], object], repeats: int) -> float:
    """The fastest of several runs: the least disturbed by the rest of the machine."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def figure(name: str, value: float, unit: str, floor: float) -> dict:
    return {"name": name, "value": round(value, 6), "unit": unit, "floor": round(floor, 6),
            "ratio": round(value / floor, 3) if floor else None}


def write_generated_deck(folder: Path, cards: int) -> Path:
    """A deck of `cards` generated people in four languages, shaped like the real deck."""
    folder.mkdir(parents=True, exist_ok=True)
    facts = ["format: 1\nsource_language: en\ncards:\n"]
    for i in range(cards):
        facts.append(f"  - id: person-{i}\n    gender: {('woman', 'man')[i % 2]}\n    born: {1900 + i % 100}\n"
                     f"    field: science\n    categories: [moved, advocate]\n    countries: [BG, FR, UA]\n"
                     f"    tags: [generated]\n    source: https://example.org/person-{i}\n")
    (folder / "deck.yaml").write_text("".join(facts), encoding="utf-8")
    words = {"en": "story about work and moving", "bg": "история за работа и преместване",
             "pl": "opowieść o pracy i przeprowadzce", "uk": "історія про роботу і переїзд"}
    for code in LANGUAGES:
        text = [f"language: {code}\ntitle: Generated {code}\ncategories:\n  fled: Fled\n  moved: Moved\n"
                "  child_of_migrants: Child of migrants\n  advocate: Advocate\ncards:\n"]
        for i in range(cards):
            story = " ".join([words[code]] * 18)
            text.append(f"  person-{i}:\n    name: Person {i}\n    known_for: Known for a {words[code]}\n"
                        f"    story: >-\n      {story}\n    clues:\n      - First clue {i}\n      - Second clue\n"
                        f"      - Third clue\n    statements:\n      - text: A statement {i}\n        answer: true\n"
                        f"        explanation: Because of the {words[code]}\n      - text: Another\n"
                        f"        answer: false\n        explanation: Not so\n    question: What do you think, {i}?\n")
        (folder / f"{code}.yaml").write_text("".join(text), encoding="utf-8")
    return folder


def deck_loading(quick: bool) -> Iterator[dict]:
    cards, repeats = (300, 3) if quick else (2000, 5)
    with tempfile.TemporaryDirectory() as temporary:
        folder = write_generated_deck(Path(temporary) / "generated", cards)
        files = sorted(folder.glob("*.yaml"))

        def parse_only():
            for path in files:
                with path.open("rb") as stream:
                    yaml.load(stream, Loader=yaml.CSafeLoader)

        def load_and_validate():
            report = load_deck(folder)
            assert report.deck is not None and not report.errors, report.problems[:3]

        floor = best_time(parse_only, repeats)
        value = best_time(load_and_validate, repeats)
        yield figure(f"deck_load_validate_{cards}_cards_{len(LANGUAGES)}_languages", value, "s", floor)


def deck_export(quick: bool) -> Iterator[dict]:
    """Export one language of the bundled deck (fronts and backs, A4, crop marks) to PDF, against a
    PDF with as many pages each holding one line of the same font. Peak memory is traced separately,
    as tracing slows the run it measures."""
    from reportlab.pdfgen.canvas import Canvas

    from game.export import PrintOptions, print_cards, write_sheets
    from game.export.pdf import REGULAR, clear_caches, register_fonts

    with tempfile.TemporaryDirectory() as temporary:
        found = [report.deck for report in map(load_deck, find_decks(BUNDLED_DECKS)) if report.deck]
        deck = max(found, key=lambda d: len(d.cards)) if found else \
            load_deck(write_generated_deck(Path(temporary) / "generated", 20 if quick else 60)).deck
        options = PrintOptions(language=deck.source_language)
        title = deck.edition(options.language).title
        register_fonts()

        def full_export() -> int:
            clear_caches()  # measure text cold, as a real export does
            with open(Path(temporary) / "deck.pdf", "wb") as file:
                return write_sheets(file, print_cards(deck, list(deck.cards), options), options, title)

        def one_line_pages():
            canvas = Canvas(str(Path(temporary) / "floor.pdf"), initialFontName=REGULAR)
            for page in range(pages):
                canvas.setFont(REGULAR, 10)
                canvas.drawString(72, 720, f"{title} {page + 1}")
                canvas.showPage()
            canvas.save()

        pages = full_export()
        repeats = 2 if quick else 3
        floor, value = best_time(one_line_pages, repeats), best_time(full_export, repeats)
        name = f"deck_export_pdf_{len(deck.cards)}_cards_{pages}_pages"
        yield dict(figure(name, value, "s", floor), target=3.0)
        yield dict(figure(f"{name}_peak_memory", peak_memory(full_export), "MB", peak_memory(one_line_pages)),
                   target=300.0)


def peak_memory(action: Callable[[], object]) -> float:
    """Peak of Python allocations during `action`, in megabytes."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def screen(quick: bool) -> Iterator[dict]:
    """Frame times and idle CPU of the game screens (pygame is imported only in there)."""
    from game.scenes import benchmarks
    yield from benchmarks.frame_times(BUNDLED_DECKS, quick)
    yield from benchmarks.animation_frames(BUNDLED_DECKS, quick)
    yield from benchmarks.first_frame(BUNDLED_DECKS, quick)
    yield from benchmarks.idle_cpu(BUNDLED_DECKS, quick)


BENCHMARKS: list[Callable[[bool], Iterator[dict]]] = [deck_loading, deck_export, screen]


def run(quick: bool = False) -> Iterator[dict]:
    for benchmark in BENCHMARKS:
        yield from benchmark(quick)
