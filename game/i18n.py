"""UI translation: gettext catalogs compiled from locales/*.po at startup, plus CLDR names via Babel.

Strings are marked with N_() where they are defined and translated with _() when drawn, so a
language switch shows on the next frame. Catalogs are compiled in memory from the .po files each
time the app starts, so they are never stale. Plain Python: no pygame.
"""

from __future__ import annotations

import gettext
import io
import locale
import os
import threading
from contextlib import contextmanager
from functools import cache
from typing import Iterator

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from game import bundled

LOCALES_DIR = bundled.LOCALES
DOMAIN = "messages"
DEFAULT_LANGUAGE = "en"

_current_language = DEFAULT_LANGUAGE
_current: gettext.NullTranslations = gettext.NullTranslations()
_thread = threading.local()  # a language for one thread only: an export in the print language


def available_languages() -> list[str]:
    """English plus every language with a catalog, in a stable order."""
    found = sorted(path.parent.parent.name for path in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [DEFAULT_LANGUAGE] + [code for code in found if code != DEFAULT_LANGUAGE]


@cache
def translations(language: str) -> gettext.NullTranslations:
    """Compile locales/<language>/LC_MESSAGES/messages.po in memory; English needs no catalog."""
    po = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language not in available_languages():  # e.g. --lang ../../x: never a path outside locales/
        return gettext.NullTranslations()
    if not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as file:
        catalog = read_po(file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def set_language(language: str) -> None:
    global _current_language, _current
    _current_language = language
    _current = translations(language)


def current_language() -> str:
    return getattr(_thread, "language", None) or _current_language


@contextmanager
def language_in_this_thread(language: str) -> Iterator[None]:
    """Translate in `language` on this thread only, so a background export in the print language
    leaves the screen in the screen language."""
    previous = getattr(_thread, "language", None)
    _thread.language = language
    try:
        yield
    finally:
        _thread.language = previous


def _active() -> gettext.NullTranslations:
    language = getattr(_thread, "language", None)
    return translations(language) if language else _current


def next_language() -> str:
    """Switch to the next UI language (for a button that cycles through them)."""
    languages = available_languages()
    current = languages.index(_current_language) if _current_language in languages else -1
    set_language(languages[(current + 1) % len(languages)])
    return _current_language


def system_language() -> str:
    """The system's UI language when we have a catalog for it, else English."""
    candidates = [os.environ.get(name, "") for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")]
    candidates.append(locale.getlocale()[0] or "")
    available = available_languages()
    for candidate in candidates:
        for part in candidate.split(":"):
            code = part.split(".")[0].split("_")[0].lower()
            if code in available:
                return code
    return DEFAULT_LANGUAGE


def _(message: str) -> str:
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, when drawn."""
    return message


def language_name(code: str, in_language: str | None = None) -> str:
    """A language's name from CLDR, by default in that language itself (for pickers)."""
    try:
        name = Locale.parse(code).get_display_name(Locale.parse(in_language or code))
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:] if name else code


def country_name(code: str, in_language: str | None = None) -> str:
    try:
        return Locale.parse(in_language or current_language()).territories.get(code, code)
    except (UnknownLocaleError, ValueError):
        return code
