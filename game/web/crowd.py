"""Simulated phones for `main.py bench`, in a process of their own so the server's memory is measured
apart from theirs: `python -m game.web.crowd PORT CODE COUNT` joins COUNT phones, prints "ready",
then sends a vote for each line "N CHOICE" it reads (phone N, a JSON choice), until "quit"."""

from __future__ import annotations

import asyncio
import json
import sys

import aiohttp


async def crowd(port: int, code: str, count: int) -> None:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        sockets = [await http.ws_connect(f"http://127.0.0.1:{port}/ws") for _ in range(count)]
        for i, ws in enumerate(sockets):
            await ws.send_str(json.dumps({"type": "join", "room": code, "name": f"P{i}"}))
        readers = [asyncio.create_task(_drain(ws)) for ws in sockets]
        print("ready", flush=True)
        loop = asyncio.get_running_loop()
        while True:
            line = (await loop.run_in_executor(None, sys.stdin.readline)).strip()
            if not line or line == "quit":
                break
            number, choice = line.split(" ", 1)
            await sockets[int(number)].send_str(json.dumps({"type": "vote", "choice": json.loads(choice)}))
        for task in readers:
            task.cancel()
        for ws in sockets:
            await ws.close()


async def _drain(ws) -> None:
    async for _message in ws:
        pass


if __name__ == "__main__":
    asyncio.run(crowd(int(sys.argv[1]), sys.argv[2], int(sys.argv[3])))
