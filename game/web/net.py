"""The laptop's addresses on the room's network, for the join address on the shared screen."""

from __future__ import annotations

import socket


def addresses() -> list[str]:
    """IPv4 addresses other than loopback, the one with the default route first; ["127.0.0.1"] offline."""
    found: list[str] = []
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))     # a documentation address: connecting a UDP socket sends nothing
        found.append(probe.getsockname()[0])
    except OSError:
        pass
    finally:
        probe.close()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(info[4][0])
    except OSError:
        pass
    usable = [a for a in dict.fromkeys(found) if not a.startswith("127.") and a != "0.0.0.0"]
    return usable or ["127.0.0.1"]
