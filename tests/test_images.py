"""Portrait files: decoded safely, credited, and cropped around their focal point; a bad one falls back
to the monogram with a located message."""

import io

import pytest
from PIL import Image

from game.decks import load_deck
from game.decks.images import ImageProblem, focus_crop, open_portrait
from tests.test_deck_validation import IMAGE_LINES, bomb_png, png_bytes, replace


def test_a_good_portrait_opens_as_rgb(tmp_path):
    path = tmp_path / "face.jpg"
    path.write_bytes(png_bytes("JPEG", (40, 30)))
    image = open_portrait(path)
    assert not isinstance(image, ImageProblem), image
    assert image.size == (40, 30) and image.mode == "RGB"


def test_transparency_is_kept(tmp_path):
    path = tmp_path / "face.png"
    Image.new("RGBA", (8, 8), (0, 0, 0, 0)).save(path)
    assert open_portrait(path).mode == "RGBA"


def test_a_phone_photo_is_turned_upright(tmp_path):
    """Phones store photos sideways with an EXIF orientation; drawn as stored, faces would lie on their side."""
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to view
    path = tmp_path / "phone.jpg"
    Image.new("RGB", (40, 30), "white").save(path, exif=exif)
    assert open_portrait(path).size == (30, 40)


@pytest.mark.parametrize("name, content, fragment", [
    ("big.png", lambda: bomb_png(6000, 5000), "has too many pixels"),            # our limit, from the header
    ("bomb.png", lambda: bomb_png(40_000, 40_000), "has too many pixels"),       # Pillow's bomb error
    ("cut.jpg", lambda: png_bytes("JPEG", (300, 300))[:400], "is damaged"),
    ("text.png", lambda: b"hello, not an image", "is not a PNG, JPEG or WebP image"),
    ("face.webp", lambda: png_bytes("PNG"), "is a PNG image but its name ends in .webp; rename it to face.png"),
    ("face.gif", lambda: png_bytes("GIF"), "is not a PNG, JPEG or WebP image"),
    ("huge.jpg", lambda: b"\xff\xd8\xff" + bytes(6 * 1024 * 1024), "images may be at most 5 MB"),
])
def test_a_bad_image_is_a_problem_not_a_crash(tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_bytes(content())
    problem = open_portrait(path)
    assert isinstance(problem, ImageProblem) and fragment in problem.message, problem


def test_a_credited_image_reaches_the_model(sample_copy):
    (sample_copy / "ada.jpg").write_bytes(png_bytes("JPEG"))
    replace("deck.yaml", "    tags: [fictional]\n",
            "    wikidata: Q42\n    image: ada.jpg\n    image_credit: Jo Photo\n    image_license: CC BY 4.0\n"
            "    image_source: https://commons.wikimedia.org/wiki/File:Ada.jpg\n    image_focus: [0.5, 0.25]\n")(
        sample_copy)
    report = load_deck(sample_copy)
    assert not report.errors, report.errors
    card = report.deck.card("ada-example")
    assert card.image == (sample_copy / "ada.jpg").resolve() and card.wikidata == "Q42"
    assert (card.image_credit, card.image_license, card.image_focus) == ("Jo Photo", "CC BY 4.0", (0.5, 0.25))
    assert card.image_source == "https://commons.wikimedia.org/wiki/File:Ada.jpg"
    assert report.deck.card("boris-sample").image_focus == (0.5, 0.5)


def test_a_damaged_image_leaves_the_card_playing_with_its_monogram(sample_copy):
    (sample_copy / "ada.png").write_bytes(png_bytes()[:60])
    replace("deck.yaml", "    tags: [fictional]\n", IMAGE_LINES)(sample_copy)
    report = load_deck(sample_copy)
    assert any("is damaged" in p.message and p.line == 11 for p in report.errors)
    card = report.deck.card("ada-example")
    assert card.image is None and card.image_credit is None and card.image_license is None


def test_a_credit_without_an_image_is_a_warning(sample_copy):
    replace("deck.yaml", "    tags: [fictional]\n", "    image_credit: Jo\n")(sample_copy)
    report = load_deck(sample_copy)
    assert not report.errors
    assert any("image_credit without an image" in p.message and p.line == 11 for p in report.warnings)


def test_a_replaced_image_is_checked_again(sample_copy):
    """The check is remembered per file version; a designer's fix must show at the next reload."""
    path = sample_copy / "ada.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    replace("deck.yaml", "    tags: [fictional]\n", IMAGE_LINES)(sample_copy)
    assert load_deck(sample_copy).errors
    path.write_bytes(png_bytes())
    assert not load_deck(sample_copy).errors


@pytest.mark.parametrize("size, focus, expected", [
    ((200, 100), (0.5, 0.5), (50, 0, 150, 100)),     # wide image, square box: the middle
    ((200, 100), (0.0, 0.5), (0, 0, 100, 100)),      # focus at the left edge: as far left as possible
    ((200, 100), (0.9, 0.5), (100, 0, 200, 100)),    # near the right edge: clamped inside
    ((100, 300), (0.5, 0.2), (0, 10, 100, 110)),     # tall photo, face near the top
    ((100, 100), (0.3, 0.3), (0, 0, 100, 100)),      # same aspect: the whole image
])
def test_the_crop_keeps_the_focus_in_view_and_never_stretches(size, focus, expected):
    box = focus_crop(*size, 1.0, focus)
    assert box == pytest.approx(expected)
    assert (box[2] - box[0]) == pytest.approx(box[3] - box[1])  # the box's aspect, so no stretching
