"""One export run: the chosen cards to every output asked for, in the print language."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from game.decks import Card, Deck
from game.export.faces import print_cards
from game.export.files import atomic_file, write_pngs, write_pod
from game.export.options import PrintOptions
from game.export.sheets import write_sheets
from game.i18n import language_in_this_thread

ProgressFactory = Callable[[str], Callable[[int, int], None] | None]


def export(deck: Deck, cards: list[Card], options: PrintOptions, *, out: Path | None = None,
           pod: Path | None = None, png: Path | None = None,
           progress: ProgressFactory = lambda label: None) -> list[str]:
    """Write each requested output; returns one line per output saying what was written."""
    with language_in_this_thread(options.language):  # the rules card and sheet notes are in the print language
        printed = print_cards(deck, cards, options)
        title = deck.edition(options.language).title
        done = []
        if out is not None:
            with atomic_file(out) as file:
                pages = write_sheets(file, printed, options, title, progress(f"PDF {out.name}"))
            done.append(f"{out}: {pages} pages, {len(printed)} cards ({options.layout}, {options.paper})")
        if pod is not None:
            files = write_pod(pod, printed, options, progress(f"PDF per face in {pod}"))
            done.append(f"{pod}: {len(files)} single-face PDFs with bleed")
        if png is not None:
            files = write_pngs(png, printed, options, progress(f"PNG in {png}"))
            done.append(f"{png}: {len(files)} PNGs at {options.dpi} dpi")
        return done
