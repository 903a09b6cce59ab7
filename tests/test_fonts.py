"""Every character of every bundled deck has a glyph in the bundled fonts: no empty boxes."""

import unicodedata

import pytest
from fontTools.ttLib import TTFont

from game.textdir import has_rtl
from tests.conftest import PROJECT

FONTS = sorted((PROJECT / "assets" / "fonts").glob("*.ttf"))
DECK_FILES = sorted((PROJECT / "cards").glob("*/*.yaml")) + sorted((PROJECT / "tests").glob("decks*/*/*.yaml"))


def test_the_font_family_has_regular_and_bold_weights():
    names = {font.stem for font in FONTS}
    assert {"NotoSans-Regular", "NotoSans-Bold"} <= names
    assert (PROJECT / "assets" / "fonts" / "OFL.txt").is_file()


@pytest.mark.parametrize("font_path", FONTS, ids=lambda p: p.stem)
def test_every_deck_character_has_a_glyph(font_path):
    """Noto Sans draws every line without right-to-left text; the fonts "with Arabic" draw the lines
    that have some, so they need every character (Latin names and digits appear in those lines too)."""
    cmap = TTFont(font_path).getBestCmap()
    for path in DECK_FILES:
        text = path.read_text(encoding="utf-8")
        needed = {ch for ch in text if ch not in "\n\r\t"}
        if "WithArabic" not in font_path.stem:
            needed = {ch for ch in needed if not has_rtl(ch) and "ARABIC" not in unicodedata.name(ch, "")}
        missing = sorted(ch for ch in needed if ord(ch) not in cmap)
        assert not missing, f"{path.name}: no glyph in {font_path.name} for {missing}"


def test_arabic_and_persian_letters_are_covered():
    for style in ("Regular", "Bold"):
        cmap = TTFont(PROJECT / "assets" / "fonts" / f"NotoSansWithArabic-{style}.ttf").getBestCmap()
        for ch in "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأإؤئةى پچژگکی ۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩ ،؛؟ ()[]«»":
            assert ord(ch) in cmap, (style, ch)


def test_latin_cyrillic_and_greek_are_covered():
    cmap = TTFont(PROJECT / "assets" / "fonts" / "NotoSans-Regular.ttf").getBestCmap()
    for ch in "ąęłżśćńóĄŁŻ ґєіїҐЄІЇ щъьюяЩЪЬЮЯ αβγδεζηθλμπσωάέήίόύώΩ „“”«»–—’":
        assert ord(ch) in cmap, ch
