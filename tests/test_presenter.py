"""Presenter view: two windows, one set of actions, and no unrevealed text on the audience window."""

import pygame
import pytest

from game import i18n
from game.app import App, Context
from game.rules import reveals_hidden, shows_identity
from game.scenes.end import EndScene
from game.scenes.play import RoundScene
from game.scenes.start import StartScene
from game.store import Store
from tests.conftest import PROJECT

DECK_DIR = PROJECT / "cards"


@pytest.fixture
def recorded(drawn, monkeypatch):
    """The text each window draws: what the console draws is moved out of the shared record."""
    from game.scenes.console import Console
    seen = {"audience": drawn, "console": []}
    draw_console = Console.draw

    def console_draw(self):
        start = len(drawn)
        draw_console(self)
        seen["console"] += drawn[start:]
        del drawn[start:]

    monkeypatch.setattr(Console, "draw", console_draw)
    return seen


@pytest.fixture
def app(tmp_path):
    i18n.set_language("en")
    context = Context.load(DECK_DIR, Store(tmp_path / "data"))
    context.seed = lambda: 5
    app = App(context, (960, 540), presenter=True)
    app.push(StartScene(app))
    app.step()
    yield app
    app.close()


def key(app, name, window=None):
    event = {"key": pygame.key.key_code(name), "mod": 0, "unicode": ""}
    if window is not None:
        event["window"] = window
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, **event))
    app.step()


def start_round(app, mode_steps):
    key(app, "return"), key(app, "return"), key(app, "return"), key(app, "down")
    for _ in range(mode_steps):
        key(app, "right")
    key(app, "down"), key(app, "left")      # cards: 8 instead of 10, to keep the test short
    key(app, "return")
    assert isinstance(app.top, RoundScene)
    return app.top


def hidden_now(scene) -> list[str]:
    """Texts of the current card the audience must not see at this step."""
    session, deck = scene.session, scene.deck
    phase, number = session.phase
    texts = [deck.text(session.card_id, code) for code in filter(None, (session.language, session.language2))]
    hidden = []
    for text in texts:
        if text.note:
            hidden.append(text.note)
        if not reveals_hidden(session.mode, phase):
            hidden.append(text.story)
        if not shows_identity(session.mode, phase):
            hidden += [text.name, text.known_for]
        if phase == "clue":
            hidden += list(text.clues[number:])
        if phase == "statement":
            hidden.append(text.statements[number - 1].explanation)
    if session.card + 1 < len(session.order):
        hidden.append(deck.text(session.order[session.card + 1], session.language).name)
    return hidden


def leaks(hidden: list[str], drawn: list[str]) -> list[str]:
    shown = " ".join(" ".join(drawn).split())
    return [text for text in hidden if " ".join(text.split())[:24] in shown]


@pytest.mark.parametrize("mode_steps", [0, 1, 2, 3], ids=["unknown", "who", "fact", "story"])
def test_no_unrevealed_text_reaches_the_audience_window(app, recorded, mode_steps):
    scene = start_round(app, mode_steps)
    steps = 0
    console_saw_hidden = False
    while isinstance(app.top, RoundScene):
        recorded["audience"].clear(), recorded["console"].clear()
        app.dirty = True
        app._frame = None           # draw this step afresh so its text is recorded
        app.step()
        hidden = hidden_now(scene)
        assert not leaks(hidden, recorded["audience"]), (scene.session.phase, leaks(hidden, recorded["audience"]))
        console_saw_hidden |= bool(leaks(hidden, recorded["console"]))
        if scene.session.teams and scene.session.phase[0] in ("reveal", "clue", "verdict"):
            key(app, "2", window=app.console.window)   # keys work whichever window has focus
        key(app, "space")
        steps += 1
    assert isinstance(app.top, EndScene) and steps > 8
    assert console_saw_hidden, "the console should show the answer, the note and the next card"


def test_console_clicks_mark_teams_and_move_on(app):
    scene = start_round(app, 0)
    key(app, "space")                                       # reveal
    console = app.console
    team = next(b for b in console.buttons(console.surface.get_size()) if b.intent.team == 2)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, window=console.window,
                                         pos=(team.box.x + 5, team.box.y + 5)))
    app.step()
    assert scene.session.marked() == {2}
    step = scene.session.step
    button = next(b for b in console.buttons(console.surface.get_size()) if b.label == "Next")
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, window=console.window,
                                         pos=(button.box.x + 5, button.box.y + 5)))
    app.step()
    assert scene.session.step == step + 1


def test_closing_the_console_keeps_the_game_running(app):
    start_round(app, 0)
    pygame.event.post(pygame.event.Event(pygame.WINDOWCLOSE, window=app.console.window))
    app.step()
    assert app.console is None and app.running
    key(app, "space")
    assert isinstance(app.top, RoundScene)


def test_one_display_without_presenter_keeps_a_single_window(tmp_path):
    app = App(Context.load(DECK_DIR, Store(tmp_path)), (640, 360))
    assert app.console is None
    app.close()


def test_menu_help_and_notices_show_on_the_console_not_to_the_room(app, recorded):
    start_round(app, 0)
    key(app, "escape")
    assert "Continue" in recorded["console"] and "Continue" not in recorded["audience"][-40:]
    recorded["audience"].clear(), recorded["console"].clear()
    app._frame = None
    app.dirty = True
    app.step()
    assert not any("End the session" in text for text in recorded["audience"])
    size = app.console.surface.get_size()
    target = next(b for b in app.console.private_overlays()[-1].buttons(size) if b.label == "Continue")
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, window=app.console.window,
                                         pos=(target.box.x + 5, target.box.y + 5)))
    app.step()
    assert isinstance(app.top, RoundScene)            # the click on the console closed the menu
    key(app, "h")
    recorded["console"].clear()
    app.dirty = True
    app.step()
    assert "Keys" in recorded["console"] and "Keys" not in recorded["audience"][-30:]
    key(app, "h")
    key(app, "1")                                      # the face step: teams cannot score yet
    recorded["console"].clear()
    app.dirty = True
    app.step()
    notice = app.top.notice
    assert notice and notice in " ".join(recorded["console"])


def test_one_screen_puts_the_console_beside_the_game_and_warns(tmp_path, recorded):
    app = App(Context.load(DECK_DIR, Store(tmp_path / "data")), (640, 360), presenter=True)
    app.push(StartScene(app))
    assert pygame.display.get_num_displays() == 1
    console = app.console.window
    left, right = sorted([(console.position, console.size),
                          (pygame.display.get_window_position(), pygame.display.get_window_size())])
    assert left[0][0] + left[1][0] <= right[0][0]      # no overlap: side by side
    app.dirty = True
    app.step()
    assert any("Only one screen is connected" in text for text in recorded["console"])
    key(app, "f2")
    app.dirty = True
    app.step()
    assert any("two displays are connected" in text for text in recorded["console"])
    app.close()
