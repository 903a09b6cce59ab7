"""Which characters the bundled fonts can draw, read from the font's own character map. Plain Python.

Text in a script the fonts lack (Arabic, Hebrew, Devanagari, emoji…) shows as empty boxes on
screen and in print, so the validator warns about it, naming the card, the field and the script.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from functools import cache
from pathlib import Path

from game import bundled

FONTS = bundled.FONTS


def font_characters(path: Path) -> list[tuple[int, int]]:
    """The (first, last) code point ranges a TrueType/OpenType font maps to a glyph (cmap 12 or 4)."""
    data = path.read_bytes()
    tables = struct.unpack_from(">H", data, 4)[0]
    offset = next(struct.unpack_from(">I", data, 12 + 16 * i + 8)[0] for i in range(tables)
                  if data[12 + 16 * i:16 + 16 * i] == b"cmap")
    subtables = {}
    for i in range(struct.unpack_from(">H", data, offset + 2)[0]):
        platform, encoding, start = struct.unpack_from(">HHI", data, offset + 4 + 8 * i)
        subtables[(platform, encoding)] = offset + start
    for key in ((3, 10), (0, 4), (0, 6)):
        if key in subtables and struct.unpack_from(">H", data, subtables[key])[0] == 12:
            return _format12(data, subtables[key])
    for key in ((3, 1), (0, 3), (0, 1), (0, 0)):
        if key in subtables and struct.unpack_from(">H", data, subtables[key])[0] == 4:
            return _format4(data, subtables[key])
    raise ValueError(f"{path.name}: no Unicode character map")


def _format12(data: bytes, at: int) -> list[tuple[int, int]]:
    groups = struct.unpack_from(">I", data, at + 12)[0]
    return [struct.unpack_from(">II", data, at + 16 + 12 * i) for i in range(groups)]


def _format4(data: bytes, at: int) -> list[tuple[int, int]]:
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
    ranges_at = at + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
    covered = []
    for i, (first, last) in enumerate(zip(starts, ends)):
        if first == 0xFFFF:
            continue
        for code in range(first, last + 1):
            if ranges[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                glyph = struct.unpack_from(">H", data, ranges_at + 2 * i + ranges[i] + 2 * (code - first))[0]
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                covered.append((code, code))
    return covered


@cache
def _not_drawable() -> re.Pattern:
    """Characters neither family draws in every face: Noto Sans (names are bold, notes italic), or
    Noto Sans with Arabic, which draws every line that holds right-to-left text."""
    def family(paths) -> set[int]:
        return set.intersection(*({code for a, b in font_characters(path) for code in range(a, b + 1)}
                                  for path in paths))
    paths = sorted(FONTS.glob("*.ttf"))
    rtl = [path for path in paths if "WithArabic" in path.name]
    plain = [path for path in paths if path not in rtl]
    codes = sorted(family(plain) | (family(rtl) if rtl else set()) | {9, 10})  # tabs, line breaks: layout
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile("[^" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]")


def first_missing(text: str) -> str | None:
    """The first character of `text` the bundled fonts cannot draw, or None."""
    found = _not_drawable().search(text)
    return found.group() if found else None


def script_of(character: str) -> str:
    """A readable name for the script of a character: 'Arabic', 'Hebrew', 'CJK', or 'emoji or symbol'."""
    name = unicodedata.name(character, "")
    if not name or unicodedata.category(character).startswith("S"):
        return "emoji or symbol"
    return name.split()[0].capitalize() if name.split()[0] != "CJK" else "CJK"
