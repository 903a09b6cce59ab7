"""The facilitator console: a second window, like a slide presenter view.

It shows what the audience must not see yet (the answer, the story, the facilitator note, the next
card) and a live thumbnail of the audience window. It only reads the round's session and turns
clicks into the same intents as keys, so both windows obey one set of actions.
"""

from __future__ import annotations

import pygame

from game import layout
from game.i18n import N_, _, ngettext
from game.input import Action, Intent
from game.layout import Box
from game.rules import MODES, scoring_phase
from game.scenes.end import EndScene
from game.scenes.play import RoundScene
from game.ui import render, theme, widgets
from game.ui.widgets import Button

STEP_NAMES = {"face": N_("Face shown"), "reveal": N_("Reveal"), "question": N_("Discussion"), "clue": N_("Clue {number}"),
              "statement": N_("Statement {number}"), "verdict": N_("Verdict {number}"), "story": N_("Story")}
TITLE = "The UnKnown · console"


ONE_SCREEN = N_("Only one screen is connected. If the projector mirrors it, the room can see this console and "
                "the answers: set the displays to extend, not mirror, or close this window.")


class Console:
    def __init__(self, app, size=(1280, 720), display: int = 0):
        self.app = app
        self.one_screen = pygame.display.get_num_displays() < 2
        position = _centered_on(display)
        if self.one_screen:
            # Side by side rather than on top of each other: the game window at the right edge, the
            # console in the space left of it (at least a third of the screen).
            desktop = pygame.display.get_desktop_sizes()[0]
            audience = pygame.display.get_window_size()
            if not app.fullscreen:
                pygame.display.set_window_position((max(0, desktop[0] - audience[0]),
                                                    max(0, (desktop[1] - audience[1]) // 2)))
            width = max(desktop[0] // 3, desktop[0] - audience[0]) if not app.fullscreen else size[0]
            size = (min(size[0], width), min(size[1], round(width * 9 / 16)))
            position = (0, max(0, (desktop[1] - size[1]) // 2))
        self.window = pygame.Window(TITLE, size, position=position, resizable=True)
        self.notice = ""    # a message for the facilitator only (F2 with one screen)

    @property
    def surface(self) -> pygame.Surface:
        return self.window.get_surface()

    def move_to(self, display: int) -> None:
        self.window.position = _centered_on(display)

    def round(self) -> RoundScene | None:
        return next((scene for scene in reversed(self.app.scenes) if isinstance(scene, RoundScene)), None)

    # --- input ---------------------------------------------------------------------------------
    def buttons(self, size) -> list[Button]:
        w, h = size
        m = theme.px(h, theme.MARGIN)
        bh = theme.px(h, 0.08)
        controls = [(_("Back"), Intent(Action.BACK)), (_("Next"), Intent(Action.NEXT)),
                    (_("Skip"), Intent(Action.SKIP)), (_("Undo"), Intent(Action.UNDO)),
                    (_("Timer"), Intent(Action.TIMER)), (_("Pause"), Intent(Action.PAUSE)),
                    (_("Black"), Intent(Action.BLACK))]
        bw = (w - m * (len(controls) + 1)) / len(controls)
        buttons = [Button(Box(m + i * (bw + m), h - m - bh, bw, bh), label, intent, focused=label == _("Next"))
                   for i, (label, intent) in enumerate(controls)]
        scene = self.round()
        if scene and scene.session.teams:
            column = self._right_column(size)
            top = column.y + column.h * 0.55
            row = min(bh, (column.y + column.h - top) / len(scene.session.teams))
            marked = scene.session.marked()
            for i, name in enumerate(scene.session.teams):
                buttons.append(Button(Box(column.x, top + i * row, column.w, row * 0.9), name,
                                      Intent(Action.MARK, team=i), selected=i in marked))
        return buttons

    def private_overlays(self) -> list:
        """The menu and help while open: drawn and clicked here, never on the audience screen."""
        overlays = []
        for scene in reversed(self.app.scenes):
            if not scene.private:
                break
            overlays.insert(0, scene)
        return overlays

    def click(self, pos) -> Intent | None:
        overlays = self.private_overlays()
        scene = overlays[-1] if overlays else self
        return widgets.click(scene.buttons(self.surface.get_size()), pos)

    # --- drawing -------------------------------------------------------------------------------
    def _right_column(self, size) -> Box:
        w, h = size
        m = theme.px(h, theme.MARGIN)
        top = theme.px(h, 0.09)
        return Box(w * 0.62, top, w * 0.38 - m, h - top - theme.px(h, 0.08) - 2.5 * m)

    def draw(self) -> None:
        surface = self.surface
        w, h = surface.get_size()
        m = theme.px(h, theme.MARGIN)
        surface.fill(theme.BACKGROUND)
        column = self._right_column((w, h))
        self._draw_thumbnail(surface, Box(column.x, column.y, column.w, column.w * 9 / 16))
        scene = self.round()
        left = Box(m, theme.px(h, 0.09), w * 0.62 - 2 * m, column.h)
        if scene is None:
            message = _("The round has not started yet. The audience sees the screen shown on the right.")
            render.text(surface, left, message, theme.px(h, theme.BODY), theme.MUTED)
        elif isinstance(self.app.top, EndScene) or scene.session.finished:
            render.text(surface, left, _("The session has ended; the results are on the audience screen."),
                        theme.px(h, theme.BODY), theme.MUTED)
        else:
            self._draw_header(surface, scene)
            self._draw_answer(surface, left, scene)
            self._draw_next(surface, Box(column.x, column.y + column.w * 9 / 16 + m * 0.3, column.w,
                                         column.h * 0.55 - column.w * 9 / 16 - m * 0.3), scene)
        for button in self.buttons((w, h)):
            if button.intent.action is Action.MARK:
                self._draw_team(surface, button, scene)
            else:
                button.draw(surface, theme.px(h, theme.SMALL))
        notices = [text for text in (scene and scene.notice, self.notice and _(self.notice),
                                     self.one_screen and _(ONE_SCREEN)) if text]
        if notices:
            bh = theme.px(h, 0.08)
            render.text(surface, Box(m, h - 2 * m - bh - theme.px(h, 0.1), w * 0.62 - 2 * m, theme.px(h, 0.1)),
                        notices[0], theme.px(h, theme.SMALL), theme.ACCENT, max_lines=2, valign="middle")
        for overlay in self.private_overlays():
            overlay.draw(surface)
        self.window.flip()

    def _draw_thumbnail(self, surface, box: Box) -> None:
        """A live picture of the audience window, so the facilitator knows what the room sees."""
        picture = pygame.transform.smoothscale(self.app.screen, (int(box.w), int(box.h)))
        surface.blit(picture, (box.x, box.y))
        pygame.draw.rect(surface, theme.MUTED, render.to_rect(box), 2)

    def _draw_header(self, surface, scene: RoundScene) -> None:
        w, h = surface.get_size()
        m = theme.px(h, theme.MARGIN)
        session = scene.session
        phase, number = session.phase
        parts = [_(MODES[session.mode].name),
                 _("Card {number} of {total}").format(number=session.card + 1, total=len(session.order)),
                 _(STEP_NAMES[phase]).format(number=number)]
        if session.timer:
            seconds = int(session.timer.left(self.app.context.clock()) + 0.999)
            parts.append(f"{seconds // 60}:{seconds % 60:02d}")
        if session.paused:
            parts.append(_("Paused"))
        render.text(surface, Box(m, m * 0.5, w - 2 * m, theme.px(h, 0.07)), " · ".join(parts), theme.px(h, theme.BODY),
                    theme.TEXT, bold=True, max_lines=1)

    def _draw_answer(self, surface, box: Box, scene: RoundScene) -> None:
        """Everything the facilitator needs and the audience must not see yet."""
        h = surface.get_height()
        session, deck = scene.session, scene.deck
        card = deck.card(session.card_id)
        text = deck.text(session.card_id, session.language)
        edition = deck.edition(session.language)
        phase, number = session.phase
        small = theme.px(h, theme.SMALL)
        y = box.y
        if card.image:   # the face the room is looking at, small, so the facilitator knows it at a glance
            face = Box(box.x + box.w - small * 3.2, y, small * 3.2, small * 4)
            render.paint(surface, [layout.Picture(face, card.image, card.image_focus)])
            box = Box(box.x, box.y, box.w - face.w - small * 0.5, box.h)
        render.text(surface, Box(box.x, y, box.w, small * 1.6), f"{text.name} — {text.known_for}", small * 1.15,
                    theme.TEXT, bold=True, max_lines=1)
        y += small * 1.7
        for category in card.categories:
            color, shape = layout.CATEGORY_STYLES[category]
            render.shape(surface, shape, (box.x + small * 0.5, y + small * 0.65), small * 0.4, color)
            render.text(surface, Box(box.x + small * 1.3, y, box.w, small * 1.4), edition.category_names[category],
                        small, theme.TEXT, bold=True, max_lines=1)
            y += small * 1.4
        if phase in ("clue", "statement", "verdict"):
            detail = self._mode_detail(text, phase, number)
        else:
            detail = text.story
        note_h = box.h * 0.3 if text.note else 0
        render.text(surface, Box(box.x, y + small * 0.3, box.w, box.y + box.h - y - note_h - small), detail, small,
                    theme.MUTED)
        if text.note:
            note = Box(box.x, box.y + box.h - note_h, box.w, note_h)
            pygame.draw.rect(surface, theme.SURFACE, render.to_rect(note), border_radius=8)
            render.text(surface, note.inset(small * 0.5), _("Facilitator note: {note}").format(note=text.note), small,
                        theme.ACCENT)

    @staticmethod
    def _mode_detail(text, phase, number) -> str:
        if phase == "clue":
            return "\n".join(f"{'»' if i == number else ' '} {i}. {clue}" for i, clue in enumerate(text.clues, 1))
        statement = text.statements[number - 1]
        answer = _(layout.FACT if statement.answer else layout.FICTION)
        return f"{statement.text}\n{answer}: {statement.explanation}"

    def _draw_next(self, surface, box: Box, scene: RoundScene) -> None:
        h = surface.get_height()
        session = scene.session
        if session.card + 1 < len(session.order):
            upcoming = scene.deck.text(session.order[session.card + 1], session.language)
            label = _("Next card: {name}").format(name=upcoming.name)
        else:
            label = _("This is the last card.")
        render.text(surface, box, label, theme.px(h, theme.SMALL), theme.MUTED, max_lines=2)

    def _draw_team(self, surface, button: Button, scene: RoundScene | None) -> None:
        h = surface.get_height()
        i = button.intent.team
        rect = render.to_rect(button.box)
        pygame.draw.rect(surface, theme.SURFACE, rect, border_radius=rect.h // 5)
        pygame.draw.rect(surface, theme.TEAM_COLORS[i], rect, max(2, rect.h // 12), border_radius=rect.h // 5)
        render.shape(surface, theme.TEAM_SHAPES[i], (rect.x + rect.h * 0.45, rect.centery), rect.h * 0.22,
                     theme.TEAM_COLORS[i])
        score = scene.session.scores()[i] if scene else 0
        state = ngettext("{count} point", "{count} points", score).format(count=score)
        if button.selected:
            state = _("right") + " · " + state
        scoring = scene and scoring_phase(scene.session.mode, scene.session.phase[0])
        render.text(surface, Box(rect.x + rect.h * 0.9, rect.y, rect.w - rect.h, rect.h),
                    f"{i + 1} · {button.label} · {state}", theme.px(h, theme.SMALL * 0.9), theme.TEXT,
                    bold=bool(scoring), max_lines=1, valign="middle")


def _centered_on(display: int) -> tuple[int, int]:
    """SDL's 'centred on display N' position (SDL_WINDOWPOS_CENTERED_DISPLAY)."""
    position = 0x2FFF0000 | display
    return position, position
