"""Text and shapes on pygame surfaces, with caches so a frame that changes nothing costs nothing.

Text is fitted with the same rules as print (game.layout.fit), using pygame's font metrics.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache

import pygame

from game import layout
from game import bundled, textdir
from game.layout import Box
from game.ui import theme

FONT_DIR = bundled.FONTS
_FILES = {(False, False): "NotoSans-Regular.ttf", (True, False): "NotoSans-Bold.ttf",
          (False, True): "NotoSans-Italic.ttf", (True, True): "NotoSans-Bold.ttf"}


@lru_cache(maxsize=256)
def font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    return pygame.font.Font(FONT_DIR / _FILES[(bold, italic)], max(4, int(size)))


@lru_cache(maxsize=128)
def rtl_font(size: int, bold: bool, right_to_left: bool) -> pygame.font.Font:
    """The font for lines with right-to-left text (Noto Sans with Arabic); a right-to-left run is
    shaped by HarfBuzz as Arabic script, which joins the letters and mirrors the brackets."""
    shaper = pygame.font.Font(FONT_DIR / f"NotoSansWithArabic-{'Bold' if bold else 'Regular'}.ttf", max(4, int(size)))
    if right_to_left:
        shaper.set_script("Arab")
        shaper.set_direction(pygame.DIRECTION_RTL)
    return shaper


@lru_cache(maxsize=4096)
def text_surface(text: str, size: int, color, bold: bool = False, italic: bool = False) -> pygame.Surface:
    if not textdir.has_rtl(text):
        return font(size, bold, italic).render(text, True, color)
    pieces = [rtl_font(size, bold, rtl).render(run, True, color) for run, rtl in textdir.visual_runs(text)
              if rtl_font(size, bold, rtl).size(run)[0]]   # a mark with no width alone (LRM) draws nothing
    line = pygame.Surface((sum(p.get_width() for p in pieces), max(p.get_height() for p in pieces)), pygame.SRCALPHA)
    line.fill((*color[:3], 0))   # transparent, in the text colour: edges blend without a dark fringe
    x = 0
    for piece in pieces:
        line.blit(piece, (x, 0))
        x += piece.get_width()
    return line


@lru_cache(maxsize=1 << 18)   # every line candidate of every wrap: pages and re-fits measure the same lines
def _width(text: str, size: int, bold: bool) -> int:
    if textdir.has_rtl(text):
        return sum(rtl_font(size, bold, rtl).size(run)[0] for run, rtl in textdir.visual_runs(text))
    return font(size, bold).size(text)[0]


_shown: list | None = None


@contextmanager
def recording_text():
    """Collect every line of text drawn inside the block as (text, x, y, w, h, size): what a window
    shows, for the real-window tests and the legibility figures."""
    global _shown
    outer, _shown = _shown, []
    try:
        yield _shown
    finally:
        _shown = outer


def reset_caches() -> None:
    """Fonts die with pygame.quit(); a new display starts with empty caches."""
    for cached in (font, rtl_font, text_surface, _width, fitted, portrait_surface):
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
        x = op.box.x + (op.box.w - image.get_width()) * {"center": 0.5, "right": 1}.get(_align(op), 0)
        position = (round(x), round(y + (line_height - image.get_height()) / 2))
        surface.blit(image, position)
        if _shown is not None:
            _shown.append((line, *position, *image.get_size(), size))
        y += line_height


def _align(op: layout.Text) -> str:
    """A paragraph that starts right to left is set flush right."""
    return "right" if op.align == "left" and textdir.base_is_rtl(op.text) else op.align


def text(surface, box: Box, value: str, size: float, color, bold=False, italic=False, align="left", max_lines=0,
         min_size=0, valign="top"):
    draw_text(surface, layout.Text(box, value, size, color, bold, italic, align, min_size, max_lines, valign))


def shade(surface: pygame.Surface, alpha: int) -> None:
    """Dim everything drawn so far, so an overlay (menu, help, pause) reads above it."""
    veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    veil.fill((0, 0, 0, alpha))
    surface.blit(veil, (0, 0))


def row_frame(surface: pygame.Surface, box: Box, selected: bool) -> pygame.Rect:
    """The background of a choosable row (a deck, a past session), outlined when it is selected."""
    rect = to_rect(box)
    pygame.draw.rect(surface, theme.SURFACE, rect, border_radius=rect.h // 8)
    if selected:
        pygame.draw.rect(surface, theme.ACCENT, rect, max(3, surface.get_height() // 200), border_radius=rect.h // 8)
    return rect


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
        elif isinstance(op, layout.Picture):
            rect = to_rect(Box(op.box.x + ox, op.box.y + oy, op.box.w, op.box.h))
            picture = portrait_surface(op.path, op.focus, rect.size)
            if picture is not None:
                surface.blit(picture, rect)


@lru_cache(maxsize=64)
def portrait_surface(path, focus: tuple[float, float], size: tuple[int, int]) -> pygame.Surface | None:
    """A portrait scaled to its box once, then reused every frame."""
    from PIL import Image   # only when a deck has portraits: not before the first frame
    from game.decks.images import cropped_portrait
    if min(size) < 1:
        return None
    image = cropped_portrait(path, size[0] / size[1], focus)
    if image is None:
        return None
    image = image.convert("RGB").resize(size, Image.LANCZOS)
    return pygame.image.frombytes(image.tobytes(), size, "RGB")


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
