"""The deck format, written once: what `deck.yaml` and each `<language>.yaml` may contain.

cards/README.md explains it for people; `python main.py schema` writes it as JSON Schema.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, localedata

from game.decks.spec import (INVALID, Boolean, Choice, Integer, Key, ListOf, MapOf, Number, Pattern, Record,
                             Spec, Text)

FORMAT_VERSION = 1
DECK_FILE = "deck.yaml"

CATEGORIES = ("fled", "moved", "child_of_migrants", "advocate")
FIELDS = ("science", "literature", "arts", "music", "film", "sport", "innovation", "public_life")
GENDERS = ("woman", "man", "nonbinary")
TEXT_FIELDS = ("name", "known_for", "story", "clues", "statements", "question", "note")
REQUIRED_TEXT_FIELDS = ("name", "known_for", "story", "clues", "statements", "question")

CARD_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
LANGUAGE_CODE = r"[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_[A-Z]{2})?"
WIKIDATA_ITEM = r"Q[1-9][0-9]{0,11}"
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}  # CLDR regions that are not countries


@cache
def country_codes() -> tuple[str, ...]:
    """ISO 3166-1 alpha-2 codes CLDR can name (plus XK, Kosovo, which CLDR also names)."""
    return tuple(sorted(code for code in Locale("en").territories
                        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES))


def is_known_language(code: str) -> bool:
    return localedata.exists(code)


class LanguageCode(Pattern):
    """A language code CLDR knows, such as `bg` or `pt_BR`."""

    def __init__(self, doc: str = ""):
        super().__init__(LANGUAGE_CODE, "a language code such as 'en', 'bg' or 'pt_BR'", doc)

    def check(self, value, mark, checker):
        checked = super().check(value, mark, checker)
        if checked is not INVALID and not is_known_language(checked):
            checker.error(mark, f"unknown language code '{checked}'; use an ISO 639 code such as 'bg'")
            return INVALID
        return checked


def _url(doc: str) -> Spec:
    return Pattern(r"https?://[^\s]+", "a web address starting with https://", doc)


def deck_spec() -> Record:
    card = Record(doc="One person: the facts that do not depend on language.", keys={
        "id": Key(Pattern(CARD_ID, "a card id: lowercase letters, digits and single hyphens",
                          "Stable id; never change it. Language files use it as the key."), True),
        "gender": Key(Choice("gender", GENDERS, "Used for balance checks only."), True),
        "born": Key(Integer(-3000, 2100, "Year of birth."), True),
        "died": Key(Integer(-3000, 2100, "Year of death; leave out for living people.")),
        "field": Key(Choice("field", FIELDS, "What the person is known in."), True),
        "categories": Key(ListOf(Choice("category", CATEGORIES), 1, True,
                                 "The hidden categories that apply."), True),
        "reasons": Key(MapOf(Choice("category", CATEGORIES), Text(),
                             "Category -> one line on why it applies (the rule in cards/README.md and the fact "
                             "it rests on), so a reviewer can check the decision without the biography.")),
        "countries": Key(ListOf(Choice("country code", country_codes(), show_all=False), 1, True,
                                "ISO 3166-1 alpha-2 codes in the order of the person's life."), True),
        "tags": Key(ListOf(Pattern(CARD_ID, "a tag: lowercase letters, digits and hyphens"), 0, True,
                           "Free words for card filters.")),
        "source": Key(_url("An encyclopedic article that supports the card."), True),
        "sources": Key(ListOf(_url("A further reference."), 0, True)),
        "wikidata": Key(Pattern(WIKIDATA_ITEM, "a Wikidata item id such as Q937 (a capital Q and digits)",
                                "The person's Wikidata item; 'python main.py portraits' fetches a free portrait "
                                "with it.")),
        "image": Key(Text("A PNG, JPEG or WebP file inside the deck folder, at most 5 MB and 25 megapixels; "
                          "its name must end in the format it is (.png, .jpg, .jpeg, .webp).")),
        "image_credit": Key(Text("The image's author (photographer, painter); required with an image.")),
        "image_license": Key(Text("The image's licence, short: 'CC BY-SA 4.0', 'CC0', 'public domain'; "
                                  "required with an image.")),
        "image_source": Key(_url("Where the image comes from, e.g. its page on Wikimedia Commons.")),
        "image_focus": Key(ListOf(Number(0, 1), 2, doc="[x, y] from 0 to 1: the point of the image to keep in "
                                                     "view when it is cropped to the portrait box (default "
                                                     "[0.5, 0.5], the centre; [0.5, 0.3] keeps a face near the "
                                                     "top).", max_items=2)),
    })
    return Record(doc="Language-neutral facts of a deck (cards/<deck>/deck.yaml).", keys={
        "format": Key(Integer(FORMAT_VERSION, FORMAT_VERSION, "Version of the deck format."), True),
        "source_language": Key(LanguageCode("The language every translation is made from."), True),
        "cards": Key(ListOf(card, 1, doc="The people in the deck.", drop_invalid=True), True),
    })


def language_spec() -> Record:
    statement = Record(doc="A statement for 'Fact or fiction'.", keys={
        "text": Key(Text("The statement read to the players."), True),
        "answer": Key(Boolean("true if the statement is a fact, false if it is fiction."), True),
        "explanation": Key(Text("One line shown after the vote."), True),
    })
    card_text = Record(doc="The text of one card in this language.", keys={
        "translated_from": Key(Pattern(r"[0-9a-f]{8}", "a fingerprint of 8 hex digits (see "
                                       "'python main.py translations')",
                                       "Fingerprint of the source text this translation was made from.")),
        "name": Key(Text("The name as written in this language.")),
        "known_for": Key(Text("One line on the card front; must not reveal the hidden story.")),
        "story": Key(Text("The unknown story, achievements first.")),
        "clues": Key(ListOf(Text(), 1, doc="Clues for 'Who am I?', from hard to easy.")),
        "statements": Key(ListOf(statement, 1, doc="Statements for 'Fact or fiction'.")),
        "question": Key(Text("An open discussion question.")),
        "note": Key(Text("A note for the facilitator.")),
    })
    return Record(doc="The text of a deck in one language (cards/<deck>/<language>.yaml).", keys={
        "language": Key(LanguageCode("Must match the file name."), True),
        "title": Key(Text("The deck's title in this language.")),
        "description": Key(Text("One or two sentences about the deck.")),
        "categories": Key(MapOf(Choice("category", CATEGORIES), Text(),
                                "Display names of the hidden categories.")),
        "fields": Key(MapOf(Choice("field", FIELDS), Text(), "Display names of the fields.")),
        "cards": Key(MapOf(Pattern(CARD_ID, "a card id"), card_text, "Card id -> text.", drop_invalid=True),
                     True),
    })


def json_schemas() -> dict[str, dict]:
    """The JSON Schemas shipped in cards/schema/ for editors."""
    base = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    return {
        "deck.schema.json": base | {"title": "The UnKnown deck facts"} | deck_spec().json_schema(),
        "language.schema.json": base | {"title": "The UnKnown deck language file"}
        | language_spec().json_schema(),
    }
