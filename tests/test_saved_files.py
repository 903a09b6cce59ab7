"""The files the app keeps (review: reliability, findings 5, 7, 10, 11, 14, 15): a bad or outdated
autosave is set aside with a message, never a crash at start; saves on a full or read-only disk say
so and lose nothing; writes are atomic and durable and leave no stray files; presets keep their values."""

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap

import pygame
import pytest

from game import files, i18n, summary
from game.app import App, Context
from game.decks import load_deck
from game.decks.translations import stamp
from game.rules import Rules, finish, next_step, start
from game.rules.presets import load_preset, save_preset
from game.scenes.end import EndScene
from game.scenes.play import RoundScene
from game.scenes.setup import SetupScene
from game.scenes.start import StartScene
from game.store import Store
from tests.conftest import PROJECT, SAMPLE_DECK

SIZE = (640, 360)


def press(app, name):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(name), mod=0, unicode=""))
    app.step()


@pytest.fixture
def deck_dir(tmp_path):
    target = tmp_path / "decks" / "sample"
    shutil.copytree(SAMPLE_DECK, target)
    return target


def saved_session(store, deck_dir, mode="who", steps=0, teams=("A", "B")):
    deck = load_deck(deck_dir).deck
    session = start(deck, Rules(mode=mode), teams, "en", None, seed=3, now=1_700_000_000)
    for _ in range(steps):
        session = next_step(session, now=1_700_000_010)
    assert store.save(session) is None
    return session


def open_app(deck_dir, store):
    i18n.set_language("en")
    app = App(Context.load(deck_dir.parent, store), SIZE)
    app.push(StartScene(app))
    app.step()
    return app


def damage(data: dict, change) -> dict:
    data = json.loads(json.dumps(data))
    change(data["session"])
    return data


BAD_SESSIONS = {
    "card out of range": lambda s: s.update(card=99),
    "step out of range": lambda s: s.update(step=99),
    "card as text": lambda s: s.update(card="1"),
    "empty order": lambda s: s.update(order=[], plan=[], clue_counts=[]),
    "20 teams": lambda s: s.update(teams=[f"T{i}" for i in range(20)]),
    "award for team 50": lambda s: s.update(awards=[{"card": 0, "step": 0, "team": 50, "points": 1}]),
    "points as text": lambda s: s.update(awards=[{"card": 0, "step": 0, "team": 0, "points": "1"}]),
    "NUL in a team name": lambda s: s.update(teams=["A\0", "B"]),
    "1 MB team name": lambda s: s.update(teams=["x" * 1_000_000, "B"]),
    "timer Infinity": lambda s: s.update(timer={"duration": 60, "remaining": float("inf"), "running_since": None}),
    "unknown mode": lambda s: s["rules"].update(mode="chess"),
    "start time 1e308": lambda s: s.update(started_at=1e308),
    "start time as text": lambda s: s.update(started_at="today"),
    "200,000 undo levels": lambda s: s.update(undo_stack=[[]] * 200_000),
    "rules as a list": lambda s: s.update(rules=[]),
}


@pytest.mark.parametrize("case", BAD_SESSIONS)
def test_an_autosave_with_impossible_values_is_set_aside_and_the_app_starts(deck_dir, tmp_path, case):
    store = Store(tmp_path / "data")
    saved_session(store, deck_dir)
    data = damage(json.loads(store.autosave_path.read_text()), BAD_SESSIONS[case])
    store.autosave_path.write_text(json.dumps(data))
    app = open_app(deck_dir, Store(tmp_path / "data"))
    assert app.top.saved is None and "set aside" in app.top.notice
    assert not store.autosave_path.exists() and list(store.folder.glob("autosave-*.json.bad"))
    press(app, "return")                                     # Enter now starts a new session
    assert isinstance(app.top, SetupScene)
    app.close()


@pytest.mark.parametrize("content", ["[" * 100_000 + "]" * 100_000,
                                     '{"version": 99, "session": {}}', "\xff\xfe", "null"])
def test_a_damaged_or_foreign_autosave_never_stops_the_start(tmp_path, content):
    store = Store(tmp_path)
    store.autosave_path.write_bytes(content.encode("utf-8", "surrogateescape") if content != "\xff\xfe"
                                    else b"\xff\xfe")
    assert store.load() is None and store.set_aside_as is not None and not store.autosave_path.exists()


def test_a_fifo_autosave_does_not_block(tmp_path):
    store = Store(tmp_path)
    os.mkfifo(store.autosave_path)
    assert store.load() is None


@pytest.mark.parametrize("mode, steps, edit", [
    ("who", 2, lambda t: t.replace("      - My glass cleans itself when it rains.\n", "", 1)),
    ("fact", 2, lambda t: t.replace("      - text: She was born in Paris.\n        answer: false\n"
                                    "        explanation: She was born in Plovdiv, Bulgaria.\n", "", 1)),
])
def test_a_session_from_before_the_deck_was_edited_is_set_aside_with_a_message(deck_dir, tmp_path, mode, steps,
                                                                               edit):
    store = Store(tmp_path / "data")
    session = saved_session(store, deck_dir, mode, steps)
    assert "ada-example" in session.order
    en = deck_dir / "en.yaml"
    en.write_text(edit(en.read_text(encoding="utf-8")), encoding="utf-8")
    deck = load_deck(deck_dir).deck
    ada = deck.text("ada-example", "en")
    assert (len(ada.clues), len(ada.statements)) in ((2, 2), (3, 1))
    app = open_app(deck_dir, Store(tmp_path / "data"))
    assert app.top.saved is None and "deck has changed" in app.top.notice
    press(app, "return")
    assert isinstance(app.top, SetupScene)
    app.close()


def test_a_fixed_typo_does_not_stop_a_resume(deck_dir, tmp_path):
    store = Store(tmp_path / "data")
    session = saved_session(store, deck_dir, "who", 1)
    en = deck_dir / "en.yaml"
    en.write_text(en.read_text(encoding="utf-8").replace("Plovdiv and moved", "Plovdiv, and moved"), encoding="utf-8")
    app = open_app(deck_dir, Store(tmp_path / "data"))
    press(app, "return")
    assert isinstance(app.top, RoundScene) and app.top.session == session
    app.close()


def no_space(*args, **kwargs):
    raise OSError(28, "No space left on device")


def test_save_summary_on_a_full_disk_says_so_and_keeps_the_session(deck_dir, tmp_path, monkeypatch):
    store = Store(tmp_path / "data")
    session = finish(saved_session(store, deck_dir), now=1_700_000_100)
    store.save(session)
    app = open_app(deck_dir, store)
    app.reset(EndScene(app, load_deck(deck_dir).deck, session))
    monkeypatch.setattr(summary, "write_atomically", no_space)
    app.top._choose("save")
    app.step()
    assert "Could not save the summary: No space left on device" in app.top.saved_to and app.running
    assert store.autosave_path.exists()
    app.close()


def test_save_as_preset_on_a_full_disk_says_so(deck_dir, tmp_path, monkeypatch):
    app = open_app(deck_dir, Store(tmp_path / "data"))
    press(app, "return")
    setup = app.top
    monkeypatch.setattr(files, "write_atomically", no_space)
    setup._save_preset()
    assert "Not saved: No space left on device" in setup.error and app.running
    app.close()


def test_two_presets_saved_the_same_day_both_stay(tmp_path):
    first = save_preset(tmp_path, "Fact, 10 cards (2026-11-30)", Rules(mode="fact", timer=60))
    second = save_preset(tmp_path, "Fact, 10 cards (2026-11-30)", Rules(mode="fact", timer=120))
    assert first != second
    assert load_preset(first)[0].rules.timer == 60 and load_preset(second)[0].rules.timer == 120


def test_a_saved_preset_cut_short_does_not_load(tmp_path):
    path = save_preset(tmp_path, "Friday", Rules(mode="fact", timer=60, self_guided=True))
    text = path.read_bytes()
    path.write_bytes(text[:text.index(b"self_guided")])
    preset, problems = load_preset(path)
    assert preset is None and any("incomplete" in p.message for p in problems)


def test_the_setup_page_keeps_preset_values_it_has_no_button_for(deck_dir, tmp_path):
    presets = tmp_path / "data" / "presets"
    presets.mkdir(parents=True)
    (presets / "odd.yaml").write_text("name: Odd\nmode: unknown\ncards: 7\ntimer: 45\ncategories: [fled, moved]\n"
                                      "fields: [music]\n", encoding="utf-8")
    app = open_app(deck_dir, Store(tmp_path / "data"))
    press(app, "return")
    setup = app.top
    setup.preset.index = [p.name for p in setup.preset.options].index("Odd")
    setup._apply_preset()
    rules = setup.rules()
    assert (rules.cards, rules.timer, rules.categories, rules.fields) == (7, 45, ("fled", "moved"), ("music",))
    setup.page = 2
    app.dirty = True
    app.step()                                               # the odd values draw
    app.close()


def test_writes_are_durable_and_leave_no_stray_temporary_files(tmp_path, monkeypatch):
    synced = []
    real = os.fsync
    monkeypatch.setattr(files.os, "fsync", lambda fd: (synced.append(stat.S_ISDIR(os.fstat(fd).st_mode)), real(fd)))
    # a temporary file left by a killed writer (a process id that is not running)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stray = tmp_path / f".autosave.json.{dead.stdout.strip()}.abcd1234.tmp"
    stray.write_text("half")
    files.write_atomically(tmp_path / "autosave.json", "{}")
    assert synced == [False, True]                          # the file, then its folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["autosave.json"]


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "summary.md"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with files.atomic_writer(target) as file:
            file.write(b"new, half")
            raise RuntimeError("killed")
    assert target.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["summary.md"]


def test_stamp_keeps_the_file_mode_and_crlf_line_endings(deck_dir):
    bg = deck_dir / "bg.yaml"
    crlf = bg.read_text(encoding="utf-8").replace("    translated_from: \"db56da7c\"\n", "").replace("\n", "\r\n")
    bg.write_bytes(crlf.encode("utf-8"))
    os.chmod(bg, 0o644)
    deck = load_deck(deck_dir).deck
    stamped = stamp(deck, "bg")
    assert stamped
    data = bg.read_bytes()
    assert stat.S_IMODE(os.stat(bg).st_mode) == 0o644
    assert data.count(b"\n") == data.count(b"\r\n") and b"translated_from" in data


def test_csv_summaries_cannot_carry_spreadsheet_formulas(deck_dir):
    deck = load_deck(deck_dir).deck
    session = start(deck, Rules(), ("=1+1", "@SUM(A1)"), "en", None, seed=1, now=1_700_000_000)
    text = summary.csv_text(session, deck)
    cells = [cell for line in text.splitlines() for cell in line.split(",")]
    assert "'=1+1" in cells and "'@SUM(A1)" in cells and not any(c[:1] and c[:1] in "=+@" for c in cells)
    assert summary.spreadsheet_safe("-2") == "-2"


def test_stray_temporaries_of_a_killed_app_are_cleaned_by_the_next_autosave(tmp_path, deck_dir):
    """200 SIGKILLs left 71 .autosave.json.*.tmp files (review finding 14)."""
    script = textwrap.dedent("""
        import os, sys, tempfile
        from game import files
        folder = sys.argv[1]
        handle, name = tempfile.mkstemp(dir=folder, prefix=files._temporary_prefix("autosave.json"), suffix=".tmp")
        os.kill(os.getpid(), 9)
    """)
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "data")], cwd=PROJECT,
                   env=dict(os.environ, PYTHONPATH=str(PROJECT))) if (tmp_path / "data").mkdir() is None else None
    assert len(list((tmp_path / "data").glob(".autosave.json.*.tmp"))) == 1
    saved_session(Store(tmp_path / "data"), deck_dir)
    assert list((tmp_path / "data").glob(".autosave.json.*")) == []


def test_the_first_autosave_failing_is_said_when_the_round_starts(deck_dir, tmp_path, monkeypatch):
    app = open_app(deck_dir, Store(tmp_path / "data"))
    monkeypatch.setattr("game.store.write_atomically", no_space)
    for _ in range(4):
        press(app, "return")
    assert isinstance(app.top, RoundScene) and "Autosave failed" in app.top.notice
    app.close()


def test_the_set_aside_notice_is_shown_once_not_at_every_start_screen(tmp_path):
    store = Store(tmp_path)
    store.autosave_path.write_text("{damaged")
    assert store.load() is None and store.set_aside_as is not None
    assert store.load() is None and store.set_aside_as is None
