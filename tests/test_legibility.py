"""Readable from the back row (issue 12): every card at every step, in every language of the deck and
the bilingual pairs, at 1920×1080 and 1280×720, with every text at or above its floor and none cut;
long text pages instead of shrinking; and the second language shown wherever the first is."""

import pygame
import pytest

from game import i18n, layout, legibility
from game.app import App, Context
from game.decks import load_deck
from game.input import Action, Intent
from game.layout import Box, Text
from game.rules import Rules, next_step, start
from game.scenes.end import EndScene
from game.scenes.play import RoundScene
from game.screenshots import build
from game.store import Store
from game.ui import flow, render, theme
from tests.conftest import PROJECT, SAMPLE_DECK

BUNDLED = PROJECT / "cards" / "the-unknown"


@pytest.fixture(scope="module")
def bundled_deck():
    return load_deck(BUNDLED).deck


def test_every_card_scene_and_language_meets_the_floors(bundled_deck):
    """The first and the last page of every step (pages between are cut the same way)."""
    records = list(legibility.measure(bundled_deck, every_page=False))
    failures = [r for r in records if not r.ok]
    assert not failures, "\n".join(legibility.report(failures)[:40])
    covered = {(r.scene, r.languages, r.size, r.card) for r in records}
    configs = legibility.configurations(bundled_deck)
    assert {"bg+en", "en+bg", "uk+pl", "pl+uk", "en+uk"} <= {f"{a}+{b}" for a, b in configs if b}
    scenes = ("face", "reveal", "question", "clue", "who-reveal", "statement", "verdict", "story-face", "story")
    for a, b in configs:
        for size in legibility.SIZES:
            for scene in scenes:
                missing = [c.id for c in bundled_deck.cards
                           if (scene, f"{a}+{b}" if b else a, size, c.id) not in covered]
                assert not missing, f"{scene} {a}+{b} {size}: not drawn for {missing[:5]}"


def test_the_floors_are_judged_from_the_deck_not_from_the_drawing_code(bundled_deck, monkeypatch):
    """A story drawn under 1/30 of the height is caught, even when the code means it to be small."""
    original = flow.Block

    def small_story(text, size, floor, *args, **kwargs):
        return original(text, size, min(floor, 20), *args, **kwargs)
    monkeypatch.setattr("game.scenes.play.Block", small_story)
    monkeypatch.setattr("game.scenes.play.theme.px", lambda h, share: 20 if share == 0.04 else max(1, round(h * share)))
    card = bundled_deck.cards[0].id
    records = list(legibility.measure(bundled_deck, configs=[("en", None)], sizes=[(1920, 1080)], modes=("unknown",),
                                      cards={card}))
    story = [r for r in records if r.scene == "reveal" and r.kind == legibility.MAIN and r.px == 20]
    assert story and not any(r.ok for r in story)


def measure(text, size, bold):
    return len(text) * size * 0.5


def test_long_text_pages_at_the_floor_instead_of_shrinking():
    story = " ".join(f"word{i}" for i in range(400))
    blocks = [flow.Block(story, 40, 36, (0, 0, 0)), flow.Block("second " * 80, 32, 28, (0, 0, 0), pair=True)]
    pages = flow.flow(blocks, Box(0, 0, 800, 600), measure, page_footer=50)
    assert len(pages) > 1
    texts = [op for page in pages for op in page if isinstance(op, Text)]
    assert all(op.size >= 36 for op in texts if "word" in op.text)
    assert all(op.size >= 28 for op in texts if "second" in op.text)
    assert " ".join(op.text for op in texts if "word" in op.text).split() == story.split()   # nothing lost
    for page in pages:
        bottom = max(op.box.y + len(layout.wrap(op.text, op.box.w, op.size, False, measure)) * op.size * 1.25
                     for op in page if isinstance(op, Text))
        assert bottom <= 550 + 1                           # room left for the page number


def test_two_languages_stand_side_by_side_when_that_is_larger():
    """Two short lines that do not fit one above the other at their floors fit beside each other."""
    blocks = [flow.Block("main " * 10, 40, 36, (0, 0, 0)), flow.Block("other " * 10, 32, 28, (0, 0, 0), pair=True)]
    pages = flow.flow(blocks, Box(0, 0, 2000, 60), measure)
    assert len(pages) == 1
    first, second = [op for op in pages[0] if isinstance(op, Text)]
    assert second.box.x > first.box.x and second.box.y == first.box.y


def test_a_word_is_made_smaller_before_it_is_broken():
    """'Indietro' on a Back button: a smaller whole word, never 'Indietr' / 'o'."""
    op = Text(Box(0, 0, 100, 80), "Indietro", 30, bold=True, max_lines=2, min_size=18)
    size, lines = layout.fit(op, measure)
    assert lines == ["Indietro"] and 18 <= size < 30


@pytest.fixture
def sample_app(tmp_path):
    i18n.set_language("en")
    app = App(Context.load(SAMPLE_DECK.parent, Store(tmp_path)), (1280, 720))
    yield app
    app.close()


def test_next_turns_the_page_before_it_moves_on_and_back_pages_back(sample_app, monkeypatch):
    deck = load_deck(SAMPLE_DECK).deck
    session = next_step(start(deck, Rules(), ("A", "B"), "en", "bg", seed=1, now=0), 0)   # the reveal
    scene = RoundScene(sample_app, deck, session)
    sample_app.reset(scene)
    monkeypatch.setattr(scene, "page_count", lambda: 3)
    scene.handle(Intent(Action.NEXT))
    scene.handle(Intent(Action.NEXT))
    assert scene.page == 2 and scene.session.phase[0] == "reveal"
    scene.handle(Intent(Action.BACK))
    assert scene.page == 1 and scene.session.phase[0] == "reveal"
    scene.handle(Intent(Action.NEXT))
    scene.handle(Intent(Action.NEXT))
    assert scene.session.phase[0] == "question" and scene.page == 0
    scene.handle(Intent(Action.BACK))                       # back onto the reveal's last page
    assert scene.session.phase[0] == "reveal" and scene.page == 2


def test_a_long_story_in_a_small_window_pages_and_every_page_is_drawn(sample_app, drawn):
    deck = load_deck(BUNDLED).deck
    card = max(deck.cards, key=lambda c: len(deck.text(c.id, "bg").story) + len(deck.text(c.id, "en").story))
    app = build("reveal", BUNDLED.parent, (1280, 720), "bg", "en", card=card.id)
    scene = app.top
    pages = scene.page_count()
    assert pages > 1
    shown = []
    for page in range(pages):
        drawn.clear()
        scene.page = page
        scene.draw(app.screen)
        shown.append(" ".join(drawn))
        assert f"{page + 1}/{pages}" in " ".join(drawn)
    words = deck.text(card.id, "en").story.split()
    assert words[0] in " ".join(shown) and words[-1] in shown[-1]
    app.close()


def test_bilingual_play_shows_the_second_language_everywhere(sample_app, drawn):
    """The card's name, categories, countries, the verdict word and the end screen's names too (B13)."""
    deck = load_deck(SAMPLE_DECK).deck
    session = start(deck, Rules(), ("A", "B"), "bg", "en", seed=1, now=0)
    en, card = deck.text(session.card_id, "en"), deck.card(session.card_id)
    i18n.set_language("bg")
    try:
        for state in (session, next_step(session, 0)):
            scene = RoundScene(sample_app, deck, state)
            scene.draw(sample_app.screen)
        shown = " ".join(drawn)
        assert en.name in shown and en.known_for.split()[0] in shown
        for category in card.categories:
            assert deck.edition("en").category_names[category] in shown
        assert i18n.country_name(card.countries[0], "en") in shown
        fact = start(deck, Rules(mode="fact"), ("A", "B"), "bg", "en", seed=1, now=0)
        verdict = next_step(fact, 0)
        statement = deck.text(verdict.card_id, "bg").statements[0]
        drawn.clear()
        RoundScene(sample_app, deck, verdict).draw(sample_app.screen)
        assert ("Fact" if statement.answer else "Fiction") in drawn
        drawn.clear()
        EndScene(sample_app, deck, session).draw(sample_app.screen)
        assert any(deck.text(card_id, "en").name in text for text in drawn for card_id in session.order)
    finally:
        i18n.set_language("en")


def test_eight_teams_keep_their_labels_whole_above_the_floor(sample_app, monkeypatch):
    """Two rows of four; a marked team's frame stays outside its text (B10)."""
    deck = load_deck(SAMPLE_DECK).deck
    teams = tuple(f"Team {letter}" for letter in "ABCDEFGH")
    session = next_step(start(deck, Rules(leaderboard="always"), teams, "en", None, seed=1, now=0), 0)
    from game.rules import mark_team
    session = mark_team(session, 7)
    seen = []

    def recording(surface, op):
        size, lines = render.fitted(op)
        seen.append((op, size, lines))
    monkeypatch.setattr(render, "draw_text", recording)
    for size in ((1280, 720), (1920, 1080)):
        RoundScene(sample_app, deck, session).draw(pygame.Surface(size))
        floor = theme.floor(size[1], theme.PLAYER_FLOOR)
        labels = {op.text: (op, s, lines) for op, s, lines in seen if op.text.startswith(tuple("12345678"))}
        for number, name in enumerate(teams, 1):
            op, s, lines = labels[f"{number} · {name}"]
            assert s >= floor and lines == (op.text,)
        right = next((op, s) for op, s, _lines in seen if op.text.startswith("right"))
        team_box = RoundScene(sample_app, deck, session).buttons(size)[-1].box
        frame = max(3, round(team_box.h) // 14) + 2
        assert right[1] >= floor and right[0].box.x + right[0].box.w <= team_box.x + team_box.w - frame
        assert right[0].box.y >= team_box.y + frame
        seen.clear()


def test_resume_button_stays_above_the_floor_in_a_small_window(tmp_path, drawn, monkeypatch):
    """'Resume the last session' was drawn at 17 px in a 1280×720 window (B10)."""
    sizes = {}
    original = render.draw_text

    def recording(surface, op):
        sizes[op.text] = render.fitted(op)[0]
        original(surface, op)
    monkeypatch.setattr(render, "draw_text", recording)
    deck = load_deck(SAMPLE_DECK).deck
    store = Store(tmp_path)
    store.save(start(deck, Rules(), ("A", "B"), "en", None, seed=1, now=0))
    from game.scenes.start import StartScene
    i18n.set_language("en")
    app = App(Context.load(SAMPLE_DECK.parent, store), (1280, 720))
    app.push(StartScene(app))
    app.step()
    assert sizes["Resume the last session"] >= theme.floor(720, theme.PLAYER_FLOOR)
    app.close()


def test_screenshot_takes_a_card(tmp_path, drawn):
    app = build("reveal", SAMPLE_DECK.parent, (1280, 720), "en", None, card="chloe-demo")
    app.draw(app.screen)
    deck = load_deck(SAMPLE_DECK).deck
    assert deck.text("chloe-demo", "en").name in drawn
    app.close()


@pytest.mark.parametrize("language", i18n.available_languages())
def test_the_other_screens_meet_the_floor_in_every_screen_language(language, monkeypatch):
    """Start, setup, end, help and menu in a 1280×720 window: nothing a player reads under 1/40."""
    seen = []
    original = render.draw_text

    def recording(surface, op):
        seen.append((op.text, render.fitted(op)[0]))
        original(surface, op)
    monkeypatch.setattr(render, "draw_text", recording)
    try:
        for scene in ("start", "setup-languages", "setup-teams", "setup-rules", "end", "help", "menu"):
            app = build(scene, SAMPLE_DECK.parent, (1280, 720), "en", "bg", ui_language=language)
            app.draw(app.screen)
            app.close()
    finally:
        i18n.set_language("en")
    floor = theme.floor(720, theme.PLAYER_FLOOR)
    assert seen and not [(text, px) for text, px in seen if px < floor]
