"""Phone figures for `python main.py bench` (pygame side; game.bench imports this lazily).

With 100 phones connected (in a process of their own, game.web.crowd), one phone votes and we time
until the shared screen has drawn the new "N of 100" line, running the app's own loop (which
sleeps IDLE_SLEEP between polls when nothing happens, as in a real session). The floor is a bare
WebSocket round trip on loopback (aiohttp echo, same machine, same run). Server memory per phone is
the growth of the Python heap (tracemalloc) while the phones join, divided by their number.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import random
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Iterator

PROJECT = Path(__file__).resolve().parent.parent.parent


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def websocket_round_trips(samples: int) -> list[float]:
    """Bare round trips: one aiohttp client and an echo server, each on its own loop thread."""
    from aiohttp import ClientSession, web

    async def echo(request):
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for message in ws:
            await ws.send_str(message.data)
        return ws

    server_loop = asyncio.new_event_loop()
    threading.Thread(target=server_loop.run_forever, daemon=True).start()

    async def serve():
        app = web.Application()
        app.router.add_get("/ws", echo)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        return runner

    runner = asyncio.run_coroutine_threadsafe(serve(), server_loop).result(10)
    port = runner.addresses[0][1]

    async def client():
        times = []
        async with ClientSession() as http:
            ws = await http.ws_connect(f"http://127.0.0.1:{port}/ws")
            for _ in range(samples + 10):
                start = time.perf_counter()
                await ws.send_str('{"type":"vote","choice":["fled"]}')
                await ws.receive()
                times.append(time.perf_counter() - start)
            await ws.close()
        return times[10:]          # the first ones warm up the connection

    try:
        return asyncio.run(client())
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), server_loop).result(10)
        server_loop.call_soon_threadsafe(server_loop.stop)


def vote_to_screen(deck_dir: Path, quick: bool) -> Iterator[dict]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game import i18n
    from game.app import IDLE_SLEEP
    from game.bench import figure
    from game.rules import next_step
    from game.scenes.play import RoundScene
    from game.screenshots import build
    from game.web import PhoneServer

    phones, cards = 100, (1 if quick else 3)
    app = build("face", deck_dir, (1920, 1080), "en", None)
    i18n.set_language("en")
    scene = app.top
    session = scene.session
    server = PhoneServer(scene.deck, session, "off", host="127.0.0.1", port=0).start()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    crowd = subprocess.Popen([sys.executable, "-m", "game.web.crowd", str(server.port), server.code, str(phones)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=PROJECT)
    try:
        assert crowd.stdout.readline().strip() == "ready"
        server.wait_for(lambda s: len(s.room.players) == phones, 60)
        per_phone = (tracemalloc.get_traced_memory()[0] - before) / phones
        tracemalloc.stop()
        scene = RoundScene(app, scene.deck, session, phones=server)
        app.reset(scene)
        scene.apply(lambda s: s)                      # the phones follow the first step
        latencies = []
        for card in range(cards):
            sent: queue.Queue = queue.Queue()
            seen = threading.Event()

            def send_votes():
                """Votes arrive whenever phones send them, not in step with the app's loop."""
                rng = random.Random(card)
                for number in range(phones):
                    time.sleep(rng.uniform(0, 2 * IDLE_SLEEP))
                    sent.put((number, time.perf_counter()))
                    crowd.stdin.write(f"{number} {json.dumps(['fled'])}\n")
                    crowd.stdin.flush()
                    seen.wait(30)
                    seen.clear()

            threading.Thread(target=send_votes, daemon=True).start()
            for _ in range(phones):
                number, start = sent.get(timeout=30)
                wanted = f"{number + 1} of {phones} "
                while not any(str(line[0]).startswith(wanted) for line in app.shown):
                    events = pygame.event.get()      # one turn of App.run
                    if not events:
                        time.sleep(IDLE_SLEEP)
                    app.process(events)
                    if app.top.update(0):
                        app.dirty = True
                    app.draw_if_dirty()
                latencies.append(time.perf_counter() - start)
                seen.set()
            for _ in range(len(session.plan[session.card])):
                scene.apply(lambda s: next_step(s, time.time()))
            session = scene.session
        crowd.stdin.write("quit\n")
        crowd.stdin.flush()
        crowd.wait(30)
    finally:
        if crowd.poll() is None:
            crowd.kill()
        server.stop()
        app.close()
    floor = websocket_round_trips(len(latencies))
    for share, label in ((0.5, "p50"), (0.95, "p95")):
        yield figure(f"phone_vote_to_screen_{phones}_phones_{label}", _percentile(latencies, share), "s",
                     _percentile(floor, share))
    yield dict(figure(f"phone_server_memory_per_phone_{phones}_phones", per_phone / 1e3, "kB", 0),
               median_round_trip=round(statistics.median(floor), 6))
