"""A real app process is killed (SIGKILL) in the middle of a session; the next start resumes it
exactly where it was."""

import json
from dataclasses import replace
import os
import signal
import subprocess
import sys
import textwrap

import pygame

from game.app import App, Context
from game.rules import Session
from game.scenes.play import RoundScene
from game.scenes.start import StartScene
from game.store import Store
from tests.conftest import PROJECT, SAMPLE_DECK

DRIVER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    import pygame
    from game.app import App, Context
    from game.scenes.start import StartScene
    from game.store import Store

    deck_dir, data, *keys = sys.argv[1:]
    app = App(Context.load(Path(deck_dir), Store(Path(data))), (640, 360))
    app.push(StartScene(app))
    for name in keys:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(name), mod=0, unicode=""))
        app.step()
    print(json.dumps(app.top.session.to_dict()), flush=True)
    app.run()  # the real loop: waits for input until killed
""")

# New session, defaults, fact-or-fiction mode with a 30 s timer, then play into the second card.
KEYS = ["return", "return", "return", "down", "right", "right", "down", "down", "down", "right", "return",
        "return", "2", "return", "3", "return", "return", "return", "return", "1"]


def test_a_killed_session_resumes_with_the_same_state(tmp_path):
    data = tmp_path / "data"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONPATH=str(PROJECT))
    process = subprocess.Popen([sys.executable, "-c", DRIVER, str(SAMPLE_DECK.parent), str(data), *KEYS],
                               cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line, process.stderr.read()
        before = Session.from_dict(json.loads(line))
        assert process.poll() is None, "the app should still be running"
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
    assert before.mode == "fact" and before.card >= 1 and before.scores()[1] >= 1 and before.rules.timer == 30
    store = Store(data)
    saved = store.load()
    # The same session, but paused with the timer stopped at the time it had left: the time the app was
    # down is not taken off the timer (play-test B6b).
    assert replace(saved, paused=before.paused, timer=before.timer) == before
    if before.timer and before.timer.running_since is not None:
        assert saved.paused and saved.timer.running_since is None and 0 < saved.timer.remaining <= 30
    else:
        assert saved == before
    app = App(Context.load(SAMPLE_DECK.parent, store), (640, 360))
    app.push(StartScene(app))
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode=""))
    app.step()
    assert isinstance(app.top, RoundScene) and app.top.session == saved
    app.close()


def test_a_damaged_autosave_is_ignored_not_a_crash(tmp_path):
    store = Store(tmp_path)
    store.autosave_path.parent.mkdir(parents=True, exist_ok=True)
    store.autosave_path.write_text("{not json")
    assert store.load() is None
    store.autosave_path.write_text(json.dumps({"version": 1, "session": {"deck_id": 3}}))
    assert store.load() is None
