"""Rule presets: YAML files in assets/presets/ (built in) and in the user's data folder (saved).

They are checked with the same spec vocabulary as decks, so a bad preset gets a path:line:column
message and the other presets still load.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from game import bundled
from game.decks.format import CATEGORIES, CARD_ID, FIELDS
from game.decks.problems import Problem
from game.decks.spec import INVALID, Boolean, Checker, Choice, Integer, Key, ListOf, Pattern, Record, Text
from game.decks.yamlfile import read_yaml
from game.files import read_regular, write_new
from game.i18n import N_
from game.rules.modes import MODES
from game.rules.session import Rules

SAVED_HEADER, SAVED_END = "# Saved by The UnKnown\n", "# end\n"  # a saved preset cut short lacks the end
BUILT_IN = bundled.PRESETS
# Names of the built-in presets, marked here so they are translated when drawn.
BUILT_IN_NAMES = (N_("First session"), N_("Who am I?"), N_("Fact or fiction"), N_("Story circle"),
                  N_("Quick round with a timer"), N_("Small group on its own"))


@dataclass(frozen=True)
class Preset:
    name: str
    rules: Rules
    path: Path | None = None


def preset_spec() -> Record:
    return Record(doc="A rule preset.", keys={
        "name": Key(Text("Shown in the preset list."), True),
        "mode": Key(Choice("mode", tuple(MODES)), True),
        "cards": Key(Integer(0, 500, "How many cards; 0 means all that match.")),
        "categories": Key(ListOf(Choice("category", CATEGORIES), 0, True)),
        "fields": Key(ListOf(Choice("field", FIELDS), 0, True)),
        "tags": Key(ListOf(Pattern(CARD_ID, "a tag"), 0, True)),
        "scoring": Key(Boolean()),
        "points": Key(Integer(1, 100)),
        "timer": Key(Integer(0, 3600, "Seconds per talking step; 0: no timer.")),
        "leaderboard": Key(Choice("leaderboard setting", ("always", "card", "end", "never"))),
        "self_guided": Key(Boolean("Players follow on-screen steps without a facilitator.")),
        "calm": Key(Boolean("Calm mode: no motion and no sound.")),
    })


def load_preset(path: Path) -> tuple[Preset | None, list[Problem]]:
    raw, problems = read_yaml(path)
    if raw is None:
        return None, problems
    checker = Checker(path)
    data = preset_spec().check(raw, getattr(raw, "mark", (1, 1)), checker)
    if _cut_short(path):
        checker.error((1, 1), "the preset file is incomplete (cut short, perhaps on a full disk); "
                              "save the preset again or remove the file")
    if data is INVALID or checker.error_count:
        return None, problems + checker.problems
    values = {name: tuple(value) if isinstance(value, list) else value for name, value in data.items() if name != "name"}
    return Preset(data["name"], Rules(**values), path), problems


def load_presets(*folders: Path) -> tuple[list[Preset], list[Problem]]:
    presets, problems = [], []
    for folder in (BUILT_IN, *folders):
        for path in sorted(folder.glob("*.yaml")):
            preset, found = load_preset(path)
            problems += found
            if preset:
                presets.append(preset)
    return presets, problems


def _cut_short(path: Path) -> bool:
    """A preset the app saved starts with SAVED_HEADER and ends with SAVED_END; a copy cut short
    by a full disk or an unplugged stick may still parse, with other rules, so it must not load."""
    try:
        text = read_regular(path, 1 << 20)
    except OSError:
        return False  # reading already reported it
    return text.startswith(SAVED_HEADER.encode()) and not text.endswith(SAVED_END.encode())


def save_preset(folder: Path, name: str, rules: Rules) -> Path:
    """Write a new preset file; an existing one is never replaced (the name gets -2, -3…)."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")[:80] or "preset"
    data = {"name": name} | {f.name: list(v) if isinstance(v := getattr(rules, f.name), tuple) else v
                             for f in fields(Rules)}
    text = SAVED_HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + SAVED_END
    return write_new(folder / f"{slug}.yaml", text)
