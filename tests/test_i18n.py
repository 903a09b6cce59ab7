"""UI translation: complete catalogs, CLDR plurals and names, glyphs for every drawn character,
and a language switch that shows on the next frame."""

import gettext
import re
import string

import pygame
import pytest
from babel.messages.extract import extract_from_dir
from babel import Locale
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont

from game import i18n
from game.textdir import has_rtl
from game.screenshots import SCENES, build
from tests.conftest import PROJECT

LOCALES = PROJECT / "locales"
UI_LANGUAGES = ["en", "bg", "pl", "uk", "el", "it", "sv", "cs", "ar", "fa"]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def catalog(language):
    with (LOCALES / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file, locale=language)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_ui_language_has_a_catalog():
    assert i18n.available_languages() == ["en", "ar", "bg", "cs", "el", "fa", "it", "pl", "sv", "uk"]


def test_every_string_in_game_is_in_the_template():
    with (LOCALES / "messages.pot").open("rb") as file:
        template = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(file) if message.id}
    found = {message if isinstance(message, str) else message[0]
             for _, _, message, _, _ in ((*m[:3], None, None) if len(m) < 5 else m for m in
                                         extract_from_dir(PROJECT / "game", keywords=KEYWORDS,
                                                          method_map=[("**.py", "python")]))}
    missing = sorted(found - template)
    assert not missing, f"run pybabel extract/update (see README): not in locales/messages.pot: {missing[:5]}"


def test_no_translation_call_hides_inside_an_f_string():
    """Babel cannot see _("...") written inside an f-string, so such text would never be translated."""
    pattern = re.compile(r"""f(["']).*?\{\s*(_|ngettext|N_)\(\s*["']""")
    offenders = [f"{path.relative_to(PROJECT)}:{number}" for path in (PROJECT / "game").rglob("*.py")
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not offenders, offenders


@pytest.mark.parametrize("language", UI_LANGUAGES[1:])
def test_catalog_is_complete_with_no_fuzzy_entry_and_intact_placeholders(language):
    problems = []
    for message in catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {ids[0]!r}")
        if not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
        wanted = placeholders(ids[0]) | (placeholders(ids[1]) if len(ids) > 1 else set())
        for translated in strings:
            if translated and placeholders(translated) != wanted:
                problems.append(f"placeholders {placeholders(translated)} != {wanted}: {translated!r}")
    assert not problems, problems[:10]


@pytest.mark.parametrize("language, forms", [
    ("bg", {1: "1 точка", 5: "5 точки"}),
    ("pl", {1: "1 punkt", 2: "2 punkty", 5: "5 punktów", 22: "22 punkty"}),
    ("uk", {1: "1 бал", 2: "2 бали", 5: "5 балів", 21: "21 бал"}),
])
def test_plural_forms_follow_cldr(language, forms):
    translations = i18n.translations(language)
    for count, expected in forms.items():
        assert translations.ngettext("{count} point", "{count} points", count).format(count=count) == expected


PLURAL_SAMPLES = [*range(1001), 1_000_000, 2_000_000, 1_000_001, 10**9, 10**12 + 2, 10**15 + 5]


@pytest.mark.parametrize("language", UI_LANGUAGES[1:])
def test_catalog_plural_forms_pick_the_same_form_as_cldr(language):
    """Compare what the rules do, not how a Babel version writes them: the catalog's form index must
    split the counts exactly as CLDR's plural categories do (one index per category)."""
    header = catalog(language)
    form_of = gettext.c2py(header.plural_expr)
    category_of = Locale.parse(language).plural_form
    index_for = {}
    for n in PLURAL_SAMPLES:
        assert index_for.setdefault(category_of(n), form_of(n)) == form_of(n), (n, category_of(n))
    assert len(set(index_for.values())) == len(index_for) == header.num_plurals


def test_italian_many_form_reads_like_other_with_digits():
    """CLDR gives Italian a third form ("1 milione di punti") for round millions; we always write the
    number in digits, where "1000000 punti" is right, so the catalog repeats the plural text there."""
    italian = i18n.translations("it")
    assert italian.ngettext("{count} point", "{count} points", 1_000_000) == \
        italian.ngettext("{count} point", "{count} points", 5) == "{count} punti"


def test_language_and_country_names_come_from_cldr():
    assert i18n.language_name("bg") == "Български"
    assert i18n.language_name("uk") == "Українська"
    assert i18n.language_name("el") == "Ελληνικά"
    assert i18n.country_name("DE", "bg") == "Германия" and i18n.country_name("DE", "pl") == "Niemcy"


def test_system_language_is_followed_and_falls_back_to_english(monkeypatch):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("locale.getlocale", lambda *a: (None, None))
    monkeypatch.setenv("LANG", "uk_UA.UTF-8")
    assert i18n.system_language() == "uk"
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert i18n.system_language() == "en"


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_every_scene_in_every_ui_language_has_glyphs_for_every_character(language, drawn, tmp_path, monkeypatch):
    monkeypatch.setenv("THE_UNKNOWN_DATA", str(tmp_path))
    fonts = {path.stem: TTFont(path).getBestCmap() for path in sorted((PROJECT / "assets" / "fonts").glob("*.ttf"))}
    plain = [cmap for name, cmap in fonts.items() if "WithArabic" not in name]   # lines without right-to-left text
    rtl = [cmap for name, cmap in fonts.items() if "WithArabic" in name]         # lines with some
    card_language = language if language in ("en", "ar", "bg", "pl", "uk", "el", "it", "sv", "fa") else "en"
    for scene in SCENES:
        app = build(scene, PROJECT / "cards", (960, 540), card_language, "bg" if card_language != "bg" else "uk",
                    ui_language=language, presenter=True)
        app.draw(app.screen)
        app.console.draw()
        app.close()
    assert drawn, "nothing was drawn"
    missing = {ch for text in drawn for ch in text
               if not ch.isspace() and any(ord(ch) not in c for c in (rtl if has_rtl(text) else plain))}
    assert not missing, f"{language}: no glyph for {sorted(missing)}"


def test_switching_language_redraws_in_the_new_language_without_restart(drawn, tmp_path, monkeypatch):
    monkeypatch.setenv("THE_UNKNOWN_DATA", str(tmp_path))
    app = build("menu", PROJECT / "cards", (960, 540), "en", None, ui_language="en")
    app.draw(app.screen)
    assert "Continue" in drawn
    drawn.clear()
    for code in ("language", "bg"):      # the menu entry opens the list of languages; choose Bulgarian
        button = next(b for b in app.top.buttons(app.size) if b.intent.text == code)
        drawn.clear()
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(button.box.x + 5, button.box.y + 5)))
        app.step()   # the frame right after the click is already in the new language
    assert i18n.current_language() == "bg"
    assert any("Продължи" in text or "Продължете" in text for text in drawn), drawn
    app.close()
    i18n.set_language("en")
