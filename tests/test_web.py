"""The phones' server on the loopback address: the page, the JSON protocol, hostile input, and a hundred
phones playing through a session (join, vote, drop and come back), each test bounded in time."""

import asyncio
import json
import logging
import re

import aiohttp
import pytest

from game.rules import Rules, next_step, start, votes
from game.web import PhoneServer
from game.web.server import MAX_MESSAGE, STATIC
from tests.test_votes import DECK, NOW

LIMIT = 60   # seconds any one test may take


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, LIMIT))


@pytest.fixture
def server():
    session = start(DECK, Rules(mode="unknown", cards=3), ["A", "B"], "bg", "en", seed=7, now=NOW)
    server = PhoneServer(DECK, session, "majority", host="127.0.0.1", port=0, code="K7QM").start()
    yield server
    server.stop()


class Phone:
    """One simulated phone: a WebSocket and the last view it received."""

    def __init__(self, server, http):
        self.server, self.http = server, http
        self.ws = None
        self.player = None
        self.view = None

    async def connect(self):
        self.ws = await self.http.ws_connect(f"http://127.0.0.1:{self.server.port}/ws")
        return self

    async def send(self, **message):
        await self.ws.send_str(json.dumps(message))

    async def receive(self, kind="view"):
        while True:
            message = await self.ws.receive_json(timeout=20)
            if message["type"] == "welcome":
                self.player = message["player"]
            if message["type"] == "view":
                self.view = message
            if message["type"] == kind:
                return message

    async def join(self, **extra):
        await self.send(type="join", room="k7qm", **extra)
        return await self.receive()


async def wait_until(server, predicate):
    await asyncio.to_thread(server.wait_for, predicate, 20)
    assert predicate(server)


def test_the_page_serves_everything_itself_in_the_browsers_language(server):
    async def scenario():
        async with aiohttp.ClientSession() as http:
            page = await http.get(server.url("127.0.0.1"), headers={"Accept-Language": "uk-UA,uk;q=0.9,en;q=0.5"})
            text = await page.text()
            assert '<html lang="uk" dir="ltr">' in text and "Приєднатися" in text or "Join" in text
            assert "default-src 'none'" in page.headers["Content-Security-Policy"]
            boot = json.loads(re.search(r'id="boot">(.*?)</script>', text, re.S).group(1))
            assert boot["room"] == "K7QM" and [l["code"] for l in boot["languages"]] == list(DECK.languages)
            for name in ("phone.js", "phone.css"):
                assert (await http.get(f"http://127.0.0.1:{server.port}/{name}")).status == 200
            assert (await http.get(f"http://127.0.0.1:{server.port}/../server.py")).status == 404
    run(scenario())
    for path in STATIC.iterdir():       # no CDN, no external font or script: the room may be offline
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", path.read_text(encoding="utf-8")), path


def test_join_needs_the_room_code_and_a_vote_reaches_the_count(server):
    async def scenario():
        async with aiohttp.ClientSession() as http:
            stranger = await Phone(server, http).connect()
            await stranger.send(type="join", room="AAAA", name="x")
            assert (await stranger.receive("error"))["reason"] == "wrong_room"
            assert server.room.players == ()
            phone = await Phone(server, http).connect()
            lobby = await phone.join(name="Olena", team=1, language="uk")
            assert lobby["lobby"] and lobby["me"] == {"name": "Olena", "team": 1}
            server.follow(server.session)
            view = await phone.receive()
            assert view["ask"] == "categories" and view["open"] and view["name"] == DECK.text(
                server.session.card_id, "uk").name
            await phone.send(type="vote", choice=["fled", "advocate"])
            assert (await phone.receive())["vote"] == ["advocate", "fled"]
            assert server.counts() == (1, 1)
    run(scenario())


def test_hostile_messages_are_dropped_and_logged_and_the_server_keeps_serving(server, caplog):
    caplog.set_level(logging.INFO, "game.web")

    async def scenario():
        async with aiohttp.ClientSession() as http:
            villain = await Phone(server, http).connect()
            await villain.join(name="<script>alert(1)</script>", language="bg")
            phone = await Phone(server, http).connect()
            await phone.join(name="Ana", language="bg")
            server.follow(server.session)
            await villain.receive(), await phone.receive()
            before = server.session
            for garbage in ["not json", "[]", "null", json.dumps({"type": 5}), json.dumps({"type": "next"}),
                            json.dumps({"type": "mark_team", "team": 0}), json.dumps({"type": "vote", "choice": ["x"]}),
                            json.dumps({"type": "vote", "choice": {"$gt": 1}}), json.dumps({"type": "join", "room": 1}),
                            json.dumps({"type": "vote", "choice": "a" * 1000}), "[" * 1020 + "]" * 1020,
                            json.dumps({"type": "vote", "choice": [[[[[[[[["fled"]]]]]]]]]}),
                            json.dumps({"type": "language", "language": {"a": [1]}})]:
                await villain.ws.send_str(garbage)
            await villain.ws.send_bytes(b"\x00\xff")
            await villain.ws.close()       # returns once the server has read everything before the close
            await phone.send(type="language", language="uk")       # the server still serves everyone else
            assert (await phone.receive())["language"] == "uk"
            assert server.session == before and server.room.votes == ()
            big = await Phone(server, http).connect()
            await big.ws.send_str("x" * (MAX_MESSAGE + 1))
            closed = await big.ws.receive(timeout=10)
            assert closed.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR)
            flood = await Phone(server, http).connect()
            await flood.join(language="uk")
            for _ in range(300):
                await flood.send(type="language", language="bg")
            await flood.ws.close()         # returns once the server has read everything before the close
            await phone.send(type="vote", choice=["moved"])
            assert (await phone.receive())["vote"] == ["moved"]
    run(scenario())
    assert server.room.player  # still alive
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "not JSON" in logged and "too fast" in logged and "unknown or out of turn" in logged


def test_a_removed_player_is_told_and_their_vote_is_gone(server):
    async def scenario():
        async with aiohttp.ClientSession() as http:
            phone = await Phone(server, http).connect()
            await phone.join(name="Ivo")
            server.follow(server.session)
            await phone.receive()
            await phone.send(type="vote", choice=["fled"])
            await phone.receive()
            server.remove(phone.player)
            assert (await phone.receive("removed"))["type"] == "removed"
            await wait_until(server, lambda s: s.room.players == () and s.room.votes == ())
    run(scenario())


def test_a_hundred_phones_play_a_session_and_come_back_after_a_drop(server):
    count = 100

    async def scenario():
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
            phones = [await Phone(server, http).connect() for _ in range(count)]
            await asyncio.gather(*(p.join(name=f"P{i}", language=DECK.languages[i % len(DECK.languages)])
                                   for i, p in enumerate(phones)))
            assert len(server.room.players) == count
            session = server.follow(server.session)
            while not session.finished:
                views = await asyncio.gather(*(p.receive() for p in phones))
                assert {v["phase"] for v in views} == {session.phase[0]}
                if views[0].get("ask") == "categories":
                    await asyncio.gather(*(p.send(type="vote", choice=["fled"] if i % 2 else ["moved"])
                                           for i, p in enumerate(phones)))
                    await asyncio.gather(*(p.receive() for p in phones))
                    await wait_until(server, lambda s: s.counts() == (count, count))
                    dropped = phones[:10]        # ten phones sleep and come back with their token
                    for phone in dropped:
                        await phone.ws.close()
                    await wait_until(server, lambda s: sum(not p.connected for p in s.room.players) == 10)
                    for phone in dropped:
                        await phone.connect()
                        back = await phone.join(player=phone.player)
                        assert back["vote"] in (["fled"], ["moved"])
                    assert server.counts() == (count, count)
                if views[0]["phase"] == "reveal":
                    chart = {d["label"]: d["count"] for d in views[0]["distribution"]}
                    assert sum(chart.values()) == count
                session = server.follow(next_step(session, NOW))
            final = await asyncio.gather(*(p.receive() for p in phones))
            assert all(v["finished"] for v in final)
    run(scenario())
    assert server.tally.as_dict()["players"] == count
    assert server.tally.as_dict()["answers"] == [count] * 3


def test_an_unknown_token_must_join_anew_and_a_flood_of_sockets_is_turned_away(server, monkeypatch):
    from game.web import server as module
    monkeypatch.setattr(module, "MAX_CONNECTIONS", 3)

    async def scenario():
        async with aiohttp.ClientSession() as http:
            ghost = await Phone(server, http).connect()
            await ghost.send(type="join", room="K7QM", player="made-up-token")
            assert (await ghost.receive("error"))["reason"] == "gone" and server.room.players == ()
            others = [await Phone(server, http).connect() for _ in range(2)]
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await Phone(server, http).connect()
            await others[0].ws.close()
            while len(server._connections) >= 3:      # the server notices the close (bounded by LIMIT)
                await asyncio.sleep(0.02)
            assert (await Phone(server, http).connect()).ws is not None
    run(scenario())
