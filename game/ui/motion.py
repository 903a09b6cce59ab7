"""Motion with restraint: the card turns over at the reveal, then the categories (or a verdict)
arrive one by one. Never in calm mode; Next during an animation completes it at once, so motion
never delays a facilitator. Scenes ask this object what to draw; it only keeps time."""

from __future__ import annotations

import math
from typing import Callable

import pygame

TURN = 0.5       # seconds for the card to turn over
ARRIVE = 0.3     # seconds between two arriving items
STEPS = 60       # frames per second the animation is drawn at (its frame key's resolution)


class Motion:
    def __init__(self, clock: Callable[[], float]):
        self.clock = clock
        self.started: float | None = None
        self.turning = False
        self.items = 0
        self._key = None
        self.hiding = False     # drawing the still layer: no card, nothing arrived
        self.still = None       # that layer, drawn once per animation
        self.sides = {}         # the card's two sides, painted once per animation
        self.area = None        # where items arrive, as the scene last drew them

    def reset_layers(self) -> None:
        self.still, self.sides, self.area = None, {}, None

    def begin(self, turn: bool, items: int) -> None:
        """Start the animation of a step: a card turn (or not), then `items` arriving one by one."""
        self.started, self.turning, self.items = self.clock(), turn, items
        self.reset_layers()
        if self.duration <= 0:
            self.started = None

    @property
    def lead(self) -> float:
        """When the first item arrives: after the turn, or after a short pause."""
        return TURN if self.turning else ARRIVE

    @property
    def duration(self) -> float:
        if not self.items:
            return TURN if self.turning else 0.0
        return self.lead + (self.items - 1) * ARRIVE + ARRIVE / 2   # the last item stays a moment

    @property
    def active(self) -> bool:
        return self.started is not None and self.clock() - self.started < self.duration

    def finish(self) -> None:
        self.started = None

    def elapsed(self) -> float:
        return math.inf if self.started is None else self.clock() - self.started

    def key(self):
        """The animation frame on screen (None when still): part of the scene's frame key."""
        return int(self.elapsed() * STEPS) if self.active else None

    def tick(self) -> bool:
        """True when the frame to draw changed since the last tick (a new animation frame, or its end)."""
        key = self.key()
        changed, self._key = key != self._key, key
        return changed

    def turn(self) -> tuple[float, bool]:
        """The card's horizontal scale (0-1) and whether the new side shows yet."""
        if self.hiding:
            return 0.0, False
        if not self.turning or not self.active:
            return 1.0, True
        p = min(1.0, self.elapsed() / TURN)
        return abs(math.cos(math.pi * p)), p >= 0.5

    def arrived(self, count: int) -> int:
        """How many of `count` items have arrived (all of them when still)."""
        if self.hiding:
            return 0
        if not self.active:
            return count
        since = self.elapsed() - self.lead
        return max(0, min(count, int(since / ARRIVE) + 1)) if since >= 0 else 0


def draw_turning(surface: pygame.Surface, motion: Motion, box, paint_old, paint_new) -> None:
    """Draw a card turning over in `box`: the old side narrowing, then the new one widening.
    paint_old / paint_new draw a side onto a surface at (0, 0)."""
    scale, new_side = motion.turn()
    if scale >= 1.0 and new_side:
        paint_new(surface, (box.x, box.y))
        return
    width = round(box.w * scale)
    if width < 1:
        return
    key = (new_side, round(box.w), round(box.h))
    side = motion.sides.get(key)
    if side is None:
        side = motion.sides[key] = pygame.Surface((max(1, round(box.w)), max(1, round(box.h))), pygame.SRCALPHA)
        (paint_new if new_side else paint_old)(side, (0, 0))
    narrowed = pygame.transform.scale(side, (width, side.get_height()))
    surface.blit(narrowed, (round(box.x + (box.w - width) / 2), round(box.y)))
