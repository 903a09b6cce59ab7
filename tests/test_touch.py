"""A tap on a touch screen acts once. SDL reports it as FINGERDOWN plus a mouse click marked `touch`."""

import pygame

from game.rules import Session
from tests.test_play import SIZE, app, setup_keyboard  # noqa: F401  (the app fixture)


def tap(app, pos):
    """What SDL sends for one tap, by default: the finger, then a synthesized mouse click."""
    pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, x=pos[0] / SIZE[0], y=pos[1] / SIZE[1], finger_id=0,
                                         touch_id=1, dx=0, dy=0, pressure=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos, touch=True))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=pos, touch=True))
    app.step()


def centre(app, label):
    button = next(b for b in app.top.buttons(app.size) if b.label == label)
    return round(button.box.x + button.box.w / 2), round(button.box.y + button.box.h / 2)


def test_a_tap_on_next_at_the_face_goes_to_the_reveal_only(app):
    round_scene = setup_keyboard(app)
    assert round_scene.session.phase[0] == "face"
    tap(app, centre(app, "Next"))
    session: Session = app.top.session
    assert (session.card, session.phase[0]) == (0, "reveal")


def test_a_tap_on_a_team_marks_it_once(app):
    setup_keyboard(app)
    tap(app, centre(app, "Next"))                      # to the reveal, where teams score
    team_button = next(b for b in app.top.buttons(app.size) if b.intent.team == 1)
    tap(app, (round(team_button.box.x + team_button.box.w / 2), round(team_button.box.y + team_button.box.h / 2)))
    assert app.top.session.scores()[1] == 1


def test_a_mouse_click_still_clicks(app):
    setup_keyboard(app)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=centre(app, "Next"), touch=False))
    app.step()
    assert app.top.session.phase[0] == "reveal"
