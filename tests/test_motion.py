"""Motion and sound with restraint: the reveal turns the card and brings the categories one by one;
Next completes an animation in the same frame; calm mode draws no in-between frames and plays no
sound. The animation clock is the context's, so these tests move time by hand."""

import pygame
import pytest

from game.rules import next_step
from game.rules.presets import load_presets
from game.scenes.play import RoundScene
from game.scenes.setup import SetupScene
from game.ui import motion, sound
from tests.test_play import app, key, setup_keyboard  # noqa: F401 (the fixture)


@pytest.fixture
def played(monkeypatch):
    """The sounds that would have played."""
    names = []
    monkeypatch.setattr(sound, "_sound", lambda name: names.append(name))
    return names


@pytest.fixture
def moving(app):  # noqa: F811
    app.context.calm = False          # the suite runs calm (THE_UNKNOWN_CALM=1); these tests want motion
    return app


def to_face(app, calm=False):
    scene = setup_keyboard(app)
    scene.session = scene.session.__class__(**{**scene.session.__dict__,
                                               "rules": scene.session.rules.__class__(calm=calm)})
    return scene


def frames_while_time_passes(app, seconds, step=1 / 60):
    before = app.frames
    for _ in range(int(seconds / step)):
        app.context.clock.now += step
        app.step()
    return app.frames - before


def test_the_reveal_turns_the_card_then_categories_arrive_one_by_one(moving, drawn, played):
    app = moving
    scene = to_face(app)
    key(app, "return")
    assert scene.session.phase == ("reveal", 0) and scene.motion.active and played == ["reveal"]
    categories = app.context.decks[0].deck.card(scene.session.card_id).categories
    assert scene.motion.arrived(len(categories)) == 0                  # the card is still turning
    assert frames_while_time_passes(app, motion.TURN + 0.05) > 10     # drawn frame by frame
    assert 1 <= scene.motion.arrived(len(categories)) < len(categories) or len(categories) == 1
    frames_while_time_passes(app, 3)
    assert not scene.motion.active
    still = app.frames
    frames_while_time_passes(app, 1)
    assert app.frames == still                                       # once still, nothing is redrawn


def test_next_during_an_animation_completes_it_in_the_same_frame(moving, drawn):
    app = moving
    scene = to_face(app)
    key(app, "return")
    assert scene.motion.active
    edition = app.context.decks[0].deck.edition("en")
    names = [edition.category_names[c] for c in app.context.decks[0].deck.card(scene.session.card_id).categories]
    drawn.clear()
    frames = app.frames
    key(app, "space")                                                # one key press, one frame
    assert app.frames == frames + 1 and not scene.motion.active
    assert scene.session.phase == ("reveal", 0)                      # it completed the reveal, not skipped it
    assert all(name in drawn for name in names)                      # every category is on that frame
    key(app, "space")
    assert scene.session.phase == ("question", 0)                    # the next press goes on at once


def test_calm_mode_draws_no_in_between_frames_and_plays_no_sound(moving, played):
    app = moving
    scene = to_face(app, calm=True)
    frames = app.frames
    key(app, "return")
    assert scene.session.phase == ("reveal", 0) and not scene.motion.active
    assert app.frames == frames + 1                                  # the reveal, whole, in one frame
    assert frames_while_time_passes(app, 2) == 0
    scene.apply(lambda s: next_step(s, app.context.clock()))
    assert played == []


def test_calm_mode_silences_the_timer_too(moving, played):
    app = moving
    scene = to_face(app, calm=True)
    key(app, "t")                                                    # a 60 s timer
    frames_while_time_passes(app, 61, step=1)
    assert scene.chimed and played == []


def test_without_calm_the_timer_end_has_its_own_sound(moving, played):
    app = moving
    to_face(app)
    key(app, "t")
    frames_while_time_passes(app, 61, step=1)
    assert played == ["chime"]


def test_a_verdict_arrives_after_a_breath_and_back_never_animates(moving):
    app = moving
    setup_keyboard(app, mode_steps=2)                                # Fact or fiction
    scene = app.top
    key(app, "return")
    assert scene.session.phase[0] == "verdict" and scene.motion.active and scene.motion.arrived(1) == 0
    key(app, "return")                                               # completes it
    key(app, "return"), key(app, "backspace")                        # on, and back to the verdict
    assert scene.session.phase[0] == "verdict" and not scene.motion.active


def test_calm_mode_is_the_story_circles_default_and_is_remembered(app):  # noqa: F811
    presets, _problems = load_presets()
    assert {p.name: p.rules.calm for p in presets}["Story circle"] is True
    assert not any(p.rules.calm for p in presets if p.name != "Story circle")
    key(app, "return")
    setup = app.top
    assert isinstance(setup, SetupScene) and setup.calm.value is False
    setup.preset.index = [p.name for p in setup.preset.options].index("Story circle")
    setup.preset.on_change()
    assert setup.calm.value is True and app.context.store.settings().calm is False   # a preset's choice
    setup.preset.index = 0
    setup.preset.on_change()
    setup.calm.change(1)                                             # chosen by hand: remembered
    assert app.context.store.settings().calm is True
    assert SetupScene(app, setup.deck).calm.value is True


def test_the_menu_turns_calm_mode_on_mid_session(moving):
    app = moving
    scene = to_face(app)
    key(app, "escape")
    for _ in range(4):
        key(app, "down")
    key(app, "return")                                               # "Calm mode …: off" -> on
    key(app, "escape")
    assert isinstance(app.top, RoundScene) and scene.session.rules.calm and app.context.store.settings().calm
    key(app, "return")
    assert scene.session.phase == ("reveal", 0) and not scene.motion.active
    assert pygame.display.get_init()
