"""What the facilitator play-test found (issue 10, §4), replayed through pygame events: ending
early, the summary that must never be lost, resume, the timer after a crash, presets, skips and
undo, prompts, the quit question, the language list, a clicker's way out of the end screen, and
settings that outlive a restart."""

import csv

import pygame
import pytest

from game import i18n
from game.app import App, Context, open_app
from game.rules import Rules, start
from game.scenes.end import EndScene
from game.scenes.help import HelpScene
from game.scenes.menu import LanguageScene, MenuScene
from game.scenes.play import RoundScene
from game.scenes.setup import SetupScene
from game.scenes.start import QuitScene, StartScene
from game.store import Store
from tests.conftest import SAMPLE_DECK
from tests.test_play import SIZE, Clock, app, click_button, key, session, setup_keyboard  # noqa: F401 (fixture)


def end_from_menu(app):
    key(app, "escape")
    key(app, "up", times=2)                              # from Continue round to the second-last entry:
    key(app, "return")                                   # "End the session and show the results"


def summaries(app):
    return sorted(app.context.store.summaries_dir.glob("*"))


def test_ending_early_reports_only_the_cards_shown_and_saves_the_summary_at_once(app, drawn):
    setup_keyboard(app)
    key(app, "return", times=3)                          # card 1: face, reveal, question; now card 2's face
    end_from_menu(app)
    assert isinstance(app.top, EndScene)
    assert len(app.top.session.played()) == 2
    assert "2 cards discussed" in drawn and "4 cards discussed" not in drawn
    files = summaries(app)
    assert [p.suffix for p in files] == [".csv", ".md"]  # no "Save summary" pressed
    assert "Cards played:** 2" in files[1].read_text()
    assert len({row["card_id"] for row in csv.DictReader(files[0].open())}) == 2


@pytest.mark.parametrize("leave", ["escape", "new", "quit", "ctrl+q"])
def test_the_summary_survives_every_way_out_of_the_end_screen(app, leave):
    setup_keyboard(app)
    key(app, "return")
    end_from_menu(app)
    if leave == "escape":
        key(app, "escape")
    elif leave == "ctrl+q":
        key(app, "q", mod=pygame.KMOD_CTRL)
    else:
        click_button(app, {"new": "New session", "quit": "Quit"}[leave])
    assert len(summaries(app)) == 2


def test_a_finished_session_is_not_offered_for_resume(app, drawn):
    setup_keyboard(app)
    end_from_menu(app)
    assert app.context.store.load().finished             # killed on the end screen: the autosave is finished
    later = App(app.context, SIZE)
    later.push(StartScene(later))
    assert later.top.saved is None
    assert "Resume the last session" not in [b.label for b in later.top.buttons(SIZE)]
    key(later, "return")
    assert isinstance(later.top, SetupScene)             # Enter starts a new session


def test_resume_says_what_it_would_bring_back(app, drawn):
    setup_keyboard(app)
    key(app, "return", times=3)
    later = App(app.context, SIZE)
    later.push(StartScene(later))
    drawn.clear()
    later.step()
    assert any(text.startswith("Last session: The UnKnown · Card 2 of 4 · ") for text in drawn)


def test_escape_on_the_start_screen_asks_before_quitting(app):
    key(app, "escape")
    assert isinstance(app.top, QuitScene) and app.running
    key(app, "pagedown")                                 # a clicker's next key: stay
    assert isinstance(app.top, StartScene) and app.running
    key(app, "escape"), key(app, "escape")               # Esc again: stay
    assert isinstance(app.top, StartScene) and app.running
    key(app, "escape"), key(app, "right"), key(app, "return")
    assert not app.running


def test_time_the_app_was_down_is_not_taken_off_the_timer(app):
    scene = setup_keyboard(app)
    key(app, "t")                                        # 60 s
    clock = app.context.clock
    for _ in range(13):                                  # 13 s pass; the scene autosaves every 5 s
        clock.now += 1
        scene.update(1)
    assert scene.session.timer.left(clock.now) == 47
    clock.now += 3600                                    # killed, and restarted an hour later
    later = App(Context.load(SAMPLE_DECK.parent, app.context.store), SIZE)
    later.context.clock = clock
    later.push(StartScene(later))
    key(later, "return")
    resumed = later.top.session
    assert resumed.paused and resumed.timer.left(clock.now) == 50   # the last heartbeat, at 10 s
    key(later, "p")
    clock.now += 20
    assert later.top.session.timer.left(clock.now) == 30


def test_t_restarts_a_timer_that_ran_out_in_one_press(app):
    scene = setup_keyboard(app)
    key(app, "t")
    app.context.clock.now += 61
    scene.update(1)
    key(app, "t")
    assert session(app).timer.left(app.context.clock.now) == 60 and session(app).timer.running_since is not None


@pytest.mark.parametrize("preset, cards", [("Story circle", 6), ("Small group on its own", 6), ("Who am I?", 8)])
def test_a_preset_plays_the_number_of_cards_it_names(app, preset, cards):
    key(app, "return"), key(app, "return"), key(app, "return")
    setup = app.top
    while setup.preset.value.name != preset:
        key(app, "right")                                # the preset row is focused on this page
    assert setup.cards.value == cards and setup.rules().cards == cards


def test_back_after_an_accidental_skip_shows_the_face_again(app):
    setup_keyboard(app)
    key(app, "return", times=3)                          # card 2's face
    key(app, "s")
    assert session(app).card == 2
    key(app, "pageup")
    assert (session(app).card, session(app).phase) == (1, ("face", 0)) and session(app).skipped == ()


def test_undo_on_a_new_card_does_not_touch_the_last_one(app):
    setup_keyboard(app)
    key(app, "return"), key(app, "4"), key(app, "return"), key(app, "return")
    assert session(app).card == 1
    key(app, "z", mod=pygame.KMOD_CTRL)
    assert session(app).scores()[3] == 1 and app.top.notice == "nothing to undo on this card"


@pytest.mark.parametrize("mode, phase, wrong", [
    ("who", "reveal", "Mark them with their number keys"),
    ("story", "face", "What is unknown about this person?"),
])
def test_prompts_fit_the_mode(tmp_path, drawn, mode, phase, wrong):
    from game.decks import load_deck
    from game.rules import next_step
    i18n.set_language("en")
    deck = load_deck(SAMPLE_DECK).deck
    app = App(Context.load(SAMPLE_DECK.parent, Store(tmp_path)), SIZE)
    state = start(deck, Rules(mode=mode), ("Owls", "Foxes"), "en", None, seed=1, now=0)
    while state.phase[0] != phase:
        state = next_step(state, 0)
    app.push(RoundScene(app, deck, state))
    app.step()
    assert not any(wrong in text for text in drawn)
    if mode == "story":                                  # no scores: no team buttons to press
        assert not any("Owls" in b.label for b in app.top.buttons(SIZE))
    app.close()


def test_the_end_screen_numbers_teams_as_play_does(app, drawn):
    setup_keyboard(app)
    key(app, "return"), key(app, "2")
    end_from_menu(app)
    assert "2 · Team B" in drawn and not any(" B · Team B" in text for text in drawn)


def test_a_clicker_leaves_the_end_screen_and_starts_a_new_session(app):
    setup_keyboard(app)
    end_from_menu(app)
    key(app, "pagedown")
    assert isinstance(app.top, StartScene)
    key(app, "pagedown", times=3)                        # new session, languages, teams
    key(app, "pagedown")                                 # rules: start
    assert isinstance(app.top, RoundScene) and session(app).card == 0


def test_the_second_language_is_never_the_card_language(app):
    key(app, "return")
    setup = app.top
    assert "en" not in setup.language2.options
    key(app, "down"), key(app, "right")                  # second language: Bulgarian
    assert setup.language2.value == "bg"
    key(app, "up"), key(app, "right")                    # card language: Bulgarian
    assert setup.language.value == "bg" and setup.language2.value is None and "bg" not in setup.language2.options


def test_the_language_button_opens_a_list_and_the_choice_is_remembered(app, tmp_path):
    click_button(app, "English")
    assert isinstance(app.top, LanguageScene)
    languages = app.top.languages
    key(app, "down", times=languages.index("uk"))
    key(app, "return")
    assert i18n.current_language() == "uk" and isinstance(app.top, StartScene)
    key(app, "f")
    assert app.fullscreen
    app.close()
    i18n.set_language("en")
    again = open_app(SAMPLE_DECK.parent, store=Store(tmp_path / "data"))
    try:
        assert i18n.current_language() == "uk" and again.fullscreen
        assert open_app(SAMPLE_DECK.parent, "bg", store=Store(tmp_path / "data")) and i18n.current_language() == "bg"
    finally:
        again.close()
        i18n.set_language("en")


def test_the_menu_language_entry_opens_the_same_list(app):
    setup_keyboard(app)
    key(app, "escape")
    key(app, "down", times=5), key(app, "return")
    assert isinstance(app.top, LanguageScene)
    key(app, "escape")
    assert isinstance(app.top, MenuScene) and i18n.current_language() == "en"


def test_a_pause_is_seen_by_the_whole_room(app):
    scene = setup_keyboard(app)
    card = scene._areas(SIZE).card      # the face step: the card has its column
    centre = (int(card.x + card.w / 2), int(card.y + card.h * 0.8))
    before = sum(app.screen.get_at(centre)[:3])
    key(app, "p")
    assert sum(app.screen.get_at(centre)[:3]) < before / 3


def test_help_lists_every_key_the_app_answers(app, drawn):
    setup_keyboard(app)
    key(app, "h")
    assert isinstance(app.top, HelpScene)
    shown = " ".join(drawn)
    assert all(name in shown for name in ("F2", "Ctrl+Q", "F1", "F5", "presenter view: swap the two screens"))


def test_the_start_screen_says_how_to_get_fullscreen_and_help(tmp_path, drawn):
    i18n.set_language("en")
    app = App(Context.load(SAMPLE_DECK.parent, Store(tmp_path)), SIZE)
    app.push(StartScene(app))
    app.step()
    assert "F fullscreen · H help" in drawn
    app.close()


def test_an_overlay_opened_after_another_closed_is_drawn_not_the_old_frame(app, drawn):
    key(app, "escape"), key(app, "escape")               # the quit question, then stay
    drawn.clear()
    click_button(app, "English")                         # a new overlay, possibly at the freed one's address
    assert "Українська" in drawn


def test_back_to_the_start_keeps_the_timer_as_it_is_now(app):
    setup_keyboard(app)
    key(app, "t")
    app.context.clock.now += 3
    key(app, "escape"), key(app, "up"), key(app, "return")   # "Back to the start (the session is kept)"
    assert isinstance(app.top, StartScene)
    key(app, "return")                                       # resume
    assert session(app).paused and session(app).timer.left(app.context.clock.now + 100) == 57
