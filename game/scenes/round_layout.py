"""Where things go on the round screen, for the back row (issue 12): the areas of each step, the
card face on screen, and the team grid.

The card fills a column only while it is what the room looks at (the face step); once text matters
it shrinks to a small tile beside the name, and the text gets the width. Sizes are shares of the
window height and never go under the floors in game.ui.theme. No pygame drawing here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game import layout
from game.decks.model import Card, CardText, Edition
from game.layout import Box
from game.ui import theme
from game.ui.flow import Block, flow

CARD_ASPECT = 63 / 88
TEAMS_PER_ROW = 4


@dataclass(frozen=True)
class Areas:
    card: Box | None    # the card column, at the face step only
    header: Box | None  # a small card tile and the name, at the other steps
    panel: Box          # the step's text
    bar: Box            # Back, the teams, Next


def areas(size: tuple[int, int], teams: int, card_column: bool) -> Areas:
    w, h = size
    m = theme.px(h, theme.MARGIN)
    top = theme.px(h, 0.085)
    rows = team_rows(teams)
    bar_h = theme.px(h, 0.11) if rows <= 1 else theme.px(h, 0.085) * rows
    bar = Box(m, h - bar_h - m * 0.5, w - 2 * m, bar_h)
    body = Box(m, top + m * 0.5, w - 2 * m, bar.y - m - (top + m * 0.5))
    if card_column:
        card_w = min(body.h * CARD_ASPECT, body.w * 0.36)
        card = Box(body.x, body.y, card_w, body.h)
        return Areas(card, None, Box(card.x + card_w + m, body.y, body.w - card_w - m, body.h), bar)
    header_h = theme.px(h, 0.075)
    header = Box(body.x, body.y, body.w, header_h)
    gap = m * 0.4
    return Areas(None, header, Box(body.x, body.y + header_h + gap, body.w, body.h - header_h - gap), bar)


def team_rows(teams: int) -> int:
    """Up to four teams in one row, five to eight in two, so every label stays above the floor."""
    return math.ceil(teams / TEAMS_PER_ROW)


def bar_boxes(bar: Box, teams: int) -> tuple[Box, Box, list[Box]]:
    """Back on the left, Next on the right (both the bar's full height), the teams in rows between."""
    nav_w = bar.w * (0.1 if team_rows(teams) <= 1 else 0.09)
    back = Box(bar.x, bar.y, nav_w, bar.h)
    forward = Box(bar.x + bar.w - nav_w, bar.y, nav_w, bar.h)
    if not teams:
        return back, forward, []
    rows = team_rows(teams)
    per_row = math.ceil(teams / rows)
    gap = bar.w * 0.008
    room = bar.w - 2 * nav_w - 2 * gap
    width = (room - gap * (per_row - 1)) / per_row
    height = (bar.h - gap * (rows - 1)) / rows
    boxes = [Box(back.x + nav_w + gap + (i % per_row) * (width + gap), bar.y + (i // per_row) * (height + gap),
                 width, height) for i in range(teams)]
    return back, forward, boxes


def card_front(card: Card, text: CardText, second: CardText | None, edition: Edition, w: float, h: float,
               screen_h: int, measure) -> list[layout.FaceOp]:
    """The card's face for the screen: the same design as print, but the portrait gives way so the
    name, what the person is known for (in both languages) and the footer stay above the floors."""
    pad = w * 0.07
    player = theme.floor(screen_h, theme.PLAYER_FLOOR)
    second_floor = theme.floor(screen_h, theme.SECOND_FLOOR)
    blocks = [Block(text.name, round(h * 0.062), player, layout.INK, bold=True, align="center", space=0)]
    if second and second.name != text.name:
        blocks.append(Block(second.name, round(h * 0.045), second_floor, layout.MUTED_INK, italic=True,
                            align="center", space=0.1))
    blocks.append(Block(text.known_for, round(h * 0.044), player, layout.MUTED_INK, align="center", space=0.4))
    if second and second.known_for != text.known_for:
        blocks.append(Block(second.known_for, round(h * 0.036), second_floor, layout.MUTED_INK, italic=True,
                            align="center", space=0.3))
    footer_size = max(player, round(h * 0.032))
    footer = f"{edition.field_names.get(card.field, card.field)} · {layout.years(card)}"
    footer_lines = 1 if measure(footer, footer_size, False) <= w - 2 * pad else 2
    footer_h = footer_size * layout.LINE_HEIGHT * footer_lines
    footer_box = Box(pad, h - pad - footer_h, w - 2 * pad, footer_h + 1)
    for share in (0.5, 0.44, 0.38, 0.32, 0.26, 0.2):
        portrait = Box(pad, pad, w - 2 * pad, h * share)
        room = Box(pad, portrait.y + portrait.h + h * 0.025, w - 2 * pad,
                   footer_box.y - portrait.y - portrait.h - h * 0.04)
        pages = flow(blocks, room, measure)
        if len(pages) == 1 and _scale_ok(pages[0], blocks):
            break
    ops = layout.card_frame(w, h) + layout.portrait_ops(card, text, portrait, w * 0.03)
    ops += pages[0]
    ops.append(layout.Text(footer_box, footer, footer_size, layout.MUTED_INK, align="center", max_lines=footer_lines,
                           min_size=player))
    return ops


def _scale_ok(ops, blocks) -> bool:
    """The text is drawn at least at 80% of its wanted size: a larger portrait is not worth less."""
    sizes = [op.size for op in ops if isinstance(op, layout.Text)]
    return all(size >= block.size * 0.8 or size <= block.floor for size, block in zip(sizes, blocks))


def tile(card: Card | None, text: CardText | None, box: Box, floor: int) -> list[layout.FaceOp]:
    """The card, small: its portrait colour and monogram, or a question mark while it is hidden."""
    color = layout.FIELD_COLORS.get(card.field, layout.INK) if card else layout.INK
    label = layout.monogram(text.name) if text else "?"
    if card and card.image:
        return [layout.Picture(box, card.image, card.image_focus)]
    return [layout.Rect(box, color, layout.EDGE, max(2.0, box.h * 0.03), box.h * 0.12),
            layout.Text(box.inset(box.w * 0.08, box.h * 0.1), label, max(floor, box.h * 0.5), layout.WHITE, bold=True,
                        align="center", max_lines=1, valign="middle", min_size=floor)]
