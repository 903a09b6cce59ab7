"""Text and shapes on pygame surfaces, with caches so a frame that changes nothing costs nothing.

Text is fitted with the same rules as print (game.layout.fit), using pygame's font metrics.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pygame

from game import layout
from game.layout import Box

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"
_FILES = {(False, False): "NotoSans-Regular.ttf", (True, False): "NotoSans-Bold.ttf",
          (False, True): "NotoSans-Italic.ttf", (True, True): "NotoSans-Bold.ttf"}


@lru_cache(maxsize=256)
def font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    return pygame.font.Font(FONT_DIR / _FILES[(bold, italic)], max(4, int(size)))


@lru_cache(maxsize=4096)
def text_surface(text: str, size: int, color, bold: bool = False, italic: bool = False) -> pygame.Surface:
    return font(size, bold, italic).render(text, True, color)


@lru_cache(maxsize=1 << 18)   # every line candidate of every wrap: pages and re-fits measure the same lines
def _width(text: str, size: int, bold: bool) -> int:
    return font(size, bold).size(text)[0]


def reset_caches() -> None:
    """Fonts die with pygame.quit(); a new display starts with empty caches."""
    for cached in (font, text_surface, _width, fitted):
        cached.cache_clear()


def measure(text: str, size: float, bold: bool) -> float:
    return _width(text, int(size), bold)


@lru_cache(maxsize=16384)
def fitted(op: layout.Text) -> tuple[int, tuple[str, ...]]:
    size, lines = layout.fit(op, measure)
    return int(size), tuple(lines)


def draw_text(surface: pygame.Surface, op: layout.Text) -> None:
    """Wrap and shrink `op.text` into `op.box`; never drawn outside it."""
    size, lines = fitted(op)
    line_height = size * layout.LINE_HEIGHT
    y = op.box.y
    if op.valign == "middle":
        y += (op.box.h - line_height * len(lines)) / 2
    for line in lines:
        image = text_surface(line, size, op.color, op.bold, op.italic)
        x = op.box.x + (op.box.w - image.get_width()) * {"center": 0.5, "right": 1}.get(op.align, 0)
        surface.blit(image, (round(x), round(y + (line_height - image.get_height()) / 2)))
        y += line_height


def text(surface, box: Box, value: str, size: float, color, bold=False, italic=False, align="left", max_lines=0,
         min_size=0, valign="top"):
    draw_text(surface, layout.Text(box, value, size, color, bold, italic, align, min_size, max_lines, valign))


def to_rect(box: Box) -> pygame.Rect:
    return pygame.Rect(round(box.x), round(box.y), round(box.w), round(box.h))


def paint(surface: pygame.Surface, ops, origin: tuple[float, float] = (0, 0)) -> None:
    """Draw layout operations (in pixels relative to `origin`)."""
    ox, oy = origin
    for op in ops:
        if isinstance(op, layout.Text):
            draw_text(surface, layout.Text(Box(op.box.x + ox, op.box.y + oy, op.box.w, op.box.h), op.text, op.size,
                                           op.color, op.bold, op.italic, op.align, op.min_size, op.max_lines, op.valign))
        elif isinstance(op, layout.Rect):
            rect = to_rect(Box(op.box.x + ox, op.box.y + oy, op.box.w, op.box.h))
            if op.fill:
                pygame.draw.rect(surface, op.fill, rect, border_radius=round(op.radius))
            if op.stroke and op.stroke_width:
                pygame.draw.rect(surface, op.stroke, rect, max(1, round(op.stroke_width)), round(op.radius))
        elif isinstance(op, layout.Shape):
            points = [(x + ox, y + oy) for x, y in op.points]
            if op.width:
                pygame.draw.lines(surface, op.color, op.closed, points, max(1, round(op.width)))
            else:
                pygame.draw.polygon(surface, op.color, points)


def shape(surface, kind: str, center, radius: float, color) -> None:
    """A team's or category's shape marker, so meaning never rests on colour alone."""
    cx, cy = center
    r = radius
    if kind == "circle":
        pygame.draw.circle(surface, color, (round(cx), round(cy)), round(r))
    elif kind == "square":
        pygame.draw.rect(surface, color, pygame.Rect(round(cx - r * .85), round(cy - r * .85), round(r * 1.7),
                                                     round(r * 1.7)))
    elif kind == "triangle":
        pygame.draw.polygon(surface, color, [(cx, cy - r), (cx + r, cy + r * .8), (cx - r, cy + r * .8)])
    else:
        pygame.draw.polygon(surface, color, [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)])
