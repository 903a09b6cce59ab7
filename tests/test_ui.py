"""What people see: contrast for the back row, broken decks shown not crashed, self-guided steps,
and summaries in the reader's language."""

import shutil
from datetime import datetime

import pygame
import pytest

from game import i18n, layout, summary
from game.app import App, Context
from game.decks import load_deck
from game.rules import Rules, finish, mark_team, next_step, start
from game.scenes.play import RoundScene
from game.scenes.setup import SetupScene
from game.scenes.start import StartScene
from game.store import Store
from game.ui import theme
from tests.conftest import SAMPLE_DECK


@pytest.mark.parametrize("name, fore, back", [
    ("text", theme.TEXT, theme.BACKGROUND), ("text on a button", theme.TEXT, theme.SURFACE),
    ("muted", theme.MUTED, theme.BACKGROUND), ("muted on a panel", theme.MUTED, theme.SURFACE),
    ("focused button", theme.FOCUS_TEXT, theme.ACCENT), ("warning", theme.WARNING, theme.BACKGROUND),
    ("card ink", layout.INK, layout.PAPER), ("card secondary ink", layout.MUTED_INK, layout.PAPER),
    *[(f"monogram on {field}", layout.WHITE, color) for field, color in layout.FIELD_COLORS.items()],
])
def test_text_contrast_is_at_least_7_to_1(name, fore, back):
    assert theme.contrast(fore, back) >= 7.0, f"{name}: {theme.contrast(fore, back):.1f}:1"


def test_teams_are_never_told_apart_by_colour_alone(tmp_path, drawn, monkeypatch):
    """Each team button carries its number and name as text, and a shape, beside its colour."""
    shapes = []
    monkeypatch.setattr("game.ui.render.shape", lambda surface, kind, center, radius, color: shapes.append((kind, color)))
    i18n.set_language("en")
    deck = load_deck(SAMPLE_DECK).deck
    app = App(Context.load(SAMPLE_DECK.parent, Store(tmp_path)), (1280, 720))
    teams = tuple(f"Team {letter}" for letter in "ABCDEFGH")
    app.push(RoundScene(app, deck, start(deck, Rules(), teams, "en", None, seed=1, now=0)))
    app.step()
    for number, name in enumerate(teams, 1):
        assert f"{number} · {name}" in drawn
    assert set(zip(theme.TEAM_SHAPES, theme.TEAM_COLORS)) <= set(shapes)
    app.close()


def test_a_broken_deck_is_listed_with_its_error_and_the_good_deck_still_plays(tmp_path, drawn):
    shutil.copytree(SAMPLE_DECK, tmp_path / "decks" / "good")
    shutil.copytree(SAMPLE_DECK, tmp_path / "decks" / "broken")
    (tmp_path / "decks" / "broken" / "deck.yaml").write_text("format: 1\nsource_language: en\ncards: [\n")
    i18n.set_language("en")
    app = App(Context.load(tmp_path / "decks", Store(tmp_path / "data")), (1280, 720))
    app.push(StartScene(app))
    app.step()
    shown = " ".join(drawn)
    assert "Could not load:" in shown and "broken/deck.yaml:4:1" in shown and "YAML syntax error" in shown
    assert app.top.selected == 1                                   # the first deck that loads is chosen
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode=""))
    app.step()
    assert isinstance(app.top, SetupScene)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode=""))
    app.step()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_UP, mod=0, unicode=""))
    app.step()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode=""))
    app.step()
    assert isinstance(app.top, StartScene)                          # a broken deck cannot start, nothing breaks
    app.close()


def test_self_guided_play_tells_whose_turn_it_is(tmp_path, drawn):
    i18n.set_language("en")
    deck = load_deck(SAMPLE_DECK).deck
    app = App(Context.load(SAMPLE_DECK.parent, Store(tmp_path)), (1280, 720))
    session = start(deck, Rules(self_guided=True), ("Owls", "Foxes"), "en", None, seed=1, now=0)
    app.push(RoundScene(app, deck, session))
    app.step()
    assert any("Owls: it is your turn to read aloud." in text for text in drawn)
    drawn.clear()
    app.top.session = next_step(next_step(next_step(session, 0), 0), 0)   # the next card: the other team
    app.dirty = True
    app.step()
    assert any("Foxes: it is your turn to read aloud." in text for text in drawn)
    app.close()


def test_the_summary_is_formatted_for_the_reader(tmp_path):
    deck = load_deck(SAMPLE_DECK).deck
    started = datetime(2026, 3, 14, 10, 0).timestamp()
    session = start(deck, Rules(cards=2), ("Сови", "Лисици"), "bg", None, seed=1, now=started)
    session = finish(mark_team(next_step(session, started), 1), started + 45 * 60)
    i18n.set_language("bg")
    try:
        text = summary.markdown(session, deck)
        assert "14.03.2026" in text and "45 минути" in text and "| 1 | Лисици | 1 |" in text
        assert "Обобщение на играта" in text
        i18n.set_language("pl")
        assert "45 minut" in summary.markdown(session, deck)
    finally:
        i18n.set_language("en")
