"""A round on the shared screen: the card, the step of the mode, teams and timer.

The scene turns intents into rule moves (pure functions) and autosaves after each one; drawing
only reads the session. What is hidden (story, categories, the answer of a statement) is drawn
only once the mode's step reveals it.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from game import layout
from game.decks import Deck
from game.i18n import _, country_name, current_language, ngettext, translations
from game.input import Action, Intent
from game.layout import Box
from game.rules import (MODES, IllegalMove, back, finish, mark_team, next_step, reveals_hidden, scoring_phase,
                        shows_identity, skip, suspend, toggle_pause, toggle_timer, undo)
from game.rules import instruction as step_instruction
from game.rules.session import Session
from game.rules.standings import due as standings_due
from game.scenes import round_layout
from game.scenes.base import Scene
from game.ui import render, sound, theme
from game.ui import votes as votes_ui
from game.ui.flow import MARKER, Block, flow
from game.ui.motion import Motion, draw_turning
from game.ui.widgets import Button

SECOND = 0.8      # the second language's wanted size, relative to the main language's
HEARTBEAT = 5     # seconds between autosaves while a timer runs, so a crash costs at most this much of it
MOVING = ("reveal", "story", "verdict")   # steps that arrive with motion (game/ui/motion.py)


class RoundScene(Scene):
    def __init__(self, app, deck: Deck, session: Session, phones=None):
        super().__init__(app)
        self.deck = deck
        self.session = session
        self.phones = phones          # the players' phones server (game.web.PhoneServer), or None
        self.phones_seen = None
        self.notice = ""
        self.shown_second = None
        self.chimed = False
        self.page = 0          # long text pages: Next turns the page before it moves on
        self._pages_key = None
        self._pages = None
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
        forward = (session.card, session.step) > (self.session.card, self.session.step)
        if moved:
            self.chimed = False
            self.page = 0
        self.session = session = self.phones.follow(session) if self.phones else session
        if moved:
            self.begin_motion(forward)
        self.autosave()
        if session.finished:
            from game.scenes.end import EndScene
            if self.phones:     # anonymous counts only, for the summary
                self.app.context.phone_counts = self.phones.tally.as_dict()
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
        elif action is Action.NEXT:
            if self.page + 1 < self.page_count():
                self.page += 1
            elif standings_due(self.session):
                self.show_standings(then_next=True)
            else:
                self.apply(lambda s: next_step(s, now()))
        elif action is Action.STANDINGS:
            self.show_standings()
        elif action is Action.BACK:
            if self.page > 0:
                self.page -= 1
            else:
                before = self.session
                self.apply(lambda s: back(s, now()))
                if self.session is not before and not self.session.finished:
                    self.page = self.page_count() - 1   # back lands on the last page of the step before
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
        """A reveal turns the card over and then brings its text, with a warm sound; a verdict arrives
        after a breath. Calm mode: none of it. Going back shows a step at once."""
        self.motion.finish()
        phase, _number = self.session.phase if not self.session.finished else ("", 0)
        if self.calm or not forward or phase not in MOVING:
            return
        self.motion.begin(turn=phase in ("reveal", "story"), items=1)
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
        seen = self.phones.version if self.phones else None
        phones_changed, self.phones_seen = seen != self.phones_seen, seen
        moving = self.motion.tick()
        return self._update_timer() or phones_changed or moving

    def _update_timer(self) -> bool:
        timer = self.session.timer
        if not timer:
            return False
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
        return False

    # --- layout ----------------------------------------------------------------------------------
    def _areas(self, size) -> round_layout.Areas:
        phase = self.session.phase[0]
        chart = bool(self.phones) and votes_ui.shows_chart(self.session)   # the room's answers take the card's place
        areas = round_layout.areas(size, len(self.session.teams), chart or (shows_identity(self.session.mode, phase)
                                                                            and phase == "face"))
        if self.phones:   # a line beneath the panel for "12 of 15 have answered"
            panel = areas.panel
            areas = replace(areas, panel=Box(panel.x, panel.y, panel.w, panel.h - theme.px(size[1], 0.06)))
        return areas

    def buttons(self, size):
        session = self.session
        back_box, next_box, team_boxes = round_layout.bar_boxes(self._areas(size).bar, len(session.teams))
        buttons = [Button(back_box, _("Back"), Intent(Action.BACK)),
                   Button(next_box, _("Next"), Intent(Action.NEXT), focused=True)]
        marked = session.marked()
        for i, (name, box) in enumerate(zip(session.teams, team_boxes) if session.scoring else ()):
            buttons.append(Button(box, name, Intent(Action.MARK, team=i), selected=i in marked))
        return buttons

    def page_count(self) -> int:
        return len(self.pages(self.app.size)[2])

    def pages(self, size) -> tuple[layout.Text, Box, list[list]]:
        """The step's instruction, the box its text flows in, and that text in pages (cached: the
        keys need the page count, drawing needs the pages)."""
        key = (size, self.session.card, self.session.step, self.session.language, self.session.language2,
               current_language(), self.session.turn() if self.session.rules.self_guided else None)
        if self._pages_key != key:
            self._pages_key, self._pages = key, self._layout_panel(size)
        return self._pages

    def _layout_panel(self, size):
        w, h = size
        session = self.session
        phase, number = session.phase
        box = self._areas(size).panel
        instruction = _(step_instruction(session.mode, phase, session.scoring))
        if session.rules.self_guided and session.teams:
            instruction = _("{team}: it is your turn to read aloud.").format(team=session.teams[session.turn()]) + \
                " " + instruction
        player = theme.floor(h, theme.PLAYER_FLOOR)
        # Where the text needs the room, the instruction is smaller; elsewhere up to three lines.
        size_i = theme.px(h, theme.SMALL if phase in ("reveal", "story", "verdict") else theme.BODY)
        lines = min(3, len(layout.wrap(instruction, box.w, size_i, False, render.measure)))
        top = lines * size_i * layout.LINE_HEIGHT
        instruction_op = layout.Text(Box(box.x, box.y, box.w, top + 1), instruction, size_i, theme.MUTED,
                                     max_lines=3, min_size=player)
        hidden = not shows_identity(session.mode, phase)
        if hidden:   # the header row carries the instruction beside the face-down tile
            top = 0
        gap = theme.px(h, 0.015)
        note = theme.px(h, 0.045) if self._fallback_visible(phase) else 0
        text_box = Box(box.x, box.y + top + gap, box.w, box.h - top - gap - note)
        page_footer = theme.px(h, theme.SMALL) * layout.LINE_HEIGHT * 1.2
        return instruction_op, text_box, flow(self._blocks(h, phase, number), text_box, render.measure, page_footer)

    def _blocks(self, h, phase, number) -> list[Block]:
        """What the step says, in reading order, with each text's wanted size and floor."""
        session = self.session
        text, second = self._text(), self._second()
        read, player = theme.floor(h, theme.READ_FLOOR), theme.floor(h, theme.PLAYER_FLOOR)
        second_floor = theme.floor(h, theme.SECOND_FLOOR)

        def pair(first, other, share, bold=False, marker=None, space=0.35, floor=read, color=theme.TEXT):
            size = theme.px(h, share)
            blocks = [Block(first, size, max(floor, 1), color, bold, marker=marker, space=space)]
            if other and other != first:
                blocks.append(Block(other, round(size * SECOND), second_floor, theme.MUTED, italic=not bold,
                                    indent=size * MARKER if marker else 0, space=0.1, pair=True))
            return blocks

        names = self.deck.edition(session.language).category_names
        names2 = self.deck.edition(session.language2).category_names if session.language2 else {}
        if phase == "face" and session.mode == "unknown":   # all four: nothing about this person is given away
            return [b for i, category in enumerate(layout.CATEGORY_STYLES)
                    for b in pair(names[category], names2.get(category), 0.05, True, category, 0.5 if i else 0)]
        if phase in ("reveal", "story"):
            card = self.deck.card(session.card_id)
            blocks = [b for i, category in enumerate(card.categories)
                      for b in pair(names[category], names2.get(category), 0.045, True, category, 0.2 if i else 0)]
            countries = [" › ".join(country_name(c, code) for c in card.countries)
                         for code in (session.language, session.language2) if code]
            blocks += pair(countries[0], countries[1] if len(countries) > 1 else None, theme.SMALL, space=0.3,
                           floor=player, color=theme.MUTED)
            return blocks + pair(text.story, second and second.story, 0.04, space=0.6)
        if phase == "question":
            return pair(text.question, second and second.question, 0.075, True, space=0)
        if phase == "clue":
            other = second.clues[number - 1] if second and number <= len(second.clues) else None
            blocks = pair(f"{number}. {text.clues[number - 1]}", other and f"{number}. {other}", 0.07, True, space=0)
            earlier = "\n".join(f"{i}. {clue}" for i, clue in enumerate(text.clues[:number - 1], 1))
            return blocks + [Block(earlier, theme.px(h, theme.BODY), read, theme.MUTED, space=0.8)]
        if phase in ("statement", "verdict"):
            statement = text.statements[number - 1]
            other = second.statements[number - 1] if second and number <= len(second.statements) else None
            if phase == "statement":
                return pair(statement.text, other and other.text, 0.06, True, space=0)
            word = layout.FACT if statement.answer else layout.FICTION
            mark = "child_of_migrants" if statement.answer else "fled"
            word2 = translations(session.language2).gettext(word) if session.language2 else None
            return (pair(statement.text, other and other.text, 0.05, True, space=0)
                    + pair(_(word), word2, 0.07, True, mark, space=0.5)
                    + pair(statement.explanation, other and other.explanation, 0.045, space=0.4))
        return pair(text.known_for, second and second.known_for, 0.05, space=0)

    # --- drawing ---------------------------------------------------------------------------------
    def render_key(self):
        if self.motion.active:
            return None     # every animation frame is new: nothing to reuse, so no copy to keep
        return (id(self), self.session, self.notice, self.shown_second if self.session.timer else None, self.page,
                self.phones_seen)

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        surface.fill(theme.BACKGROUND)
        areas = self._areas((w, h))
        phase, number = self.session.phase
        self._draw_top(surface, phase)
        if areas.card:
            self._draw_card(surface, areas.card)
        else:
            self._draw_header(surface, areas.header, phase)
        self._draw_panel(surface, areas.panel, phase)
        self._draw_bar(surface, areas.bar, phase)
        if self.phones:
            panel = areas.panel
            votes_ui.draw_status(surface, Box(panel.x, panel.y + panel.h, panel.w, theme.px(h, 0.06)), self.phones,
                                 self.session)
        if self.session.paused:
            self._draw_paused(surface)

    def _draw_paused(self, surface):
        """A pause the whole room sees: the screen dims and says so, large."""
        w, h = surface.get_size()
        render.shade(surface, 200)
        m = theme.px(h, theme.MARGIN)
        render.text(surface, Box(m, h * 0.3, w - 2 * m, h * 0.4), _("Paused (P to continue)"), theme.px(h, 0.09),
                    theme.TEXT, bold=True, align="center", max_lines=2, valign="middle")

    def _text(self, language=None):
        return self.deck.text(self.session.card_id, language or self.session.language)

    def _draw_top(self, surface, phase):
        w, h = surface.get_size()
        m = theme.px(h, theme.MARGIN)
        session = self.session
        size, player = theme.px(h, theme.SMALL), theme.floor(h, theme.PLAYER_FLOOR)
        mode = _(MODES[session.mode].name)
        progress = _("Card {number} of {total}").format(number=session.card + 1, total=len(session.order))
        left = f"{mode} · {progress}"
        if session.paused:
            left += " · " + _("Paused (P to continue)")
        render.text(surface, Box(m, m * 0.4, w * 0.55 - m, theme.px(h, 0.07)), left, size, theme.MUTED, max_lines=2,
                    min_size=player, valign="middle")
        if session.timer:
            seconds = int(session.timer.left(self.app.context.clock()) + 0.999)
            label = f"{seconds // 60}:{seconds % 60:02d}"
            if session.timer.running_since is None or session.paused:
                label = _("Timer {time} (stopped)").format(time=label)
            color = theme.WARNING if seconds <= 10 else theme.TEXT
            render.text(surface, Box(w * 0.55, m * 0.2, w * 0.45 - m, theme.px(h, 0.075)), label,
                        theme.px(h, 0.05), color, bold=True, align="center", max_lines=1, min_size=player)
        elif self.notice:
            render.text(surface, Box(w * 0.55, m * 0.3, w * 0.45 - m, theme.px(h, 0.075)), self.notice, size,
                        theme.WARNING, max_lines=2, min_size=player, valign="middle")

    def _draw_card(self, surface, box):
        card = self.deck.card(self.session.card_id)
        if self.phones and votes_ui.shows_chart(self.session):   # the card was seen before; now the room's answers
            return votes_ui.draw_chart(surface, box, self.phones, self.session, self.deck)
        ops = round_layout.card_front(card, self._text(), self._second(), self.deck.edition(self.session.language),
                                      box.w, box.h, surface.get_height(), render.measure)
        render.paint(surface, ops, (box.x, box.y))

    def _draw_header(self, surface, box, phase):
        """Once the text matters the card steps aside: a small tile and the name, in both languages."""
        h = surface.get_height()
        shown = shows_identity(self.session.mode, phase)
        card = self.deck.card(self.session.card_id)
        text, second = self._text(), self._second()
        player = theme.floor(h, theme.PLAYER_FLOOR)
        tile = Box(box.x, box.y, box.h, box.h)
        face = round_layout.tile(card if shown else None, text if shown else None, tile, player)
        if self.motion.active:      # turning over at the reveal: the hidden side, then the face
            hidden = round_layout.tile(None, None, Box(0, 0, tile.w, tile.h), player)
            shown_side = round_layout.tile(card if shown else None, text if shown else None, Box(0, 0, tile.w, tile.h),
                                           player)
            draw_turning(surface, self.motion, tile, lambda s, at: render.paint(s, hidden, at),
                         lambda s, at: render.paint(s, shown_side, at))
        else:
            render.paint(surface, face)
        x = tile.x + tile.w + box.h * 0.3
        rest = Box(x, box.y, box.x + box.w - x, box.h)
        if not shown:
            instruction_op, _box, _pages = self.pages(surface.get_size())
            render.text(surface, rest, instruction_op.text, theme.px(h, theme.BODY), theme.MUTED, max_lines=2,
                        min_size=player, valign="middle")
            return
        size = theme.px(h, 0.05)
        name_w = min(render.measure(text.name, size, True) + 2, rest.w * (0.55 if second else 1))
        render.text(surface, Box(rest.x, rest.y, name_w, rest.h), text.name, size, theme.TEXT, bold=True,
                    max_lines=1, min_size=player, valign="middle")
        if second and second.name != text.name:
            gap = size * 0.6
            render.text(surface, Box(rest.x + name_w + gap, rest.y, rest.w - name_w - gap, rest.h), second.name,
                        round(size * SECOND), theme.MUTED, italic=True, max_lines=1,
                        min_size=theme.floor(h, theme.SECOND_FLOOR), valign="middle")

    def _draw_panel(self, surface, box, phase):
        h = surface.get_height()
        instruction, text_box, pages = self.pages(surface.get_size())
        if shows_identity(self.session.mode, phase):
            render.draw_text(surface, instruction)
        page = min(self.page, len(pages) - 1)
        if not self.motion.arrived(1):  # the story or verdict arrives after the card has turned
            return
        render.paint(surface, pages[page])
        if len(pages) > 1:
            size = theme.px(h, theme.SMALL)
            marker = Box(text_box.x, text_box.y + text_box.h - size * layout.LINE_HEIGHT, text_box.w,
                         size * layout.LINE_HEIGHT)
            render.text(surface, marker, f"{page + 1}/{len(pages)}  ›" if page + 1 < len(pages) else
                        f"{page + 1}/{len(pages)}", size, theme.ACCENT, bold=True, align="right", max_lines=1,
                        min_size=theme.floor(h, theme.PLAYER_FLOOR))
        self._fallback_note(surface, box, self._text(), phase)

    def _second(self):
        code = self.session.language2
        return self._text(code) if code else None

    def _fallback_visible(self, phase) -> bool:
        text = self._text()
        visible = {"name", "known_for"} | ({"story"} if reveals_hidden(self.session.mode, phase) else set())
        return bool(text.fallback & visible) and self.session.language != self.deck.source_language

    def _fallback_note(self, surface, box, text, phase):
        """Text still in the source language is marked, so a group knows why it changed language."""
        if self._fallback_visible(phase):
            h = surface.get_height()
            from game.i18n import language_name
            note = _("Part of this card is not translated yet and is shown in {language}.").format(
                language=language_name(self.deck.source_language))
            render.text(surface, Box(box.x, box.y + box.h - theme.px(h, 0.04), box.w, theme.px(h, 0.04)), note,
                        theme.px(h, 0.027), theme.WARNING, max_lines=1, min_size=theme.floor(h, theme.PLAYER_FLOOR))

    def _draw_bar(self, surface, bar, phase):
        h = surface.get_height()
        session = self.session
        show_scores = session.scoring and session.rules.leaderboard == "always"
        scores = session.scores()
        scoring_now = session.scoring and scoring_phase(session.mode, phase)
        two_lines = show_scores or bool(session.marked())   # every team alike: one size for all names
        for button in self.buttons(surface.get_size()):
            if button.intent.action is not Action.MARK:
                button.draw(surface, theme.px(h, theme.BODY))
                continue
            self._draw_team(surface, button, scores[button.intent.team] if show_scores else None, scoring_now,
                            two_lines)

    def _draw_team(self, surface, button, score, scoring_now, two_lines=False):
        """Number, name, shape and colour; a marked team gets a white frame at the edge and the word
        'right', so the frame never crosses the text and colour is never the only signal."""
        h = surface.get_height()
        i = button.intent.team
        rect = render.to_rect(button.box)
        frame = max(3, rect.h // 14)
        pygame.draw.rect(surface, theme.SURFACE_HOVER if button.selected else theme.SURFACE, rect,
                         border_radius=rect.h // 5)
        pygame.draw.rect(surface, theme.TEXT if button.selected else theme.TEAM_COLORS[i], rect,
                         frame + (2 if button.selected else 0), border_radius=rect.h // 5)
        box = button.box
        marker = min(box.h * 0.5, theme.px(h, 0.05))
        render.shape(surface, theme.TEAM_SHAPES[i], (box.x + frame + marker * 0.75, box.y + box.h / 2), marker * 0.38,
                     theme.TEAM_COLORS[i])
        name = f"{i + 1} · {button.label}"
        state = [_("right")] if button.selected else []
        if score is not None:
            state.append(ngettext("{count} point", "{count} points", score).format(count=score))
        edge = frame + 3
        left = frame + marker * 1.3
        inner = Box(box.x + left, box.y + edge, box.w - left - edge, box.h - 2 * edge)
        player = theme.floor(h, theme.PLAYER_FLOOR)
        # The size that two lines allow, for every team alike; a team with no second line centres its name.
        room = inner.h / (2 if state or two_lines else 1)
        size = max(player, min(theme.px(h, theme.SMALL), int(room / layout.LINE_HEIGHT)))
        render.text(surface, Box(inner.x, inner.y, inner.w, inner.h / 2 if state else inner.h), name, size,
                    theme.TEXT, bold=True, max_lines=1, valign="middle", min_size=player)
        if state:
            render.text(surface, Box(inner.x, inner.y + inner.h / 2, inner.w, inner.h / 2), " · ".join(state), size,
                        theme.TEXT, max_lines=1, valign="middle", min_size=player)
