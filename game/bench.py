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


MEASURE = r"""
import json, resource, sys, time
from pathlib import Path
what, folder = sys.argv[1], Path(sys.argv[2])
import yaml
from game.decks import load_deck
from game.decks.cache import load_deck_cached
files = sorted(folder.glob("*.yaml"))
def resident_kb():
    try:  # what the process holds now (Linux); elsewhere the peak
        return int(open("/proc/self/statm").read().split()[1]) * resource.getpagesize() / 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform == "darwin" else 1)
from game.decks.format import country_codes
country_codes()  # CLDR data any first load pulls in: not the deck's memory
before = resident_kb()
start = time.perf_counter()
if what == "csafe":
    kept = [yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader) for path in files]
elif what == "load":
    kept = load_deck(folder)
    assert kept.deck is not None and len(kept.deck.languages) == 4 and not kept.errors, kept.problems[:3]
else:
    kept = load_deck_cached(folder, Path(sys.argv[3]))
    assert kept.deck is not None and len(kept.deck.languages) == 4
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "kb": resident_kb() - before}))
"""


def _measure(what: str, folder: Path, cache: Path) -> dict:
    """Time and peak memory of one load in a fresh process, so neither run inherits the other's heap."""
    import json
    import subprocess
    import sys
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", MEASURE, what, str(folder), str(cache)], cwd=root,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def deck_scale(quick: bool) -> Iterator[dict]:
    """Load time and memory per card at 1,000 and 10,000 cards in 4 languages, against PyYAML's C
    loader reading the same files in the same run; and a second load through the deck cache (what
    the start screen waits for). Memory is what the process holds with the result kept."""
    if not hasattr(yaml, "CSafeLoader"):
        return
    for cards in (100, 1000) if quick else (1000, 10_000):
        with tempfile.TemporaryDirectory() as temporary:
            folder = write_generated_deck(Path(temporary) / "generated", cards)
            floor, load = _measure("csafe", folder, Path(temporary)), _measure("load", folder, Path(temporary))
            name = f"deck_load_{cards}_cards_{len(LANGUAGES)}_languages"
            yield dict(figure(f"{name}_ms_per_card", load["seconds"] * 1000 / cards, "ms",
                              floor["seconds"] * 1000 / cards), target=2.0)
            yield figure(f"{name}_kb_per_card", load["kb"] / cards, "KB", floor["kb"] / cards)
            cache = Path(temporary) / "cache"
            _measure("cached", folder, cache)
            cached = _measure("cached", folder, cache)
            yield dict(figure(f"{name}_from_cache_seconds", cached["seconds"], "s", floor["seconds"]), target=2.0)


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


def phones(quick: bool) -> Iterator[dict]:
    """Players' phones: a vote to the shared screen's count with 100 phones, and server memory per phone."""
    from game.scenes import phones_bench
    yield from phones_bench.vote_to_screen(BUNDLED_DECKS, quick)


BENCHMARKS: list[Callable[[bool], Iterator[dict]]] = [deck_loading, deck_scale, deck_export, screen, phones]


def run(quick: bool = False) -> Iterator[dict]:
    for benchmark in BENCHMARKS:
        yield from benchmark(quick)
