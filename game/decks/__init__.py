"""Decks: YAML folders -> validated, immutable models. Plain Python; never imports pygame."""

from game.decks.format import CATEGORIES, FIELDS, json_schemas
from game.decks.loader import find_decks, load_deck, load_decks, problems_by_card
from game.decks.model import Card, CardText, Deck, DeckReport, Edition, Statement, fingerprint
from game.decks.problems import Problem

__all__ = ["CATEGORIES", "FIELDS", "Card", "CardText", "Deck", "DeckReport", "Edition", "Problem",
           "Statement", "find_decks", "fingerprint", "json_schemas", "load_deck", "load_decks", "problems_by_card"]
