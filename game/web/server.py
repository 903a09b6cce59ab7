"""The phones' web server: aiohttp in its own thread beside the pygame loop.

It only translates messages into the vote moves of game.rules.votes and sends each phone its
`public_view`. The room lives in memory; the app reads `room` (an immutable value) and `version`,
and hands in each new session with `publish`. Nothing a phone sends can move the session: there is
no message for it. The protocol is in PROTOCOL.md beside this file.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from aiohttp import WSMsgType, web

from game.decks.model import Deck
from game.i18n import available_languages, language_name
from game.rules import votes
from game.rules.session import IllegalMove, Session
from game.web.words import page_words

log = logging.getLogger("game.web")

STATIC = Path(__file__).parent / "static"
MAX_MESSAGE = 2048           # bytes; a vote or a join is far smaller
RATE = 5.0                   # messages per second a phone may send, on average
BURST = 15.0
STRIKES = 200                # dropped messages before the connection is closed
MAX_CONNECTIONS = 2 * votes.MAX_PLAYERS   # open sockets, joined or not: a flood of them is turned away
HEARTBEAT = 15.0             # seconds; finds phones that went away without closing
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"   # no 0/O or 1/I to mix up
DEFAULT_PORT = 8765


def room_code(length: int = 4) -> str:
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(length))


@dataclass(eq=False)
class Connection:
    ws: web.WebSocketResponse
    peer: str
    player: str | None = None
    tokens: float = BURST
    last: float = field(default_factory=time.monotonic)
    strikes: int = 0

    def allow(self) -> bool:
        """A token bucket: RATE messages a second on average, BURST at once."""
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.last) * RATE)
        self.last = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class PhoneServer:
    def __init__(self, deck: Deck, session: Session, team_points: str = "off", host: str = "0.0.0.0",
                 port: int = DEFAULT_PORT, code: str | None = None, clock: Callable[[], float] = time.time):
        self.deck, self.session, self.team_points = deck, session, team_points
        self.host, self.port = host, port
        self.clock = clock
        self.room = votes.Room(code or room_code())
        self.tally = votes.Tally()
        self.started = False            # False while the lobby is open
        self.version = 0                # bumped on every change the shared screen may show
        self.changed = threading.Condition()
        self._connections: dict[Connection, None] = {}
        self._stopping = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._page = (STATIC / "index.html").read_text(encoding="utf-8")

    @property
    def code(self) -> str:
        return self.room.code

    # --- life cycle (called from the app's thread) ------------------------------------------------
    def start(self, timeout: float = 10.0) -> "PhoneServer":
        ready = threading.Event()
        failure: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, args=(ready, failure), name="phones", daemon=True)
        self._thread.start()
        ready.wait(timeout)
        if failure:
            raise failure[0]
        return self

    def stop(self) -> None:
        """Close every connection and stop listening; safe to call twice, from any thread but the server's."""
        with self._stopping:
            loop, thread = self._loop, self._thread
            if loop and loop.is_running():
                asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(10)
                loop.call_soon_threadsafe(loop.stop)
            if thread:
                thread.join(10)
            self._loop = self._thread = None
        with self.changed:
            self.changed.notify_all()

    def publish(self, session: Session) -> None:
        """The facilitator moved: lock what was left, send every phone its new view."""
        self._call(self._publish, session)

    def follow(self, session: Session) -> Session:
        """Called by the app after each move: the phones follow, and at a reveal the votes, now locked,
        give teams their points (when the rule option asks for it). At the end the server stops."""
        if self._loop:
            asyncio.run_coroutine_threadsafe(self._publish_now(session), self._loop).result(5)
        else:      # not listening (screenshots, or already stopped): the room follows, nobody to tell
            self._publish(session)
        session = votes.award_votes(session, self.room, self.deck, self.team_points)
        self.session = session
        if session.finished:
            threading.Thread(target=self.stop, name="phones-stop", daemon=True).start()
        return session

    def counts(self) -> tuple[int, int]:
        """(answered, could answer) at the current step, for the shared screen."""
        return votes.answered(self.room, self.session) if self.started else (0, 0)

    def remove(self, player_id: str) -> None:
        """The facilitator takes a name off the list."""
        self._call(self._remove, player_id)

    def url(self, host: str) -> str:
        return f"http://{host}:{self.port}/?room={self.code}"

    def wait_for(self, predicate: Callable[["PhoneServer"], bool], timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self), timeout)

    def _call(self, function, *args) -> None:
        if self._loop:
            self._loop.call_soon_threadsafe(function, *args)

    # --- the server thread -------------------------------------------------------------------------
    def _run(self, ready: threading.Event, failure: list) -> None:
        self._loop = loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._serve())
        except BaseException as error:   # reported to start(), which raises it in the app's thread
            failure.append(error)
            ready.set()
            loop.close()
            return
        ready.set()
        self._expiry = loop.create_task(self._expire_regularly())
        loop.run_forever()
        loop.close()

    async def _serve(self) -> None:
        app = web.Application(client_max_size=MAX_MESSAGE)
        app.router.add_get("/", self._index)
        app.router.add_get("/ws", self._socket)
        app.router.add_get("/phone.js", self._static)
        app.router.add_get("/phone.css", self._static)
        app.router.add_get("/favicon.ico", self._no_icon)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        try:
            site = web.TCPSite(self._runner, self.host, self.port, reuse_address=True)
            await site.start()
        except OSError:
            if self.port == 0:
                raise
            site = web.TCPSite(self._runner, self.host, 0)   # the usual port is taken: any free one
            await site.start()
        self.port = self._runner.addresses[0][1]

    async def _shutdown(self) -> None:
        self._expiry.cancel()
        for connection in list(self._connections):
            await connection.ws.close()
        if self._runner:
            await self._runner.cleanup()

    async def _expire_regularly(self) -> None:
        while True:
            await asyncio.sleep(5)
            self._set_room(votes.expire(self.room, self.clock()))

    def _set_room(self, room: votes.Room) -> None:
        if room is self.room:
            return
        with self.changed:
            self.room = room
            self.version += 1
            self.changed.notify_all()

    async def _publish_now(self, session: Session) -> None:
        self._publish(session)

    def _publish(self, session: Session) -> None:
        if self.started:
            self.tally = votes.tally(self.tally, self.room, self.session, self.deck)
        self.session, self.started = session, True
        self._set_room(votes.follow(self.room, session))
        for connection in list(self._connections) if self._loop else []:
            if connection.player:
                self._loop.create_task(self._send_view(connection))

    def _remove(self, player_id: str) -> None:
        self._set_room(votes.leave(self.room, player_id))
        for connection in list(self._connections):
            if connection.player == player_id:
                connection.player = None
                self._loop.create_task(self._send_and_close(connection, {"type": "removed"}))

    # --- HTTP ----------------------------------------------------------------------------------------
    async def _index(self, request: web.Request) -> web.Response:
        language = self._page_language(request)
        boot = {"room": request.query.get("room", "")[:8], "teams": list(self.session.teams), "words": page_words(language), "language": language,
                "languages": [{"code": c, "name": language_name(c), "dir": votes.text_direction(c)}
                              for c in self.deck.languages]}
        page = (self._page.replace("{lang}", language).replace("{dir}", votes.text_direction(language))
                .replace("{boot}", json.dumps(boot, ensure_ascii=False).replace("<", "\\u003c")))
        return web.Response(text=page, content_type="text/html", headers=_HEADERS)

    def _page_language(self, request: web.Request) -> str:
        """The first of the browser's languages that the deck has; else the deck's source language."""
        wanted = [part.split(";")[0].strip().split("-")[0].lower()
                  for part in request.headers.get("Accept-Language", "").split(",")[:10]]
        return next((code for code in wanted if code in self.deck.languages), self.deck.source_language)

    async def _no_icon(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def _static(self, request: web.Request) -> web.Response:
        name = request.path.lstrip("/")
        kind = "application/javascript" if name.endswith(".js") else "text/css"
        return web.Response(text=(STATIC / name).read_text(encoding="utf-8"), content_type=kind, headers=_HEADERS)

    # --- WebSocket -------------------------------------------------------------------------------------
    async def _socket(self, request: web.Request) -> web.StreamResponse:
        if len(self._connections) >= MAX_CONNECTIONS:
            log.warning("turned away %s: %d connections are open", request.remote, len(self._connections))
            return web.Response(status=503, text="busy")
        ws = web.WebSocketResponse(max_msg_size=MAX_MESSAGE, heartbeat=HEARTBEAT)
        await ws.prepare(request)
        connection = Connection(ws, str(request.remote))
        self._connections[connection] = None
        try:
            async for message in ws:
                if message.type is WSMsgType.TEXT:
                    await self._receive(connection, message.data)
                else:
                    self._drop(connection, "not a text message")
                if connection.strikes > STRIKES:
                    log.warning("closing %s: too many dropped messages", connection.peer)
                    await ws.close()
        except Exception:     # a broken phone must never stop the server
            log.exception("connection from %s failed", connection.peer)
        finally:
            self._connections.pop(connection, None)
            if connection.player and not any(c.player == connection.player for c in self._connections):
                self._apply(lambda room: votes.drop(room, connection.player, self.clock()))
        return ws

    def _drop(self, connection: Connection, why: str, data: str = "") -> None:
        connection.strikes += 1
        if connection.strikes <= 5 or connection.strikes % 100 == 0:
            log.warning("dropped a message from %s: %s %r", connection.peer, why, data[:80])

    def _apply(self, move) -> bool:
        try:
            self._set_room(move(self.room))
        except IllegalMove as problem:
            log.info("refused: %s", problem)
            return False
        return True

    async def _receive(self, connection: Connection, data: str) -> None:
        if not connection.allow():
            return self._drop(connection, "too fast")
        try:
            message = json.loads(data)
        except (ValueError, RecursionError):     # RecursionError: "[[[[…" nested deeper than Python recurses
            return self._drop(connection, "not JSON", data)
        kind = message.get("type") if isinstance(message, dict) else None
        handler = {"join": self._join, "vote": self._vote, "language": self._language,
                   "leave": self._leave}.get(kind) if isinstance(kind, str) else None
        if handler is None or (kind != "join" and not connection.player):
            return self._drop(connection, "unknown or out of turn", data)
        await handler(connection, message)

    async def _join(self, connection: Connection, message: dict) -> None:
        if str(message.get("room", "")).strip().upper() != self.code:
            self._drop(connection, "wrong room code")
            return await self._send(connection, {"type": "error", "reason": "wrong_room"})
        known = message.get("player")
        if isinstance(known, str) and known:
            if not self._apply(lambda room: votes.reconnect(room, known, self.clock())):
                return await self._send(connection, {"type": "error", "reason": "gone"})
            for other in list(self._connections):   # the old connection of this phone, if still open
                if other is not connection and other.player == known:
                    other.player = None
                    self._loop.create_task(other.ws.close())
            player = known
        else:
            player = secrets.token_urlsafe(12)
            team = message.get("team")
            if not self._apply(lambda room: votes.join(room, self.session, player, message.get("name", ""),
                                                       team if isinstance(team, int) else None,
                                                       message.get("language"), self.deck)):
                return await self._send(connection, {"type": "error", "reason": "full"})
        connection.player = player
        await self._send(connection, {"type": "welcome", "player": player})
        await self._send_view(connection)

    async def _vote(self, connection: Connection, message: dict) -> None:
        if not self.started:
            return self._drop(connection, "vote in the lobby")
        if self._apply(lambda room: votes.cast_vote(room, self.session, self.deck, connection.player,
                                                    message.get("choice"))):
            await self._send_view(connection)
        else:
            self._drop(connection, "refused vote", json.dumps(message.get("choice"))[:80])

    async def _language(self, connection: Connection, message: dict) -> None:
        if self._apply(lambda room: votes.set_language(room, connection.player, message.get("language"), self.deck)):
            await self._send_view(connection)

    async def _leave(self, connection: Connection, message: dict) -> None:
        self._set_room(votes.leave(self.room, connection.player))
        connection.player = None
        await connection.ws.close()

    def view(self, player_id: str) -> dict:
        """What this player's phone shows now, with the page's words in their language."""
        player = self.room.player(player_id)
        language = player.language if player else self.deck.source_language
        words = page_words(language if language in available_languages() else "en")
        if not self.started:
            view = {"lobby": True, "language": language, "dir": votes.text_direction(language),
                    "teams": list(self.session.teams)}
        else:
            view = votes.public_view(self.room, self.session, self.deck, language, player_id)
        me = {"name": player.name, "team": player.team} if player else None
        return {"type": "view", **view, "words": words, "me": me}

    async def _send_view(self, connection: Connection) -> None:
        if connection.player:
            await self._send(connection, self.view(connection.player))

    async def _send(self, connection: Connection, message: dict) -> None:
        if connection.ws.closed:
            return
        try:
            await connection.ws.send_str(json.dumps(message, ensure_ascii=False))
        except (ConnectionError, RuntimeError) as error:
            log.info("could not send to %s: %s", connection.peer, error)

    async def _send_and_close(self, connection: Connection, message: dict) -> None:
        await self._send(connection, message)
        await connection.ws.close()


# The page loads nothing from elsewhere: no CDN, no external font, no inline script but the boot data.
_HEADERS = {"Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                                       "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'",
            "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
