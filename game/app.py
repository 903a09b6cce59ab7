"""The pygame shell: the window, the loop and the scene stack.

Presenter keys that work everywhere (black/white screen, fullscreen, help, quit) are handled here,
once; everything else goes to the scene on top. An idle screen does not redraw and the loop sleeps
between polls, so a projector left on a card costs almost no CPU.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pygame

from game import i18n
from game.background import Job
from game.input import Action, Intent, intents
from game.layout import Box
from game.scenes.base import Scene
from game.store import Store
from game.ui import render, theme

if TYPE_CHECKING:
    from game.decks import DeckReport
    from game.rules.presets import Preset

MIN_SIZE = (640, 360)
IDLE_SLEEP = 0.02
TEXT_LOG = os.environ.get("THE_UNKNOWN_TEXT_LOG")  # a file that always holds the text on screen (tests)


@dataclass
class Context:
    """What scenes need from outside, passed in so tests can hand in their own."""

    decks: list["DeckReport"]
    deck_dirs: list[Path]
    store: Store
    presets: list["Preset"]
    clock: Callable[[], float] = time.time
    seed: Callable[[], int] = lambda: int.from_bytes(os.urandom(4), "little")
    sound: bool = True
    problems: list = field(default_factory=list)
    phones: bool = False               # players' phones on by default in the setup (--phones)
    phones_port: int = 8765
    phone_counts: dict | None = None   # anonymous counts from the phones, for the session summary
    # THE_UNKNOWN_CALM=1: calm mode whatever the rules say (a kiosk; the test suite, so that key
    # sequences never depend on how fast they are pressed)
    calm: bool = field(default_factory=lambda: os.environ.get("THE_UNKNOWN_CALM") == "1")

    @classmethod
    def load(cls, deck_dirs: Path | list[Path], store: Store | None = None) -> "Context":
        """`deck_dirs`: one folder of decks, or several (the bundled decks and the user's own)."""
        from game.decks.cache import load_decks_cached
        from game.rules.presets import load_presets
        deck_dirs = [deck_dirs] if isinstance(deck_dirs, Path) else list(deck_dirs)
        store = store or Store()
        presets, problems = load_presets(store.presets_dir)
        decks = load_decks_cached(deck_dirs, store.folder / "cache")  # a big deck opens fast the second time
        return cls(decks=decks, deck_dirs=deck_dirs, store=store, presets=presets, problems=problems)


class App:
    def __init__(self, context: Context, size: tuple[int, int] = (1280, 720), fullscreen: bool = False,
                 presenter: bool | None = None, swap: bool = False):
        """`presenter`: open the facilitator console as a second window; None: only with two displays."""
        pygame.init()
        pygame.display.init()   # raises with SDL's reason when no window can be opened (pygame.init() is silent)
        render.reset_caches()
        pygame.key.set_repeat(0)
        pygame.display.set_caption("The UnKnown")
        self.context = context
        two_displays = pygame.display.get_num_displays() >= 2
        self.audience_display = (0 if swap else 1) if two_displays else 0
        self.fullscreen = fullscreen or (two_displays and presenter is not False)
        self.window_size = size
        self.screen = self._open_window()
        self.console = None
        if presenter or (presenter is None and two_displays):
            from game.scenes.console import Console
            self.console = Console(self, display=(1 if swap else 0) if two_displays else 0)
        self.scenes: list[Scene] = []
        self.text_input: bool | None = None   # SDL's text input state, as last set by sync_text_input
        self.blank: tuple[int, int, int] | None = None   # black or white screen
        self.running = True
        self.dirty = True
        self.frames = 0            # frames actually drawn (not reused)
        self.shown: list = []      # the text lines of the frame on screen, from render.recording_text
        self._frame: tuple | None = None   # (key, surface, shown) of the last drawn frame

    # --- the scene stack ---------------------------------------------------------------------
    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    @property
    def top(self) -> Scene:
        return self.scenes[-1]

    def push(self, scene: Scene) -> None:
        self.scenes.append(scene)
        self.dirty = True

    def pop(self) -> None:
        if len(self.scenes) > 1:
            self.scenes.pop()
        self.dirty = True

    def replace(self, scene: Scene) -> None:
        self.scenes[-1] = scene
        self.dirty = True

    def reset(self, scene: Scene) -> None:
        self.scenes = [scene]
        self.dirty = True

    def splash(self) -> None:
        """The first frame, drawn before the decks are read: the window answers at once."""
        w, h = self.size
        m = theme.px(h, theme.MARGIN)
        self.screen.fill(theme.BACKGROUND)
        with render.recording_text() as self.shown:
            render.text(self.screen, Box(m, m, w - 2 * m, theme.px(h, 0.09)), "The UnKnown", theme.px(h, theme.TITLE),
                        theme.TEXT, bold=True, max_lines=1)
            render.text(self.screen, Box(m, m + theme.px(h, 0.09), w - 2 * m, theme.px(h, 0.06)),
                        i18n._("Reading the decks…"), theme.px(h, theme.SMALL), theme.MUTED, max_lines=1)
        pygame.display.flip()
        self.frames += 1

    def sync_text_input(self) -> None:
        """SDL sends typed text (TEXTINPUT) only while text input is on; keep it on exactly while the
        top scene edits text, whatever changed that: a new scene, or the focus moving onto a text row."""
        typing = bool(self.scenes) and self.top.typing
        if typing != self.text_input:
            pygame.key.start_text_input() if typing else pygame.key.stop_text_input()
            self.text_input = typing

    # --- input ---------------------------------------------------------------------------------
    def handle(self, intent: Intent) -> None:
        action = intent.action
        self.dirty = True
        if self.console is not None:
            self.console.notice = ""
        if action is Action.QUIT:
            self.running = False
        elif self.blank is not None:
            # On a black or white screen the same key toggles back; any other key just clears it.
            self.blank = None
        elif action in (Action.BLACK, Action.WHITE):
            self.blank = (0, 0, 0) if action is Action.BLACK else (255, 255, 255)
        elif action is Action.FULLSCREEN:
            self.toggle_fullscreen()
        elif action is Action.SWAP:
            self.swap_displays()
        elif action is Action.HELP and not self.top.typing:
            from game.scenes.help import HelpScene
            self.pop() if isinstance(self.top, HelpScene) else self.push(HelpScene(self))
        else:
            self.top.handle(intent)

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        self.screen = self._open_window()
        self.context.store.remember(fullscreen=self.fullscreen)

    def swap_displays(self) -> None:
        """F2 in the presenter view: the audience and the console change screens."""
        if self.console is None:
            return
        if pygame.display.get_num_displays() < 2:
            from game.i18n import N_
            self.console.notice = N_("F2 swaps the screens when two displays are connected.")
            return
        console_display = self.audience_display
        self.audience_display = 1 - self.audience_display
        self.screen = self._open_window()
        self.console.move_to(console_display)
        self.context.store.remember(swapped=self.audience_display == 0)

    def _open_window(self) -> pygame.Surface:
        if self.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN, display=self.audience_display)
        return pygame.display.set_mode(self.window_size, pygame.RESIZABLE, display=self.audience_display)

    def process(self, events) -> None:
        for event in events:
            on_console = self.console is not None and getattr(event, "window", None) is self.console.window
            if on_console:
                if event.type == pygame.WINDOWCLOSE:      # closing the console keeps the game running
                    self.console.window.destroy()
                    self.console = None
                elif event.type in (pygame.MOUSEBUTTONDOWN, pygame.FINGERDOWN):
                    size = self.console.surface.get_size()
                    for intent in intents(event, False, size):
                        target = self.console.click(intent.pos)
                        if target:
                            self.handle(target)
                else:
                    self.dirty = True
                    for intent in intents(event, self.top.typing, self.size):  # keys work in either window
                        if intent.action is not Action.CLICK:
                            self.handle(intent)
                continue
            if event.type == pygame.WINDOWCLOSE:
                self.running = False
                return
            if event.type == pygame.VIDEORESIZE and not self.fullscreen:
                self.window_size = (max(MIN_SIZE[0], event.w), max(MIN_SIZE[1], event.h))
                self.screen = pygame.display.get_surface()
                self.dirty = True
            elif event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSIZECHANGED):
                self.dirty = True
            for intent in intents(event, self.top.typing, self.size):
                self.handle(intent)
                if not self.running:
                    return

    # --- the loop ------------------------------------------------------------------------------
    def step(self, dt: float = 0.0) -> None:
        """One turn of the loop without waiting: events, time, and a redraw only when needed."""
        self.process(pygame.event.get())
        if self.top.update(dt):
            self.dirty = True
        self.draw_if_dirty()

    def draw_if_dirty(self) -> None:
        self.sync_text_input()
        if not self.dirty:
            return
        self.draw(self.screen)
        pygame.display.flip()
        if TEXT_LOG:
            _write_text_log(TEXT_LOG, self.shown)
        if self.console is not None:
            with render.recording_text() as shown:
                self.console.draw()
            if TEXT_LOG:
                _write_text_log(TEXT_LOG + ".console", shown)
        self.dirty = False

    def draw(self, surface: pygame.Surface) -> None:
        if self.blank is not None:
            surface.fill(self.blank)
            self.shown = []
            return
        first = len(self.scenes) - 1
        while first > 0 and self.scenes[first].overlay:
            first -= 1
        visible = self.scenes[first:]
        if self.console is not None:
            visible = [scene for scene in visible if not scene.private]
        keys = [scene.render_key() for scene in visible]
        key = None if None in keys else (tuple(keys), surface.get_size(), i18n.current_language())
        if key is not None and self._frame and self._frame[0] == key:
            surface.blit(self._frame[1], (0, 0))
            self.shown = self._frame[2]
            return
        with render.recording_text() as self.shown:
            for scene in visible:
                scene.draw(surface)
        self.frames += 1
        self._frame = (key, surface.copy(), self.shown) if key is not None else None

    def run(self) -> int:
        last = time.monotonic()
        while self.running:
            events = pygame.event.get()
            if not events:
                # SDL's own wait busy-polls on some video drivers (2.5% of a core measured on the
                # dummy driver, 0.4% with this sleep); 20 ms is below what a presenter notices.
                time.sleep(IDLE_SLEEP)
            self.process(events)
            now = time.monotonic()
            if self.running and self.top.update(now - last):
                self.dirty = True
            last = now
            if self.running:
                self.draw_if_dirty()
        self.close()
        return 0

    def close(self) -> None:
        """Destroy the console window before pygame quits: a Window freed after pygame.quit()
        makes SDL destroy it twice, which crashes at random."""
        if self.console is not None:
            self.console.window.destroy()
            self.console = None
        pygame.quit()


def _write_text_log(path: str, shown: list) -> None:
    from game.store import write_atomically
    write_atomically(Path(path), json.dumps(shown, ensure_ascii=False))


def run(deck_dirs: list[Path], language: str | None = None, size: tuple[int, int] = (1280, 720),
        fullscreen: bool = False, presenter: bool | None = None, swap: bool = False, phones: bool = False) -> int:
    app = open_app(deck_dirs, language, size, fullscreen, presenter, swap, phones=phones)
    return app.run() if app else 0


def open_app(deck_dirs: list[Path], language: str | None = None, size: tuple[int, int] = (1280, 720),
             fullscreen: bool = False, presenter: bool | None = None, swap: bool = False,
             store: Store | None = None, phones: bool = False) -> App | None:
    """The start screen as the last run left the room: screen language, fullscreen and the
    swapped displays are remembered (the command line still wins)."""
    store = store or Store()
    settings = store.settings()
    remembered = settings.language if settings.language in i18n.available_languages() else None
    i18n.set_language(language or remembered or i18n.system_language())
    folders = [deck_dirs] if isinstance(deck_dirs, Path) else list(deck_dirs)
    app = App(Context([], folders, store, []), size, fullscreen or settings.fullscreen, presenter,
              swap or settings.swapped)
    app.splash()   # the first frame, before the decks are read and before the scenes are imported
    from game.scenes.start import StartScene
    context = load_answering(app, folders, store)
    if context is None:
        return None  # the window was closed while the decks loaded
    context.phones = phones
    app.context = context
    app.push(StartScene(app))
    return app


def load_answering(app: App, deck_dirs: list[Path], store: Store) -> Context | None:
    """Read the decks in a thread while the window (showing the splash) answers its close button: a
    deck of thousands of cards takes seconds the first time. None when the window was closed."""
    job = Job(lambda job: Context.load(deck_dirs, store))
    while not job.done:
        if any(event.type in (pygame.QUIT, pygame.WINDOWCLOSE) for event in pygame.event.get()):
            app.close()
            return None
        job.wait(0.05)
    return job.result()


__all__ = ["App", "Context", "open_app", "run", "theme"]
