"""Right-to-left text: which languages read right to left (from CLDR), and how a line of mixed text
is laid out. Plain Python: the screen (pygame) and print (reportlab) both draw from these runs.

Lines are broken on the logical text (as typed); each line is then cut into runs in visual order,
left to right. A run of Arabic script is kept in logical order and shaped right-to-left by HarfBuzz
(which joins the letters); any other run (Latin names, digits, punctuation) is drawn as it comes.
The Unicode bidirectional algorithm (python-bidi) decides the visual order and mirrors brackets.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from bidi import get_base_level, get_display


@lru_cache(maxsize=64)
def is_rtl_language(code: str) -> bool:
    """CLDR's character order for the language, so a deck never has to say it."""
    try:
        return Locale.parse(code.replace("-", "_")).character_order == "right-to-left"
    except (UnknownLocaleError, ValueError, TypeError):
        return False


def _shaped(char: str) -> bool:
    """Letters and marks of the scripts that HarfBuzz must shape right to left (Arabic, Hebrew, Syriac…)."""
    return unicodedata.bidirectional(char) in ("AL", "R") or char in "\u200c\u200d" or (
        unicodedata.category(char) == "Mn" and "ARABIC" in unicodedata.name(char, ""))   # ZWNJ/ZWJ: inside words


@lru_cache(maxsize=4096)
def has_rtl(text: str) -> bool:
    """Cached: every line drawn asks, every frame (a reveal's animation draws sixty a second)."""
    return any(_shaped(char) for char in text)


def base_is_rtl(text: str) -> bool:
    """The paragraph direction from its first strong character (rules P2–P3 of the algorithm)."""
    return has_rtl(text) and get_base_level(text) == 1


def _kind(char: str) -> str:
    """R: shaped right to left; L: left to right; D: a digit (stays left to right, counts as R for
    the brackets and spaces around it); N: neutral (spaces, punctuation, brackets)."""
    if _shaped(char):
        return "R"
    kind = unicodedata.bidirectional(char)
    if kind == "L":
        return "L"
    return "D" if kind in ("EN", "AN") else "N"


MIRRORED = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹"))   # what a right-to-left line shows for each


@lru_cache(maxsize=4096)
def visual_runs(line: str, rtl: bool | None = None) -> tuple[tuple[str, bool], ...]:
    """(text, right_to_left) runs of one line in visual order, left to right. A right-to-left run is
    one stretch of Arabic-script letters, in logical order, for HarfBuzz to shape; everything else
    (spaces, digits, Latin words, punctuation) comes as it is shown, brackets and arrows that read
    right to left already mirrored. Shaping only letters keeps the renderer from reordering words."""
    if not has_rtl(line):
        return ((line, False),)
    rtl = base_is_rtl(line) if rtl is None else rtl
    visual = get_display(line, base_dir="R" if rtl else "L")
    kinds = [_kind(char) for char in visual]
    edge = "R" if rtl else "L"
    i = 0
    while i < len(kinds):            # neutrals between two like sides take that side, else the base (N1, N2)
        if kinds[i] != "N":
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] == "N":
            j += 1
        left = kinds[i - 1] if i else edge
        right = kinds[j] if j < len(kinds) else edge
        strong = {"D": "R"}.get(left, left), {"D": "R"}.get(right, right)
        kinds[i:j] = ["r" if strong == ("R", "R") or (strong[0] != strong[1] and rtl) else "l"] * (j - i)
        i = j
    runs: list[tuple[str, bool]] = []
    start = 0
    for end in range(1, len(visual) + 1):
        if end == len(visual) or (kinds[end] == "R") != (kinds[start] == "R"):
            piece = visual[start:end]
            if kinds[start] == "R":
                runs.append((piece[::-1], True))
            else:
                runs.append(("".join(MIRRORED.get(char, char) if kind == "r" else char
                                     for char, kind in zip(piece, kinds[start:end])), False))
            start = end
    return tuple(runs)
