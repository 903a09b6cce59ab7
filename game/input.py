"""One place turns raw input into intent: keyboard, presenter clicker, mouse and touch all become
the same small set of actions, so scenes handle actions, never keys."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

import pygame


class Action(Enum):
    NEXT = auto()
    BACK = auto()
    UP = auto()
    DOWN = auto()
    BLACK = auto()
    WHITE = auto()
    FULLSCREEN = auto()
    MENU = auto()
    MARK = auto()        # team: 0-7
    TIMER = auto()
    HELP = auto()
    UNDO = auto()
    SKIP = auto()
    PAUSE = auto()
    CLICK = auto()       # pos
    TEXT = auto()        # text typed into a field
    DELETE = auto()      # backspace while typing
    SWAP = auto()        # presenter view: swap the audience and console displays
    STANDINGS = auto()   # the standings between cards
    QUIT = auto()


@dataclass(frozen=True)
class Intent:
    action: Action
    team: int | None = None
    pos: tuple[int, int] | None = None
    text: str | None = None
    arrow: bool = False  # NEXT/BACK that came from an arrow key: forms use arrows to change values


_KEYS = {
    pygame.K_SPACE: Action.NEXT, pygame.K_RETURN: Action.NEXT, pygame.K_KP_ENTER: Action.NEXT,
    pygame.K_PAGEDOWN: Action.NEXT, pygame.K_RIGHT: Action.NEXT,
    pygame.K_PAGEUP: Action.BACK, pygame.K_LEFT: Action.BACK, pygame.K_BACKSPACE: Action.BACK,
    pygame.K_UP: Action.UP, pygame.K_DOWN: Action.DOWN,
    pygame.K_b: Action.BLACK, pygame.K_PERIOD: Action.BLACK, pygame.K_w: Action.WHITE,
    pygame.K_f: Action.FULLSCREEN, pygame.K_F11: Action.FULLSCREEN, pygame.K_F5: Action.FULLSCREEN,
    pygame.K_ESCAPE: Action.MENU, pygame.K_t: Action.TIMER, pygame.K_h: Action.HELP, pygame.K_F1: Action.HELP,
    pygame.K_s: Action.SKIP, pygame.K_p: Action.PAUSE, pygame.K_F2: Action.SWAP,
    pygame.K_l: Action.STANDINGS,
}
_TEAM_KEYS = {getattr(pygame, f"K_{n}"): n - 1 for n in range(1, 9)} | \
             {getattr(pygame, f"K_KP{n}"): n - 1 for n in range(1, 9)}
_ARROWS = {pygame.K_LEFT, pygame.K_RIGHT}


def intents(event: pygame.event.Event, typing: bool = False, size: tuple[int, int] = (0, 0)) -> list[Intent]:
    """The intents one event carries. While `typing`, letters are text, not shortcuts."""
    kind = event.type
    if kind == pygame.QUIT:
        return [Intent(Action.QUIT)]
    if kind == pygame.KEYDOWN:
        return _key(event, typing)
    if kind == pygame.TEXTINPUT and typing:
        return [Intent(Action.TEXT, text=event.text)]
    if kind == pygame.MOUSEBUTTONDOWN and event.button == 1:
        # SDL reports a tap twice, as FINGERDOWN and as a mouse click marked `touch`: act on the finger only.
        return [] if getattr(event, "touch", False) else [Intent(Action.CLICK, pos=tuple(event.pos))]
    if kind == pygame.MOUSEWHEEL:
        return [Intent(Action.UP if event.y > 0 else Action.DOWN)] if event.y else []
    if kind == pygame.FINGERDOWN and size[0]:
        return [Intent(Action.CLICK, pos=(int(event.x * size[0]), int(event.y * size[1])))]
    return []


def _key(event, typing: bool) -> list[Intent]:
    key, ctrl = event.key, bool(event.mod & pygame.KMOD_CTRL)
    if ctrl and key == pygame.K_z:
        return [Intent(Action.UNDO)]
    if ctrl and key == pygame.K_q:
        return [Intent(Action.QUIT)]
    if typing:
        typing_keys = {pygame.K_BACKSPACE: Action.DELETE, pygame.K_RETURN: Action.NEXT, pygame.K_KP_ENTER: Action.NEXT,
                       pygame.K_ESCAPE: Action.MENU, pygame.K_UP: Action.UP, pygame.K_DOWN: Action.DOWN,
                       pygame.K_TAB: Action.DOWN}
        return [Intent(typing_keys[key])] if key in typing_keys else []
    if key in _TEAM_KEYS:
        return [Intent(Action.MARK, team=_TEAM_KEYS[key])]
    if key in _KEYS:
        return [Intent(_KEYS[key], arrow=key in _ARROWS)]
    return []
