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
