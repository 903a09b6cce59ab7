"""Players' phones in the app: setup -> lobby -> round -> end with a phone on 127.0.0.1, the shared
screen's count and chart, points from votes, a summary with counts only, and nothing about the
players written to disk."""

import asyncio
import json
import threading

import aiohttp
import pytest

from game import i18n
from game.app import App, Context
from game.input import Action, Intent
from game.scenes.end import EndScene
from game.scenes.lobby import LobbyScene
from game.scenes.play import RoundScene
from game.scenes.setup import PHONES, SetupScene
from game.store import Store
from tests.conftest import PROJECT

NAME = "Zoyaunique"


class ThreadPhone:
    """A phone on its own event loop thread, so the test can drive the app in between."""

    def __init__(self, port):
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.port = port
        self.views = []
        self._do(self._connect())

    def _do(self, coroutine):
        return asyncio.run_coroutine_threadsafe(asyncio.wait_for(coroutine, 20), self.loop).result(25)

    async def _connect(self):
        self.http = aiohttp.ClientSession()
        self.ws = await self.http.ws_connect(f"http://127.0.0.1:{self.port}/ws")

    def send(self, **message):
        self._do(self.ws.send_str(json.dumps(message)))

    def close(self):
        self._do(self.ws.close())
        self._do(self.http.close())
        self.loop.call_soon_threadsafe(self.loop.stop)


@pytest.fixture
def app(tmp_path):
    i18n.set_language("en")
    context = Context.load(PROJECT / "cards", Store(tmp_path / "data"))
    context.phones_port = 0
    context.seed = lambda: 4
    app = App(context, (1280, 720))
    yield app
    app.close()


def press(app, action):
    app.handle(Intent(action))
    app.step()


def test_a_session_with_a_phone_scores_from_votes_and_keeps_no_player_data(app, drawn, tmp_path):
    deck = next(r.deck for r in app.context.decks if r.deck)
    setup = SetupScene(app, deck)
    app.push(setup)
    setup.cards.index = setup.cards.options.index(5)
    setup.phones.index = list(PHONES).index("majority")
    setup.page = 2
    press(app, Action.NEXT)
    lobby = app.top
    assert isinstance(lobby, LobbyScene)
    server = lobby.server
    phone = ThreadPhone(server.port)
    phone.send(type="join", room=server.code, name=NAME, team=1, language="uk")
    assert server.wait_for(lambda s: len(s.room.players) == 1, 20)
    app.step()
    assert NAME in drawn
    press(app, Action.NEXT)
    scene = app.top
    assert isinstance(scene, RoundScene)
    right = list(deck.card(scene.session.card_id).categories)
    phone.send(type="vote", choice=right)
    assert server.wait_for(lambda s: s.counts() == (1, 1), 20)
    drawn.clear()
    app.step()
    assert "1 of 1 has answered" in drawn and NAME not in drawn     # counts, never who
    press(app, Action.NEXT)                                        # the reveal: team 2's majority was right
    assert scene.session.scores()[1] == scene.session.rules.points
    assert "Answers from the phones" in drawn
    while isinstance(app.top, RoundScene):
        press(app, Action.NEXT)
    assert isinstance(app.top, EndScene) and app.context.phone_counts["players"] == 1
    press(app, Action.NEXT)                                        # save the summary
    assert server.wait_for(lambda s: s._loop is None, 20)          # the server stopped with the session
    phone.close()
    summary = next((tmp_path / "data").rglob("session-*.md")).read_text(encoding="utf-8")
    assert "Players on phones:** 1" in summary and "Right answers:** 100%" in summary
    for path in tmp_path.rglob("*"):
        if path.is_file():
            text = path.read_bytes()
            assert NAME.encode() not in text, path


def test_the_lobby_removes_a_name_by_keys_and_esc_stops_listening(app, drawn):
    import socket
    from game.scenes.start import StartScene
    app.context.phones = True                       # as with --phones: the setup offers phones at once
    deck = next(r.deck for r in app.context.decks if r.deck)
    setup = SetupScene(app, deck)
    assert setup.phones.value == "majority"
    app.push(setup)
    setup.page = 2
    press(app, Action.NEXT)
    server = app.top.server
    phones = [ThreadPhone(server.port) for _ in range(2)]
    for phone, name in zip(phones, ("Ana", "Bo")):
        phone.send(type="join", room=server.code, name=name, team=0)
    assert server.wait_for(lambda s: len(s.room.players) == 2, 20)
    press(app, Action.DOWN)
    press(app, Action.BACK)                         # Backspace: the highlighted name goes
    assert server.wait_for(lambda s: [p.name for p in s.room.players] == ["Ana"], 20)
    press(app, Action.MENU)
    assert isinstance(app.top, StartScene)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=2).close()
    for phone in phones:
        phone.loop.call_soon_threadsafe(phone.loop.stop)
