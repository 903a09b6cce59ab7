"""Text that flows through a box in reading order: as large as the box allows, never under its
floor, and in pages when it cannot fit above the floor.

The shared screen is read from the back of a hall, so a long story or two languages do not shrink
below the floors (issue 12): two languages go side by side when that is larger, and what still does
not fit is cut into pages at whole lines. Plain Python: measured with the back end's `measure`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from game import layout, textdir
from game.layout import LINE_HEIGHT, Box, Measure

MARKER = 1.3   # the indent of a block with a category marker, in its text size


@dataclass(frozen=True)
class Block:
    text: str
    size: int                # wanted size in pixels
    floor: int               # never drawn smaller
    color: layout.Color
    bold: bool = False
    italic: bool = False
    align: str = "left"
    marker: str | None = None  # a category key: its shape is drawn before the first line
    space: float = 0.35      # room above the block, in its size (none at the top of a page)
    indent: float = 0        # pixels, e.g. to line up with the text of a marked block above
    pair: bool = False       # the second language of the block before it: may stand beside it


def flow(blocks: list[Block], box: Box, measure: Measure, page_footer: float = 0) -> list[list[layout.FaceOp]]:
    """The blocks laid out in `box`, one list of drawing operations per page.

    One page at the largest common scale (down to the floors), stacked or, for pairs, side by side,
    whichever is larger; otherwise pages at the floors, each `page_footer` shorter to leave room
    for a page number. A block starts a new page rather than split when it fits a page whole."""
    blocks = [b for b in blocks if b.text.strip()]
    if not blocks:
        return [[]]
    best = None
    for side_by_side in (False, True):
        if side_by_side and not any(b.pair for b in blocks):
            break
        scale = _largest_scale(blocks, box, measure, side_by_side)
        if scale is not None and (best is None or scale > best[0] + 1e-9):
            best = (scale, side_by_side)
        if best and best[0] == 1.0:
            break                                  # as large as wanted: nothing to gain
    if best is not None:
        return [_place(blocks, _sizes(blocks, best[0]), box, measure, best[1])]
    return _pages(blocks, _sizes(blocks, 0), Box(box.x, box.y, box.w, box.h - page_footer), measure)


def _sizes(blocks, scale):
    return [max(b.floor, int(b.size * scale)) for b in blocks]


def _largest_scale(blocks, box, measure, side_by_side):
    """The largest of the scales 1, 0.95, 0.95², … (down to where every block is at its floor) at
    which the blocks fit. Text height grows about with the square of the scale, so the search starts
    where that puts it and walks to the answer: two or three layouts instead of one per scale."""
    scales = [1.0]
    while any(s > b.floor for s, b in zip(_sizes(blocks, scales[-1]), blocks)):
        scales.append(scales[-1] * 0.95)

    def height(index):
        return _height(blocks, _sizes(blocks, scales[index]), box.w, measure, side_by_side)

    full = height(0)
    if full <= box.h:
        return 1.0
    wanted = (box.h / full) ** 0.5
    index = min(range(len(scales)), key=lambda i: abs(scales[i] - wanted))
    if height(index) <= box.h:
        while index > 0 and height(index - 1) <= box.h:
            index -= 1
        return scales[index]
    while index + 1 < len(scales):
        index += 1
        if height(index) <= box.h:
            return scales[index]
    return None


def _indent(block, size):
    return size * MARKER if block.marker else block.indent


def _lines(block, size, width, measure):
    return _wrap(block.text, width - _indent(block, size), size, block.bold, measure)


def _paragraph_ends(block, size, width, measure) -> list[bool]:
    """For each wrapped line of a block, whether a paragraph ends with it: a page's part of a
    block keeps its paragraphs but re-wraps freely when the page sets it larger."""
    ends: list[bool] = []
    for paragraph in block.text.split("\n"):
        count = len(_wrap(paragraph, width - _indent(block, size), size, block.bold, measure))
        ends += [False] * (count - 1) + [True]
    return ends


@lru_cache(maxsize=1 << 15)
def _wrap(text, width, size, bold, measure):
    """The same story is laid out at the same sizes in several modes and at every scale tried."""
    return layout.wrap(text, width, size, bold, measure)


def _rows(blocks, sizes, side_by_side):
    """Blocks grouped into rows: a pair shares a row when side by side."""
    rows = []
    for block, size in zip(blocks, sizes):
        if side_by_side and block.pair and rows and len(rows[-1]) == 1 and not rows[-1][0][0].pair:
            rows[-1].append((block, size))
        else:
            rows.append([(block, size)])
    return rows


def _column(box_w, count):
    gap = box_w * 0.04 if count > 1 else 0
    return (box_w - gap) / count, gap


def _height(blocks, sizes, width, measure, side_by_side):
    total = 0.0
    for i, row in enumerate(_rows(blocks, sizes, side_by_side)):
        column, _gap = _column(width, len(row))
        heights = [len(_lines(b, s, column, measure)) * s * LINE_HEIGHT for b, s in row]
        total += max(heights) + (max(b.space * s for b, s in row) if i else 0)
    return total


def _op(block, size, lines, x, y, width) -> list[layout.FaceOp]:
    indent = _indent(block, size)
    height = len(lines) * size * LINE_HEIGHT
    ops: list[layout.FaceOp] = []
    rtl = textdir.base_is_rtl(block.text)   # the marker stands before the words: on their right
    if block.marker:
        mark = size * 0.75
        at = x + width - mark if rtl else x
        ops.append(layout.category_marker(block.marker, Box(at, y + (size * LINE_HEIGHT - mark) / 2, mark, mark)))
    ops.append(layout.Text(Box(x if rtl else x + indent, y, width - indent, height + 1), "\n".join(lines), size,
                           block.color, block.bold, block.italic, block.align, min_size=size))
    return ops


def _place(blocks, sizes, box, measure, side_by_side):
    ops: list[layout.FaceOp] = []
    y = box.y
    for i, row in enumerate(_rows(blocks, sizes, side_by_side)):
        column, gap = _column(box.w, len(row))
        if i:
            y += max(b.space * s for b, s in row)
        tallest = 0.0
        for k, (block, size) in enumerate(row):
            lines = _lines(block, size, column, measure)
            ops += _op(block, size, lines, box.x + k * (column + gap), y, column)
            tallest = max(tallest, len(lines) * size * LINE_HEIGHT)
        y += tallest
    return ops


def _pages(blocks, sizes, box, measure):
    """Cut the blocks into pages at their floor sizes, then set each page as large as it allows."""
    pages: list[list[Block]] = [[]]
    y = box.y
    for block, size in zip(blocks, sizes):
        lines = _lines(block, size, box.w, measure)
        ends = _paragraph_ends(block, size, box.w, measure)
        line = size * LINE_HEIGHT
        space = block.space * size if pages[-1] else 0
        if pages[-1] and y + space + len(lines) * line > box.y + box.h and len(lines) * line <= box.h:
            pages.append([])                   # whole on the next page rather than split
            y, space = box.y, 0
        y += space
        first = True
        while lines:
            room = max(0, int((box.y + box.h - y + 1e-6) // line))
            if room == 0:
                if not pages[-1]:
                    room = 1                   # a line taller than a page: draw it anyway
                else:
                    pages.append([])
                    y = box.y
                    continue
            part, lines = lines[:room], lines[room:]
            part_ends, ends = ends[:room], ends[room:]
            text = "".join(f"{text}{chr(10) if end else ' '}" for text, end in zip(part, part_ends)).rstrip()
            pages[-1].append(replace(block, text=text, marker=block.marker if first else None,
                                     indent=_indent(block, size) if not first else block.indent))
            first = False
            y += len(part) * line
            if lines:
                pages.append([])
                y = box.y
    laid = []
    for page in pages:
        scale = _largest_scale(page, box, measure, False) or 0
        laid.append(_place(page, _sizes(page, scale), box, measure, False))
    return laid
