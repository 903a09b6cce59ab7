"""A corpus of malformed decks: each gives a clear path:line:column message and exit status 1,
while a good deck beside it still loads."""

import io
import re
import shutil
import struct
import zlib

import pytest
from PIL import Image

from game.cli import main
from game.decks import load_deck, load_decks
from game.decks.yamlfile import MAX_FILE_BYTES
from tests.conftest import SAMPLE_DECK

IMAGE_LINES = "    image: ada.png\n    image_credit: Ada's friend\n    image_license: CC0\n"


def png_bytes(image_format="PNG", size=(40, 30)) -> bytes:
    """A small real image, encoded in memory."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, image_format)
    return buffer.getvalue()


def bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height pixels: decoding it would need gigabytes."""
    data = bytearray(png_bytes(size=(1, 1)))
    ihdr = data[12:29]  # chunk type + 13 bytes of header data
    ihdr[4:12] = struct.pack(">II", width, height)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)))
    return bytes(data)


DECK_HEAD = "format: 1\nsource_language: en\ncards:\n"
ADA = ("  - id: ada-example\n    gender: woman\n    born: 1950\n    field: science\n"
       "    categories: [moved]\n    countries: [BG]\n    source: https://example.org/a\n")


def replace(file, old, new):
    """A mutation: replace text in one file of the sample deck."""
    def mutate(deck):
        path = deck / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture text {old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mutate


def write(file, content):
    def mutate(deck):
        (deck / file).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return mutate


# (case, mutation, file with the problem, line, message fragment)
CASES = [
    ("yaml syntax", replace("en.yaml", "title: Sample deck", "title: [Sample deck"), "en.yaml", 3, "YAML syntax error"),
    ("colon in text", replace("en.yaml", "known_for: Composer of film music", "known_for: Composer: film music"),
     "en.yaml", 34, "quote text that contains ': '"),
    ("tab indentation", replace("deck.yaml", "    gender: woman\n    born: 1950", "\tgender: woman\n    born: 1950"),
     "deck.yaml", 6, "tab is used for indentation"),
    ("invalid utf-8", write("en.yaml", b"language: en\ntitle: Sample \xe9\n"), "en.yaml", 2, "not valid UTF-8"),
    ("empty deck file", write("deck.yaml", ""), "deck.yaml", 1, "the file is empty"),
    ("only comments", write("bg.yaml", "# nothing yet\n"), "bg.yaml", 1, "the file is empty"),
    ("top level is a list", write("deck.yaml", "- a\n- b\n"), "deck.yaml", 1, "expected a mapping of keys"),
    ("unknown key with hint", replace("deck.yaml", "    born: 1950", "    bron: 1950"), "deck.yaml", 7,
     "unknown key 'bron'; did you mean 'born'?"),
    ("missing key", replace("deck.yaml", "    gender: man\n", ""), "deck.yaml", 13, "missing key: gender"),
    ("wrong type", replace("deck.yaml", "born: 1931", "born: nineteen"), "deck.yaml", 15, "expected a whole number"),
    ("number as text", replace("en.yaml", "name: Ada Example", "name: 1984"), "en.yaml", 14, "put it in quotes"),
    ("boolean expected", replace("en.yaml", "answer: true", "answer: maybe"), "en.yaml", 26, "expected true or false"),
    ("duplicate key", replace("en.yaml", "    name: Ada Example\n", "    name: Ada Example\n    name: Ada\n"),
     "en.yaml", 15, "duplicate key 'name'"),
    ("duplicate card id", replace("deck.yaml", "id: boris-sample", "id: ada-example"), "deck.yaml", 13,
     "duplicate card id 'ada-example'"),
    ("language names a missing card", replace("bg.yaml", "  chloe-demo:", "  chloe-dem0:"), "bg.yaml", 48,
     "card 'chloe-dem0' is not in deck.yaml; did you mean 'chloe-demo'?"),
    ("unknown category", replace("deck.yaml", "categories: [fled]", "categories: [fleed]"), "deck.yaml", 18,
     "unknown category 'fleed'; did you mean 'fled'?"),
    ("unknown field", replace("deck.yaml", "field: music", "field: musik"), "deck.yaml", 17, "unknown field 'musik'"),
    ("unknown country", replace("deck.yaml", "countries: [UA, PL, GB]", "countries: [UA, PL, UK]"), "deck.yaml", 19,
     "unknown country code 'UK'"),
    ("unknown language file", write("xx.yaml", "language: xx\ncards: {}\n"), "xx.yaml", 1, "not named after a language"),
    ("unknown source language", replace("deck.yaml", "source_language: en", "source_language: qq"), "deck.yaml", 3,
     "unknown language code 'qq'"),
    ("language does not match file", replace("bg.yaml", "language: bg", "language: pl"), "bg.yaml", 2,
     "language is 'pl' but the file is bg.yaml"),
    ("image missing", replace("deck.yaml", "    tags: [fictional]\n", "    image: ada.png\n    image_credit: me\n"),
     "deck.yaml", 11, "image file 'ada.png' not found"),
    ("image leaves the deck", replace("deck.yaml", "    tags: [fictional]\n", "    image: ../../secret.png\n"),
     "deck.yaml", 11, "leaves the deck folder"),
    ("absolute image path", replace("deck.yaml", "    tags: [fictional]\n", "    image: /etc/passwd\n"),
     "deck.yaml", 11, "leaves the deck folder"),
    ("not an image", lambda d: (write("fake.png", "not a png")(d), replace("deck.yaml", "    tags: [fictional]\n",
                                "    image: fake.png\n    image_credit: me\n")(d)),
     "deck.yaml", 11, "is not a PNG, JPEG or WebP image"),
    ("image without credit", lambda d: (write("ada.png", png_bytes())(d),
                                        replace("deck.yaml", "    tags: [fictional]\n", "    image: ada.png\n")(d)),
     "deck.yaml", 11, "an image needs image_credit and image_license"),
    ("image without licence", lambda d: (write("ada.png", png_bytes())(d),
                                         replace("deck.yaml", "    tags: [fictional]\n",
                                                 "    image: ada.png\n    image_credit: Ada's friend\n")(d)),
     "deck.yaml", 11, "an image needs image_license"),
    ("image named after another format", lambda d: (write("ada.png", png_bytes("JPEG"))(d),
                                                    replace("deck.yaml", "    tags: [fictional]\n", IMAGE_LINES)(d)),
     "deck.yaml", 11, "'ada.png' is a JPEG image but its name ends in .png; rename it to ada.jpg"),
    ("damaged image", lambda d: (write("ada.png", png_bytes()[:60])(d),
                                 replace("deck.yaml", "    tags: [fictional]\n", IMAGE_LINES)(d)),
     "deck.yaml", 11, "'ada.png' is damaged and cannot be decoded"),
    ("decompression bomb", lambda d: (write("ada.png", bomb_png(30_000, 30_000))(d),
                                      replace("deck.yaml", "    tags: [fictional]\n", IMAGE_LINES)(d)),
     "deck.yaml", 11, "'ada.png' has too many pixels"),
    ("bad wikidata id", replace("deck.yaml", "    tags: [fictional]\n", "    wikidata: q42\n"), "deck.yaml", 11,
     "'q42' is not a Wikidata item id such as Q937"),
    ("focus out of range", replace("deck.yaml", "    tags: [fictional]\n", "    image_focus: [0.5, 1.2]\n"),
     "deck.yaml", 11, "1.2 is out of range; use a number from 0 to 1"),
    ("focus with three numbers", replace("deck.yaml", "    tags: [fictional]\n", "    image_focus: [0.5, 0.5, 1]\n"),
     "deck.yaml", 11, "the list may have at most 2 items"),
    ("bad image source", replace("deck.yaml", "    tags: [fictional]\n", "    image_source: commons\n"),
     "deck.yaml", 11, "a web address"),
    ("file too large", write("bg.yaml", "language: bg\n" + "#" * (MAX_FILE_BYTES + 1) + "\ncards: {}\n"), "bg.yaml", 1,
     f"at most {MAX_FILE_BYTES // 2**20} MiB"),
    ("alias bomb", write("bg.yaml", "language: bg\ncards: {}\n" + "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(7))), "bg.yaml", 6,
     "aliases repeat too much"),
    ("deep block nesting", write("bg.yaml", "language: bg\ncards:\n" + "".join(
        f"{'  ' * depth}k{depth}:\n" for depth in range(1, 40)) + "  " * 40 + "x\n"), "bg.yaml", 26,
     "nesting is deeper than"),
    # libyaml may stop such a file itself, in its own words; either way the message is located and one line.
    ("deep flow nesting", write("bg.yaml", "language: bg\ncards: " + "[" * 5000 + "]" * 5000 + "\n"), "bg.yaml", 2,
     ""),
    ("two documents", replace("en.yaml", "language: en\n", "language: en\n---\n"), "en.yaml", 2, "second YAML document"),
    ("python tag", replace("deck.yaml", "format: 1", "format: !!python/object/apply:os.system [echo hacked]"),
     "deck.yaml", 2, "the tag !!python/object/apply:os.system is not allowed"),
    ("unknown alias", replace("en.yaml", "question: How can music", "question: *nothing\n    x: How can music"),
     "en.yaml", 46, "unknown alias *nothing"),
    ("died before born", replace("deck.yaml", "died: 2001", "died: 1901"), "deck.yaml", 16, "is before born"),
    ("wrong format version", replace("deck.yaml", "format: 1", "format: 2"), "deck.yaml", 2, "out of range"),
    ("statement answer flipped", replace("bg.yaml", "answer: true\n        explanation: На 24", "answer: false\n"
                                         "        explanation: На 24"), "bg.yaml", 24, "with the same answers"),
    ("source text missing", replace("en.yaml", "    question: Why do some stories travel well between countries?\n",
                                    ""), "en.yaml", 64, "card 'dara-test' needs question"),
    ("empty text", replace("en.yaml", "name: Chloé Demo", "name: ''"), "en.yaml", 49, "the text is empty"),
    ("bad card id", replace("deck.yaml", "id: dara-test", "id: Dara Test"), "deck.yaml", 28, "is not a card id"),
    ("bad url", replace("deck.yaml", "source: https://example.org/chloe-demo", "source: example.org"), "deck.yaml", 27,
     "a web address"),
    ("control character", replace("en.yaml", "title: Sample deck", "title: Sample\x07deck"), "en.yaml", 2,
     "control character U+0007"),
    ("country listed twice", replace("deck.yaml", "countries: [GR, SE]", "countries: [GR, SE, GR]"), "deck.yaml", 26,
     "'GR' is listed twice"),
    ("cards is not a list", write("deck.yaml", DECK_HEAD.replace("cards:\n", "cards: many\n")), "deck.yaml", 3,
     "expected a list"),
    ("no cards at all", write("deck.yaml", DECK_HEAD.replace("cards:\n", "cards: []\n")), "deck.yaml", 3,
     "needs at least 1 item"),
    ("bad fingerprint", replace("bg.yaml", 'translated_from: "db56da7c"', 'translated_from: "xyz"'), "bg.yaml", 11,
     "fingerprint of 8 hex digits"),
    ("source language without title", replace("en.yaml", "title: Sample deck\n", ""), "en.yaml", 1,
     "the source language file needs: title"),
]


@pytest.fixture
def decks(tmp_path):
    """A folder with the malformed deck and a good deck beside it."""
    shutil.copytree(SAMPLE_DECK, tmp_path / "bad")
    shutil.copytree(SAMPLE_DECK, tmp_path / "good")
    return tmp_path


@pytest.mark.parametrize("case, mutate, file, line, fragment", CASES, ids=[c[0] for c in CASES])
def test_malformed_deck_gives_a_located_message(decks, capsys, case, mutate, file, line, fragment):
    mutate(decks / "bad")
    assert main(["validate", str(decks)]) == 1
    out = capsys.readouterr().out
    pattern = rf"^\S*bad/{re.escape(file)}:{line}:(\d+): error: .*{re.escape(fragment)}"
    assert re.search(pattern, out, re.MULTILINE), out
    assert "Traceback" not in out
    assert not any("good/" in l and "error" in l for l in out.splitlines()), out
    reports = {r.path.name: r for r in load_decks(decks)}
    assert reports["good"].deck is not None and not reports["good"].errors


def test_a_python_tag_runs_no_code(tmp_path, monkeypatch):
    deck = tmp_path / "tagged"
    shutil.copytree(SAMPLE_DECK, deck)
    marker = tmp_path / "ran"
    replace("deck.yaml", "format: 1", f"format: !!python/object/apply:os.system ['touch {marker}']")(deck)
    replace("en.yaml", "language: en", f"language: !!python/object/new:os.system ['touch {marker}']")(deck)
    report = load_deck(deck)
    assert report.deck is None and not marker.exists()


def test_one_bad_card_leaves_the_rest_of_the_deck_loaded(decks):
    replace("deck.yaml", "categories: [fled]", "categories: [fleed]")(decks / "bad")
    report = load_deck(decks / "bad")
    assert report.errors and report.deck is not None
    assert [c.id for c in report.deck.cards] == ["ada-example", "chloe-demo", "dara-test"]


def test_every_problem_in_a_file_is_reported(decks, capsys):
    for old, new in [("born: 1950", "born: x"), ("field: music", "field: y"), ("categories: [child_of_migrants]",
                                                                           "categories: [z]")]:
        replace("deck.yaml", old, new)(decks / "bad")
    main(["validate", str(decks / "bad")])
    assert len(re.findall(r"deck\.yaml:\d+:\d+: error", capsys.readouterr().out)) == 3


def test_missing_translation_is_a_warning_not_a_failure(capsys):
    assert main(["validate", str(SAMPLE_DECK)]) == 0
    assert re.search(r"bg\.yaml:\d+:\d+: warning: 1 card is not translated", capsys.readouterr().out)


def test_a_path_that_is_not_a_deck_is_a_clear_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_problems_are_attributed_to_the_card_they_concern(decks):
    from game.decks import problems_by_card
    replace("deck.yaml", "field: music", "field: musik")(decks / "bad")                  # boris-sample
    replace("en.yaml", "name: Chloé Demo", "name: 7")(decks / "bad")                      # chloe-demo
    report = load_deck(decks / "bad")
    by_card, general = problems_by_card(report)
    assert ["unknown field" in p.message for p in by_card["boris-sample"]] == [True]
    assert ["put it in quotes" in p.message for p in by_card["chloe-demo"] if p.is_error] == [True]
    assert any("no reason for child_of_migrants" in p.message for p in by_card["chloe-demo"])  # from deck.yaml
    assert [p.severity for p in general] == ["warning"]                                  # bg: 1 card not translated


def test_a_category_without_a_reason_is_a_warning_and_a_reason_without_a_category_an_error(decks, capsys):
    replace("deck.yaml", "    categories: [fled]\n", "    categories: [fled]\n    reasons:\n      fled: Escaped the war.\n"
            "      moved: Chose to live abroad.\n")(decks / "bad")
    replace("deck.yaml", "    categories: [moved, advocate]\n",
            "    categories: [moved, advocate]\n    reasons:\n      moved: Chose to work in France.\n")(decks / "bad")
    report = load_deck(decks / "bad")
    messages = [(p.line, p.severity, p.message) for p in report.problems if "reason" in p.message]
    assert (9, "warning", "card 'ada-example' has no reason for advocate; add 'reasons:' with one line per "
                           "category (see cards/README.md)") in messages
    assert any(line == 23 and severity == "error" and "reason for 'moved' but its categories are [fled]" in message
               for line, severity, message in messages)
    assert report.deck.card("ada-example").reason("moved") == "Chose to work in France."
    assert main(["validate", str(decks / "bad")]) == 1
