"""Before a session: languages, teams, then mode and rules from a preset.

Three short pages of rows. Up/Down choose a row, Left/Right change its value, Enter or a clicker's
next key goes on, so a facilitator in a hurry presses Enter three times and plays the default.
"""

from __future__ import annotations

import dataclasses

import pygame

from game.decks import CATEGORIES, Deck
from game.history import played_by, read_sessions
from game.i18n import N_, _, language_name, ngettext
from game.input import Action, Intent
from game.layout import Box
from game.rules import MODES, IllegalMove, Rules, start
from game.rules.session import MAX_TEAMS, TEAM_LETTERS
from game.scenes.base import Scene
from game.ui import render, theme
from game.rules.presets import Preset, save_preset
from game.ui.form import Form, Row
from game.ui.widgets import Button

CARD_COUNTS = (5, 8, 10, 12, 15, 20, 30, 0)
TIMERS = (0, 30, 60, 90, 120, 180, 300)
LEADERBOARD = {"always": N_("always"), "card": N_("after each card"), "end": N_("at the end"), "never": N_("never")}
PAGES = (N_("Languages"), N_("Teams"), N_("Mode and rules"))
# Players' phones: off, or on with team points from the votes (see game.rules.votes.TEAM_POINTS).
PHONES = {None: N_("off"), "off": N_("on, the facilitator marks teams"),
          "majority": N_("on, a point when most of a team is right"),
          "share": N_("on, points for each player who is right")}


def default_team_name(index: int) -> str:
    return _("Team {letter}").format(letter=TEAM_LETTERS[index])


class SetupScene(Scene):
    def __init__(self, app, deck: Deck):
        super().__init__(app)
        self.deck = deck
        self.page = 0
        self.form = Form()
        self.error = ""
        presets = app.context.presets
        languages = list(deck.languages)
        self.language = Row(N_("Card language"), languages, show=lambda c: language_name(c),
                            on_change=self._offer_second_languages)
        self.language2 = Row(N_("Second language"), [None] + languages[1:],
                             show=lambda c: language_name(c) if c else _("none"))
        self.team_count = Row(N_("Teams"), [0] + list(range(2, MAX_TEAMS + 1)), index=3,
                              show=lambda n: _("no teams") if not n else str(n))
        self.names = [Row(lambda i=i: default_team_name(i), [""], text=True,
                          marker=(theme.TEAM_SHAPES[i], theme.TEAM_COLORS[i])) for i in range(MAX_TEAMS)]
        self.group = Row(N_("Group (optional)"), [""], text=True, limit=40)
        self.preset = Row(N_("Preset"), presets, show=lambda p: _(p.name), on_change=self._apply_preset)
        self.mode = Row(N_("Mode"), list(MODES), show=lambda m: _(MODES[m].name))
        self.cards = Row(N_("Cards"), list(CARD_COUNTS), show=lambda n: str(n) if n else _("all"))
        self.categories = Row(N_("Only cards about"), [None] + list(CATEGORIES),
                              show=self._category_label)
        self.timer = Row(N_("Timer"), list(TIMERS), show=_timer_label)
        self.scoring = Row(N_("Scores"), [True, False], show=lambda on: _("on") if on else _("off"))
        self.leaderboard = Row(N_("Show scores"), list(LEADERBOARD), show=lambda k: _(LEADERBOARD[k]))
        self.self_guided = Row(N_("Players on their own"), [False, True], show=lambda on: _("yes") if on else _("no"))
        self.phones = Row(N_("Players' phones"), list(PHONES), index=2 if app.context.phones else 0,
                          show=lambda key: _(PHONES[key]))
        self.remembered_calm = app.context.store.settings().calm
        self.calm = Row(N_("Calm mode: no motion, no sound"), [False, True], show=lambda on: _("on") if on else _("off"),
                        on_change=self._remember_calm)
        self._apply_preset()

    # --- rows per page ---------------------------------------------------------------------------
    def rows(self) -> list[Row]:
        if self.page == 0:
            return [self.language, self.language2]
        if self.page == 1:
            return [self.team_count] + self.names[:self.team_count.value] + [self.group]
        return [self.preset, self.mode, self.cards, self.categories, self.timer, self.scoring, self.leaderboard,
                self.self_guided, self.phones, self.calm]

    @property
    def typing(self) -> bool:
        return self.form.typing(self.rows())

    def _offer_second_languages(self) -> None:
        """The second language is never the card language itself; a choice that became it is dropped."""
        chosen = self.language2.value
        self.language2.options = [None] + [code for code in self.deck.languages if code != self.language.value]
        self.language2.index = self.language2.options.index(chosen) if chosen in self.language2.options else 0

    def _apply_preset(self) -> None:
        if not self.preset.options:
            return
        rules = self.preset.value.rules
        self.mode.index = self.mode.options.index(rules.mode)
        # A preset's value that is not among the usual choices joins them, so it is shown and kept
        # (7 cards stay 7, a 45 s timer stays on, two categories stay two).
        self.cards.index = _choose(self.cards, CARD_COUNTS, rules.cards)
        category = rules.categories[0] if len(rules.categories) == 1 else rules.categories or None
        self.categories.index = _choose(self.categories, [None] + list(CATEGORIES), category)
        self.timer.index = _choose(self.timer, TIMERS, rules.timer)
        self.scoring.index = 0 if rules.scoring else 1
        self.leaderboard.index = self.leaderboard.options.index(rules.leaderboard)
        self.self_guided.index = 1 if rules.self_guided else 0
        self.calm.index = 1 if rules.calm or self.remembered_calm else 0

    def _remember_calm(self) -> None:
        """Calm mode chosen by hand is kept for the next sessions; a preset's own choice is not."""
        self.remembered_calm = self.calm.value
        self.app.context.store.remember(calm=self.calm.value)

    def rules(self) -> Rules:
        base = self.preset.value.rules if self.preset.options else Rules()
        categories = self.categories.value
        return dataclasses.replace(base, mode=self.mode.value, cards=self.cards.value,
                                   categories=(categories,) if isinstance(categories, str) else categories or (),
                                   timer=self.timer.value, scoring=self.scoring.value,
                                   leaderboard=self.leaderboard.value, self_guided=self.self_guided.value,
                                   calm=self.calm.value)

    def _category_label(self, choice) -> str:
        names = self.deck.edition(self.language.value).category_names
        if not choice:
            return _("everyone")
        return names[choice] if isinstance(choice, str) else ", ".join(names[c] for c in choice)

    def team_names(self) -> list[str]:
        return [row.value.strip() or default_team_name(i) for i, row in enumerate(self.names[:self.team_count.value])]

    # --- input -----------------------------------------------------------------------------------
    def handle(self, intent: Intent) -> None:
        action = intent.action
        if action is Action.CLICK:
            return super().handle(intent)
        if self.form.handle(self.rows(), intent):
            return
        if action is Action.NEXT and intent.text == "save":
            self._save_preset()
        elif action is Action.NEXT:
            self._forward()
        elif action is Action.BACK or action is Action.MENU:
            self._backward()

    def _forward(self) -> None:
        if self.page < len(PAGES) - 1:
            self.page, self.form.focus = self.page + 1, 0
            return
        from game.scenes.play import RoundScene
        context = self.app.context
        group = self.group.value.strip()
        played = played_by(group, self.deck.id, read_sessions(context.store.summaries_dir)) if group else frozenset()
        try:
            session = start(self.deck, self.rules(), self.team_names(), self.language.value, self.language2.value,
                            seed=context.seed(), now=context.clock(), group=group, played=played)
        except IllegalMove as problem:
            self.error = problem.message(_)
            return
        failure = context.store.save(session)
        if self.phones.value is None:
            scene = RoundScene(self.app, self.deck, session)
        else:
            from game.scenes.lobby import start_lobby
            scene = start_lobby(self.app, self.deck, session, self.phones.value)
        if failure:  # a full or read-only disk: play, but say the session is not kept
            scene.notice = _("Autosave failed, play goes on: {reason}").format(reason=failure)
        self.app.reset(scene)

    def _save_preset(self) -> None:
        """Keep these rules as a preset in the user's data folder; it appears in the list at once."""
        from datetime import date
        rules = self.rules()
        name = _("{mode}, {cards} cards ({date})").format(mode=_(MODES[rules.mode].name), cards=rules.cards or _("all"),
                                                          date=date.today().isoformat())
        try:
            path = save_preset(self.app.context.store.presets_dir, name, rules)
        except OSError as problem:  # a full disk or a read-only folder: say so, the rules stay as they are
            self.error = _("Not saved: {reason}").format(reason=problem.strerror or problem)
            return
        preset = Preset(name, rules, path)
        self.preset.options = [p for p in self.preset.options if p.path != path] + [preset]
        self.preset.index = len(self.preset.options) - 1
        self.app.context.presets = list(self.preset.options)
        self.error = _("Saved as preset: {name}").format(name=name)

    def _backward(self) -> None:
        if self.page:
            self.page, self.form.focus = self.page - 1, 0
        else:
            self.app.pop()

    # --- layout and drawing ----------------------------------------------------------------------
    def _area(self, size) -> Box:
        w, h = size
        m = theme.px(h, theme.MARGIN)
        top = m + theme.px(h, 0.16)
        return Box(m, top, w - 2 * m, h - m - theme.px(h, 0.085) - m - top)

    def buttons(self, size):
        w, h = size
        m = theme.px(h, theme.MARGIN)
        bh = theme.px(h, 0.085)
        last = self.page == len(PAGES) - 1
        buttons = [Button(Box(m, h - m - bh, w * 0.3, bh), _("Back"), Intent(Action.BACK)),
                   Button(Box(w - m - w * 0.3, h - m - bh, w * 0.3, bh), _("Start") if last else _("Continue"),
                          Intent(Action.NEXT), focused=True)]
        if last:
            buttons.append(Button(Box(w * 0.35, h - m - bh, w * 0.3, bh), _("Save as preset"),
                                  Intent(Action.NEXT, text="save")))
        return buttons + self.form.buttons(self.rows(), self._area(size), h)

    def render_key(self):
        rows = [self.language, self.language2, self.team_count, *self.names, self.group, self.preset, self.mode, self.cards,
                self.categories, self.timer, self.scoring, self.leaderboard, self.self_guided, self.phones, self.calm]
        return (id(self), self.page, self.error, self.form.key(rows))

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        m = theme.px(h, theme.MARGIN)
        surface.fill(theme.BACKGROUND)
        heading = _("Step {number} of {total}: {page}").format(number=self.page + 1, total=len(PAGES),
                                                                 page=_(PAGES[self.page]))
        render.text(surface, Box(m, m, w - 2 * m, theme.px(h, 0.08)), heading, theme.px(h, theme.TITLE * 0.85),
                    theme.TEXT, bold=True, max_lines=1)
        hint = self.error or self._hint()
        render.text(surface, Box(m, m + theme.px(h, 0.085), w - 2 * m, theme.px(h, 0.06)), hint,
                    theme.px(h, theme.SMALL), theme.WARNING if self.error else theme.MUTED, max_lines=2)
        self.form.draw(surface, self.rows(), self._area((w, h)))
        for button in self.buttons((w, h)):
            if button.intent.team is None:  # the row arrows are drawn with their row
                button.draw(surface, theme.px(h, theme.BODY))

    def _hint(self) -> str:
        if self.page == 1 and self.form.focused(self.rows()) is self.group:
            return _("A group's name (a class, a course): its sessions leave out the cards it has already played.")
        if self.page == 1:
            return _("Type a name for the highlighted team, or keep the letters.")
        if self.page == 2 and self.preset.options:
            return _(MODES[self.mode.value].summary)
        return _("Up and down choose a line, left and right change it, Enter goes on.")


def _choose(row: Row, usual, value) -> int:
    """The index of `value` in the row, added to the usual choices when it is not one of them."""
    options = list(usual)
    if value not in options and isinstance(value, int):
        numbers = sorted([o for o in options if o] + [value])
        options = [0] + numbers if options[0] == 0 else numbers + [0]  # "off" or "all" stays where it was
    elif value not in options:
        options.append(value)
    row.options = options
    return options.index(value)


def _timer_label(seconds: int) -> str:
    if not seconds:
        return _("off")
    if seconds < 60:
        return ngettext("{count} second", "{count} seconds", seconds).format(count=seconds)
    minutes, rest = divmod(seconds, 60)
    if rest:
        return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=rest)
    return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)
