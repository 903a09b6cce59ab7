"""The card design, once: faces as lists of drawing operations in card units.

The screen (pygame) and print (PDF) are two back ends that draw these operations; each brings its
own `measure(text, size, bold)` so text is wrapped and shrunk with real font metrics but by the
same rules. Coordinates have the origin at the card's top-left corner, y growing downwards.
Plain Python: no pygame.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NamedTuple, Sequence

if TYPE_CHECKING:
    from game.decks.model import Card, CardText, Edition
from game.i18n import N_, _
from game.textdir import has_rtl, is_rtl_language

Color = tuple[int, int, int]
Measure = Callable[[str, float, bool], float]  # width of one line of text at a size, bold or not
STORY = "story"  # Text.role of the text a card exists for: it gets room first and has its own floor

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
    align: str = "left"     # left | center | right
    min_size: float = 0     # never below this; 0 means size * 0.45
    max_lines: int = 0      # 0: as many as fit
    valign: str = "top"     # top | middle
    role: str = ""          # STORY for the story; checks of the print floors look for it


@dataclass(frozen=True)
class Picture:
    """A portrait: the image file cropped to the box around its focal point, never stretched."""
    box: Box
    path: Path
    focus: tuple[float, float] = (0.5, 0.5)


@dataclass(frozen=True)
class Floors:
    """Print's legibility rules, in card units: the smallest story and other text, the margin kept clear
    of the trim, and how to measure text in the font that will draw it. Faces laid out with floors give
    the story room first; without them (the screen) they keep their fixed proportions."""
    story: float
    text: float
    safe: float
    measure: Measure


class Fitted(NamedTuple):
    size: float
    lines: list[str]
    cut: bool               # lines were dropped and the last one ends in "…"


FaceOp = Rect | Shape | Text | Picture
FACT, FICTION = N_("Fact"), N_("Fiction")


# --- text fitting (shared by every back end) -------------------------------------------------------

LINE_HEIGHT = 1.25


def wrap(text: str, width: float, size: float, bold: bool, measure: Measure) -> list[str]:
    """Greedy word wrap; a word longer than the line is broken by characters, with a hyphen.

    The words that fit a line are found by galloping and bisection (a line only gets wider with more
    words), so a line of n words costs about 2·log2(n) measurements instead of n."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        line, i = "", 0
        while i < len(words):
            def joined(count: int) -> str:
                return " ".join(([line] if line else []) + words[i:i + count])
            low, high, step = 0, len(words) - i, 1
            while step <= high and measure(joined(step), size, bold) <= width:   # gallop, then bisect
                low, step = step, step * 2
            high = min(high, step - 1)
            while low < high:
                middle = (low + high + 1) // 2
                if measure(joined(middle), size, bold) <= width:
                    low = middle
                else:
                    high = middle - 1
            if low:
                line, i = joined(low), i + low
                if i < len(words):
                    lines.append(line)
                    line = ""
            elif line:
                lines.append(line)
                line = ""
            else:
                line, i = words[i], i + 1
                hyphen = measure("-", size, bold)
                while len(line) > 1 and _longest_fit(line, width, size, bold, measure) < len(line):
                    cut = _longest_fit(line, width - hyphen, size, bold, measure)   # room for the hyphen
                    lines.append(line[:cut] + "-")
                    line = line[cut:]
        lines.append(line)
    return lines


def breaks_word(text: str, width: float, size: float, bold: bool, measure: Measure) -> bool:
    """Would `wrap` have to break a word because it is wider than the line?"""
    return any(measure(word, size, bold) > width for word in text.split())


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
    """The largest size (down to the minimum) at which the text fits its box, and its lines."""
    return fitting(op, measure)[:2]


def fitting(op: Text, measure: Measure) -> Fitted:
    """Like fit, and says whether the text was cut. A word is broken across lines only at the minimum
    size ("Indietr-/o" is worse than a smaller "Indietro"). At the minimum size the lines that do not
    fit are cut with an ellipsis, so text never overflows; print reports every such cut."""
    size = op.size
    floor = op.min_size or op.size * 0.45
    while True:
        lines = wrap(op.text, op.box.w, size, op.bold, measure)
        fits_lines = not op.max_lines or len(lines) <= op.max_lines
        whole_words = size <= floor or not breaks_word(op.text, op.box.w, size, op.bold, measure)
        if fits_lines and whole_words and len(lines) * size * LINE_HEIGHT <= op.box.h + 1e-6:
            return Fitted(size, lines, False)
        if size <= floor:
            room = max(1, int(op.box.h / (size * LINE_HEIGHT)))
            room = min(room, op.max_lines) if op.max_lines else room
            kept = lines[:room]
            if len(lines) > room:
                last = kept[-1]
                while last and measure(last + "…", size, op.bold) > op.box.w:
                    last = last[:-1]
                kept[-1] = last.rstrip() + "…"
            return Fitted(size, kept, len(lines) > room)
        size = max(floor, size * 0.92)


# --- the portrait placeholder -------------------------------------------------------------------

def monogram(name: str) -> str:
    words = re.findall(r"\w+", name)
    if not words:
        return "?"
    first, last = words[0][0], (words[-1][0] if len(words) > 1 else "")
    if last and has_rtl(first + last):
        return first + "\u200c" + last   # kept apart (ZWNJ): joined, two Arabic initials read as a word
    return (first + last).upper()


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


def margin(w: float, floors: Floors | None = None) -> float:
    """Padding inside the trim: 7% of the width, never inside print's safe zone."""
    return max(w * 0.07, floors.safe if floors else 0)


def floored(ops: list[FaceOp], floors: Floors | None) -> list[FaceOp]:
    """Every text at least the floor: never set smaller, nor shrunk below it to fit (it is cut and
    reported instead). The story's preferred size is at least its own, higher floor."""
    if floors is None:
        return ops
    return [replace(op, size=max(op.size, floors.story if op.role == STORY else floors.text),
                    min_size=max(op.min_size, floors.text)) if isinstance(op, Text) else op for op in ops]


def badge(label: str, right: float, top: float, size: float, measure: Measure | None) -> list[FaceOp]:
    """A small pill, its right edge at `right`: marks text printed in the source language. (The text box
    keeps a little slack, so rounding never makes the label "not fit".)"""
    text_w = measure(label, size, True) if measure else len(label) * size * 0.62
    box = Box(right - text_w - size * 0.8, top, text_w + size * 0.8, size * LINE_HEIGHT)
    return [Rect(box, MUTED_INK, radius=box.h / 2),
            Text(box.inset(size * 0.3, 0), label, size, WHITE, bold=True, align="center", min_size=size,
                 max_lines=1)]


FRONT_FIELDS, BACK_FIELDS = frozenset({"name", "known_for"}), frozenset({"name", "story", "clues", "statements",
                                                                         "question"})


def mirrored(ops: list[FaceOp], w: float) -> list[FaceOp]:
    """The face seen in a mirror: every box and shape moves to the other side. Text is never reversed
    (each box keeps its words, set from the right when they read right to left); markers are
    symmetric, and a field icon simply faces the other way."""
    return [replace(op, points=tuple((w - x, y) for x, y in op.points)) if isinstance(op, Shape)
            else replace(op, box=Box(w - op.box.x - op.box.w, op.box.y, op.box.w, op.box.h)) for op in ops]


def reading_direction(face: Callable[..., list[FaceOp]]) -> Callable[..., list[FaceOp]]:
    """Faces of a right-to-left edition (the language's direction comes from CLDR) are laid out
    from the right: markers stand to the right of their words, the text column starts at the right."""
    @functools.wraps(face)
    def laid_out(card: Card, text: CardText, edition: Edition, w: float, h: float, *args, **kwargs):
        ops = face(card, text, edition, w, h, *args, **kwargs)
        return mirrored(ops, w) if is_rtl_language(edition.language) else ops
    return laid_out


def portrait_ops(card: Card, text: CardText, box: Box, radius: float) -> list[FaceOp]:
    """The person's portrait in its box, or (without one) the monogram and the field's icon on the field's
    colour. The loader keeps an image only if it decodes, so a card's image can always be drawn."""
    ops: list[FaceOp] = [Rect(box, FIELD_COLORS.get(card.field, INK), radius=radius)]
    if card.image:
        return ops + [Picture(box, card.image, card.image_focus)]
    ops.append(Text(Box(box.x, box.y + box.h * 0.18, box.w, box.h * 0.6), monogram(text.name), box.h * 0.42, WHITE,
                    bold=True, align="center", max_lines=1))
    icon = min(box.w * 0.16, box.h * 0.2)
    return ops + field_icon(card.field, Box(box.x + box.w - icon * 1.25, box.y + icon * 0.25, icon, icon), WHITE)


@reading_direction
def card_front(card: Card, text: CardText, edition: Edition, w: float, h: float, bleed: float = 0,
               second: CardText | None = None, floors: Floors | None = None, marked: str = "") -> list[FaceOp]:
    """Portrait placeholder, name and what the person is known for. Nothing hidden is shown.

    With `second` (the card in a second language) its name and known-for line sit, smaller and in
    italics, under the first language's. `marked` labels a face whose text fell back to the source
    language (print marks it as the screen does)."""
    pad = margin(w, floors)
    portrait = Box(pad, pad, w - 2 * pad, h * (0.42 if floors and second else 0.5))  # print: two languages' room
    ops = card_frame(w, h, bleed) + portrait_ops(card, text, portrait, w * 0.03)
    top = portrait.y + portrait.h + h * 0.03
    if floors is not None:
        lines = [(text.name, h * 0.062, INK, True, False)] if second is None else [
            (text.name, h * 0.058, INK, True, False), (second.name, h * 0.04, MUTED_INK, False, True),
            (text.known_for, h * 0.04, MUTED_INK, False, False), (second.known_for, h * 0.03, MUTED_INK, False, True)]
        if second is None:
            lines.append((text.known_for, h * 0.042, MUTED_INK, False, False))
        ops += _stacked([line for line in lines if line[0]], Box(pad, top, w - 2 * pad, h - pad - h * 0.05 - top),
                        floors)
    elif second is None:
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
    if marked and text.fallback & FRONT_FIELDS:
        size = max(h * 0.03, floors.text if floors else 0)
        ops += badge(marked, portrait.x + portrait.w - size * 0.5, portrait.y + portrait.h - size * 1.9, size,
                     floors and floors.measure)
    return floored(ops, floors)


def _stacked(lines: list[tuple[str, float, Color, bool, bool]], box: Box, floors: Floors) -> list[FaceOp]:
    """Centred texts one under another in `box`, shrunk together (never under the floor) until all fit."""
    scale = 1.0
    while True:
        sizes = [max(floors.text, size * scale) for _text, size, *_rest in lines]
        heights = [len(wrap(value, box.w, size, bold, floors.measure)) * size * LINE_HEIGHT
                   for (value, _size, _color, bold, _italic), size in zip(lines, sizes)]
        gaps = sum(sizes[1:]) * 0.3
        if sum(heights) + gaps <= box.h + 1e-6 or all(size <= floors.text for size in sizes):
            break
        scale *= 0.95
    ops: list[FaceOp] = []
    y = box.y
    for i, ((value, _size, color, bold, italic), size, height) in enumerate(zip(lines, sizes, heights)):
        room = box.y + box.h - y if i == len(lines) - 1 else min(height, box.y + box.h - y)
        ops.append(Text(Box(box.x, y, box.w, max(0.0, room)), value, size, color, bold, italic, "center",
                        min_size=floors.text))
        y += height + size * 0.3
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


def back_body(text: CardText, mode: str) -> str:
    """What the back is for: the story, or the clues / statements of a mode."""
    if mode in ("unknown", "story"):
        return text.story
    if mode == "who":
        return "\n".join(f"{i}. {clue}" for i, clue in enumerate(text.clues, 1))
    return "\n".join(f"{_(FACT if s.answer else FICTION)}: {s.text} — {s.explanation}" for s in text.statements)


@reading_direction
def card_back(card: Card, text: CardText, edition: Edition, w: float, h: float, mode: str = "unknown",
              countries: Sequence[str] = (), bleed: float = 0, floors: Floors | None = None,
              marked: str = "") -> list[FaceOp]:
    """The hidden side: the story and categories, or the clues / statements of a mode.

    With print floors the story gets room first (see `_fitted_back`); on screen the parts keep fixed
    proportions."""
    footer = " › ".join(countries) if countries else card.source
    chips = card.categories if mode in ("unknown", "story") else ()
    ops = card_frame(w, h, bleed)
    if floors is not None:
        return ops + _fitted_back(card, text, edition, w, h, chips, back_body(text, mode), footer, floors, marked)
    pad = w * 0.07
    inner = w - 2 * pad
    ops.append(Text(Box(pad, pad, inner, h * 0.08), text.name, h * 0.05, INK, bold=True, max_lines=1))
    y = pad + h * 0.085
    if chips:
        chips_h = h * 0.055 * len(chips)
        ops += category_chips(card, edition, Box(pad, y, inner, chips_h))
        y += chips_h + h * 0.015
    question_h = h * 0.13
    footer_h = h * 0.07
    ops.append(Text(Box(pad, y, inner, h - y - pad - question_h - footer_h), back_body(text, mode), h * 0.036, INK,
                    role=STORY))
    ops.append(Text(Box(pad, h - pad - question_h - footer_h, inner, question_h), text.question, h * 0.032,
                    MUTED_INK, italic=True))
    ops.append(Text(Box(pad, h - pad - footer_h * 0.9, inner, footer_h * 0.9), footer, h * 0.027, MUTED_INK,
                    max_lines=2))
    if marked and text.fallback & BACK_FIELDS:
        ops += badge(marked, w - pad, pad, h * 0.03, None)
    return ops


def _fitted_back(card: Card, text: CardText, edition: Edition, w: float, h: float, chips: Sequence[str], body: str,
                 footer: str, floors: Floors, marked: str) -> list[FaceOp]:
    """Print's back: the largest story size (from 9 pt on poker down to the story floor) at which the
    whole story fits once the name, category labels, question and footer have shrunk with it (never
    under the floor). If it still does not fit, the footer leaves the card; nothing moves to the front,
    as everything on the back would give the answer away. Only then may the story go under its floor,
    down to the general one, and the export names the card."""
    pad = margin(w, floors)
    inner = w - 2 * pad
    measure = floors.measure
    badge_ops = badge(marked, w - pad, pad, floors.text, measure) if marked and text.fallback & BACK_FIELDS else []
    name_w = inner - (badge_ops[0].box.w + floors.text if badge_ops else 0)

    def lines(value: str, width: float, size: float, bold: bool = False) -> int:
        return len(wrap(value, width, size, bold, measure)) if value else 0

    def plan(story: float, with_footer: bool) -> list[FaceOp] | None:
        name = max(floors.text, min(h * 0.05, story * 1.35))
        label = max(floors.text, min(h * 0.034, story * 1.05))
        question = max(floors.text, min(h * 0.032, story * 0.95))
        note = max(floors.text, min(h * 0.027, story * 0.85))
        ops: list[FaceOp] = []
        y = pad
        rows = lines(text.name, name_w, name, True)
        ops.append(Text(Box(pad, y, name_w, rows * name * LINE_HEIGHT), text.name, name, INK, bold=True))
        y += rows * name * LINE_HEIGHT + label * 0.4
        marker = label * 0.9
        for category in chips:
            name_text = edition.category_names[category]
            rows = lines(name_text, inner - marker * 1.6, label, True)
            ops.append(category_marker(category, Box(pad, y + (label * LINE_HEIGHT - marker) / 2, marker, marker)))
            ops.append(Text(Box(pad + marker * 1.6, y, inner - marker * 1.6, rows * label * LINE_HEIGHT), name_text,
                            label, INK, bold=True))
            y += rows * label * LINE_HEIGHT
        if chips:
            y += label * 0.4
        bottom = h - pad
        if with_footer and footer:
            rows = lines(footer, inner, note)
            bottom -= rows * note * LINE_HEIGHT
            ops.append(Text(Box(pad, bottom, inner, rows * note * LINE_HEIGHT), footer, note, MUTED_INK))
            bottom -= note * 0.5
        rows = lines(text.question, inner, question)
        bottom -= rows * question * LINE_HEIGHT
        ops.append(Text(Box(pad, bottom, inner, rows * question * LINE_HEIGHT), text.question, question, MUTED_INK,
                        italic=True))
        bottom -= question * 0.6
        room = bottom - y
        if lines(body, inner, story) * story * LINE_HEIGHT > room + 1e-6 and story > floors.text:
            return None
        ops.append(Text(Box(pad, y, inner, max(0.0, room)), body, story, INK, min_size=floors.text, role=STORY))
        return floored(ops, floors) + badge_ops

    for with_footer in (True, False):
        story, too_big = max(h * 0.036, floors.story), None
        while True:
            ops = plan(story, with_footer)
            if ops is not None:
                for _step in range(3 if too_big else 0):  # closer to the largest size that fits
                    middle = (story + too_big) / 2
                    better = plan(middle, with_footer)
                    story, too_big, ops = (middle, too_big, better) if better else (story, middle, ops)
                return ops
            if story <= floors.story:
                break
            story, too_big = max(floors.story, story * 0.95), story
    return plan(floors.text, False)  # under the story floor: fit() shrinks it to the general floor, then cuts
