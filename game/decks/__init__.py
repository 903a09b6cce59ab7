"""Decks: YAML folders -> validated, immutable models. Plain Python; never imports pygame.

The names below are loaded when first asked for (PEP 562), so a module that needs only the models
does not pay for the YAML reader and the image checks: the game's first frame comes sooner."""

from importlib import import_module

_WHERE = {
    "CATEGORIES": "format", "FIELDS": "format", "json_schemas": "format",
    "deck_folders_in": "loader", "find_decks": "loader", "load_deck": "loader", "load_decks": "loader",
    "problems_by_card": "loader",
    "Card": "model", "CardText": "model", "Deck": "model", "DeckReport": "model", "Edition": "model",
    "Statement": "model", "fingerprint": "model", "Problem": "problems",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'game.decks' has no attribute {name!r}")
    value = getattr(import_module(f"game.decks.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
