"""A small vocabulary for describing deck files once, and using that description twice.

Each spec checks a value read by `yamlfile` (reporting every problem with its line and column and
a hint) and also writes itself out as JSON Schema, so the schema editors autocomplete from can
never disagree with what the validator accepts.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from game.decks.problems import Problem
from game.decks.yamlfile import Mark, YamlList, YamlMap

INVALID = object()  # returned by a spec whose value had an error (already reported)


@dataclass
class Checker:
    """Collects the problems of one file."""

    path: Path
    problems: list[Problem] = field(default_factory=list)

    def error(self, mark: Mark, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.path, mark[0], mark[1], message, severity))

    @property
    def error_count(self) -> int:
        return sum(p.is_error for p in self.problems)


def describe(value) -> str:
    """How a wrong value looks to a person who typed it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ('{value[:40]}')"
    if isinstance(value, list):
        return "a list"
    return "a mapping of keys"


def closest(word: str, choices) -> str | None:
    """The known word a typo most likely meant, if any is close enough."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return close[0] if close else None


def suggestion(word: str, choices) -> str:
    match = closest(word, choices)
    return f"; did you mean '{match}'?" if match else ""


class Spec:
    doc = ""

    def check(self, value, mark: Mark, checker: Checker):
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError

    def _wrong(self, value, mark, checker, expected: str):
        quote = "; put it in quotes" if expected == "text" and isinstance(value, (int, float)) else ""
        checker.error(mark, f"expected {expected}, found {describe(value)}{quote}")
        return INVALID


@dataclass
class Text(Spec):
    doc: str = ""

    def check(self, value, mark, checker):
        if not isinstance(value, str):
            return self._wrong(value, mark, checker, "text")
        if not value.strip():
            checker.error(mark, "the text is empty; write something or remove the key")
            return INVALID
        return value.strip()

    def json_schema(self):
        return {"type": "string", "minLength": 1, "description": self.doc}


@dataclass
class Integer(Spec):
    low: int
    high: int
    doc: str = ""

    def check(self, value, mark, checker):
        if not isinstance(value, int) or isinstance(value, bool):
            return self._wrong(value, mark, checker, f"a whole number from {self.low} to {self.high}")
        if not self.low <= value <= self.high:
            checker.error(mark, f"{value} is out of range; use a number from {self.low} to {self.high}")
            return INVALID
        return value

    def json_schema(self):
        return {"type": "integer", "minimum": self.low, "maximum": self.high, "description": self.doc}


@dataclass
class Number(Spec):
    """A number, whole or decimal, within a range (e.g. a focal point from 0 to 1)."""

    low: float
    high: float
    doc: str = ""

    def check(self, value, mark, checker):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return self._wrong(value, mark, checker, f"a number from {self.low:g} to {self.high:g}")
        if not self.low <= value <= self.high:
            checker.error(mark, f"{value} is out of range; use a number from {self.low:g} to {self.high:g}")
            return INVALID
        return float(value)

    def json_schema(self):
        return {"type": "number", "minimum": self.low, "maximum": self.high, "description": self.doc}


@dataclass
class Boolean(Spec):
    doc: str = ""

    def check(self, value, mark, checker):
        if not isinstance(value, bool):
            return self._wrong(value, mark, checker, "true or false")
        return value

    def json_schema(self):
        return {"type": "boolean", "description": self.doc}


@dataclass
class Choice(Spec):
    """One of a fixed set of codes, e.g. a category or a country."""

    what: str
    choices: tuple[str, ...]
    doc: str = ""
    show_all: bool = True

    def check(self, value, mark, checker):
        if not isinstance(value, str) or value not in self.choices:
            allowed = f"; use one of: {', '.join(self.choices)}" if self.show_all else ""
            checker.error(mark, f"unknown {self.what} '{value}'{suggestion(value, self.choices) or allowed}")
            return INVALID
        return value

    def json_schema(self):
        return {"enum": list(self.choices), "description": self.doc}


@dataclass
class Pattern(Spec):
    regex: str
    hint: str
    doc: str = ""

    def check(self, value, mark, checker):
        if not isinstance(value, str):
            return self._wrong(value, mark, checker, "text")
        if not re.fullmatch(self.regex, value):
            checker.error(mark, f"'{value}' is not {self.hint}")
            return INVALID
        return value

    def json_schema(self):
        return {"type": "string", "pattern": f"^(?:{self.regex})$", "description": self.doc}


def _with_marks(source: YamlMap) -> YamlMap:
    """An empty mapping that shares the marks of `source`, so checked values still point at lines."""
    result = YamlMap()
    result.mark, result.key_marks, result.value_marks = source.mark, source.key_marks, source.value_marks
    return result


def _checked_alone(spec: Spec, value, mark: Mark, checker: Checker):
    """Check one item; INVALID when anything inside it was wrong, so the item is left out whole."""
    before = checker.error_count
    checked = spec.check(value, mark, checker)
    return INVALID if checker.error_count > before else checked


@dataclass
class ListOf(Spec):
    item: Spec
    min_items: int = 0
    unique: bool = False
    doc: str = ""
    drop_invalid: bool = False  # leave out an item with any error inside (a card), keep the rest
    max_items: int | None = None

    def check(self, value, mark, checker):
        if not isinstance(value, YamlList):
            return self._wrong(value, mark, checker, "a list")
        if len(value) < self.min_items:
            checker.error(mark, f"the list needs at least {self.min_items} item{'s' * (self.min_items > 1)}")
        if self.max_items is not None and len(value) > self.max_items:
            checker.error(mark, f"the list may have at most {self.max_items} items")
            return INVALID
        result, seen = [], set()
        check = _checked_alone if self.drop_invalid else type(self.item).check
        for item, item_mark in zip(value, value.item_marks):
            checked = check(self.item, item, item_mark, checker)
            if checked is INVALID:
                continue
            if self.unique:
                if checked in seen:
                    checker.error(item_mark, f"'{checked}' is listed twice")
                    continue
                seen.add(checked)
            result.append(checked)
        return result

    def json_schema(self):
        schema = {"type": "array", "items": self.item.json_schema(), "description": self.doc}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema


@dataclass
class MapOf(Spec):
    """A mapping whose keys are checked by one spec and values by another (e.g. card id -> text)."""

    key: Spec
    value: Spec
    doc: str = ""
    drop_invalid: bool = False

    def check(self, value, mark, checker):
        if not isinstance(value, YamlMap):
            return self._wrong(value, mark, checker, "a mapping of keys")
        result = _with_marks(value)
        check = _checked_alone if self.drop_invalid else type(self.value).check
        for key, item in value.items():
            if self.key.check(key, value.key_marks[key], checker) is INVALID:
                continue
            checked = check(self.value, item, value.value_marks[key], checker)
            if checked is not INVALID:
                result[key] = checked
        return result

    def json_schema(self):
        key_schema = self.key.json_schema()
        schema = {"type": "object", "additionalProperties": self.value.json_schema(), "description": self.doc}
        if "enum" in key_schema:
            schema["propertyNames"] = {"enum": key_schema["enum"]}
        elif "pattern" in key_schema:
            schema["propertyNames"] = {"pattern": key_schema["pattern"]}
        return schema


@dataclass
class Key:
    spec: Spec
    required: bool = False


@dataclass
class Record(Spec):
    """A mapping with known keys; unknown keys are errors with a did-you-mean hint."""

    keys: dict[str, Key]
    doc: str = ""

    def check(self, value, mark, checker):
        if not isinstance(value, YamlMap):
            return self._wrong(value, mark, checker, "a mapping of keys")
        result = _with_marks(value)
        for key, item in value.items():
            key_mark = value.key_marks[key]
            if key not in self.keys:
                checker.error(key_mark, f"unknown key '{key}'{suggestion(key, self.keys) or self._allowed()}")
                continue
            checked = self.keys[key].spec.check(item, value.value_marks[key], checker)
            if checked is not INVALID:
                result[key] = checked
        missing = [k for k, spec in self.keys.items() if spec.required and k not in value]
        if missing:
            checker.error(mark, f"missing key{'s' * (len(missing) > 1)}: {', '.join(missing)}")
        if any(spec.required and k not in result for k, spec in self.keys.items()):
            return INVALID  # a record without a required value cannot be used (its errors are reported)
        return result

    def _allowed(self) -> str:
        return f"; allowed keys: {', '.join(self.keys)}"

    def json_schema(self):
        return {"type": "object", "description": self.doc, "additionalProperties": False,
                "properties": {name: key.spec.json_schema() for name, key in self.keys.items()},
                "required": [name for name, key in self.keys.items() if key.required]}
