"""Deck preview for designers and translators: each card's front and back in any language, the
problems found in it beside the card, and a reload whenever a deck file changes on disk, so one can
edit the YAML and watch the card."""

from __future__ import annotations

from pathlib import Path

import pygame

from game import layout
from game.background import Job
from game.decks import DeckReport, load_deck, problems_by_card
from game.decks.images import ImageProblem, focus_crop, open_portrait
from game.decks.cache import deck_key
from game.decks.problems import display_path
from game.i18n import N_, _, country_name, language_name, ngettext
from game.input import Action, Intent
from game.layout import Box
from game.scenes.base import Scene
from game.ui import render, theme
from game.ui.widgets import Button

BACKS = ("unknown", "who", "fact", "story")
BACK_NAMES = {"unknown": N_("Back: story"), "who": N_("Back: clues"), "fact": N_("Back: statements"),
              "story": N_("Back: story")}
CHECK_EVERY = 0.5  # seconds between looks at the deck files' sizes and times
HASH_EVERY = 10.0  # seconds between hashes of their bytes (for file systems without change times)
PRINT_SMALL = N_("In print at poker size the story is {size} pt, under 6.5 pt: shorten it by about {count} "
                 "characters, or print at tarot size.")
PRINT_CUT = N_("In print at poker size “{text}” does not fit and is cut: shorten it by about {count} characters, "
               "or print at tarot size.")


def snapshot(folder: Path) -> tuple:
    """Names, sizes, times (modified and changed) and inode numbers of the files a deck is made of:
    cheap, and the change time catches a copy that keeps size and modification time (cp -p)."""
    try:
        return tuple(sorted((p.name, s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino)
                            for p in folder.rglob("*") if p.is_file() and (s := p.stat())))
    except OSError:
        return ()


def content_key(folder: Path) -> str:
    """A hash of the deck files' bytes: the backstop where change times are not kept."""
    try:
        return deck_key(folder)
    except OSError:
        return ""


def _look(folder: Path, seen: tuple, full: bool) -> tuple[tuple, DeckReport | None] | None:
    """(new seen, report) after a look at the files: the report only when the content changed."""
    stats, content = snapshot(folder), seen[1]
    if stats == seen[0] and not full:
        return None
    key = content_key(folder)
    return (stats, key), (None if key == content else load_deck(folder))


class PreviewScene(Scene):
    def __init__(self, app, report: DeckReport):
        super().__init__(app)
        self.folder = report.path
        self.index = 0
        self.language = 0
        self.back = 0
        self.waited = 0.0
        self.seen = (snapshot(self.folder), content_key(self.folder))
        self.since_full = 0.0   # seconds since the files' bytes were last hashed
        self.loading: Job | None = None   # a look at the files, and a reload if they changed
        self._use(report)

    def _use(self, report: DeckReport) -> None:
        self.report = report
        decks = self.app.context.decks      # the start screen, a new session and the credits get the edited deck too
        decks[:] = [report if known.path == report.path else known for known in decks]
        self.by_card, self.general = problems_by_card(report)
        self.reloads = getattr(self, "reloads", -1) + 1
        if report.deck:
            self.index = min(self.index, len(report.deck.cards) - 1)
            self.language = min(self.language, len(report.deck.languages) - 1)

    @property
    def deck(self):
        return self.report.deck

    # --- input and time ------------------------------------------------------------------------
    def update(self, dt: float) -> bool:
        """Files are hashed and the deck reloaded in a thread: a deck of thousands of cards takes
        seconds, and the window must keep answering meanwhile."""
        self.waited += dt
        if self.loading is None:
            if self.waited >= CHECK_EVERY:
                self.since_full += self.waited
                full = self.since_full >= HASH_EVERY
                self.waited, self.since_full = 0.0, 0.0 if full else self.since_full
                seen, folder = self.seen, self.folder
                self.loading = Job(lambda job: _look(folder, seen, full))
            return False
        if not self.loading.done:
            return False
        looked, self.loading = self.loading.result(), None
        if looked is None:
            return False
        self.seen, report = looked
        if report is None:
            return False
        current = self.deck.cards[self.index].id if self.deck else None
        self._use(report)
        if self.deck and current:
            ids = [card.id for card in self.deck.cards]
            self.index = ids.index(current) if current in ids else min(self.index, len(ids) - 1)
        return True

    def buttons(self, size):
        w, h = size
        m = theme.px(h, theme.MARGIN)
        bh = theme.px(h, 0.08)
        entries = [(_("Back"), Intent(Action.BACK)), (_("Next"), Intent(Action.NEXT)),
                   (language_name(self._language()) if self.deck else "?", Intent(Action.DOWN)),
                   (_(BACK_NAMES[BACKS[self.back]]), Intent(Action.UP)),
                   (_("Export PDF"), Intent(Action.NEXT, text="export")), (_("Close"), Intent(Action.MENU))]
        bw = (w - m * (len(entries) + 1)) / len(entries)
        return [Button(Box(m + i * (bw + m), h - m - bh, bw, bh), label, intent, focused=i == 1)
                for i, (label, intent) in enumerate(entries)]

    def handle(self, intent: Intent) -> None:
        action = intent.action
        if action is Action.CLICK:
            return super().handle(intent)
        if action is Action.MENU:
            self.app.pop()
        elif not self.deck:
            return
        elif intent.text == "export":
            from game.scenes.export import ExportScene
            self.app.push(ExportScene(self.app, self.deck, self._language()))
        elif action in (Action.NEXT, Action.BACK):
            self.index = (self.index + (1 if action is Action.NEXT else -1)) % len(self.deck.cards)
        elif action is Action.DOWN:
            self.language = (self.language + 1) % len(self.deck.languages)
        elif action is Action.UP:
            self.back = (self.back + 1) % len(BACKS)

    def _language(self) -> str:
        return self.deck.languages[self.language]

    # --- drawing -------------------------------------------------------------------------------
    def render_key(self):
        return (id(self), self.reloads, self.index, self.language, self.back)

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        m = theme.px(h, theme.MARGIN)
        surface.fill(theme.BACKGROUND)
        top = theme.px(h, 0.09)
        area = Box(m, top, w - 2 * m, h - top - theme.px(h, 0.08) - 2 * m)
        if not self.deck:
            title = _("{deck} does not load").format(deck=self.folder.name)
            render.text(surface, Box(m, m * 0.5, w - 2 * m, theme.px(h, 0.07)), title, theme.px(h, theme.BODY),
                        theme.WARNING, bold=True, max_lines=1)
            self._draw_problems(surface, area, list(self.report.problems))
        else:
            self._draw_card(surface, area)
        for button in self.buttons((w, h)):
            button.draw(surface, theme.px(h, theme.SMALL))

    def _draw_card(self, surface, area: Box) -> None:
        w, h = surface.get_size()
        m = theme.px(h, theme.MARGIN)
        deck, language = self.deck, self._language()
        card = deck.cards[self.index]
        text = deck.text(card.id, language)
        edition = deck.edition(language)
        heading = f"{edition.title} · {language_name(language)} · " + \
            _("Card {number} of {total}").format(number=self.index + 1, total=len(deck.cards)) + f" · {card.id}"
        render.text(surface, Box(m, m * 0.5, w - 2 * m, theme.px(h, 0.07)), heading, theme.px(h, theme.SMALL),
                    theme.MUTED, max_lines=1)
        card_h = area.h
        card_w = card_h * 63 / 88
        front = layout.card_front(card, text, edition, card_w, card_h)
        render.paint(surface, front, (area.x, area.y))
        for picture in (op for op in front if isinstance(op, layout.Picture)):
            self._draw_focus(surface, picture, (area.x, area.y))
        countries = [country_name(code, language) for code in card.countries]
        back = layout.card_back(card, text, edition, card_w, card_h, BACKS[self.back], countries)
        render.paint(surface, back, (area.x + card_w + m, area.y))
        side = Box(area.x + 2 * (card_w + m), area.y, area.w - 2 * (card_w + m), area.h)
        problems = list(self.by_card.get(card.id, []))
        notes = []
        if text.fallback and language != deck.source_language:
            notes.append(_("Not translated yet, shown in {language}: {fields}").format(
                language=language_name(deck.source_language), fields=", ".join(sorted(text.fallback))))
        if text.stale:
            notes.append(_("The source text changed after this translation; check it and update translated_from."))
        if card.image:
            notes.append(_("Portrait: {credit}").format(credit=card.credit))
        notes += self._print_notes(card.id, language)
        self._draw_problems(surface, side, problems, notes)

    @staticmethod
    def _draw_focus(surface, picture, origin) -> None:
        """Where the focal point falls in the crop, so a designer sees what `image_focus` keeps in view."""
        image = open_portrait(picture.path)
        if isinstance(image, ImageProblem):
            return
        left, top, right, bottom = focus_crop(image.width, image.height, picture.box.w / picture.box.h, picture.focus)
        fx, fy = picture.focus[0] * image.width, picture.focus[1] * image.height
        x = origin[0] + picture.box.x + (fx - left) / (right - left) * picture.box.w
        y = origin[1] + picture.box.y + (fy - top) / (bottom - top) * picture.box.h
        radius = max(4, round(picture.box.w * 0.04))
        pygame.draw.circle(surface, theme.ACCENT, (round(x), round(y)), radius, 2)
        pygame.draw.line(surface, theme.ACCENT, (x - 2 * radius, y), (x + 2 * radius, y), 2)
        pygame.draw.line(surface, theme.ACCENT, (x, y - 2 * radius), (x, y + 2 * radius), 2)

    def _print_notes(self, card_id: str, language: str) -> list[str]:
        """What misses the print floors on this card, computed once per card, language and reload."""
        from game.export.check import card_shortfalls
        key = (self.reloads, card_id, language)
        if getattr(self, "_print_key", None) != key:
            self._print_key = key
            self._print = card_shortfalls(self.deck, language, [card_id])
        return [_(PRINT_CUT).format(text=item.text.split(".")[0][:40], count=item.over) if item.cut else
                _(PRINT_SMALL).format(size=f"{item.size:.1f}", count=item.over) for item in self._print]

    def _draw_problems(self, surface, box: Box, problems, notes=()) -> None:
        h = surface.get_height()
        size = theme.px(h, 0.024)
        lines = list(notes)
        lines += [f"{display_path(p.path)}:{p.line}:{p.column}: {p.message}" for p in problems]
        shown = {card.id for card in self.deck.cards} if self.deck else set()
        for card_id, found in sorted(self.by_card.items()):
            if card_id not in shown and any(p.is_error for p in found):    # left out of the deck: say why here
                lines.append(_("Left out because of errors: {card}").format(card=card_id))
                lines += [f"  {display_path(p.path)}:{p.line}:{p.column}: {p.message}" for p in found]
        if self.general and self.deck:
            lines.append(ngettext("{count} problem in the deck outside any card", "{count} problems in the deck "
                                  "outside any card", len(self.general)).format(count=len(self.general)))
        if not lines:
            lines = [_("No problems in this card.")]
        color = theme.WARNING if problems or (self.deck is None) else theme.MUTED
        render.text(surface, box, "\n".join(lines), size, color)
