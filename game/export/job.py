"""One export run: the chosen cards to every output asked for, in the print language."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from game.decks import Card, Deck
from game.export.faces import PrintCard, print_cards, shortfalls
from game.export.files import atomic_file, write_pngs, write_pod
from game.export.options import PrintOptions
from game.export.sheets import write_sheets
from game.decks.images import cropped_portrait
from game.i18n import language_in_this_thread, language_name
from game.layout import Picture

ProgressFactory = Callable[[str], Callable[[int, int], None] | None]
SHOWN = 12  # cards named one by one in a warning; the rest are counted
PORTRAIT_DPI = 300


def export(deck: Deck, cards: list[Card], options: PrintOptions, *, out: Path | None = None,
           pod: Path | None = None, png: Path | None = None,
           progress: ProgressFactory = lambda label: None, warn: Callable[[str], None] = lambda line: None,
           report: Callable[[str], None] = lambda line: None) -> list[str]:
    """Write each requested output; returns one line per output saying what was written, and hands
    each to `report` as soon as that output is complete. What a reader of the cards would miss
    (untranslated text, text under the floors) goes to `warn` first."""
    with language_in_this_thread(options.language):  # the rules card and sheet notes are in the print language
        printed = print_cards(deck, cards, options)
        title = deck.edition(options.language).title
        for line in print_warnings(deck, printed, options):
            warn(line)
        done = []
        if out is not None:
            with atomic_file(out) as file:
                pages = write_sheets(file, printed, options, title, progress(f"PDF {out.name}"))
            done.append(f"{out}: {pages} pages, {len(printed)} cards ({options.layout}, {options.paper})")
            report(done[-1])
        if pod is not None:
            files = write_pod(pod, printed, options, progress(f"PDF per face in {pod}"))
            done.append(f"{pod}: {len(files)} single-face PDFs with bleed")
            report(done[-1])
        if png is not None:
            files = write_pngs(png, printed, options, progress(f"PNG in {png}"))
            done.append(f"{png}: {len(files)} PNGs at {options.dpi} dpi")
            report(done[-1])
        return done


def portrait_warnings(people: list[PrintCard]) -> list[str]:
    """Portraits with fewer pixels than 300 dpi at the size they print: soft in the hand."""
    lines = []
    for card in people:
        for op in card.front:
            if isinstance(op, Picture):
                image = cropped_portrait(op.path, op.box.w / op.box.h, op.focus)
                dpi = image.width / (op.box.w / 25.4) if image else 0
                if image and dpi < PORTRAIT_DPI - 0.5:
                    lines.append(f"{card.name}: the portrait prints at {dpi:.0f} dpi; {PORTRAIT_DPI} dpi needs "
                                 f"{round(op.box.w / 25.4 * PORTRAIT_DPI)} × {round(op.box.h / 25.4 * PORTRAIT_DPI)} "
                                 "pixels or more")
    return lines


def print_warnings(deck: Deck, printed: list[PrintCard], options: PrintOptions) -> list[str]:
    """Cards that print partly in the source language, and cards that miss a print floor, named."""
    people = [card for card in printed if card.person]
    source = language_name(deck.source_language, "en")
    lines = []
    marked = language_name(deck.source_language, options.language)
    first, second = sum(card.fallback for card in people), sum(card.fallback2 for card in people)
    if first:
        lines.append(f"{first} of {len(people)} cards print in {source}: not translated into {options.language} "
                     f"yet (marked “{marked}” on the card)")
    if second:
        lines.append(f"{second} of {len(people)} cards print their second language in {source}: not translated "
                     f"into {options.second_language} yet (marked “({marked})” on the card)")
    lines += portrait_warnings(people)
    missing = shortfalls(printed)
    if missing:
        w, h = options.card
        cards = len({item.card for item in missing})
        lines.append(f"{cards} card{'s' if cards > 1 else ''} cannot meet the print floors at {w:g}×{h:g} mm "
                     "(story ≥ 6.5 pt, other text ≥ 6 pt):")
        lines += [f"  {item}" for item in missing[:SHOWN]]
        if len(missing) > SHOWN:
            lines.append(f"  … and {len(missing) - SHOWN} more; a larger --size (tarot) fits them")
    return lines
