"""Read one YAML file into plain values that remember where each value was written.

Deck files are edited by hand, so every problem must name a line and column. We walk libyaml's
event stream ourselves instead of composing or constructing: no constructor runs, so no tag can
build objects or run code; nesting, alias expansion and file size are bounded; and libyaml's
recursive composer (which crashes on deeply nested input) is never used. Scalars follow the YAML
1.2 core schema, so `NO` (Norway) stays a string and only true/false are booleans.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml import events as ev

from game.decks.problems import Problem
from game.files import FileTooBig, read_regular

MAX_FILE_BYTES = 32 * 2**20  # a 10,000-card language file with 80-word stories in Cyrillic is ~20 MiB
MAX_DEPTH = 24
MAX_EXPANSION = 4  # aliases may make the values at most this many times the file's own size
MAX_NUMBER_DIGITS = 30  # longer digit strings stay text (Python refuses ints over 4,300 digits)
# Control characters written as escapes ("\0", "\e"), C1 codes such as NEL, line and paragraph
# separators and bidirectional overrides: invisible, they crash text drawing or reorder a line.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                      "\ufff9-\ufffb\ufffe\uffff]")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STANDARD_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {"!", _STANDARD_TAG + "str", _STANDARD_TAG + "map", _STANDARD_TAG + "seq",
                 _STANDARD_TAG + "int", _STANDARD_TAG + "bool", _STANDARD_TAG + "null",
                 _STANDARD_TAG + "float"}
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


class YamlMap(dict):
    """A mapping that knows the line and column of itself, of each key and of each value."""

    __slots__ = ("mark", "key_marks", "value_marks")


class YamlList(list):
    """A sequence that knows the line and column of itself and of each item."""

    __slots__ = ("mark", "item_marks")


Mark = tuple[int, int]  # 1-based line and column


class YamlFileError(Exception):
    """Raised inside the reader; carries the problem that stops reading the file."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def read_yaml(path: Path) -> tuple[object, list[Problem]]:
    """Return (value, problems); value is None when the file cannot be read at all. Problems that
    spoil only one value (a duplicate key, an escaped control character) leave the rest usable."""
    problems: list[Problem] = []
    try:
        return _read(path, problems), problems
    except YamlFileError as error:
        return None, problems + [error.problem]


def _read(path: Path, problems: list[Problem]):
    text = _decode(path, _read_bytes(path))
    tabs = [m.start() for m in _TAB_INDENT.finditer(text)]
    if tabs:
        line, column = _position(text, text.index("\t", tabs[0]))
        raise YamlFileError(Problem(path, line, column,
                                    "a tab is used for indentation; YAML needs spaces "
                                    f"(in {len(tabs)} line{'s' if len(tabs) > 1 else ''})"))
    value = _build(path, text, problems)
    if value is None:
        raise YamlFileError(Problem(path, 1, 1, "the file is empty; it needs the keys of a deck file "
                                                "(see cards/README.md)"))
    return value


def _read_bytes(path: Path) -> bytes:
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except FileTooBig as error:
        raise YamlFileError(Problem(path, 1, 1, f"the file is {error.size / 2**20:.1f} MiB; a deck file may "
                                                f"be at most {MAX_FILE_BYTES // 2**20} MiB")) from None
    except OSError as error:
        raise YamlFileError(Problem(path, 1, 1, f"cannot read the file: {error.strerror or error}")) from None


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise YamlFileError(Problem(path, line, column,
                                    f"byte 0x{data[error.start]:02x} is not valid UTF-8; "
                                    "save the file with UTF-8 encoding")) from None


def _position(text: str, offset: int) -> Mark:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _mark(event) -> Mark:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _scalar(path: Path, event):
    """Resolve a scalar by the YAML 1.2 core schema; quoted and block scalars are strings."""
    value = event.value
    tag = event.tag
    if tag is not None and tag not in _ALLOWED_TAGS:
        raise _tag_error(path, event)
    if tag not in (None, "!") and tag != _STANDARD_TAG + "str":
        return _typed(path, event, tag[len(_STANDARD_TAG):])
    if tag is not None or not event.implicit[0]:
        return value
    if _NULL.fullmatch(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        if len(value) > MAX_NUMBER_DIGITS:
            return value  # reported by the spec as "expected a number, found text"
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def _typed(path: Path, event, kind: str):
    value = event.value
    try:
        if kind == "int" and len(value) <= MAX_NUMBER_DIGITS:
            return int(value, 0)
        if kind == "float":
            return float(value)
        if kind == "bool" and value in _BOOL:
            return _BOOL[value]
        if kind == "null" and _NULL.fullmatch(value):
            return None
    except ValueError:
        pass
    raise YamlFileError(Problem(path, *_mark(event), f"'{value}' is not a valid !!{kind}"))


def _tag_error(path: Path, event) -> YamlFileError:
    tag = event.tag.replace(_STANDARD_TAG, "!!")
    return YamlFileError(Problem(path, *_mark(event), f"the tag {tag} is not allowed in deck files; remove it"))


def _syntax_problem(path: Path, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    message = error.problem or "invalid YAML"
    if error.context:
        message += f" ({error.context}"
        if error.context_mark and error.context_mark is not mark:
            message += f" at line {error.context_mark.line + 1}"
        message += ")"
    hint = ""
    if "could not find expected ':'" in message or "mapping values are not allowed" in message:
        hint = "; check the indentation, and quote text that contains ': '"
    elif "found character" in message and "cannot start any token" in message:
        hint = "; quote the text"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(path, line, column, f"YAML syntax error: {message}{hint}")


def _build(path: Path, text: str, problems: list[Problem]):
    """Turn the event stream into YamlMap/YamlList/scalars with an explicit stack (no recursion).

    Work and memory are bounded in characters: each value costs its length plus one, an alias
    costs what it repeats, and the whole may cost at most MAX_EXPANSION times the file's length.
    """
    parser = _Loader(text)
    stack: list = []          # open frames: [container, anchor, pending key, key mark]
    anchors: dict[str, tuple[object, int]] = {}
    sizes: list[int] = []     # cost of each open container, aliases expanded
    budget = MAX_EXPANSION * len(text) + 4096
    total = 0
    root = None
    documents = 0

    def add(value, mark: Mark, size: int):
        nonlocal root, total
        total += size
        if total > budget:
            raise YamlFileError(Problem(path, *mark, f"anchors and aliases repeat too much: the values would "
                                                     f"be more than {MAX_EXPANSION} times the file's size; "
                                                     "write the text out instead"))
        if not stack:
            root = value
            return
        sizes[-1] += size
        frame = stack[-1]
        container, _, key, key_mark = frame
        if type(container) is YamlList:
            container.append(value)
            container.item_marks.append(mark)
            return
        mapping = container
        if key is _NO_KEY:
            if isinstance(value, (YamlMap, YamlList)) or isinstance(value, float):
                raise YamlFileError(Problem(path, *mark, "a key must be plain text"))
            if value in mapping.key_marks:
                first = mapping.key_marks[value][0]
                problems.append(Problem(path, *mark, f"duplicate key '{value}' (first written at line {first}); "
                                                     "remove one of them (the second is ignored)"))
                frame[2] = _SKIP
                return
            frame[2], frame[3] = value, mark
        elif key is _SKIP:
            frame[2] = _NO_KEY
        else:
            mapping[key] = value
            mapping.key_marks[key] = key_mark
            mapping.value_marks[key] = mark
            frame[2] = _NO_KEY

    def scalar(event):
        value = _scalar(path, event)
        if stack and type(stack[-1][0]) is YamlMap and stack[-1][2] is _NO_KEY:
            value = event.value  # a key is its text: `1:` and `true:` are two keys, not 1 == True
        if isinstance(value, str) and _CONTROL.search(value):
            found = _CONTROL.search(value).group()
            problems.append(Problem(path, *_mark(event), f"the invisible control character U+{ord(found):04X} "
                                                         "(written as an escape) is not allowed; it was removed"))
            value = _CONTROL.sub("", value)
        return value

    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is ev.ScalarEvent:
                value = scalar(event)
                cost = len(value) + 1 if isinstance(value, str) else 1
                if event.anchor:
                    anchors[event.anchor] = (value, cost)
                add(value, _mark(event), cost)
            elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
                if event.tag is not None and event.tag not in _ALLOWED_TAGS:
                    raise _tag_error(path, event)
                if len(stack) >= MAX_DEPTH:
                    raise YamlFileError(Problem(path, *_mark(event),
                                                f"nesting is deeper than {MAX_DEPTH} levels"))
                if kind is ev.MappingStartEvent:
                    container = YamlMap()
                    container.key_marks, container.value_marks = {}, {}
                else:
                    container = YamlList()
                    container.item_marks = []
                container.mark = _mark(event)
                stack.append([container, event.anchor, _NO_KEY, None])
                sizes.append(0)
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                container, anchor, _, _ = stack.pop()
                size = sizes.pop()
                if anchor:
                    anchors[anchor] = (container, size + 1)
                total -= size  # its values were counted as they came; add() counts them once more for the parent
                add(container, container.mark, size + 1)
            elif kind is ev.AliasEvent:
                if event.anchor not in anchors:
                    raise YamlFileError(Problem(path, *_mark(event), f"unknown alias *{event.anchor}"))
                value, size = anchors[event.anchor]
                add(value, _mark(event), size)
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlFileError(Problem(path, *_mark(event), "a second YAML document starts here; "
                                                "a deck file holds exactly one (remove the '---' line)"))
            elif kind is ev.StreamEndEvent:
                return root
    except yaml.MarkedYAMLError as error:
        raise YamlFileError(_syntax_problem(path, error)) from None
    except yaml.reader.ReaderError as error:  # control characters such as NUL
        line, column = _position(text, error.position)
        raise YamlFileError(Problem(path, line, column, f"the control character U+{error.character:04X} is not allowed "
                                                        "in YAML; remove it")) from None
    except yaml.YAMLError as error:
        raise YamlFileError(Problem(path, 1, 1, f"YAML error: {error}")) from None
    finally:
        parser.dispose()


_NO_KEY = object()
_SKIP = object()  # the value of a duplicate key, left out
