"""The window answers at once: the first frame is drawn before the decks are read, and the modules
that read decks (YAML, images) are not imported before it. Speed itself is measured by the bench."""

import subprocess
import sys

from game import app as shell
from game.store import Store
from tests.conftest import PROJECT, SAMPLE_DECK


def test_the_shell_imports_no_deck_reader_before_the_first_frame():
    code = ("import sys, game.app\n"
            "print(sorted(m for m in sys.modules if m in ('yaml', 'PIL', 'game.decks.loader', 'game.rules.session',"
            " 'game.decks.yamlfile')))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_splash_is_drawn_before_the_decks_are_read(tmp_path, monkeypatch):
    seen = []
    load = shell.Context.load.__func__

    def loading(cls, deck_dirs, store=None):
        seen.append((shell_app[0].frames if shell_app else None, [text for text, *_ in shell_app[0].shown]))
        return load(cls, deck_dirs, store)

    shell_app = []
    monkeypatch.setattr(shell.App, "splash", lambda self, original=shell.App.splash: (shell_app.append(self),
                                                                                      original(self)))
    monkeypatch.setattr(shell.Context, "load", classmethod(loading))
    app = shell.open_app([SAMPLE_DECK.parent], "en", store=Store(tmp_path))
    try:
        frames, texts = seen[0]
        assert frames == 1 and "Reading the decks…" in texts
        assert app.context.decks and app.top.__class__.__name__ == "StartScene"
    finally:
        app.close()


def test_the_scenes_are_imported_after_the_first_frame(tmp_path):
    """The start screen's module (history, dates, rules) loads while the splash is on screen."""
    code = ("import sys\nfrom pathlib import Path\nimport game.app as shell\nfrom game.store import Store\n"
            "splash = shell.App.splash\n"
            "def drawn(app):\n    splash(app)\n    print('game.scenes.start' in sys.modules, flush=True)\n"
            "shell.App.splash = drawn\n"
            "app = shell.open_app([Path(sys.argv[1])], 'en', store=Store(Path(sys.argv[2])))\n"
            "print(type(app.top).__name__)\napp.close()\n")
    result = subprocess.run([sys.executable, "-c", code, str(SAMPLE_DECK.parent), str(tmp_path)], cwd=PROJECT,
                            capture_output=True, text=True, check=True)
    assert result.stdout.split()[-2:] == ["False", "StartScene"]
