"""The UnKnown: an intercultural card game for facilitated workshops."""

__version__ = "0.1.0"
