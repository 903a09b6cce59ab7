"""The card design, once: faces as lists of drawing operations in card units.

The screen (pygame) and print (PDF) are two back ends that draw these operations; each brings its
own `measure(text, size, bold)` so text is wrapped and shrunk with real font metrics but by the
same rules. Coordinates have the origin at the card's top-left corner, y growing downwards.
Plain Python: no pygame.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from game.decks.model import Card, CardText, Edition
from game.i18n import N_, _

Color = tuple[int, int, int]
Measure = Callable[[str, float, bool], float]  # width of one line of text at a size, bold or not

INK: Color = (28, 30, 36)            # text on the light card: contrast 15:1 on PAPER
MUTED_INK: Color = (70, 74, 84)      # secondary text: still above 7:1 on PAPER
PAPER: Color = (251, 248, 241)
EDGE: Color = (206, 198, 182)
WHITE: Color = (255, 255, 255)

FIELD_COLORS: dict[str, Color] = {   # dark enough for white monograms (contrast >= 7:1)
    "science": (0, 84, 135), "literature": (96, 57, 128), "arts": (140, 46, 58), "music": (125, 36, 88),
    "film": (52, 62, 76), "sport": (0, 94, 70), "innovation": (117, 64, 0), "public_life": (37, 74, 110),
}
# Categories are never told by colour alone: each has a shape too (Okabe-Ito colours).
CATEGORY_STYLES: dict[str, tuple[Color, str]] = {
    "fled": ((213, 94, 0), "triangle"), "moved": ((0, 114, 178), "circle"),
    "child_of_migrants": ((0, 158, 115), "square"), "advocate": ((204, 121, 167), "diamond"),
}


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def inset(self, dx: float, dy: float | None = None) -> "Box":
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)


@dataclass(frozen=True)
class Rect:
    box: Box
    fill: Color | None
    stroke: Color | None = None
    stroke_width: float = 0
    radius: float = 0


@dataclass(frozen=True)
class Shape:
    """A closed polygon or an open polyline (icons, category markers)."""
    points: tuple[tuple[float, float], ...]
    color: Color
    width: float = 0        # 0: filled polygon; > 0: line of this width
    closed: bool = True


@dataclass(frozen=True)
class Text:
    box: Box
    text: str
    size: float             # largest size wanted; shrinks to fit the box
    color: Color = INK
    bold: bool = False
    italic: bool = False
    align: str = "left"     # left | center
    min_size: float = 0     # never below this; 0 means size * 0.45
    max_lines: int = 0      # 0: as many as fit
    valign: str = "top"     # top | middle


FaceOp = Rect | Shape | Text
FACT, FICTION = N_("Fact"), N_("Fiction")


# --- text fitting (shared by every back end) -------------------------------------------------------

LINE_HEIGHT = 1.25


def wrap(text: str, width: float, size: float, bold: bool, measure: Measure) -> list[str]:
    """Greedy word wrap; a word longer than the line is broken by characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if measure(candidate, size, bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while len(line) > 1:
                cut = _longest_fit(line, width, size, bold, measure)
                if cut == len(line):
                    break
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


def _longest_fit(word: str, width: float, size: float, bold: bool, measure: Measure) -> int:
    """How many leading characters of `word` fit in `width` (at least 1, at most all).

    Doubling then halving measures O(log n) prefixes no longer than about twice what fits, so a
    20,000-character word costs O(n log n), not O(n³) as trying every cut from the end did.
    """
    fits, step = 1, 1
    while fits + step <= len(word) and measure(word[:fits + step], size, bold) <= width:
        fits += step
        step *= 2
    while step > 1:
        step //= 2
        if fits + step <= len(word) and measure(word[:fits + step], size, bold) <= width:
            fits += step
    return fits


def fit(op: Text, measure: Measure) -> tuple[float, list[str]]:
    """The largest size (down to the minimum) at which the text fits its box, and its lines.

    At the minimum size the lines that do not fit are cut with an ellipsis: text never overflows.
    """
    size = op.size
    floor = op.min_size or op.size * 0.45
    while True:
        lines = wrap(op.text, op.box.w, size, op.bold, measure)
        fits_lines = not op.max_lines or len(lines) <= op.max_lines
        if fits_lines and len(lines) * size * LINE_HEIGHT <= op.box.h + 1e-6:
            return size, lines
        if size <= floor:
            room = max(1, int(op.box.h / (size * LINE_HEIGHT)))
            room = min(room, op.max_lines) if op.max_lines else room
            kept = lines[:room]
            if len(lines) > room:
                last = kept[-1]
                while last and measure(last + "…", size, op.bold) > op.box.w:
                    last = last[:-1]
                kept[-1] = last.rstrip() + "…"
            return size, kept
        size = max(floor, size * 0.92)


# --- the portrait placeholder -------------------------------------------------------------------

def monogram(name: str) -> str:
    words = re.findall(r"\w+", name)
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def _circle(cx: float, cy: float, r: float, steps: int = 28) -> tuple[tuple[float, float], ...]:
    return tuple((cx + r * math.cos(2 * math.pi * i / steps), cy + r * math.sin(2 * math.pi * i / steps))
                 for i in range(steps))


def _ellipse(cx, cy, rx, ry, angle, steps=32):
    c, s = math.cos(angle), math.sin(angle)
    return tuple((cx + rx * math.cos(t) * c - ry * math.sin(t) * s, cy + rx * math.cos(t) * s + ry * math.sin(t) * c)
                 for t in (2 * math.pi * i / steps for i in range(steps)))


def field_icon(field: str, box: Box, color: Color) -> list[Shape]:
    """A simple line icon for a field, drawn in the unit square and scaled into `box`."""
    def at(points):
        return tuple((box.x + x * box.w, box.y + y * box.h) for x, y in points)
    line = max(box.w, box.h) * 0.07
    icons = {
        "science": [Shape(at(_ellipse(.5, .5, .45, .17, a)), color, line) for a in (0, math.pi / 3, 2 * math.pi / 3)]
        + [Shape(at(_circle(.5, .5, .08)), color)],
        "literature": [Shape(at([(.5, .25), (.08, .15), (.08, .8), (.5, .9), (.92, .8), (.92, .15)]), color, line),
                       Shape(at([(.5, .25), (.5, .9)]), color, line, False)],
        "arts": [Shape(at([(.1, .15), (.9, .15), (.9, .85), (.1, .85)]), color, line),
                 Shape(at([(.15, .8), (.4, .45), (.55, .65), (.68, .5), (.85, .8)]), color, line, False),
                 Shape(at(_circle(.7, .32, .07)), color)],
        "music": [Shape(at(_ellipse(.33, .78, .16, .11, -0.4)), color),
                  Shape(at([(.47, .76), (.47, .12), (.8, .28)]), color, line, False)],
        "film": [Shape(at([(.1, .3), (.9, .3), (.9, .85), (.1, .85)]), color, line),
                 Shape(at([(.1, .3), (.85, .1)]), color, line, False),
                 Shape(at([(.35, .45), (.35, .72), (.62, .585)]), color)],
        "sport": [Shape(at(_circle(.5, .5, .4)), color, line),
                  Shape(at([(.5, .1), (.5, .9)]), color, line, False),
                  Shape(at([(.1, .5), (.9, .5)]), color, line, False)],
        "innovation": [Shape(at(_circle(.5, .4, .28)), color, line),
                       Shape(at([(.38, .72), (.62, .72), (.62, .88), (.38, .88)]), color)],
        "public_life": [Shape(at([(.5, .1), (.5, .88)]), color, line, False),
                        Shape(at([(.15, .25), (.85, .25)]), color, line, False),
                        Shape(at([(.05, .6), (.25, .6), (.15, .27)]), color, line),
                        Shape(at([(.75, .6), (.95, .6), (.85, .27)]), color, line),
                        Shape(at([(.3, .88), (.7, .88)]), color, line, False)],
    }
    return icons.get(field, [Shape(at(_circle(.5, .5, .4)), color, line)])


def category_marker(category: str, box: Box) -> Shape:
    color, shape = CATEGORY_STYLES[category]
    cx, cy, r = box.x + box.w / 2, box.y + box.h / 2, min(box.w, box.h) / 2
    points = {"triangle": ((cx, cy - r), (cx + r, cy + r * .8), (cx - r, cy + r * .8)),
              "circle": _circle(cx, cy, r * .9),
              "square": ((cx - r * .8, cy - r * .8), (cx + r * .8, cy - r * .8), (cx + r * .8, cy + r * .8),
                         (cx - r * .8, cy + r * .8)),
              "diamond": ((cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy))}[shape]
    return Shape(tuple(points), color)


# --- faces ---------------------------------------------------------------------------------------

def years(card: Card) -> str:
    return f"{card.born}–{card.died}" if card.died else f"* {card.born}"


def card_frame(w: float, h: float, bleed: float = 0) -> list[FaceOp]:
    """On screen a rounded card with an edge; in print the paper runs into the bleed, with no edge
    line that a slightly-off cut would show."""
    if bleed:
        return [Rect(Box(-bleed, -bleed, w + 2 * bleed, h + 2 * bleed), PAPER)]
    return [Rect(Box(0, 0, w, h), PAPER, EDGE, w * 0.008, w * 0.045)]


def card_front(card: Card, text: CardText, edition: Edition, w: float, h: float, bleed: float = 0,
               second: CardText | None = None) -> list[FaceOp]:
    """Portrait placeholder, name and what the person is known for. Nothing hidden is shown.

    With `second` (the card in a second language) its name and known-for line sit, smaller and in
    italics, under the first language's."""
    pad = w * 0.07
    portrait = Box(pad, pad, w - 2 * pad, h * 0.5)
    color = FIELD_COLORS.get(card.field, INK)
    ops = card_frame(w, h, bleed) + [Rect(portrait, color, radius=w * 0.03)]
    ops.append(Text(Box(portrait.x, portrait.y + portrait.h * 0.18, portrait.w, portrait.h * 0.6),
                    monogram(text.name), portrait.h * 0.42, WHITE, bold=True, align="center", max_lines=1))
    icon = portrait.w * 0.16
    ops += field_icon(card.field, Box(portrait.x + portrait.w - icon * 1.25, portrait.y + icon * 0.25, icon, icon),
                      WHITE)
    top = portrait.y + portrait.h + h * 0.03
    if second is None:
        ops.append(Text(Box(pad, top, w - 2 * pad, h * 0.13), text.name, h * 0.062, INK, bold=True,
                        align="center", max_lines=2))
        ops.append(Text(Box(pad, top + h * 0.14, w - 2 * pad, h * 0.17), text.known_for, h * 0.042, MUTED_INK,
                        align="center"))
    else:
        known_top, known_h = top + h * 0.14, h * 0.1
        ops.append(Text(Box(pad, top, w - 2 * pad, h * 0.085), text.name, h * 0.058, INK, bold=True,
                        align="center", max_lines=2))
        ops.append(Text(Box(pad, top + h * 0.085, w - 2 * pad, h * 0.05), second.name, h * 0.04, MUTED_INK,
                        italic=True, align="center", max_lines=1))
        ops.append(Text(Box(pad, known_top, w - 2 * pad, known_h), text.known_for, h * 0.04, MUTED_INK,
                        align="center"))
        ops.append(Text(Box(pad, known_top + known_h, w - 2 * pad, h * 0.07), second.known_for, h * 0.03,
                        MUTED_INK, italic=True, align="center"))
    footer = f"{edition.field_names.get(card.field, card.field)} · {years(card)}"
    ops.append(Text(Box(pad, h - pad - h * 0.045, w - 2 * pad, h * 0.045), footer, h * 0.032, MUTED_INK,
                    align="center", max_lines=1))
    return ops


def category_chips(card: Card, edition: Edition, box: Box) -> list[FaceOp]:
    """The true categories, each with its shape marker and name, one per line."""
    ops: list[FaceOp] = []
    row = box.h / max(1, len(card.categories))
    for i, category in enumerate(card.categories):
        marker = min(row * 0.7, box.w * 0.08)
        y = box.y + i * row
        ops.append(category_marker(category, Box(box.x, y + (row - marker) / 2, marker, marker)))
        ops.append(Text(Box(box.x + marker * 1.5, y, box.w - marker * 1.5, row), edition.category_names[category],
                        row * 0.62, INK, bold=True, max_lines=1))
    return ops


def card_back(card: Card, text: CardText, edition: Edition, w: float, h: float, mode: str = "unknown",
              countries: Sequence[str] = (), bleed: float = 0) -> list[FaceOp]:
    """The hidden side: the story and categories, or the clues / statements of a mode."""
    pad = w * 0.07
    inner = w - 2 * pad
    ops = card_frame(w, h, bleed)
    ops.append(Text(Box(pad, pad, inner, h * 0.08), text.name, h * 0.05, INK, bold=True, max_lines=1))
    y = pad + h * 0.085
    if mode in ("unknown", "story"):
        chips = h * 0.055 * len(card.categories)
        ops += category_chips(card, edition, Box(pad, y, inner, chips))
        y += chips + h * 0.015
        body = text.story
    elif mode == "who":
        body = "\n".join(f"{i}. {clue}" for i, clue in enumerate(text.clues, 1))
    else:
        body = "\n".join(f"{_(FACT if s.answer else FICTION)}: {s.text} — {s.explanation}" for s in text.statements)
    question_h = h * 0.13
    footer_h = h * 0.07
    ops.append(Text(Box(pad, y, inner, h - y - pad - question_h - footer_h), body, h * 0.036, INK))
    ops.append(Text(Box(pad, h - pad - question_h - footer_h, inner, question_h), text.question, h * 0.032,
                    MUTED_INK, italic=True))
    ops.append(Text(Box(pad, h - pad - footer_h * 0.9, inner, footer_h * 0.9),
                    " › ".join(countries) if countries else card.source, h * 0.027, MUTED_INK, max_lines=2))
    return ops
