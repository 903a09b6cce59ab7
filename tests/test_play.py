"""Whole sessions played through real pygame events under the dummy video driver."""

import csv
import random

import pygame
import pytest

from game import i18n
from game.app import App, Context
from game.rules import Session, scoring_phase
from game.scenes.end import EndScene
from game.scenes.play import RoundScene
from game.scenes.setup import SetupScene
from game.scenes.start import StartScene
from game.screenshots import SCENES, build
from game.store import Store
from tests.conftest import SAMPLE_DECK

SIZE = (1280, 720)


class Clock:
    def __init__(self):
        self.now = 1_700_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def app(tmp_path):
    app = started_app(SAMPLE_DECK.parent, tmp_path)
    yield app
    app.close()


def started_app(decks, tmp_path) -> App:
    """The game on the start screen, in English, with a clock and shuffle that tests control."""
    i18n.set_language("en")
    context = Context.load(decks, Store(tmp_path / "data"))
    context.clock = Clock()
    context.seed = lambda: 11
    app = App(context, SIZE)
    app.push(StartScene(app))
    app.step()
    return app


def key(app, name, mod=0, times=1):
    for _ in range(times):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(name), mod=mod, unicode=""))
        app.step()


def type_text(app, text):
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    app.step()


def click(app, pos):
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos))
    app.step()


def click_button(app, label):
    """Click the centre of the button a person would see with this label."""
    for button in app.top.buttons(app.size):
        if button.label == label:
            return click(app, (button.box.x + button.box.w / 2, button.box.y + button.box.h / 2))
    raise AssertionError(f"no button {label!r} on {type(app.top).__name__}: "
                         f"{[b.label for b in app.top.buttons(app.size)]}")


def setup_keyboard(app, mode_steps=0, teams_down=0):
    """From the start screen to the first card using only keys."""
    key(app, "return")                      # New session
    assert isinstance(app.top, SetupScene)
    key(app, "return")                      # languages: default
    key(app, "left", times=teams_down)      # 4 teams by default; left removes teams
    key(app, "return")
    key(app, "down")                        # preset -> mode
    key(app, "right", times=mode_steps)
    key(app, "return")                      # start
    assert isinstance(app.top, RoundScene)
    return app.top


def session(app) -> Session:
    return app.top.session


def test_keyboard_only_classic_session_with_marks_undo_and_skip(app, tmp_path):
    setup_keyboard(app)
    assert session(app).mode == "unknown" and len(session(app).teams) == 4
    assert len(session(app).order) == 4                # the sample deck has 4 cards
    key(app, "space")                                  # reveal
    key(app, "1"), key(app, "3")                       # teams 1 and 3 were right
    key(app, "3")                                      # take team 3 back
    key(app, "z", mod=pygame.KMOD_CTRL)                # undo that: team 3 right again
    assert session(app).scores() == [1, 0, 1, 0]
    key(app, "pagedown"), key(app, "right")            # question, next card
    key(app, "s")                                      # skip card 2
    assert session(app).card == 2 and session(app).skipped == (1,)
    key(app, "return"), key(app, "2"), key(app, "return"), key(app, "return")   # card 3: reveal, mark, question, on
    key(app, "return"), key(app, "4"), key(app, "return"), key(app, "return")   # card 4: reveal, mark, question, end
    assert isinstance(app.top, EndScene)
    final = app.top.session
    assert final.scores() == [1, 1, 1, 1] and len(final.played()) == 3
    markdown = next((tmp_path / "data" / "summaries").glob("*.md")).read_text()   # written with no key pressed
    assert "Cards played:** 3" in markdown and "| 1 | Team A | 1 |" in markdown
    rows = list(csv.DictReader(next((tmp_path / "data" / "summaries").glob("*.csv")).open()))
    assert len(rows) == 4 * 4 and [r["status"] for r in rows[::4]] == ["played", "skipped", "played", "played"]
    assert sum(int(r["points"]) for r in rows) == 4


@pytest.mark.parametrize("mode_steps, mode", [(1, "who"), (2, "fact"), (3, "story")])
def test_keyboard_only_session_in_every_mode(app, mode_steps, mode):
    setup_keyboard(app, mode_steps=mode_steps)
    assert session(app).mode == mode
    total_steps = sum(len(plan) for plan in session(app).plan)
    first_phase = session(app).phase[0]
    if mode != "story":
        if first_phase == "statement":
            key(app, "return")
        key(app, "2")
        assert session(app).scores()[1] > 0
    else:
        key(app, "2")                                  # no scores in a story circle: nothing happens
        assert session(app).scores() == [0, 0, 0, 0] and app.top.notice
    while not isinstance(app.top, EndScene):
        key(app, "return")
        total_steps -= 1
        assert total_steps > -2
    assert len(app.top.session.played()) == 4


@pytest.mark.parametrize("mode_clicks, mode", [(0, "unknown"), (1, "who"), (2, "fact"), (3, "story")])
def test_mouse_only_session_in_every_mode(app, tmp_path, mode_clicks, mode):
    click_button(app, "New session")
    click_button(app, "Continue")
    click_button(app, "Continue")
    setup = app.top
    for _ in range(mode_clicks):
        arrow = next(b for b in setup.buttons(app.size) if b.intent.team == 1 and b.label == "›")
        click(app, (arrow.box.x + 5, arrow.box.y + 5))
    assert setup.mode.value == mode
    click_button(app, "Start")
    assert isinstance(app.top, RoundScene)
    marked = 0
    while not isinstance(app.top, EndScene):
        state = session(app)
        already = any(a.card == state.card and a.step == state.step for a in state.awards)
        if state.scoring and scoring_phase(state.mode, state.phase[0]) and not already and \
                (state.mode != "who" or not any(a.card == state.card for a in state.awards)):
            click_button(app, "Team B")
            marked += 1
            assert 1 in session(app).marked()
        click_button(app, "Next")
    final = app.top.session
    if mode == "story":
        assert final.scores() == [0, 0, 0, 0] and marked == 0
    else:
        assert final.scores()[1] >= marked > 0 and final.scores()[0] == 0
    assert len(final.played()) == 4
    assert list((tmp_path / "data" / "summaries").glob("*.md"))
    click_button(app, "New session")
    assert isinstance(app.top, StartScene) and app.context.store.load() is None


def test_team_names_are_typed_and_teams_can_be_off(app):
    key(app, "return"), key(app, "return")
    key(app, "down")
    type_text(app, "Sofia")
    key(app, "b")                      # while typing, letters are text, not the black screen
    assert app.blank is None
    type_text(app, "x")
    key(app, "backspace")
    key(app, "return"), key(app, "return")
    assert session(app).teams[0] == "Sofia"


def test_playing_without_teams(app):
    setup_keyboard(app, teams_down=3)
    assert session(app).teams == ()
    key(app, "return"), key(app, "1")
    assert app.top.notice                # "scores are off": said, nothing changes


def test_black_and_white_screens_and_help(app):
    setup_keyboard(app)
    before = session(app)
    key(app, "b")
    assert app.blank == (0, 0, 0) and app.screen.get_at((10, 10))[:3] == (0, 0, 0)
    key(app, "space")                    # clears the black screen without moving on
    assert app.blank is None and session(app) == before
    key(app, "w")
    assert app.screen.get_at((10, 10))[:3] == (255, 255, 255)
    key(app, "w")
    key(app, "h")
    assert type(app.top).__name__ == "HelpScene"
    key(app, "h")
    assert isinstance(app.top, RoundScene)


def test_escape_menu_pauses_and_ends_the_session(app):
    setup_keyboard(app)
    key(app, "escape")
    key(app, "down"), key(app, "return")          # Pause
    assert session(app).paused
    key(app, "p")
    assert not session(app).paused
    key(app, "escape")
    key(app, "up", times=2)
    key(app, "return")                            # End the session (second from the bottom)
    assert isinstance(app.top, EndScene)


def test_autosave_follows_every_action_and_resume_restores_it(app):
    setup_keyboard(app)
    key(app, "return"), key(app, "2")
    saved = app.context.store.load()
    assert saved == session(app)
    resumed = App(app.context, SIZE)
    resumed.push(StartScene(resumed))
    key(resumed, "return")                        # "Resume the last session" is first and focused
    assert isinstance(resumed.top, RoundScene) and resumed.top.session == saved


def test_the_timer_counts_down_pauses_and_chimes_once(app, monkeypatch):
    chimes = []
    monkeypatch.setattr("game.ui.sound.chime", lambda enabled: chimes.append(enabled))
    app.context.calm = False                       # the suite runs calm; calm mode silences the chime
    scene = setup_keyboard(app)
    key(app, "t")                                  # a 60 s timer by default when the preset has none
    clock = app.context.clock
    assert session(app).timer.running_since is not None
    clock.now += 30
    assert scene.update(0) and session(app).timer.left(clock.now) == 30
    key(app, "p")
    clock.now += 100
    assert session(app).timer.left(clock.now) == 30 and session(app).timer.running_since is None
    key(app, "p")
    clock.now += 31
    scene.update(0), scene.update(0)
    assert chimes == [True]


def test_window_resizes_and_every_size_draws(app):
    setup_keyboard(app)
    for size in [(1280, 720), (1920, 1080), (3840, 2160), (800, 600)]:
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
        app.step()


EVENT_KEYS = ["space", "return", "right", "left", "up", "down", "pageup", "pagedown", "backspace", "escape", "b",
              "w", "h", "t", "s", "p", "1", "2", "3", "4", "5", "8", "z", "tab", "x", ".", "f11"]


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("scene", [s for s in SCENES if s != "help"] + ["help"])
def test_monkey_thousands_of_random_events_never_raise(tmp_path, scene, seed, monkeypatch):
    monkeypatch.setenv("THE_UNKNOWN_DATA", str(tmp_path))
    monkeypatch.setattr("game.app.App.toggle_fullscreen", lambda self: None)  # no real fullscreen in CI
    monkeypatch.setattr("game.scenes.end.open_with_system", lambda path: None)    # no file manager either
    rng = random.Random(seed)
    app = build(scene, SAMPLE_DECK.parent, (480, 270), "bg", "en")
    for batch in range(100):
        for _ in range(20):
            roll = rng.random()
            if roll < 0.7:
                mod = pygame.KMOD_CTRL if rng.random() < 0.05 else 0
                event = pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(rng.choice(EVENT_KEYS)), mod=mod,
                                           unicode="")
            elif roll < 0.85:
                event = pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(rng.randrange(480), rng.randrange(270)))
            elif roll < 0.95:
                event = pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(["a", "Ж", "ł", "😀", " "]))
            else:
                event = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-1, 1]), flipped=False)
            pygame.event.post(event)
        app.step()
        app.context.clock = lambda t=1_767_000_000.0 + batch * 7: t
        app.running = True     # a random Ctrl+Q or Escape on the start screen ends the app: carry on
    app.close()


def test_rules_are_saved_as_a_preset_and_offered_next_time(app, tmp_path):
    key(app, "return"), key(app, "return"), key(app, "return")
    setup = app.top
    key(app, "down"), key(app, "right"), key(app, "right")              # mode: fact or fiction
    click_button(app, "Save as preset")
    assert setup.preset.value.rules.mode == "fact" and "Saved as preset" in setup.error
    saved = list((tmp_path / "data" / "presets").glob("*.yaml"))
    assert len(saved) == 1
    later = Context.load(SAMPLE_DECK.parent, Store(tmp_path / "data"))
    assert later.presets[-1].rules == setup.rules() and later.presets[-1].name == setup.preset.value.name


def test_a_failing_autosave_is_said_on_screen_and_play_goes_on(app, monkeypatch):
    setup_keyboard(app)
    monkeypatch.setattr("game.store.write_atomically", lambda path, text: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    key(app, "return")
    assert session(app).phase[0] == "reveal" and "No space left on device" in app.top.notice
    key(app, "1")
    assert session(app).scores()[0] == 1


def test_resume_when_the_deck_is_gone_says_so(app, tmp_path):
    setup_keyboard(app)
    saved = session(app)
    other = App(Context.load(tmp_path / "no-decks-here", Store(tmp_path / "data")), SIZE)
    other.push(StartScene(other))
    assert other.top.saved == saved
    key(other, "return")
    assert isinstance(other.top, StartScene) and other.top.notice and other.top.saved is None
