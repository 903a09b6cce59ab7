"""The export dialog: the same print options as `python main.py export`, as rows of choices."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.background import Cancelled, Job
from game.decks import Deck
from game.errors import UserError
from game.export import CARD_SIZES, LAYOUTS, MODES, PAPERS, PrintOptions, export
from game.i18n import N_, _, language_name
from game.input import Action, Intent
from game.layout import Box
from game.rules import MODES as PLAY_MODES
from game.scenes.base import Scene
from game.ui import render, theme
from game.ui.form import Form, Row
from game.ui.widgets import Button

LAYOUT_NAMES = {"duplex-long": N_("two-sided, flip on the long edge"), "duplex-short": N_("two-sided, flip on the short edge"),
                "fold": N_("one-sided, fold and glue"), "fronts-only": N_("fronts only")}


PRINT_NOTES = N_("Some cards print under the size floors or partly untranslated: see the preview, or run the export "
                  "command for the list.")

class ExportScene(Scene):
    def __init__(self, app, deck: Deck, language: str):
        super().__init__(app)
        self.deck = deck
        self.form = Form()
        self.message = ""
        self.failed = False
        self.job: Job | None = None
        self.shown = (0, 0)   # pages written, of how many
        languages = list(deck.languages)
        self.language = Row(N_("Language"), languages, languages.index(language), show=language_name)
        self.language2 = Row(N_("Second language"), [None] + languages, show=lambda c: language_name(c) if c else _("none"))
        self.paper = Row(N_("Paper"), list(PAPERS), show=lambda p: p.upper() if p == "a4" else "US Letter")
        self.size = Row(N_("Card size"), list(CARD_SIZES),
                        show=lambda s: f"{s} {CARD_SIZES[s][0]:g}×{CARD_SIZES[s][1]:g} mm")
        self.layout = Row(N_("Layout"), list(LAYOUTS), show=lambda k: _(LAYOUT_NAMES[k]))
        self.marks = Row(N_("Crop marks"), [True, False], show=lambda on: _("on") if on else _("off"))
        self.mode = Row(N_("Backs for"), list(MODES), show=lambda m: _(PLAY_MODES[m].name))
        folder = app.context.store.folder / "exports"
        self.out = Row(N_("Save as"), [str(folder / f"{deck.id}-{language}.pdf")], text=True, limit=1000)
        self.rows = [self.language, self.language2, self.paper, self.size, self.layout, self.marks, self.mode, self.out]

    @property
    def typing(self) -> bool:
        return self.form.typing(self.rows)

    def options(self) -> PrintOptions:
        second = self.language2.value if self.language2.value != self.language.value else None
        return PrintOptions(self.language.value, second, self.paper.value, CARD_SIZES[self.size.value],
                            layout=self.layout.value, crop_marks=self.marks.value, mode=self.mode.value)

    def handle(self, intent: Intent) -> None:
        action = intent.action
        if action is Action.CLICK:
            return super().handle(intent)
        if self.form.handle(self.rows, intent):
            return
        if action is Action.NEXT:
            self._export()
        elif action in (Action.BACK, Action.MENU):
            if self.job:
                self.job.cancel()  # the half-written file is removed; nothing is left behind
            self.app.pop()

    def _export(self) -> None:
        """Export in a thread with progress: a big deck takes minutes, and the window must answer."""
        if self.job:
            return
        target = Path(self.out.value.strip()).expanduser()
        if target.suffix.lower() != ".pdf":
            self.message, self.failed = _("Not exported: {reason}").format(reason=_("The file name must end in .pdf")), True
            return
        deck, cards, options = self.deck, list(self.deck.cards), self.options()

        def work(job: Job):
            target.parent.mkdir(parents=True, exist_ok=True)
            notes: list[str] = []
            lines = export(deck, cards, options, out=target, progress=lambda label: job.report, warn=notes.append)
            return lines, notes

        self.job = Job(work)
        self.message, self.failed = _("Exporting…"), False

    def update(self, dt: float) -> bool:
        job = self.job
        if job is None:
            return False
        if not job.done:
            changed, self.shown = job.progress != self.shown, job.progress
            return changed
        self.job = None
        try:
            lines, notes = job.result()
        except Cancelled:
            return True
        except (UserError, OSError) as problem:
            self.message, self.failed = _("Not exported: {reason}").format(reason=problem), True
            return True
        self.message, self.failed = _("Saved: {result}").format(result=lines[0]), False
        if notes:
            self.message += " " + _(PRINT_NOTES)
        return True

    def _status(self) -> str:
        done, total = self.shown
        if self.job and total:
            return _("Exporting: page {done} of {total}").format(done=done, total=total)
        return self.message

    def _area(self, size) -> Box:
        w, h = size
        m = theme.px(h, theme.MARGIN)
        top = m + theme.px(h, 0.16)
        return Box(m, top, w - 2 * m, h - top - theme.px(h, 0.085) - 2 * m)

    def buttons(self, size):
        w, h = size
        m = theme.px(h, theme.MARGIN)
        bh = theme.px(h, 0.085)
        return [Button(Box(m, h - m - bh, w * 0.3, bh), _("Back"), Intent(Action.BACK)),
                Button(Box(w - m - w * 0.3, h - m - bh, w * 0.3, bh), _("Export PDF"), Intent(Action.NEXT),
                       focused=True)] + self.form.buttons(self.rows, self._area(size), h)

    def render_key(self):
        return (id(self), self.message, self.failed, self.shown, self.form.key(self.rows))

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        m = theme.px(h, theme.MARGIN)
        surface.fill(theme.BACKGROUND)
        title = _("Print {deck}").format(deck=self.deck.edition(self.language.value).title)
        render.text(surface, Box(m, m, w - 2 * m, theme.px(h, 0.08)), title, theme.px(h, theme.TITLE * 0.85),
                    theme.TEXT, bold=True, max_lines=1)
        hint = self._status() or _("Print at 100% (actual size): do not scale to fit.")
        color = theme.WARNING if self.failed else theme.MUTED
        render.text(surface, Box(m, m + theme.px(h, 0.085), w - 2 * m, theme.px(h, 0.06)), hint,
                    theme.px(h, theme.SMALL), color, max_lines=2)
        self.form.draw(surface, self.rows, self._area((w, h)))
        for button in self.buttons((w, h)):
            if button.intent.team is None:
                button.draw(surface, theme.px(h, theme.BODY))
