"""Right-to-left text: direction from CLDR, bidi runs, and Arabic letters that join on screen."""

import pygame
import pytest
import uharfbuzz

from game import bundled, layout, textdir
from game.layout import Box
from game.ui import render


@pytest.mark.parametrize("code, rtl", [("ar", True), ("fa", True), ("he", True), ("ur", True), ("en", False),
                                       ("bg", False), ("uk", False), ("xx", False)])
def test_direction_comes_from_cldr(code, rtl):
    assert textdir.is_rtl_language(code) is rtl


def test_mixed_lines_become_runs_in_visual_order():
    # A Latin name and a year inside Arabic: the Arabic words are read from the right, the name and the
    # year keep their own order, and the brackets around an Arabic word face it (mirrored).
    assert textdir.visual_runs("قابلت Marie Curie في 1911 (باريس).") == (
        (".(", False), ("باريس", True), (") 1911 ", False), ("في", True), (" Marie Curie ", False), ("قابلت", True))
    # The arrow between two countries points the way a right-to-left reader goes.
    assert textdir.visual_runs("کوبا › ایالات متحده") == (
        ("متحده", True), (" ", False), ("ایالات", True), (" ‹ ", False), ("کوبا", True))
    # An Arabic word quoted in an English sentence stays in its place; the sentence reads left to right.
    assert textdir.visual_runs("Born in Kabul, she wrote «کابل» in 2001.") == (
        ("Born in Kabul, she wrote «", False), ("کابل", True), ("» in 2001.", False))
    assert textdir.visual_runs("Plain text") == (("Plain text", False),)


def ink_columns(surface: pygame.Surface) -> list[bool]:
    return [any(surface.get_at((x, y)).a > 40 for y in range(surface.get_height())) for x in range(surface.get_width())]


def gaps(columns: list[bool]) -> int:
    """Blank columns between the first and the last inked one, counted as runs."""
    first, last = columns.index(True), len(columns) - 1 - columns[::-1].index(True)
    inner = columns[first:last + 1]
    return sum(1 for i in range(1, len(inner)) if not inner[i] and inner[i - 1])


@pytest.fixture
def screen():
    pygame.init()
    render.reset_caches()
    yield
    pygame.quit()


def test_arabic_letters_join_on_screen(screen):
    joined = render.text_surface("ببب", 80, (255, 255, 255))
    apart = render.text_surface("ب\u200cب\u200cب", 80, (255, 255, 255))   # ZWNJ: the isolated forms
    assert gaps(ink_columns(joined)) == 0
    assert gaps(ink_columns(apart)) >= 2


def test_screen_shaping_matches_harfbuzz(screen):
    """The width pygame gives a shaped Arabic run is HarfBuzz's own sum of advances for it."""
    word = "مرحبا بالعالم"
    path = bundled.FONTS / "NotoSansWithArabic-Regular.ttf"
    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path)))
    font = uharfbuzz.Font(face)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(word)
    buffer.guess_segment_properties()
    uharfbuzz.shape(font, buffer, {})
    assert buffer.direction == "rtl"
    expected = sum(p.x_advance for p in buffer.glyph_positions) * 80 / face.upem
    assert abs(render.measure(word, 80, False) - expected) <= 3


def test_a_right_to_left_paragraph_is_set_flush_right(screen):
    surface = pygame.Surface((800, 200))
    with render.recording_text() as shown:
        render.draw_text(surface, layout.Text(Box(100, 0, 600, 200), "قصة عن الانتقال إلى بلد آخر", 40, (255, 255, 255)))
        render.draw_text(surface, layout.Text(Box(100, 100, 600, 100), "A story in English", 40, (255, 255, 255)))
    (_, x_ar, _, w_ar, _, _), (_, x_en, *_) = shown
    assert abs(x_ar + w_ar - 700) <= 1 and x_en == 100


# --- print ------------------------------------------------------------------------------------------

RTL_DECK = __import__("tests.conftest", fromlist=["TESTS"]).TESTS / "decks_rtl" / "rtl"


def spans(pdf_path) -> list[str]:
    """The ActualText of every marked run on every page, decoded: what a reader copies out."""
    import re
    import pypdf
    found = []
    for page in pypdf.PdfReader(pdf_path).pages:
        stream = page.get_contents().get_data().decode("latin-1")
        found += [bytes.fromhex(code).decode("utf-16-be") for code in re.findall(r"/ActualText <FEFF([0-9A-F]+)>", stream)]
    return found


def test_persian_print_keeps_the_words_in_logical_order(tmp_path):
    from game.cli import main
    out = tmp_path / "fa.pdf"
    assert main(["export", str(RTL_DECK), "--lang", "fa", "--cards", "ada-example", "--out", str(out)]) == 0
    copied = " ".join(spans(out))
    for words in ("آدا اگزمپل", "به دانشمندان", "دستهٔ نمونه"):     # name, story, deck title in the margin
        assert words in copied, (words, copied[:200])


def test_print_shapes_runs_as_harfbuzz_does():
    from reportlab.pdfbase.ttfonts import shapeStr
    from game.export import pdf
    pdf.register_fonts()
    word = "پناهنده"
    shaped = shapeStr(word, pdf.RTL_REGULAR, 10, force=True)
    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(bundled.FONTS / "NotoSansWithArabic-Regular.ttf")))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(word)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(face), buffer, {})
    assert [g.x_advance for g in shaped.__shapeData__] == [p.x_advance for p in buffer.glyph_positions]


def test_right_to_left_faces_put_markers_to_the_right_of_their_words():
    from game.decks import load_deck
    from game.layout import Shape, Text, card_back
    deck = load_deck(RTL_DECK).deck
    card = deck.card("ada-example")
    for language, markers_right in (("fa", True), ("en", False)):
        edition = deck.edition(language)
        ops = card_back(card, deck.text(card.id, language), edition, 63, 88)
        names = [op for op in ops if isinstance(op, Text) and op.text in edition.category_names.values()]
        markers = [op for op in ops if isinstance(op, Shape) and len(op.points) <= 32]
        assert names and markers
        marker_x = min(x for x, _ in markers[0].points)
        assert (marker_x > names[0].box.x + names[0].box.w / 2) is markers_right, language


def test_the_first_word_of_a_right_to_left_line_is_drawn_at_the_right(screen):
    """Checked in pixels: each word rendered alone is found where the reading order puts it."""
    font = render.rtl_font(60, False, True)
    line = render.text_surface("کوبا › ایالات متحده", 60, (0, 0, 0))
    first, last = font.render("کوبا", True, (0, 0, 0)), font.render("متحده", True, (0, 0, 0))

    def found(word, x):
        return all(word.get_at((i, j)).a == line.get_at((x + i, j)).a
                   for j in range(word.get_height()) for i in range(word.get_width()))
    assert found(first, line.get_width() - first.get_width()) and found(last, 0)


@pytest.mark.parametrize("language, second", [("ar", "en"), ("fa", "bg"), ("en", "ar")])
def test_a_whole_session_plays_with_a_right_to_left_language(tmp_path, drawn, language, second):
    """Every step of every card, by keys, in the bundled deck: nothing fails, and the Arabic-script
    text reaches the screen."""
    import pygame
    from game.scenes.end import EndScene
    from game.scenes.play import RoundScene
    from game.screenshots import build
    from tests.conftest import PROJECT
    app = build("face", PROJECT / "cards", (1280, 720), language, second, ui_language="en")
    steps = 0
    while isinstance(app.top, RoundScene) and steps < 200:
        app.draw(app.screen)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode=""))
        app.step()
        steps += 1
    assert isinstance(app.top, EndScene), steps
    app.draw(app.screen)
    app.close()
    assert any(textdir.has_rtl(text) for text in drawn)


def test_arabic_script_initials_stay_apart_and_latin_ones_are_capitals(screen):
    assert layout.monogram("جان کری") == "ج\u200cک" and layout.monogram("ada example") == "AE"
    apart = render.text_surface(layout.monogram("هدی لامار"), 80, (255, 255, 255))
    assert gaps(ink_columns(apart)) >= 1          # two letters, not one joined word
