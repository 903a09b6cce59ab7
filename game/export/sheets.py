"""Print-and-play sheets: cards in a grid that shares its cut lines, crop marks, and backs placed to land
behind their fronts.

Pages are always portrait, so "long edge" and "short edge" mean what the printer dialog says. The
grid is centred on the page, which makes each mirrored position another grid position:
- duplex-long: the sheet turns over its long (left/right) edge, so a back page mirrors the columns;
- duplex-short: the sheet turns over its short (top/bottom) edge. Its back page is the long-edge back
  page turned 180°, so a cut card turned over sideways shows its back upright, as with long edge.
- fold: one side only; fronts fill the left half, their backs the right half, mirrored across the
  dashed fold line, so folding the sheet like a book puts each back behind its front.
Home sheets share cut lines: cards sit trim to trim (one cut separates two cards; the card paper is a
flat tint, so a cut slightly off the line shows nothing) and the bleed runs only around the grid, where
the margin has room for it. Crop marks sit in the margin on the line of every cut, and small ticks
where cuts meet inside the grid keep guides on the inner strips once the margins are cut away. Single
card files keep each card's own bleed (files.py). TrimBox and BleedBox of a sheet are the whole page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Callable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from game.errors import UserError
from game.export.faces import PrintCard
from game.export.options import PrintOptions
from game.export.pdf import BOLD, PT as PT_MM, REGULAR, FacePainter, draw_string, register_fonts, width
from game.i18n import N_, _
from game.layout import LINE_HEIGHT, Box, FaceOp, wrap
from game.textdir import has_rtl

MARK_OFFSET = 1.0     # from a bleed edge to the start of its crop mark
MARK_LENGTH = 3.5
EDGE = 3.0            # nothing closer than this to the paper's edge
MIN_MARGIN = MARK_OFFSET + MARK_LENGTH + EDGE  # marks end 3 mm from the paper's edge
SLUG_GAP = MARK_OFFSET + MARK_LENGTH + 1.5      # from the grid's bleed edge to the margin line
INNER_TICK = 1.2      # length of the ticks where cuts meet inside the grid
INNER_WIDTH = 0.2     # pt; crop marks are 0.25
FOLD_GAP = 4.0        # between the bleeds either side of the fold line
RULER = 50            # mm
SLUG_SIZES = (7.0, 6.5, 6.0)  # pt: the margin line is never smaller
DESCENT = 0.3         # of the size: room below a baseline for descenders (Noto Sans: 0.293)
RTL_DESCENT = 0.74    # Noto Sans with Arabic, as its font descriptor gives it: Arabic marks sit lower
BLACK = (0, 0, 0)

PRINT_NOTE = N_("Print at 100% (actual size): do not scale to fit.")
FOLD_NOTE = N_("Fold on the dashed line, glue, cut at the marks.")
SIDES = {"fronts": N_("fronts"), "backs": N_("backs")}
OPPOSITE = {"bottom": "top", "left": "right"}
DUPLEX = {"duplex-long": "DuplexFlipLongEdge", "duplex-short": "DuplexFlipShortEdge"}  # print-dialog defaults

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Slug:
    """The margin line: its side, its size in pt and the lines of its note (beside the ruler)."""
    side: str            # "bottom" or "left"; the page label goes in the opposite margin
    size: float
    lines: tuple[str, ...]

    @property
    def depth(self) -> float:
        """mm from the start of the band to its far edge."""
        deeper = (descent(self.lines) - DESCENT) * self.size * PT_MM
        return max(2.6, len(self.lines) * self.size * PT_MM * LINE_HEIGHT + deeper)


def descent(lines) -> float:
    """Room below the baseline, as a share of the size, for the font these lines are drawn in."""
    return RTL_DESCENT if any(has_rtl(line) for line in lines) else DESCENT


@dataclass(frozen=True)
class Sheet:
    """Where the fronts sit on a page: trim boxes in mm from the page's top-left, in reading order."""
    page: tuple[float, float]
    bleed: tuple[float, float]   # around the grid, at its left/right and top/bottom (0 where there is no room)
    slots: tuple[Box, ...]
    slug: Slug

    def back_of(self, box: Box) -> Box:
        """Where the back of the card at `box` is drawn. duplex-short draws the long-edge back page and
        turns it 180° (write_sheets), which puts it behind its front after a short-edge turn."""
        width, _height = self.page
        return Box(width - box.x - box.w, box.y, box.w, box.h)

    def clip(self, box: Box, boxes: list[Box]) -> Box:
        """The part of the page a card may paint: its trim, and the bleed on the sides at the grid's edge."""
        bx, by = self.bleed

        def neighbour(dx: float, dy: float) -> bool:
            return any(abs(b.x - box.x - dx) < 1e-6 and abs(b.y - box.y - dy) < 1e-6 for b in boxes)
        left = 0 if neighbour(-box.w, 0) else bx
        right = 0 if neighbour(box.w, 0) else bx
        top = 0 if neighbour(0, -box.h) else by
        bottom = 0 if neighbour(0, box.h) else by
        return Box(box.x - left, box.y - top, box.w + left + right, box.h + top + bottom)


def sheet_note(layout: str) -> str:
    return _(PRINT_NOTE) + (" " + _(FOLD_NOTE) if layout == "fold" else "")


def fit_slug(note: str, length: float, depth: float) -> tuple[float, tuple[str, ...]] | None:
    """The largest size (never under 6 pt) at which the ruler and the note, wrapped beside it, fit a
    margin `length` mm long with `depth` mm of room beyond the marks; None if none does."""
    register_fonts()
    for size in SLUG_SIZES:
        room = length - RULER - 1.5 - (width(f"{RULER} mm", size, REGULAR) + width(" ", size, REGULAR) * 4) / mm
        if room <= 0:
            continue
        lines = tuple(wrap(note, room, size, True, lambda text, pt, bold: width(text, pt, BOLD) / mm))
        slug = Slug("", size, lines)
        if SLUG_GAP + slug.depth + EDGE <= depth + 1e-9 and all(width(line, size, BOLD) / mm <= room for line in lines):
            return size, lines
    return None


def plan_sheet(options: PrintOptions) -> Sheet:
    """As many cards as fit trim to trim with a margin for crop marks, centred on the page; the bleed
    around the grid where the margin has room for it, and the margin line where its text fits."""
    (page_w, page_h), (w, h), bleed = options.page, options.card, options.bleed
    fold = options.layout == "fold"
    half = page_w / 2 - FOLD_GAP / 2
    cols = int(((half - MIN_MARGIN) if fold else page_w - 2 * MIN_MARGIN) / w + 1e-9)
    rows = int((page_h - 2 * MIN_MARGIN) / h + 1e-9)
    if cols < 1 or rows < 1:
        raise UserError(f"a {w:g}×{h:g} mm card does not fit on {options.paper} paper"
                        + (" in the fold layout" if fold else "") + ": choose a smaller size")
    note = sheet_note(options.layout)
    while True:
        outer_x = half - cols * w if fold else (page_w - cols * w) / 2       # paper edge to the grid's trim
        room_x = outer_x - (bleed if fold else 0)                             # fold: the bleed at the fold too
        bx = bleed if room_x - bleed >= MIN_MARGIN else 0.0
        margin_y = (page_h - rows * h) / 2
        by = bleed if margin_y - bleed >= MIN_MARGIN else 0.0
        # the margin line: bottom or left, with the bleed there if the text still fits, else without it
        for side, bx_try, by_try in (("bottom", bx, by), ("left", bx, by), ("bottom", bx, 0.0), ("left", 0.0, by)):
            if side == "bottom":
                fitted = fit_slug(note, page_w - 2 * EDGE, margin_y - by_try)
            else:
                fitted = fit_slug(note, page_h - 2 * EDGE, outer_x - (bleed if fold and bx_try else 0) - bx_try)
            if fitted:
                bx, by = bx_try, by_try
                break
        if fitted or rows == 1:
            break
        rows -= 1  # give up a row rather than print without the ruler
    if not fitted:
        raise UserError(f"a {w:g}×{h:g} mm card leaves no margin for the scale bar on {options.paper} paper: "
                        "choose a smaller size")
    left = half - bx - cols * w if fold else (page_w - cols * w) / 2
    top = (page_h - rows * h) / 2
    slots = tuple(Box(left + col * w, top + row * h, w, h) for row in range(rows) for col in range(cols))
    return Sheet((page_w, page_h), (bx, by), slots, Slug(side, *fitted))


def sheet_pages(cards: list[PrintCard], sheet: Sheet, layout: str) -> list[tuple[str, list[tuple[Box, list[FaceOp]]]]]:
    """Pages in print order, each a side name and the faces on it with their trim boxes."""
    pages = []
    per_page = len(sheet.slots)
    for start in range(0, len(cards), per_page):
        chunk = list(zip(sheet.slots, cards[start:start + per_page]))
        fronts = [(box, card.front) for box, card in chunk]
        backs = [(sheet.back_of(box), card.back) for box, card in chunk]
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
    canvas.setViewerPreference("PrintScaling", "None")  # print dialogs then default to actual size
    canvas.setViewerPreference("Duplex", DUPLEX.get(options.layout, "Simplex"))
    painter = FacePainter(canvas, page_h)
    for number, (side, faces) in enumerate(pages, 1):
        boxes = [box for box, _ops in faces]
        turned = side == "backs" and options.layout == "duplex-short"
        canvas.saveState()
        if turned:
            canvas.translate(page_w * mm, page_h * mm)
            canvas.rotate(180)
        for box, ops in faces:
            painter.draw(ops, box, 0, clip=sheet.clip(box, boxes))
        if options.crop_marks:
            crop_marks(canvas, boxes, sheet.bleed, page_h)
        canvas.restoreState()
        if turned:  # where the cards really are: the margin line goes around them
            boxes = [Box(page_w - b.x - b.w, page_h - b.y - b.h, b.w, b.h) for b in boxes]
        if side == "fold":
            fold_line(canvas, boxes, sheet.bleed, page_w, page_h)
        label = " · ".join([title] + ([_(SIDES[side])] if side in SIDES else []) + [f"{number}/{len(pages)}"])
        slug(canvas, sheet, boxes, label)
        canvas.showPage()
        if progress:
            progress(number, len(pages))
    canvas.save()
    return len(pages)


def _line(canvas: Canvas, page_h: float, x1: float, y1: float, x2: float, y2: float) -> None:
    canvas.line(x1 * mm, (page_h - y1) * mm, x2 * mm, (page_h - y2) * mm)


def _extent(boxes: list[Box], bleed: tuple[float, float]) -> tuple[float, float, float, float]:
    """Left, top, right, bottom of the cards with the bleed around them."""
    bx, by = bleed
    return (min(b.x for b in boxes) - bx, min(b.y for b in boxes) - by,
            max(b.x + b.w for b in boxes) + bx, max(b.y + b.h for b in boxes) + by)


def crop_marks(canvas: Canvas, boxes: list[Box], bleed: tuple[float, float], page_h: float) -> None:
    """Short hairlines in the margin on the line of every cut, outside every card; and small ticks
    where cuts meet inside the grid, so the inner strips keep their guides once the margins are off."""
    left, top, right, bottom = _extent(boxes, bleed)
    near, far = MARK_OFFSET, MARK_OFFSET + MARK_LENGTH
    xs = sorted({round(v, 4) for b in boxes for v in (b.x, b.x + b.w)})
    ys = sorted({round(v, 4) for b in boxes for v in (b.y, b.y + b.h)})
    canvas.setStrokeColorRGB(*BLACK)
    canvas.setLineWidth(0.25)
    for x in xs:
        _line(canvas, page_h, x, top - near, x, top - far)
        _line(canvas, page_h, x, bottom + near, x, bottom + far)
    for y in ys:
        _line(canvas, page_h, left - near, y, left - far, y)
        _line(canvas, page_h, right + near, y, right + far, y)
    canvas.setStrokeColorRGB(0.55, 0.55, 0.55)  # grey: a cut a hair off the line leaves nothing dark
    canvas.setLineWidth(INNER_WIDTH)
    inner_xs = {round(b.x, 4) for b in boxes} & {round(b.x + b.w, 4) for b in boxes}  # cuts between columns
    inner_ys = {round(b.y, 4) for b in boxes} & {round(b.y + b.h, 4) for b in boxes}  # and between rows
    for box in boxes:  # at each corner on an inner cut, a tick along it into this card
        for x, dx in ((box.x, INNER_TICK), (box.x + box.w, -INNER_TICK)):
            for y, dy in ((box.y, INNER_TICK), (box.y + box.h, -INNER_TICK)):
                if round(x, 4) in inner_xs:
                    _line(canvas, page_h, x, y, x, y + dy)
                if round(y, 4) in inner_ys:
                    _line(canvas, page_h, x, y, x + dx, y)


def fold_line(canvas: Canvas, boxes: list[Box], bleed: tuple[float, float], page_w: float, page_h: float) -> None:
    """A dashed line down the middle of the page, as long as the cards and their marks."""
    _left, top, _right, bottom = _extent(boxes, bleed)
    reach = MARK_OFFSET + MARK_LENGTH
    canvas.saveState()
    canvas.setStrokeColorRGB(0.45, 0.45, 0.45)
    canvas.setLineWidth(0.5)
    canvas.setDash(3 * mm, 2 * mm)
    _line(canvas, page_h, page_w / 2, top - reach, page_w / 2, bottom + reach)
    canvas.restoreState()


def _band(canvas: Canvas, sheet: Sheet, boxes: list[Box], side: str, depth: float, length: float) -> None:
    """Move the origin into a margin band beyond the marks, `length` mm long and centred along it,
    with the text's baseline direction along the margin and its top away from the grid, except at the
    bottom, where text stays upright (its top towards the grid)."""
    page_w, page_h = sheet.page
    left, top, right, bottom = _extent(boxes, sheet.bleed)
    if side == "bottom":
        canvas.translate((page_w - length) / 2 * mm, (page_h - bottom - SLUG_GAP - depth) * mm)
    elif side == "top":
        canvas.translate((page_w - length) / 2 * mm, (page_h - top + SLUG_GAP) * mm)
    elif side == "left":
        canvas.translate((left - SLUG_GAP) * mm, (page_h - length) / 2 * mm)
        canvas.rotate(90)
    else:
        canvas.translate((right + SLUG_GAP) * mm, (page_h + length) / 2 * mm)
        canvas.rotate(-90)


def slug(canvas: Canvas, sheet: Sheet, boxes: list[Box], label: str) -> None:
    """The margin line: a 50 mm scale bar and how to print, in lines beside it if need be; the deck
    title and page number in the opposite margin. Never under 6 pt, never past the paper's edge."""
    plan = sheet.slug
    size, tail, gap = plan.size, f"{RULER} mm", width(" ", plan.size, REGULAR) / mm * 2
    note_x = RULER + 1.5 + width(tail, size, REGULAR) / mm + gap
    length = note_x + max(width(line, size, BOLD) / mm for line in plan.lines)
    pitch = size * PT_MM * LINE_HEIGHT
    below = size * PT_MM * descent(plan.lines)
    canvas.saveState()
    canvas.setStrokeColorRGB(*BLACK)
    canvas.setFillColorRGB(*BLACK)
    canvas.setLineWidth(0.3)
    _band(canvas, sheet, boxes, plan.side, plan.depth, length)
    base = plan.depth - pitch + below if plan.side == "bottom" else below  # the ruler's line
    canvas.line(0, base * mm, RULER * mm, base * mm)
    for i in range(RULER + 1):
        tick = 2.0 if i % 10 == 0 else 1.4 if i % 5 == 0 else 0.9
        canvas.line(i * mm, base * mm, i * mm, (base + tick) * mm)
    draw_string(canvas, (RULER + 1.5) * mm, base * mm, tail, REGULAR, size)
    for i, line in enumerate(plan.lines):
        y = base - i * pitch if plan.side == "bottom" else base + (len(plan.lines) - 1 - i) * pitch
        draw_string(canvas, note_x * mm, y * mm, line, BOLD, size)
    canvas.restoreState()
    _label(canvas, sheet, boxes, label, size)


def _label(canvas: Canvas, sheet: Sheet, boxes: list[Box], label: str, size: float) -> None:
    """Deck title, side and page number in one line, shortened with "…" to the margin's length."""
    page_w, page_h = sheet.page
    length = (page_w if sheet.slug.side == "bottom" else page_h) - 2 * EDGE
    while label and width(label, size, REGULAR) / mm > length:
        label = label[:-2] + "…"
    canvas.saveState()
    canvas.setFillColorRGB(*BLACK)
    _band(canvas, sheet, boxes, OPPOSITE[sheet.slug.side], 0, width(label, size, REGULAR) / mm)
    draw_string(canvas, 0, size * PT_MM * descent([label]) * mm, label, REGULAR, size)
    canvas.restoreState()
