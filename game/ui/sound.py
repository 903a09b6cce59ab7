"""Two sounds made in code (no sound files): a short warm chord at a reveal, and a gentle two-note
chime when a timer ends; never an alarm. Silent when muted, in calm mode, or when the machine has
no audio device. The mixer starts on the first sound, not with the window."""

from __future__ import annotations

import array
import math
from functools import cache

import pygame

RATE = 22050

# (frequency, start, length) of each note, in Hz and seconds
REVEAL = ((262, 0.0, 0.7), (330, 0.06, 0.65), (392, 0.12, 0.6))   # C-E-G, gently rolled: warm, low, short
CHIME = ((660, 0.0, 0.35), (880, 0.35, 0.6))                      # two higher notes, one after the other


def samples(notes, rate: int, volume: int) -> array.array:
    """Sine notes with a soft attack and a long decay, mixed; a touch of the octave warms them."""
    total = int(rate * max(start + length for _f, start, length in notes))
    mixed = [0.0] * total
    for frequency, start, length in notes:
        first, count = int(rate * start), int(rate * length)
        for i in range(count):
            fade = min(1.0, i / (rate * 0.02)) * (1 - i / count) ** 2
            phase = 2 * math.pi * frequency * i / rate
            mixed[first + i] += fade * (math.sin(phase) + 0.15 * math.sin(2 * phase))
    peak = max(1.0, max(abs(v) for v in mixed))
    return array.array("h", (int(volume * v / peak) for v in mixed))


@cache
def _sound(name: str) -> pygame.mixer.Sound | None:
    try:
        if not pygame.mixer.get_init():
            pygame.mixer.init(RATE, -16, 1)
        rate, _format, channels = pygame.mixer.get_init()
    except pygame.error:
        return None
    mono = samples(REVEAL if name == "reveal" else CHIME, rate, 4500 if name == "reveal" else 5000)
    data = array.array("h", (value for value in mono for _ in range(channels)))
    return pygame.mixer.Sound(buffer=data.tobytes())


def play(name: str, enabled: bool) -> None:
    """Play "reveal" or "chime" if sound is on (and not in calm mode)."""
    sound = _sound(name) if enabled else None
    if sound:
        sound.play()


def chime(enabled: bool) -> None:
    play("chime", enabled)
