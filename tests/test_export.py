"""Print sheets, read back from the PDF: page sizes, card positions in mm, crop marks, and backs that
land exactly behind their fronts after a long-edge or short-edge turn or a fold."""

import io
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from game.bench import write_generated_deck
from game.cli import main
from game import i18n
from game.decks import load_deck
from game.export import CARD_SIZES, PAPERS, PrintOptions, parse_size, plan_sheet, print_cards, write_sheets
from tests.conftest import PROJECT, SAMPLE_DECK

MM = 72 / 25.4
PAPER_FILL = (0.984314, 0.972549, 0.945098)  # game.layout.PAPER: the card's background and bleed
MARK_WIDTH = 0.25                             # crop marks are 0.25 pt hairlines
FRONT_KEYS = {"title": "Sample deck", "rules": "How to play", "ada-example": "Ada Example",
              "boris-sample": "Boris Sample", "chloe-demo": "Chloé Demo", "dara-test": "Dara Test"}
BACK_KEYS = dict(FRONT_KEYS, title="What can be unknown?", rules="Good to know")


def export(tmp_path: Path, *options: str, deck: Path = SAMPLE_DECK) -> Path:
    out = tmp_path / "cards.pdf"
    assert main(["export", str(deck), "--out", str(out), *options]) == 0
    return out


def trim_boxes(page, card=(63, 88), bleed=3.0) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) in mm from the page's top-left of every card, found by its bleed."""
    boxes = []
    for rect in page.rects:
        w, h = (rect["x1"] - rect["x0"]) / MM, (rect["bottom"] - rect["top"]) / MM
        if rect["fill"] and abs(w - card[0] - 2 * bleed) < 0.01 and abs(h - card[1] - 2 * bleed) < 0.01 \
                and tuple(round(v, 4) for v in rect["non_stroking_color"]) == tuple(round(v, 4) for v in PAPER_FILL):
            boxes.append((rect["x0"] / MM + bleed, rect["top"] / MM + bleed,
                          rect["x1"] / MM - bleed, rect["bottom"] / MM - bleed))
    return boxes


def text_in(page, box) -> str:
    left, top, right, bottom = (v * MM for v in box)
    return page.within_bbox((left, top, right, bottom)).extract_text()


def cards_by_name(page, keys: dict[str, str], turned: bool = False, **size) -> dict[str, tuple]:
    """Card id -> trim box, identified by the name text printed inside it (read backwards if `turned`)."""
    found = {}
    for box in trim_boxes(page, **size):
        text = text_in(page, box).replace("\n", " ")
        text = text[::-1] if turned else text
        matches = [card_id for card_id, key in keys.items() if key in text]
        assert len(matches) == 1, (matches, text)
        found[matches[0]] = box
    return found


def close(a, b, tolerance=0.1) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def test_a4_sheet_size_and_card_positions_in_millimetres(tmp_path):
    deck = write_generated_deck(tmp_path / "generated", 7)  # + title and rules card: 9 cards
    with pdfplumber.open(export(tmp_path, deck=deck)) as pdf:
        page = pdf.pages[0]
        assert (round(page.width, 2), round(page.height, 2)) == (595.28, 841.89)
        boxes = sorted(trim_boxes(page), key=lambda b: (b[1], b[0]))
    # 3 × 3 poker cards sharing their cut lines, the grid centred: (210 - 3·63) / 2 = 10.5 mm to the trim
    expected = [(10.5 + col * 63, 16.5 + row * 88) for row in range(3) for col in range(3)]
    assert len(boxes) == 9
    for box, (left, top) in zip(boxes, expected):
        assert close(box, (left, top, left + 63, top + 88), 0.01)


def test_letter_paper_size(tmp_path):
    deck = write_generated_deck(tmp_path / "generated", 7)
    with pdfplumber.open(export(tmp_path, "--paper", "letter", deck=deck)) as pdf:
        page = pdf.pages[0]
        assert (round(page.width, 2), round(page.height, 2)) == (612.0, 792.0)
        boxes = trim_boxes(page)
        assert len(boxes) == 9  # 3 × 3 poker cards on a letter page too
        assert all(box[0] > 7 and box[2] < 215.9 - 7 and box[1] > 7 and box[3] < 279.4 - 7 for box in boxes)


@pytest.mark.parametrize("paper, size, bleed, per_page, slug, around", [
    ("a4", "poker", 3, 9, "bottom", (3, 3)), ("letter", "poker", 3, 9, "left", (0, 0)),
    ("a4", "poker", 0, 9, "bottom", (0, 0)), ("letter", "poker", 0, 9, "left", (0, 0)),
    ("a4", "bridge", 3, 9, "bottom", (3, 3)), ("a4", "mini", 3, 16, "bottom", (3, 3)),
    ("a4", "tarot", 3, 4, "bottom", (3, 3)),
])
def test_as_many_cards_as_fit_with_room_for_marks_and_the_ruler(paper, size, bleed, per_page, slug, around):
    """Home sheets share cut lines, with the bleed only around the grid where the margin has room
    (Letter's 7.7 mm above and below the 3 × 3 poker grid has none)."""
    sheet = plan_sheet(PrintOptions("en", paper=paper, card=parse_size(size), bleed=bleed))
    assert (len(sheet.slots), sheet.slug.side, sheet.bleed) == (per_page, slug, around)
    width, height = PAPERS[paper]
    left, top = min(b.x for b in sheet.slots), min(b.y for b in sheet.slots)
    right, bottom = max(b.x + b.w for b in sheet.slots), max(b.y + b.h for b in sheet.slots)
    assert abs(left - (width - right)) < 1e-9 and abs(top - (height - bottom)) < 1e-9  # centred
    assert min(left - sheet.bleed[0], top - sheet.bleed[1]) >= 7.5  # the marks end 3 mm from the paper's edge


@pytest.mark.parametrize("layout, pages", [("duplex-long", 4), ("duplex-short", 4), ("fronts-only", 2), ("fold", 5)])
def test_page_count_for_n_cards(tmp_path, layout, pages):
    deck = write_generated_deck(tmp_path / "generated", 13)  # + title and rules card: 15 cards, 9 a sheet
    with pdfplumber.open(export(tmp_path, "--layout", layout, deck=deck)) as pdf:
        assert len(pdf.pages) == pages  # fold: 3 cards a page (fronts left, backs right)


@pytest.mark.parametrize("layout", ["duplex-long", "duplex-short"])
def test_each_back_lands_behind_its_front(tmp_path, layout):
    width, height = 210, 297
    with pdfplumber.open(export(tmp_path, "--layout", layout)) as pdf:
        fronts = cards_by_name(pdf.pages[0], FRONT_KEYS)
        backs = cards_by_name(pdf.pages[1], BACK_KEYS, turned=layout == "duplex-short")
    assert set(fronts) == set(backs) == set(FRONT_KEYS)
    for card_id, (left, top, right, bottom) in backs.items():
        if layout == "duplex-long":   # turned over the left/right edge: x is mirrored
            landed = (width - right, top, width - left, bottom)
        else:                         # turned over the top/bottom edge: y is mirrored
            landed = (left, height - bottom, right, height - top)
        assert close(landed, fronts[card_id]), card_id
    # the mirror really moves cards: a front and its back are not all in the same place
    assert any(not close(fronts[card_id], backs[card_id]) for card_id in fronts)


def test_short_edge_backs_are_the_long_edge_backs_turned_half_round(tmp_path):
    """So a cut card turned over sideways shows its back upright whichever flip the printer used:
    after a short-edge turn the sheet's back is upside down to someone who turns it like a book."""
    pages = {}
    for layout in ("duplex-long", "duplex-short"):
        (tmp_path / layout).mkdir()
        with pdfplumber.open(export(tmp_path / layout, "--layout", layout)) as pdf:
            page = pdf.pages[1]
            pages[layout] = ([c for c in page.chars if c["text"].strip()], trim_boxes(page), page.width, page.height)
    (long_chars, long_boxes, width, height), (short_chars, short_boxes, *_size) = pages.values()

    def on_cards(chars):  # not the margin line and label
        boxes = short_boxes if chars is short_chars else long_boxes
        return [c for c in chars if any(l * MM <= c["x0"] and c["x1"] <= r * MM and t * MM <= c["top"] <= b * MM
                                        for l, t, r, b in boxes)]
    assert all(c["matrix"][0] > 0 for c in short_chars if c not in on_cards(short_chars))  # margins read upright
    turned = on_cards(short_chars)
    assert turned and all(c["matrix"][0] < 0 and c["matrix"][3] < 0 for c in turned)      # the cards are turned
    # turning the long-edge page half round about its centre gives the short-edge page, glyph for glyph
    expected = sorted((c["text"], round(width - c["x1"], 1), round(height - c["bottom"], 1))
                      for c in on_cards(long_chars))
    assert sorted((c["text"], round(c["x0"], 1), round(c["top"], 1)) for c in turned) == expected


def test_fold_layout_mirrors_backs_across_the_fold_line(tmp_path):
    with pdfplumber.open(export(tmp_path, "--layout", "fold")) as pdf:
        page = pdf.pages[0]
        boxes = {box: text_in(page, box) for box in trim_boxes(page)}
        fold = [line for line in page.lines if abs(line["x0"] - line["x1"]) < 0.01 and line["linewidth"] == 0.5]
    assert len(fold) == 1 and abs(fold[0]["x0"] / MM - 105) < 0.01  # the dashed line down the middle
    fronts = {box: text for box, text in boxes.items() if box[2] < 105}
    backs = {box: text for box, text in boxes.items() if box[0] > 105}
    assert len(fronts) == len(backs) == 3
    for (left, top, right, bottom), text in fronts.items():
        mirrored = (210 - right, top, 210 - left, bottom)
        back = next(b for b in backs if close(b, mirrored))
        front_id = next(card_id for card_id, key in FRONT_KEYS.items() if key in text.replace("\n", " "))
        assert BACK_KEYS[front_id] in backs[back].replace("\n", " ")


@pytest.mark.parametrize("layout", ["duplex-long", "fold"])
def test_crop_marks_are_outside_every_card_and_on_the_trim_lines(tmp_path, layout):
    with pdfplumber.open(export(tmp_path, "--layout", layout)) as pdf:
        for page in pdf.pages:
            boxes = trim_boxes(page)
            marks = [line for line in page.lines if line["linewidth"] == MARK_WIDTH]
            lefts_rights = {round(v, 2) for box in boxes for v in (box[0], box[2])}
            tops_bottoms = {round(v, 2) for box in boxes for v in (box[1], box[3])}
            for mark in marks:
                x0, top, x1, bottom = mark["x0"] / MM, mark["top"] / MM, mark["x1"] / MM, mark["bottom"] / MM
                for left, box_top, right, box_bottom in boxes:  # never over a card, not even its bleed
                    assert x1 < left - 3 or x0 > right + 3 or bottom < box_top - 3 or top > box_bottom + 3
                if abs(x0 - x1) < 1e-6:
                    assert round(x0, 2) in lefts_rights   # a vertical mark continues a left or right edge
                else:
                    assert round(top, 2) in tops_bottoms  # a horizontal one continues a top or bottom edge
            verticals = {round(m["x0"] / MM, 2) for m in marks if abs(m["x0"] - m["x1"]) < 1e-6}
            horizontals = {round(m["top"] / MM, 2) for m in marks if abs(m["top"] - m["bottom"]) < 1e-6}
            assert verticals == lefts_rights and horizontals == tops_bottoms  # every cut line is marked


def test_no_crop_marks_on_request(tmp_path):
    with pdfplumber.open(export(tmp_path, "--no-crop-marks")) as pdf:
        assert not [line for line in pdf.pages[0].lines if line["linewidth"] == MARK_WIDTH]


def test_text_stays_inside_its_card(tmp_path):
    deck = write_generated_deck(tmp_path / "generated", 4)  # long stories: the text must shrink, not overflow
    for size, card in (("poker", (63, 88)), ("mini", (41, 63))):
        with pdfplumber.open(export(tmp_path, "--size", size, "--mode", "fact", deck=deck)) as pdf:
            for page in pdf.pages:
                boxes = trim_boxes(page, card=card)
                for char in page.chars:
                    middle = ((char["x0"] + char["x1"]) / 2 / MM, (char["top"] + char["bottom"]) / 2 / MM)
                    inside = [b for b in boxes
                              if b[0] - 3 <= middle[0] <= b[2] + 3 and b[1] - 3 <= middle[1] <= b[3] + 3]
                    for left, top, right, bottom in inside:
                        assert left + 1 <= char["x0"] / MM and char["x1"] / MM <= right - 1, char["text"]
                        assert top + 1 <= char["top"] / MM and char["bottom"] / MM <= bottom - 1, char["text"]


def test_scale_ruler_and_print_note(tmp_path):
    with pdfplumber.open(export(tmp_path)) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        ruler = [line for line in page.lines if line["linewidth"] == 0.3]
    assert "50 mm" in text.replace("\n", " ") or "50 mm" in "".join(c["text"] for c in page.chars)
    chars = "".join(c["text"] for c in page.chars)
    assert "Print at 100% (actual size): do not scale to fit." in chars
    assert "Sample deck · fronts · 1/2" in chars
    lengths = sorted(max(l["x1"] - l["x0"], l["bottom"] - l["top"]) / MM for l in ruler)
    assert abs(lengths[-1] - 50) < 0.01 and len(ruler) == 52  # the 50 mm bar and its 51 mm ticks


def test_trim_and_bleed_boxes_of_a_sheet_are_the_page(tmp_path):
    """A sheet is not cut as a whole, each card is, at its marks: TrimBox and BleedBox are the page."""
    reader = PdfReader(export(tmp_path))
    page = reader.pages[0]
    assert [round(float(v), 2) for v in page.trimbox] == [0, 0, 595.28, 841.89]
    assert [round(float(v), 2) for v in page.bleedbox] == [0, 0, 595.28, 841.89]


def test_bulgarian_text_is_extractable_and_fonts_are_embedded_subsets(tmp_path):
    out = export(tmp_path, "--lang", "bg", "--lang2", "en")
    reader = PdfReader(out)
    fronts, backs = (" ".join(page.extract_text().split()) for page in reader.pages[:2])  # lines may wrap
    assert "Ада Пример" in fronts and "Ada Example" in fronts  # the second language under the first
    assert "Химичка" in fronts and "Бягство от война или преследване" in backs
    assert "България › Франция" in backs  # CLDR country names in the print language
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"].lstrip("/")] = font
    assert fonts
    for name, font in fonts.items():
        assert name[:7].isupper() and name[6] == "+" and "NotoSans" in name, name  # 6-letter subset prefix
        assert "/FontFile2" in font["/FontDescriptor"], name                       # the TrueType data is inside
    with pdfplumber.open(out) as pdf:
        assert "Защитник на човешките права" in pdf.pages[1].extract_text().replace("\n", " ")


def test_greek_and_polish_survive_the_round_trip(tmp_path, sample_copy):
    source = sample_copy / "en.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("Ada Example", "Άδα Ζαχαρίου-Łęcka"),
                      encoding="utf-8")
    text = PdfReader(export(tmp_path, "--cards", "ada-example", deck=sample_copy)).pages[0].extract_text()
    assert "Ζαχαρίου-Łęcka" in text


@pytest.mark.parametrize("paper", list(PAPERS))
@pytest.mark.parametrize("layout", ["duplex-long", "fold"])
def test_the_margin_line_stays_on_the_paper_in_every_language(paper, layout):
    """Every UI language's print note, on every card size: not under 6 pt, and 3 mm from the edge."""
    deck = load_deck(SAMPLE_DECK).deck
    catalogs = ["en"] + sorted(path.name for path in (PROJECT / "locales").iterdir() if path.is_dir())
    for language in catalogs:
        for size in CARD_SIZES:
            options = PrintOptions("en", paper=paper, card=CARD_SIZES[size], layout=layout)
            i18n.set_language(language)
            try:
                buffer = io.BytesIO()
                write_sheets(buffer, print_cards(deck, list(deck.cards[:1]), options), options, "The UnKnown")
            finally:
                i18n.set_language("en")
            with pdfplumber.open(buffer) as pdf:
                page = pdf.pages[0]
                chars = [c for c in page.chars if c["text"].strip()]
                width, height = page.width / MM, page.height / MM
            where = (language, size)
            assert min(c["size"] if c["upright"] else c["width"] for c in chars) >= 6 - 1e-3, where  # turned: width
            assert min(min(c["x0"], c["top"]) for c in chars) / MM >= 3, where
            assert max(c["x1"] for c in chars) / MM <= width - 3, where
            assert max(c["bottom"] for c in chars) / MM <= height - 3, where
            assert "50mm" in "".join(c["text"] for c in chars), where  # the bar's label


def test_cuts_inside_the_grid_keep_small_guides_at_every_crossing(tmp_path):
    deck = write_generated_deck(tmp_path / "generated", 7)
    with pdfplumber.open(export(tmp_path, deck=deck)) as pdf:
        page = pdf.pages[0]
        boxes = trim_boxes(page)
        ticks = [line for line in page.lines if abs(line["linewidth"] - 0.2) < 1e-3]
    xs = sorted({round(v, 1) for box in boxes for v in (box[0], box[2])})
    ys = sorted({round(v, 1) for box in boxes for v in (box[1], box[3])})
    for x in xs[1:-1]:          # each cut between columns, at each row edge (the grid's edges too)
        for y in ys:
            assert any(abs(t["x0"] / MM - x) < 0.05 and abs(t["x1"] / MM - x) < 0.05
                       and t["top"] / MM - 0.05 <= y <= t["bottom"] / MM + 0.05 for t in ticks), (x, y)
    for y in ys[1:-1]:
        for x in xs:
            assert any(abs(t["top"] / MM - y) < 0.05 and abs(t["bottom"] / MM - y) < 0.05
                       and t["x0"] / MM - 0.05 <= x <= t["x1"] / MM + 0.05 for t in ticks), (x, y)
    assert all(max(t["x1"] - t["x0"], t["bottom"] - t["top"]) / MM <= 1.21 for t in ticks)  # small


@pytest.mark.parametrize("layout, duplex", [("duplex-long", "/DuplexFlipLongEdge"),
                                            ("duplex-short", "/DuplexFlipShortEdge"), ("fold", "/Simplex")])
def test_print_dialogs_default_to_actual_size_and_the_right_flip(tmp_path, layout, duplex):
    preferences = PdfReader(export(tmp_path, "--layout", layout)).trailer["/Root"]["/ViewerPreferences"]
    assert preferences["/PrintScaling"] == "/None" and preferences["/Duplex"] == duplex
