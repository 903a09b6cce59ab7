"""A round on the shared screen: the card, the step of the mode, teams and timer.

The scene turns intents into rule moves (pure functions) and autosaves after each one; drawing
only reads the session. What is hidden (story, categories, the answer of a statement) is drawn
only once the mode's step reveals it.
"""

from __future__ import annotations

from functools import lru_cache

import pygame

from game import layout
from game.decks import Deck
from game.i18n import _, country_name, ngettext
from game.input import Action, Intent
from game.layout import Box
from game.rules import (MODES, IllegalMove, back, finish, mark_team, next_step, reveals_hidden, scoring_phase,
                        shows_identity, skip, suspend, toggle_pause, toggle_timer, undo)
from game.rules import instruction as step_instruction
from game.rules.session import Session
from game.rules.standings import due as standings_due
from game.scenes.base import Scene
from game.ui import render, sound, theme
from game.ui.motion import Motion, draw_turning
from game.ui.widgets import Button

CARD_ASPECT = 63 / 88
MIN_BODY = 0.03   # body text never shrinks below 3% of the screen height (the brief's back-row rule)
SECOND = 0.7      # the second language's size, relative to the main language's
MOVING = ("reveal", "story", "verdict")   # steps that arrive with motion (game/ui/motion.py)
HEARTBEAT = 5     # seconds between autosaves while a timer runs, so a crash costs at most this much of it


class RoundScene(Scene):
    def __init__(self, app, deck: Deck, session: Session):
        super().__init__(app)
        self.deck = deck
        self.session = session
        self.notice = ""
        self.shown_second = None
        self.chimed = False
        self.motion = Motion(app.context.clock)

    # --- moves -----------------------------------------------------------------------------------
    def apply(self, move) -> None:
        """Apply a rule move; an illegal one changes nothing and says why for a moment."""
        try:
            session = move(self.session)
        except IllegalMove as problem:
            self.notice = problem.message(_)
            return
        self.notice = ""
        moved = (session.card, session.step) != (self.session.card, self.session.step)
        if moved:
            self.chimed = False
        forward = (session.card, session.step) > (self.session.card, self.session.step)
        self.session = session
        if moved:
            self.begin_motion(forward)
        self.autosave()
        if session.finished:
            from game.scenes.end import EndScene
            self.app.replace(EndScene(self.app, self.deck, session))

    def autosave(self) -> None:
        """Save with a running timer's time left, not its start: time the app is down is not lost."""
        failure = self.app.context.store.save(suspend(self.session, self.app.context.clock()))
        if failure:
            self.notice = _("Autosave failed, play goes on: {reason}").format(reason=failure)

    def handle(self, intent: Intent) -> None:
        now = self.app.context.clock
        action = intent.action
        if action is Action.CLICK:
            return super().handle(intent)
        if action is Action.NEXT and self.motion.active:
            self.motion.finish()            # Next completes an animation at once, in this frame
        elif action is Action.NEXT and standings_due(self.session):
            self.show_standings(then_next=True)
        elif action is Action.NEXT:
            self.apply(lambda s: next_step(s, now()))
        elif action is Action.STANDINGS:
            self.show_standings()
        elif action is Action.BACK:
            self.apply(lambda s: back(s, now()))
        elif action is Action.MARK:
            self.apply(lambda s: mark_team(s, intent.team))
        elif action is Action.UNDO:
            self.apply(undo)
        elif action is Action.SKIP:
            self.apply(lambda s: skip(s, now()))
        elif action is Action.PAUSE:
            self.apply(lambda s: toggle_pause(s, now()))
        elif action is Action.TIMER:
            self.apply(lambda s: toggle_timer(s, now()))
        elif action is Action.MENU:
            from game.scenes.menu import MenuScene
            self.app.push(MenuScene(self.app, self))

    @property
    def calm(self) -> bool:
        return self.session.rules.calm or self.app.context.calm

    def begin_motion(self, forward: bool) -> None:
        """A reveal turns the card over and brings its categories one by one, with a warm sound; a
        verdict arrives after a breath. Calm mode: none of it. Going back shows a step at once."""
        self.motion.finish()
        phase, _number = self.session.phase if not self.session.finished else ("", 0)
        if self.calm or not forward or phase not in MOVING:
            return
        card = self.deck.card(self.session.card_id)
        self.motion.begin(turn=phase in ("reveal", "story"), items=1 if phase == "verdict" else len(card.categories))
        sound.play("reveal", self.app.context.sound)

    def show_standings(self, then_next: bool = False) -> None:
        """The standings screen (game/scenes/standings.py); without scores there are none."""
        if not self.session.scoring:
            self.notice = _("scores are off")
            return
        from game.scenes.standings import StandingsScene
        self.app.push(StandingsScene(self.app, self, then_next))

    def end_session(self) -> None:
        self.apply(lambda s: finish(s, self.app.context.clock()))

    # --- time ------------------------------------------------------------------------------------
    def update(self, dt: float) -> bool:
        moving = self.motion.tick()
        timer = self.session.timer
        if not timer:
            return moving
        left = timer.left(self.app.context.clock())
        second = int(left + 0.999)
        if left <= 0 and not self.chimed:
            self.chimed = True
            sound.chime(self.app.context.sound and not self.calm)
        if second != self.shown_second:
            self.shown_second = second
            if second % HEARTBEAT == 0 and timer.running_since is not None and not self.session.paused:
                self.autosave()
            return True
        return moving

    # --- layout ----------------------------------------------------------------------------------
    def _areas(self, size):
        w, h = size
        m = theme.px(h, theme.MARGIN)
        top = theme.px(h, 0.085)
        bottom_bar = theme.px(h, 0.11)
        card_h = h - top - bottom_bar - 2 * m
        card_w = card_h * CARD_ASPECT
        card = Box(m, top + m * 0.5, card_w, card_h)
        panel = Box(card.x + card_w + m, card.y, w - card_w - 3 * m, card_h)
        bar = Box(m, h - bottom_bar - m * 0.5, w - 2 * m, bottom_bar)
        return card, panel, bar

    def buttons(self, size):
        _card, _panel, bar = self._areas(size)
        session = self.session
        nav = bar.h * 1.6
        buttons = [Button(Box(bar.x, bar.y, nav, bar.h), _("Back"), Intent(Action.BACK)),
                   Button(Box(bar.x + bar.w - nav, bar.y, nav, bar.h), _("Next"), Intent(Action.NEXT), focused=True)]
        if session.scoring:   # without scores (Story circle, scores off) there is nothing to mark
            gap = bar.h * 0.15
            room = bar.w - 2 * nav - 2 * gap
            width = (room - gap * (len(session.teams) - 1)) / len(session.teams)
            marked = session.marked()
            for i, name in enumerate(session.teams):
                box = Box(bar.x + nav + gap + i * (width + gap), bar.y, width, bar.h)
                buttons.append(Button(box, name, Intent(Action.MARK, team=i), selected=i in marked))
        return buttons

    # --- drawing ---------------------------------------------------------------------------------
    def render_key(self):
        if self.motion.active:
            return None     # every animation frame is new: nothing to reuse, so no copy to keep
        return (id(self), self.session, self.notice, self.shown_second if self.session.timer else None)

    def draw(self, surface: pygame.Surface) -> None:
        if self.motion.active and not self.session.paused:
            self._draw_moving(surface)
        else:
            self._draw_layers(surface)

    def _draw_layers(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        surface.fill(theme.BACKGROUND)
        card, panel, bar = self._areas((w, h))
        phase, number = self.session.phase
        self._draw_top(surface, phase)
        self._draw_card(surface, card, phase)
        self._draw_panel(surface, panel, phase, number)
        self._draw_bar(surface, bar, phase)
        if self.session.paused:
            self._draw_paused(surface)

    def _draw_moving(self, surface):
        """An animation frame: what stays still is drawn once (without the card and the arriving
        items; again if a team is marked meanwhile), then each frame adds the turning card and,
        clipped to where they arrive, the items that have arrived: little more than one blit."""
        motion = self.motion
        key = (surface.get_size(), self.session, self.notice, self.shown_second)
        if motion.still is None or motion.still[0] != key:
            motion.hiding = True
            try:
                self._draw_layers(surface)
            finally:
                motion.hiding = False
            motion.still = (key, surface.copy())
        else:
            surface.blit(motion.still[1], (0, 0))
        card, panel, _bar = self._areas(surface.get_size())
        phase, number = self.session.phase
        self._draw_card(surface, card, phase)
        if motion.area:
            surface.set_clip(render.to_rect(motion.area))
            self._draw_panel(surface, panel, phase, number)
            surface.set_clip(None)

    def _draw_paused(self, surface):
        """A pause the whole room sees: the screen dims and says so, large."""
        w, h = surface.get_size()
        shade = pygame.Surface((w, h), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 200))
        surface.blit(shade, (0, 0))
        m = theme.px(h, theme.MARGIN)
        render.text(surface, Box(m, h * 0.3, w - 2 * m, h * 0.4), _("Paused (P to continue)"), theme.px(h, 0.09),
                    theme.TEXT, bold=True, align="center", max_lines=2, valign="middle")

    def _text(self, language=None):
        return self.deck.text(self.session.card_id, language or self.session.language)

    def _draw_top(self, surface, phase):
        w, h = surface.get_size()
        m = theme.px(h, theme.MARGIN)
        session = self.session
        size = theme.px(h, theme.SMALL)
        mode = _(MODES[session.mode].name)
        progress = _("Card {number} of {total}").format(number=session.card + 1, total=len(session.order))
        left = f"{mode} · {progress}"
        if session.paused:
            left += " · " + _("Paused (P to continue)")
        render.text(surface, Box(m, m * 0.4, w * 0.6, theme.px(h, 0.07)), left, size, theme.MUTED, max_lines=1)
        if session.timer:
            seconds = int(session.timer.left(self.app.context.clock()) + 0.999)
            label = f"{seconds // 60}:{seconds % 60:02d}"
            if session.timer.running_since is None or session.paused:
                label = _("Timer {time} (stopped)").format(time=label)
            color = theme.WARNING if seconds <= 10 else theme.TEXT
            render.text(surface, Box(w * 0.55, m * 0.2, w * 0.45 - m, theme.px(h, 0.075)), label,
                        theme.px(h, 0.05), color, bold=True, align="center", max_lines=1)
        elif self.notice:
            render.text(surface, Box(w * 0.55, m * 0.4, w * 0.45 - m, theme.px(h, 0.07)), self.notice, size,
                        theme.WARNING, max_lines=1)

    def _draw_card(self, surface, box, phase):
        text = self._text()
        card = self.deck.card(self.session.card_id)
        edition = self.deck.edition(self.session.language)
        if shows_identity(self.session.mode, phase):
            ops = layout.card_front(card, text, edition, box.w, box.h)
        else:
            ops = _mystery_card(box.w, box.h)
        if self.motion.active:      # turning over: the side shown before the reveal, then this one
            before = _mystery_card(box.w, box.h) if self.session.mode == "who" else ops
            draw_turning(surface, self.motion, box, lambda s, at: render.paint(s, before, at),
                         lambda s, at: render.paint(s, ops, at))
            return
        render.paint(surface, ops, (box.x, box.y))

    def _draw_panel(self, surface, box, phase, number):
        h = surface.get_height()
        text, second = self._text(), self._second()
        session = self.session
        instruction = _(step_instruction(session.mode, phase, session.scoring))
        if session.rules.self_guided and session.teams:
            turn = session.turn()
            instruction = _("{team}: it is your turn to read aloud.").format(team=session.teams[turn]) + " " + \
                instruction
        # Where the story needs the room, the instruction takes one line; elsewhere up to three.
        compact = phase in ("reveal", "story") and not session.rules.self_guided
        heading = theme.px(h, theme.SMALL if compact else theme.BODY)
        top = box.h * (0.08 if compact else 0.2)
        render.text(surface, Box(box.x, box.y, box.w, top), instruction, heading, theme.MUTED,
                    max_lines=1 if compact else 0)
        body = Box(box.x, box.y + top + box.h * 0.01, box.w, box.h - top - box.h * 0.01)
        if phase == "face" and session.mode == "unknown":
            self._draw_category_choices(surface, body)
        elif phase in ("reveal", "story"):
            self._draw_story(surface, body, text, second)
        elif phase == "question":
            self._bilingual(surface, body, text.question, second and second.question, theme.px(h, 0.055), bold=True)
        elif phase == "clue":
            self._draw_clues(surface, body, text, second, number)
        elif phase in ("statement", "verdict"):
            self._draw_statement(surface, body, text, second, number, phase == "verdict")
        else:
            self._bilingual(surface, body, text.known_for, second and second.known_for, theme.px(h, 0.05))
        self._fallback_note(surface, box, text, phase)

    def _second(self):
        code = self.session.language2
        return self._text(code) if code else None

    def _bilingual(self, surface, box, first: str, second: str | None, size, bold=False):
        """The main language large; the second language smaller beneath it, for mixed groups."""
        h = surface.get_height()
        floor = min(size, theme.px(h, MIN_BODY))
        if not second or second == first:
            render.text(surface, box, first, size, theme.TEXT, bold=bold, min_size=floor)
            return
        # Both texts whole, the main language as large as the box allows, the second one at 70% of it.
        main_size, used = _bilingual_fit(first, second, box, size, bold)
        render.text(surface, Box(box.x, box.y, box.w, used), first, main_size, theme.TEXT, bold=bold, min_size=main_size)
        gap = main_size * 0.5
        render.text(surface, Box(box.x, box.y + used + gap, box.w, box.h - used - gap), second,
                    int(main_size * SECOND), theme.MUTED)

    def _draw_category_choices(self, surface, box):
        """All four categories as the possible answers: nothing about this person is given away."""
        h = surface.get_height()
        edition = self.deck.edition(self.session.language)
        row = box.h / 5
        for i, category in enumerate(layout.CATEGORY_STYLES):
            color, shape = layout.CATEGORY_STYLES[category]
            y = box.y + i * row
            render.shape(surface, shape, (box.x + row * 0.3, y + row / 2), row * 0.22, color)
            render.text(surface, Box(box.x + row * 0.7, y, box.w - row * 0.7, row), edition.category_names[category],
                        theme.px(h, 0.045), theme.TEXT, bold=True, max_lines=2)

    def _draw_story(self, surface, box, text, second):
        h = surface.get_height()
        card = self.deck.card(self.session.card_id)
        edition = self.deck.edition(self.session.language)
        chips = box.h * 0.09 * len(card.categories)
        self.motion.area = Box(box.x, box.y, box.w, chips)     # where the categories arrive
        for i, category in enumerate(card.categories[:self.motion.arrived(len(card.categories))]):
            color, shape = layout.CATEGORY_STYLES[category]
            row = chips / len(card.categories)
            y = box.y + i * row
            render.shape(surface, shape, (box.x + row * 0.35, y + row / 2), row * 0.28, color)
            render.text(surface, Box(box.x + row * 0.8, y, box.w - row, row), edition.category_names[category],
                        theme.px(h, 0.04), theme.TEXT, bold=True, max_lines=1)
        countries = " › ".join(country_name(c, self.session.language) for c in card.countries)
        line = theme.px(h, 0.05)
        render.text(surface, Box(box.x, box.y + chips, box.w, line), countries, theme.px(h, theme.SMALL), theme.MUTED,
                    max_lines=1)
        rest = Box(box.x, box.y + chips + line, box.w, box.h - chips - line)
        self._bilingual(surface, rest, text.story, second and second.story, theme.px(h, theme.BODY))

    def _draw_clues(self, surface, box, text, second, shown):
        """The newest clue large, for the back of the hall; the earlier ones smaller beneath it."""
        h = surface.get_height()
        current = Box(box.x, box.y, box.w, box.h * 0.5)
        other = second.clues[shown - 1] if second and shown <= len(second.clues) else None
        self._bilingual(surface, current, f"{shown}. {text.clues[shown - 1]}",
                        other and f"{shown}. {other}", theme.px(h, 0.05), bold=True)
        earlier = "\n".join(f"{i}. {clue}" for i, clue in enumerate(text.clues[:shown - 1], 1))
        if earlier:
            render.text(surface, Box(box.x, box.y + box.h * 0.54, box.w, box.h * 0.46), earlier,
                        theme.px(h, theme.BODY), theme.MUTED)

    def _draw_statement(self, surface, box, text, second, number, verdict):
        h = surface.get_height()
        statement = text.statements[number - 1]
        other = second.statements[number - 1] if second and number <= len(second.statements) else None
        top = Box(box.x, box.y, box.w, box.h * (0.5 if verdict else 1))
        self._bilingual(surface, top, statement.text, other and other.text, theme.px(h, 0.05), bold=True)
        if verdict:
            self.motion.area = Box(box.x, box.y + box.h * 0.52, box.w, box.h * 0.48)   # where the verdict arrives
        if verdict and self.motion.arrived(1):
            answer = _(layout.FACT if statement.answer else layout.FICTION)
            color, shape = layout.CATEGORY_STYLES["child_of_migrants" if statement.answer else "fled"]
            y = box.y + box.h * 0.52
            render.shape(surface, shape, (box.x + h * 0.025, y + h * 0.035), h * 0.022, color)
            render.text(surface, Box(box.x + h * 0.06, y, box.w, h * 0.07), answer, theme.px(h, 0.055), theme.TEXT,
                        bold=True, max_lines=1)
            rest = Box(box.x, y + h * 0.08, box.w, box.y + box.h - y - h * 0.08)
            self._bilingual(surface, rest, statement.explanation, other and other.explanation, theme.px(h, theme.BODY))

    def _fallback_note(self, surface, box, text, phase):
        """Text still in the source language is marked, so a group knows why it changed language."""
        visible = {"name", "known_for"} | ({"story"} if reveals_hidden(self.session.mode, phase) else set())
        if text.fallback & visible and self.session.language != self.deck.source_language:
            h = surface.get_height()
            from game.i18n import language_name
            note = _("Part of this card is not translated yet and is shown in {language}.").format(
                language=language_name(self.deck.source_language))
            render.text(surface, Box(box.x, box.y + box.h - theme.px(h, 0.04), box.w, theme.px(h, 0.04)), note,
                        theme.px(h, 0.025), theme.WARNING, max_lines=1)

    def _draw_bar(self, surface, bar, phase):
        h = surface.get_height()
        session = self.session
        show_scores = session.scoring and session.rules.leaderboard == "always"
        scores = session.scores()
        scoring_now = session.scoring and scoring_phase(session.mode, phase)
        for button in self.buttons(surface.get_size()):
            if button.intent.action is not Action.MARK:
                button.draw(surface, theme.px(h, theme.BODY))
                continue
            self._draw_team(surface, button, scores[button.intent.team] if show_scores else None, scoring_now)

    def _draw_team(self, surface, button, score, scoring_now):
        h = surface.get_height()
        i = button.intent.team
        rect = render.to_rect(button.box)
        pygame.draw.rect(surface, theme.SURFACE, rect, border_radius=rect.h // 5)
        pygame.draw.rect(surface, theme.TEAM_COLORS[i], rect, max(3, rect.h // 12), border_radius=rect.h // 5)
        if button.selected:
            inner = rect.inflate(-rect.h // 5, -rect.h // 5)
            pygame.draw.rect(surface, theme.TEXT, inner, max(2, rect.h // 16), border_radius=rect.h // 6)
        box = button.box
        marker = box.h * 0.5
        render.shape(surface, theme.TEAM_SHAPES[i], (box.x + marker * 0.75, box.y + box.h / 2), marker * 0.38,
                     theme.TEAM_COLORS[i])
        name = f"{i + 1} · {button.label}"
        state = [_("right")] if button.selected else []
        if score is not None:
            state.append(ngettext("{count} point", "{count} points", score).format(count=score))
        inner = Box(box.x + marker * 1.4, box.y, box.w - marker * 1.6, box.h).inset(0, box.h * 0.1)
        lines = 2 if state else 1
        first = Box(inner.x, inner.y, inner.w, inner.h / lines)
        render.text(surface, first, name, theme.px(h, theme.SMALL), theme.TEXT, bold=True, max_lines=1, valign="middle")
        if state:
            render.text(surface, Box(inner.x, inner.y + inner.h / 2, inner.w, inner.h / 2), " · ".join(state),
                        theme.px(h, theme.SMALL), theme.TEXT, bold=button.selected, max_lines=1, valign="middle")


@lru_cache(maxsize=64)
def _bilingual_fit(first: str, second: str, box: Box, size: float, bold: bool) -> tuple[float, float]:
    """The largest main-text size (down to 45% of `size`) at which the main text and, beneath it,
    the second language at SECOND of that size both fit `box` whole; and the main text's height."""
    def height(text, text_size, text_bold):
        return len(layout.wrap(text, box.w, text_size, text_bold, render.measure)) * text_size * layout.LINE_HEIGHT

    candidate = float(size)
    while True:
        whole = int(candidate)   # fonts come in whole pixels: measure at the size that will be drawn
        used = height(first, whole, bold)
        if used + whole * 0.5 + height(second, int(whole * SECOND), False) <= box.h or candidate <= size * 0.45:
            return whole, used + 1
        candidate *= 0.95


def _mystery_card(w: float, h: float) -> list:
    """The face-down card of 'Who am I?': the same card frame, a question mark, nothing else."""
    pad = w * 0.07
    portrait = Box(pad, pad, w - 2 * pad, h * 0.5)
    return layout.card_frame(w, h) + [
        layout.Rect(portrait, layout.INK, radius=w * 0.03),
        layout.Text(Box(portrait.x, portrait.y + portrait.h * 0.15, portrait.w, portrait.h * 0.7), "?",
                    portrait.h * 0.6, layout.WHITE, bold=True, align="center", max_lines=1),
        layout.Text(Box(pad, h * 0.62, w - 2 * pad, h * 0.3), _("Who am I?"), h * 0.07, layout.INK, bold=True,
                    align="center"),
    ]
