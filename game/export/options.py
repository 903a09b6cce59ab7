"""What a print run asks for (paper, card size, bleed, layout, mode, languages), checked once here.

Every length is in millimetres; the PDF back end converts to points when it draws.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.errors import UserError

PAPERS: dict[str, tuple[float, float]] = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
CARD_SIZES: dict[str, tuple[float, float]] = {"poker": (63.0, 88.0), "us-poker": (63.5, 88.9),  # 2.5 × 3.5 in
                                              "bridge": (57.0, 89.0), "tarot": (70.0, 120.0), "mini": (41.0, 63.0)}
UNITS = {"mm": 1.0, "in": 25.4, "": 1.0}  # a length without a unit is in mm
_NUMBER = r"(\d+(?:\.\d+)?|\.\d+)"
LAYOUTS = ("duplex-long", "duplex-short", "fold", "fronts-only")
MODES = ("unknown", "who", "fact", "story")
MAX_BLEED = 6.0
CARD_LIMITS = (25.0, 200.0)  # smallest and largest card side we can lay text out on


@dataclass(frozen=True)
class PrintOptions:
    language: str
    second_language: str | None = None
    paper: str = "a4"
    card: tuple[float, float] = CARD_SIZES["poker"]
    bleed: float = 3.0
    layout: str = "duplex-long"
    crop_marks: bool = True
    mode: str = "unknown"
    dpi: int = 300

    @property
    def page(self) -> tuple[float, float]:
        return PAPERS[self.paper]

    @property
    def pixels(self) -> tuple[int, int]:
        """A face's PNG size, bleed included, at `dpi`: rounded to the nearest pixel, as print services
        count them (US poker with 1/8 in bleed at 300 dpi: 825 × 1125)."""
        return tuple(round((side + 2 * self.bleed) / 25.4 * self.dpi) for side in self.card)


def parse_size(text: str) -> tuple[float, float]:
    """A named card size, or 'WxH' in mm or inches such as '60x90mm' or '2.5x3.5in'."""
    name = text.strip().lower()
    if name in CARD_SIZES:
        return CARD_SIZES[name]
    match = re.fullmatch(rf"{_NUMBER}\s*[x×]\s*{_NUMBER}\s*(mm|in)?", name)
    if not match:
        raise UserError(f"unknown card size '{text}': use {', '.join(CARD_SIZES)} or a size such as 60x90mm "
                        "or 2.5x3.5in")
    unit = UNITS[match[3] or ""]
    size = round(float(match[1]) * unit, 4), round(float(match[2]) * unit, 4)
    low, high = CARD_LIMITS
    if not all(low <= side <= high for side in size):
        raise UserError(f"card size {text} is out of range: each side must be {low:g} to {high:g} mm")
    return size


def parse_length(text: str | float) -> float:
    """A length in mm, or with a unit: '3', '3mm', '0.125in'."""
    if isinstance(text, (int, float)):
        return float(text)
    match = re.fullmatch(rf"\s*{_NUMBER}\s*(mm|in)?\s*", text.lower())
    if not match:
        raise UserError(f"'{text}' is not a length: give millimetres such as 3 or 3mm, or inches such as 0.125in")
    return round(float(match[1]) * UNITS[match[2] or ""], 4)


def check_bleed(bleed: float | str) -> float:
    bleed = parse_length(bleed)
    if not 0 <= bleed <= MAX_BLEED:
        raise UserError(f"bleed {bleed:g} mm is out of range: use 0 to {MAX_BLEED:g} mm (3 mm is usual)")
    return bleed


def check_dpi(dpi: int) -> int:
    if not 72 <= dpi <= 1200:
        raise UserError(f"--dpi {dpi} is out of range: use 72 to 1200 (300 is usual for print)")
    return dpi
