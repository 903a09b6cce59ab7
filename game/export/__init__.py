"""Print: card layouts -> PDF sheets, single-card PDFs and PNGs. Plain Python plus reportlab; no pygame.

The options load at once (the command line lists them); everything that needs reportlab loads on
first use, so commands that do not export start without it.
"""

from importlib import import_module

from game.export.options import CARD_SIZES, LAYOUTS, MODES, PAPERS, PrintOptions, check_bleed, check_dpi, parse_size

_LAZY = {"export": "job", "print_cards": "faces", "select_cards": "faces", "PrintCard": "faces",
         "plan_sheet": "sheets", "write_sheets": "sheets", "Sheet": "sheets", "ProgressBar": "progress"}

__all__ = ["CARD_SIZES", "LAYOUTS", "MODES", "PAPERS", "PrintOptions", "check_bleed", "check_dpi", "parse_size",
           *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(f"game.export.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'game.export' has no attribute '{name}'")
