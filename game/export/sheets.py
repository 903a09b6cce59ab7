"""Print-and-play sheets: cards in a grid, crop marks, and backs placed to land behind their fronts.

Pages are always portrait, so "long edge" and "short edge" mean what the printer dialog says. The
grid is centred on the page, which makes each mirrored position another grid position:
- duplex-long: the sheet turns over its long (left/right) edge, so a back page mirrors the columns;
- duplex-short: the sheet turns over its short (top/bottom) edge, so a back page mirrors the rows.
  Backs stay upright on the page (the printer's short-edge setting turns them); we mirror rows
  rather than rotate the page 180°, which comes to the same sheet.
- fold: one side only; fronts fill the left half, their backs the right half, mirrored across the
  dashed fold line, so folding the sheet like a book puts each back behind its front.
Each card has its own bleed; the bleeds of neighbours touch, and every cut is a straight line
across the sheet, marked in the margin on the extension of the trim edges, never over a card.
TrimBox and BleedBox of a sheet are the whole page: the sheet is not trimmed as a whole, each card
is, along the marks (single-card files carry a real TrimBox and BleedBox, see files.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Callable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from game.errors import UserError
from game.export.faces import PrintCard
from game.export.options import PrintOptions
from game.export.pdf import BOLD, REGULAR, FacePainter, register_fonts, width
from game.i18n import N_, _
from game.layout import Box, FaceOp

MARK_OFFSET = 1.0     # from a bleed edge to the start of its crop mark
MARK_LENGTH = 3.5
MIN_MARGIN = MARK_OFFSET + MARK_LENGTH + 3.0   # marks end 3 mm from the paper's edge
SLUG_BAND = (MARK_OFFSET + MARK_LENGTH + 1.5, MARK_OFFSET + MARK_LENGTH + 5.5)  # from the grid's bleed edge
SLUG_ROOM = SLUG_BAND[1] + 3.0                 # the slug too ends 3 mm from the paper's edge
FOLD_GAP = 4.0        # between the bleeds either side of the fold line
RULER = 50            # mm
SLUG_SIZE = 7.0       # pt
BLACK = (0, 0, 0)

PRINT_NOTE = N_("Print at 100% (actual size): do not scale to fit.")
FOLD_NOTE = N_("Fold on the dashed line, glue, cut at the marks.")
SIDES = {"fronts": N_("fronts"), "backs": N_("backs")}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Sheet:
    """Where the fronts sit on a page: trim boxes in mm from the page's top-left, in reading order."""
    page: tuple[float, float]
    bleed: float
    slots: tuple[Box, ...]
    slug: str            # the margin that holds the ruler and notes: "bottom" or "left"

    def back_of(self, box: Box, layout: str) -> Box:
        """Where the back of the card at `box` goes so that it lands behind it."""
        width, height = self.page
        if layout == "duplex-short":
            return Box(box.x, height - box.y - box.h, box.w, box.h)
        return Box(width - box.x - box.w, box.y, box.w, box.h)  # long-edge turn, or a fold down the middle


def plan_sheet(options: PrintOptions) -> Sheet:
    """As many cards as fit with their bleed and a margin for crop marks, centred on the page."""
    (page_w, page_h), (w, h), bleed = options.page, options.card, options.bleed
    fold = options.layout == "fold"
    pitch_x, pitch_y = w + 2 * bleed, h + 2 * bleed
    across = page_w / 2 - FOLD_GAP / 2 - MIN_MARGIN if fold else page_w - 2 * MIN_MARGIN
    cols, rows = int(across / pitch_x + 1e-9), int((page_h - 2 * MIN_MARGIN) / pitch_y + 1e-9)
    if cols < 1 or rows < 1:
        raise UserError(f"a {w:g}×{h:g} mm card with {bleed:g} mm bleed does not fit on {options.paper} paper"
                        + (" in the fold layout" if fold else "") + ": choose a smaller size or bleed")
    margin_x = page_w / 2 - FOLD_GAP / 2 - cols * pitch_x if fold else (page_w - cols * pitch_x) / 2
    slug = "bottom" if (page_h - rows * pitch_y) / 2 >= SLUG_ROOM else "left" if margin_x >= SLUG_ROOM else ""
    if not slug:
        rows, slug = max(1, rows - 1), "bottom"  # give up a row rather than print without the ruler
    margin_y = (page_h - rows * pitch_y) / 2
    slots = tuple(Box(margin_x + bleed + col * pitch_x, margin_y + bleed + row * pitch_y, w, h)
                  for row in range(rows) for col in range(cols))
    return Sheet((page_w, page_h), bleed, slots, slug)


def sheet_pages(cards: list[PrintCard], sheet: Sheet, layout: str) -> list[tuple[str, list[tuple[Box, list[FaceOp]]]]]:
    """Pages in print order, each a side name and the faces on it with their trim boxes."""
    pages = []
    per_page = len(sheet.slots)
    for start in range(0, len(cards), per_page):
        chunk = list(zip(sheet.slots, cards[start:start + per_page]))
        fronts = [(box, card.front) for box, card in chunk]
        backs = [(sheet.back_of(box, layout), card.back) for box, card in chunk]
        if layout == "fold":
            pages.append(("fold", fronts + backs))
        else:
            pages.append(("fronts", fronts))
            if layout != "fronts-only":
                pages.append(("backs", backs))
    return pages


def write_sheets(target: str | BinaryIO, cards: list[PrintCard], options: PrintOptions, title: str,
                 progress: Progress | None = None) -> int:
    """The whole print run as one PDF; returns the number of pages."""
    register_fonts()
    sheet = plan_sheet(options)
    page_w, page_h = options.page
    pages = sheet_pages(cards, sheet, options.layout)
    canvas = Canvas(target, pagesize=(page_w * mm, page_h * mm), initialFontName=REGULAR)
    canvas.setTitle(title)
    canvas.setCreator("The UnKnown")
    whole_page = (0, 0, page_w * mm, page_h * mm)
    canvas.setTrimBox(whole_page)
    canvas.setBleedBox(whole_page)
    painter = FacePainter(canvas, page_h)
    for number, (side, faces) in enumerate(pages, 1):
        for box, ops in faces:
            painter.draw(ops, box, options.bleed)
        boxes = [box for box, _ops in faces]
        if options.crop_marks:
            crop_marks(canvas, boxes, options.bleed, page_h)
        if side == "fold":
            fold_line(canvas, boxes, options.bleed, page_w, page_h)
        note = _(PRINT_NOTE) + (" " + _(FOLD_NOTE) if side == "fold" else "")
        label = " · ".join([title] + ([_(SIDES[side])] if side in SIDES else []) + [f"{number}/{len(pages)}"])
        slug(canvas, sheet, note, label)
        canvas.showPage()
        if progress:
            progress(number, len(pages))
    canvas.save()
    return len(pages)


def _line(canvas: Canvas, page_h: float, x1: float, y1: float, x2: float, y2: float) -> None:
    canvas.line(x1 * mm, (page_h - y1) * mm, x2 * mm, (page_h - y2) * mm)


def _extent(boxes: list[Box], bleed: float) -> tuple[float, float, float, float]:
    """Left, top, right, bottom of the cards with their bleed."""
    return (min(b.x for b in boxes) - bleed, min(b.y for b in boxes) - bleed,
            max(b.x + b.w for b in boxes) + bleed, max(b.y + b.h for b in boxes) + bleed)


def crop_marks(canvas: Canvas, boxes: list[Box], bleed: float, page_h: float) -> None:
    """Short hairlines in the margin, on the line of every trim edge: outside every card."""
    left, top, right, bottom = _extent(boxes, bleed)
    near, far = MARK_OFFSET, MARK_OFFSET + MARK_LENGTH
    canvas.setStrokeColorRGB(*BLACK)
    canvas.setLineWidth(0.25)
    for x in sorted({round(v, 4) for b in boxes for v in (b.x, b.x + b.w)}):
        _line(canvas, page_h, x, top - near, x, top - far)
        _line(canvas, page_h, x, bottom + near, x, bottom + far)
    for y in sorted({round(v, 4) for b in boxes for v in (b.y, b.y + b.h)}):
        _line(canvas, page_h, left - near, y, left - far, y)
        _line(canvas, page_h, right + near, y, right + far, y)


def fold_line(canvas: Canvas, boxes: list[Box], bleed: float, page_w: float, page_h: float) -> None:
    """A dashed line down the middle of the page, as long as the cards and their marks."""
    _left, top, _right, bottom = _extent(boxes, bleed)
    reach = MARK_OFFSET + MARK_LENGTH
    canvas.saveState()
    canvas.setStrokeColorRGB(0.45, 0.45, 0.45)
    canvas.setLineWidth(0.5)
    canvas.setDash(3 * mm, 2 * mm)
    _line(canvas, page_h, page_w / 2, top - reach, page_w / 2, bottom + reach)
    canvas.restoreState()


def slug(canvas: Canvas, sheet: Sheet, note: str, label: str) -> None:
    """The margin line: a 50 mm scale bar, how to print, and the deck title with the page number.

    It runs along the bottom margin, or up the left margin when only that one has room."""
    page_w, page_h = sheet.page
    left, _top, _right, bottom = _extent(list(sheet.slots), sheet.bleed)
    tail = f"{RULER} mm"
    size = SLUG_SIZE
    room = (page_w if sheet.slug == "bottom" else page_h) - 16
    while True:
        gap = 4
        parts = [RULER + 1.5, width(tail, size, REGULAR) / mm + gap, width(note, size, BOLD) / mm + gap,
                 width(label, size, REGULAR) / mm]
        if sum(parts) <= room or size <= 5:
            break
        size -= 0.25
    length = sum(parts)
    canvas.saveState()
    if sheet.slug == "bottom":
        canvas.translate((page_w - length) / 2 * mm, (page_h - bottom - SLUG_BAND[1] + 0.7) * mm)
    else:
        canvas.translate((left - SLUG_BAND[0] - 0.7) * mm, (page_h - length) / 2 * mm)
        canvas.rotate(90)
    canvas.setStrokeColorRGB(*BLACK)
    canvas.setFillColorRGB(*BLACK)
    canvas.setLineWidth(0.3)
    canvas.line(0, 0, RULER * mm, 0)
    for i in range(RULER + 1):
        tick = 2.4 if i % 10 == 0 else 1.6 if i % 5 == 0 else 1.0
        canvas.line(i * mm, 0, i * mm, tick * mm)
    x = parts[0]
    for text, font in ((tail, REGULAR), (note, BOLD), (label, REGULAR)):
        canvas.setFont(font, size)
        canvas.drawString(x * mm, 0, text)
        x += width(text, size, font) / mm + gap
    canvas.restoreState()
