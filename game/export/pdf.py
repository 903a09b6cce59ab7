"""The print back end of game.layout: draws its Rect / Shape / Text operations with reportlab.

Faces are laid out in millimetres; here they become PDF points. Text is set in the bundled Noto
Sans, registered as TrueType so reportlab embeds a subset with a ToUnicode map: it stays vector,
selectable and searchable in every script.
"""

from __future__ import annotations

from functools import cache, lru_cache

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeStr
from reportlab.pdfgen.canvas import Canvas

from game import bundled, textdir
from game.decks.images import cropped_portrait
from game.layout import (LINE_HEIGHT, Box, Color, FaceOp, Fitted, Floors, Picture, Rect, Shape, Text,
                         fitting)

FONTS_DIR = bundled.FONTS
REGULAR, BOLD, ITALIC = "NotoSans", "NotoSans-Bold", "NotoSans-Italic"
RTL_REGULAR, RTL_BOLD = "NotoSansWithArabic", "NotoSansWithArabic-Bold"   # lines with right-to-left text
PT = 25.4 / 72          # a point in mm, the unit of print faces
STORY_FLOOR, TEXT_FLOOR, SAFE_ZONE = 6.5, 6.0, 3.0   # pt, pt, mm: readable in the hand, clear of the cut


@cache
def register_fonts() -> None:
    for name, file in ((REGULAR, "NotoSans-Regular.ttf"), (BOLD, "NotoSans-Bold.ttf"),
                       (ITALIC, "NotoSans-Italic.ttf"), (RTL_REGULAR, "NotoSansWithArabic-Regular.ttf"),
                       (RTL_BOLD, "NotoSansWithArabic-Bold.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file)))


def line_font(name: str, line: str) -> str:
    """The font that draws `line`: Noto Sans with Arabic when it holds right-to-left text."""
    return (RTL_BOLD if name == BOLD else RTL_REGULAR) if textdir.has_rtl(line) else name


@lru_cache(maxsize=16384)
def runs(line: str, font_name: str, size: float) -> tuple[tuple[str, bool, float], ...]:
    """(text, right_to_left, width) of each visual run of a line with right-to-left text; a
    right-to-left run is shaped by HarfBuzz (uharfbuzz), which joins letters and mirrors brackets."""
    def run_width(text: str, rtl: bool) -> float:
        if rtl:
            return sum(glyph.x_advance for glyph in shapeStr(text, font_name, size, force=True).__shapeData__) * size / 1000
        return pdfmetrics.stringWidth(text, font_name, size)
    return tuple((text, rtl, run_width(text, rtl)) for text, rtl in textdir.visual_runs(line))


def font(bold: bool = False, italic: bool = False) -> str:
    return BOLD if bold else ITALIC if italic else REGULAR


@lru_cache(maxsize=65536)
def width(text: str, size: float, font_name: str) -> float:
    """Width of one line as drawn, in the units of `size` (right-to-left runs shaped); cached, as
    fitting measures the same words often."""
    if textdir.has_rtl(text):
        return sum(run[2] for run in runs(text, line_font(font_name, text), size))
    return pdfmetrics.stringWidth(text, font_name, size)


def draw_string(canvas: Canvas, x: float, y: float, text: str, font_name: str, size: float) -> None:
    """One line at (x, y) in points. A line with right-to-left text is drawn run by run in visual
    order, and marked with the whole line in logical order (ActualText, as the PDF standard defines
    it), so a reader that honours it copies the text out as it was written."""
    if not textdir.has_rtl(text):
        canvas.setFont(font_name, size)
        canvas.drawString(x, y, text)
        return
    font_name = line_font(font_name, text)
    canvas.setFont(font_name, size)
    canvas._code.append(f"/Span <</ActualText <FEFF{text.encode('utf-16-be').hex().upper()}>>> BDC")
    for run, rtl, run_width in runs(text, font_name, size):
        canvas.drawString(x, y, shapeStr(run, font_name, size, force=True) if rtl else run)
        x += run_width
    canvas._code.append("EMC")


def clear_caches() -> None:
    """Forget measured text, so a benchmark measures a cold export."""
    width.cache_clear()
    _unit_width.cache_clear()
    runs.cache_clear()


def measure(text: str, size: float, bold: bool) -> float:
    return _unit_width(text, BOLD if bold else REGULAR) * size


@lru_cache(maxsize=65536)
def _unit_width(text: str, font_name: str) -> float:
    """Width at size 1, summed word by word: reportlab does not kern, so this is exact, and every line
    and size a layout tries shares the cache of its words."""
    if textdir.has_rtl(text):
        return width(text, 1.0, font_name)
    words = text.split(" ")
    return sum(width(word, 1.0, font_name) for word in words) + (len(words) - 1) * width(" ", 1.0, font_name)


def print_floors() -> Floors:
    """The legibility floors of every printed face, in mm, measured with the fonts that draw them."""
    register_fonts()
    # glyph boxes (ascent to descent, 1.36 em) reach a little past their 1.25 em line: 0.2 mm more margin
    return Floors(STORY_FLOOR * PT, TEXT_FLOOR * PT, SAFE_ZONE + 0.2, measure)


def fitted(op: Text) -> Fitted:
    """How a text op will be set: size, lines, and whether it had to be cut (metrics of the font drawn)."""
    name = font(op.bold, op.italic)
    return fitting(op, lambda text, size, bold: _unit_width(text, name) * size)


def _rgb(color: Color) -> tuple[float, float, float]:
    return color[0] / 255, color[1] / 255, color[2] / 255


class FacePainter:
    """Draws faces on a page whose height is `page_height` mm; boxes are in mm from its top-left."""

    def __init__(self, canvas: Canvas, page_height: float):
        register_fonts()
        self.canvas = canvas
        self.page_height = page_height
        self.left = self.top = 0.0

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A point of the face being drawn (card units: mm from its trim corner) in PDF points."""
        return (self.left + x) * mm, (self.page_height - self.top - y) * mm

    def draw(self, ops: list[FaceOp], trim: Box, bleed: float, clip: Box | None = None) -> None:
        """One face with its trim box at `trim`, clipped to its bleed (or to `clip`, in page mm) so
        nothing reaches a neighbour."""
        self.left, self.top = trim.x, trim.y
        c = self.canvas
        c.saveState()
        clip = clip or Box(trim.x - bleed, trim.y - bleed, trim.w + 2 * bleed, trim.h + 2 * bleed)
        path = c.beginPath()
        path.rect(*self.point(clip.x - trim.x, clip.y - trim.y + clip.h), clip.w * mm, clip.h * mm)
        c.clipPath(path, stroke=0, fill=0)
        for op in ops:
            if isinstance(op, Rect):
                self.rect(op)
            elif isinstance(op, Shape):
                self.shape(op)
            elif isinstance(op, Picture):
                self.picture(op)
            else:
                self.text(op)
        c.restoreState()

    def picture(self, op: Picture) -> None:
        """The portrait at the full resolution of its crop (print wants about 300 dpi)."""
        image = cropped_portrait(op.path, op.box.w / op.box.h, op.focus)
        if image is not None:
            x, y = self.point(op.box.x, op.box.y + op.box.h)
            self.canvas.drawImage(ImageReader(image.convert("RGB")), x, y, op.box.w * mm, op.box.h * mm)

    def rect(self, op: Rect) -> None:
        c = self.canvas
        if op.fill:
            c.setFillColorRGB(*_rgb(op.fill))
        if op.stroke:
            c.setStrokeColorRGB(*_rgb(op.stroke))
            c.setLineWidth(op.stroke_width * mm)
        x, y = self.point(op.box.x, op.box.y + op.box.h)
        stroke, fill = int(bool(op.stroke and op.stroke_width)), int(op.fill is not None)
        if op.radius:
            c.roundRect(x, y, op.box.w * mm, op.box.h * mm, op.radius * mm, stroke=stroke, fill=fill)
        else:
            c.rect(x, y, op.box.w * mm, op.box.h * mm, stroke=stroke, fill=fill)

    def shape(self, op: Shape) -> None:
        c = self.canvas
        path = c.beginPath()
        path.moveTo(*self.point(*op.points[0]))
        for point in op.points[1:]:
            path.lineTo(*self.point(*point))
        if op.closed:
            path.close()
        if op.width:
            c.setStrokeColorRGB(*_rgb(op.color))
            c.setLineWidth(op.width * mm)
            c.setLineJoin(1)
            c.setLineCap(1)
            c.drawPath(path, stroke=1, fill=0)
        else:
            c.setFillColorRGB(*_rgb(op.color))
            c.drawPath(path, stroke=0, fill=1)

    def text(self, op: Text) -> None:
        """Lines placed as on screen: the glyphs' ascent-to-descent centred in each line's height."""
        name = font(op.bold, op.italic)
        size, lines, _cut = fitted(op)
        ascent, descent = (v / 1000 for v in pdfmetrics.getAscentDescent(name))
        top = op.box.y
        if op.valign == "middle":
            top += (op.box.h - len(lines) * size * LINE_HEIGHT) / 2
        c = self.canvas
        c.setFillColorRGB(*_rgb(op.color))
        c.setFont(name, size * mm)
        align = "right" if op.align == "left" and textdir.base_is_rtl(op.text) else op.align
        for i, line in enumerate(lines):
            baseline = top + (i * LINE_HEIGHT + (LINE_HEIGHT + ascent + descent) / 2) * size
            if textdir.has_rtl(line):
                line_width = width(line, size * mm, name) / mm
                x = op.box.x + (op.box.w - line_width) * {"center": 0.5, "right": 1.0}.get(align, 0.0)
                draw_string(c, *self.point(x, baseline), line, name, size * mm)
                c.setFont(name, size * mm)
            elif align == "center":
                c.drawCentredString(*self.point(op.box.x + op.box.w / 2, baseline), line)
            elif align == "right":
                c.drawRightString(*self.point(op.box.x + op.box.w, baseline), line)
            else:
                c.drawString(*self.point(op.box.x, baseline), line)
