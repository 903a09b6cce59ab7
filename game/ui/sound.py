"""A gentle two-note chime when a timer ends. Made in code (no sound files); silent when muted or
when the machine has no audio device."""

from __future__ import annotations

import array
import math
from functools import cache

import pygame

RATE = 22050


@cache
def _chime() -> pygame.mixer.Sound | None:
    try:
        if not pygame.mixer.get_init():
            pygame.mixer.init(RATE, -16, 1)
        rate, _format, channels = pygame.mixer.get_init()
    except pygame.error:
        return None
    samples = array.array("h")
    for frequency, length in ((660, 0.35), (880, 0.6)):
        count = int(rate * length)
        for i in range(count):
            fade = min(1.0, i / (rate * 0.02)) * (1 - i / count) ** 2  # soft attack, long decay
            value = int(5000 * fade * math.sin(2 * math.pi * frequency * i / rate))
            samples.extend([value] * channels)
    return pygame.mixer.Sound(buffer=samples.tobytes())


def chime(enabled: bool) -> None:
    sound = _chime() if enabled else None
    if sound:
        sound.play()
