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
