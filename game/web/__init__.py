"""Players' phones: a small web server beside the app, speaking the JSON protocol in PROTOCOL.md.
Plain Python (aiohttp), never pygame; it talks to the pure rules in game.rules.votes, never to scenes."""

from game.web.net import addresses
from game.web.server import DEFAULT_PORT, PhoneServer, room_code

__all__ = ["DEFAULT_PORT", "PhoneServer", "addresses", "room_code"]
