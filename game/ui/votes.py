"""The phones on the shared screen: the join QR code, "12 of 15 have answered" (never who), and the
distribution of answers at the reveal, large enough for the back row. Drawing only."""

from __future__ import annotations

from functools import lru_cache

import pygame
import segno

from game import layout
from game.decks import Deck
from game.i18n import _, ngettext
from game.layout import Box
from game.rules import votes
from game.rules.session import Session
from game.ui import render, theme

RIGHT = (0, 158, 115)
OTHER = (120, 128, 145)


@lru_cache(maxsize=4)
def qr_surface(text: str, side: int) -> pygame.Surface:
    """A QR code as a crisp black-on-white square of `side` pixels (4 modules of quiet zone)."""
    code = segno.make(text, error="m")
    rows = [[bool(cell) for cell in row] for row in code.matrix_iter(scale=1, border=4)]
    small = pygame.Surface((len(rows[0]), len(rows)))
    small.fill((255, 255, 255))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                small.set_at((x, y), (0, 0, 0))
    side -= side % len(rows)              # whole pixels per module: every module the same size
    return pygame.transform.scale(small, (side, side))


def status_line(server, session: Session) -> str:
    """What the shared screen says about the phones at this step: counts only, never who."""
    kind = votes.question_kind(session.mode, session.phase[0])
    room = server.room
    if kind == "speak":
        hands = sum(1 for v in room.votes if v.card == session.card and v.step == session.step)
        return ngettext("{count} person would like to speak", "{count} people would like to speak",
                        hands).format(count=hands)
    if kind:
        done, total = server.counts()
        return ngettext("{answered} of {count} has answered", "{answered} of {count} have answered",
                        total).format(answered=done, count=total)
    players = len(room.players)
    return ngettext("{count} player on a phone", "{count} players on phones", players).format(count=players)


def draw_status(surface: pygame.Surface, box: Box, server, session: Session) -> None:
    h = surface.get_height()
    render.text(surface, box, status_line(server, session), theme.px(h, theme.BODY), theme.TEXT, bold=True,
                max_lines=1, valign="middle")


def shows_chart(session: Session) -> bool:
    return bool(votes.asked_steps(session))


def draw_chart(surface: pygame.Surface, box: Box, server, session: Session, deck: Deck) -> None:
    """One bar per answer with its count in digits; the right answer(s) marked with a drawn tick and
    bold type, not by colour alone."""
    h = surface.get_height()
    view = votes.public_view(server.room, session, deck, session.language)
    rows = view.get("distribution", [])
    pygame.draw.rect(surface, theme.SURFACE, render.to_rect(box), border_radius=round(h * 0.015))
    inner = box.inset(box.w * 0.06, box.h * 0.04)
    title = theme.px(h, theme.BODY)
    render.text(surface, Box(inner.x, inner.y, inner.w, title * 1.4), _("Answers from the phones"), title,
                theme.MUTED, bold=True, max_lines=1)
    right = _right_labels(session, deck)
    top = inner.y + title * 1.6
    row = min((inner.y + inner.h - top) / max(1, len(rows)), h * 0.16)
    most = max([r["count"] for r in rows] + [1])
    size = theme.px(h, theme.BODY)
    floor = theme.px(h, 0.027)
    for i, item in enumerate(rows):
        y = top + i * row
        label = _(layout.FACT if item["label"] == votes.FACT else layout.FICTION) \
            if item["label"] in (votes.FACT, votes.FICTION) else item["label"]
        is_right = label in right
        tick = size * 1.1 if is_right else 0
        if is_right:
            _tick(surface, Box(inner.x, y + row * 0.28 - size * 0.4, size * 0.8, size * 0.8))
        render.text(surface, Box(inner.x + tick, y, inner.w - tick, row * 0.56), label, size, theme.TEXT,
                    bold=is_right, max_lines=2, min_size=floor, valign="middle")
        bar_h = row * 0.32
        width = max(h * 0.004, inner.w * 0.75 * item["count"] / most)
        pygame.draw.rect(surface, RIGHT if is_right else OTHER,
                         render.to_rect(Box(inner.x, y + row * 0.56, width, bar_h)), border_radius=round(bar_h / 4))
        left = inner.x + width + h * 0.012
        render.text(surface, Box(left, y + row * 0.5, inner.x + inner.w - left, row * 0.45), str(item["count"]),
                    size, theme.TEXT, bold=True, max_lines=1, min_size=floor)


def _tick(surface, box: Box) -> None:
    """A check mark, drawn (not a font glyph), beside a right answer."""
    points = [(box.x, box.y + box.h * 0.55), (box.x + box.w * 0.38, box.y + box.h * 0.9),
              (box.x + box.w, box.y + box.h * 0.1)]
    pygame.draw.lines(surface, RIGHT, False, points, max(3, round(box.h * 0.2)))


def _right_labels(session: Session, deck: Deck) -> set[str]:
    card = deck.card(session.card_id)
    if session.mode == "unknown":
        names = deck.edition(session.language).category_names
        return {names[c] for c in card.categories}
    if session.mode == "fact":
        statement = deck.text(session.card_id, session.language).statements[session.phase[1] - 1]
        return {_(layout.FACT if statement.answer else layout.FICTION)}
    return {deck.text(session.card_id, session.language).name}
