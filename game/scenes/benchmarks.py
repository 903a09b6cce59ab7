"""Screen figures for `python main.py bench` (pygame side; game.bench imports this lazily).

A scene's steady-state frame (nothing changed: the app reuses its last frame) and a changed frame
(drawn from scratch) are timed against a floor measured in the same run: blitting one prepared
full-screen surface and flipping. Idle CPU is the real loop in a separate
process, against a process that only sleeps for the same time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Iterator

SCENES = ("start", "setup-rules", "face", "reveal", "clue", "verdict", "story", "end")
SIZES = ((1920, 1080), (3840, 2160))
PROJECT = Path(__file__).resolve().parent.parent.parent


def frame_times(deck_dir: Path, quick: bool) -> Iterator[dict]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame
    from game.bench import best_time, figure
    from game.screenshots import build
    frames = 5 if quick else 20
    for size in SIZES[:1] if quick else SIZES:
        for scene in SCENES[:3] if quick else SCENES:
            app = build(scene, deck_dir, size, "bg", "en")
            for _ in range(3):                      # warm the text and font caches
                app.dirty = True
                app.draw_if_dirty()
            picture = app.screen.copy()

            def floor():
                for _ in range(frames):
                    app.screen.blit(picture, (0, 0))
                    pygame.display.flip()

            def redraw():
                for _ in range(frames):
                    app.dirty = True
                    app.draw_if_dirty()

            def redraw_changed():
                for _ in range(frames):
                    app._frame = None           # as after a state change: nothing to reuse
                    app.dirty = True
                    app.draw_if_dirty()

            base = best_time(floor, 3) / frames
            yield figure(f"frame_{scene}_{size[0]}x{size[1]}", best_time(redraw, 3) / frames, "s", base)
            yield figure(f"frame_changed_{scene}_{size[0]}x{size[1]}", best_time(redraw_changed, 3) / frames, "s", base)
            app.close()


ANIMATED = ("reveal", "who-reveal", "story", "verdict")
FRAME_BUDGET = 1 / 120     # half a 60 Hz frame


def animation_frames(deck_dir: Path, quick: bool) -> Iterator[dict]:
    """Every frame of a reveal's animation is drawn from scratch (the card turning, the categories
    arriving): timed frame by frame through the whole animation, against the blit-and-flip floor."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame
    from game.bench import best_time, figure
    from game.input import Action, Intent
    from game.rules import back
    from game.screenshots import build
    for size in SIZES[:1] if quick else SIZES:
        for scene in ANIMATED[:1] if quick else ANIMATED:
            now = [1_767_000_000.0]
            app = build(scene, deck_dir, size, "bg", "en", clock=lambda: now[0])
            app.context.calm, app.context.sound = False, False
            round_scene = app.top
            round_scene.session = back(round_scene.session, now[0])      # one step before: Next brings the reveal

            def animate() -> int:
                round_scene.handle(Intent(Action.NEXT))
                frames = 0
                while round_scene.motion.active:
                    now[0] += 1 / 60
                    round_scene.update(1 / 60)
                    app.dirty = True
                    app.draw_if_dirty()
                    frames += 1
                round_scene.session = back(round_scene.session, now[0])
                return frames

            frames = animate()                                          # warm the caches
            picture = app.screen.copy()

            def floor():
                for _ in range(frames):
                    app.screen.blit(picture, (0, 0))
                    pygame.display.flip()

            base = best_time(floor, 3) / frames
            value = best_time(animate, 2 if quick else 3) / frames
            yield dict(figure(f"animation_frame_{scene}_{size[0]}x{size[1]}", value, "s", base),
                       frames=frames, target=FRAME_BUDGET)
            app.close()


FIRST_FRAME = textwrap.dedent("""
    import sys
    from pathlib import Path
    import game.app as shell
    from game.store import Store
    splash = shell.App.splash
    def announced(app):
        splash(app)
        print("drawn", flush=True)
    shell.App.splash = announced
    app = shell.open_app([Path(sys.argv[1])], sys.argv[3], store=Store(Path(sys.argv[2])))
    app.draw_if_dirty()
    print("start screen", flush=True)
    app.close()
""")
BARE_WINDOW = textwrap.dedent("""
    import pygame
    pygame.init()
    screen = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
    screen.fill((18, 21, 28))
    pygame.display.flip()
    print("drawn", flush=True)
    pygame.quit()
""")


def first_frame(deck_dir: Path, quick: bool) -> Iterator[dict]:
    """From process start to the first drawn frame (the window with the title, before the decks
    are read), and to the whole start screen, against a bare pygame window's start (a process that
    opens a window, fills and flips it): all timed from outside, as each line arrives; best of a few.
    Also with a Bulgarian screen, whose catalog is compiled before the first frame."""
    import tempfile
    import time
    from game.bench import figure
    env = dict(os.environ, SDL_VIDEODRIVER=os.environ.get("SDL_VIDEODRIVER", "dummy"),
               SDL_AUDIODRIVER="dummy", PYTHONPATH=str(PROJECT), PYGAME_HIDE_SUPPORT_PROMPT="1")

    def started(code: str, *args: str) -> list[float]:
        begin = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code, *args], cwd=PROJECT, env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        times = [time.perf_counter() - begin for _line in child.stdout]
        child.wait()
        return times

    repeats = 3 if quick else 7
    with tempfile.TemporaryDirectory() as data:
        floor = min(started(BARE_WINDOW)[0] for _ in range(repeats))
        runs = [started(FIRST_FRAME, str(deck_dir), data, "en") for _ in range(repeats)]
        bulgarian = [started(FIRST_FRAME, str(deck_dir), data, "bg") for _ in range(repeats)]
    yield dict(figure("process_start_to_first_frame", min(run[0] for run in runs), "s", floor), target_ratio=2.0)
    yield figure("process_start_to_first_frame_bulgarian_screen", min(run[0] for run in bulgarian), "s", floor)
    yield figure("process_start_to_start_screen_with_decks", min(run[1] for run in runs), "s", floor)


IDLE = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import pygame
    from game.screenshots import build
    app = build("face", Path(sys.argv[1]), (1920, 1080), "en", None)
    app.top.apply(lambda s: s.__class__(**{**s.__dict__, "timer": None}))  # a still screen: no timer running
    pygame.time.set_timer(pygame.QUIT, int(float(sys.argv[2]) * 1000), loops=1)
    app.draw_if_dirty()  # the first frame (cold caches) is not idle time
    start = time.process_time()
    app.run()
    print(time.process_time() - start)
""")


def idle_cpu(deck_dir: Path, quick: bool) -> Iterator[dict]:
    from game.bench import figure
    seconds = 3.0 if quick else 10.0
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONPATH=str(PROJECT))
    run = subprocess.run([sys.executable, "-c", IDLE, str(deck_dir), str(seconds)], cwd=PROJECT, env=env,
                         capture_output=True, text=True, check=True)
    used = float(run.stdout.strip().splitlines()[-1])
    sleeper = subprocess.run([sys.executable, "-c", f"import time; t=time.process_time(); time.sleep({seconds}); "
                                                    "print(time.process_time() - t)"], capture_output=True, text=True)
    floor = float(sleeper.stdout.strip())
    yield figure(f"idle_cpu_{int(seconds)}s_percent_of_one_core", 100 * used / seconds, "%",
                 100 * max(floor, 1e-6) / seconds)
