"""Screen colours and sizes. Sizes are fractions of the window height so layouts scale from
1280×720 to 3840×2160; text contrast is at least 7:1 (see tests/test_ui.py)."""

from __future__ import annotations

import math

BACKGROUND = (18, 21, 28)
SURFACE = (32, 37, 48)          # panels and buttons
SURFACE_HOVER = (48, 55, 70)
TEXT = (242, 239, 232)          # 15:1 on BACKGROUND
MUTED = (190, 196, 208)         # secondary text, 10:1 on BACKGROUND, 8:1 on SURFACE
ACCENT = (255, 196, 84)         # focus rings and highlights (never the only signal)
FOCUS_TEXT = (18, 21, 28)
WARNING = (255, 170, 120)

# Okabe-Ito colours, always paired with a letter and a shape so no team is told by colour alone.
TEAM_COLORS = [(230, 159, 0), (86, 180, 233), (0, 158, 115), (240, 228, 66),
               (0, 114, 178), (213, 94, 0), (204, 121, 167), (235, 235, 235)]
TEAM_SHAPES = ["circle", "square", "triangle", "diamond", "circle", "square", "triangle", "diamond"]

BODY = 0.036      # body text height as a share of the window height (brief: at least ~3%)
SMALL = 0.030
TITLE = 0.065     # titles (~6%)
MARGIN = 0.035

# Legibility floors (issue 12), as shares of the window height: 36 / 28 / 27 px at 1080.
READ_FLOOR = 1 / 30       # main reading text: story, clues, statements, verdicts, question, categories
SECOND_FLOOR = 28 / 1080  # the second language
PLAYER_FLOOR = 1 / 40     # anything else a player reads: team bar, footer, notices, prompts, buttons


def px(height: int, share: float) -> int:
    return max(1, round(height * share))


def floor(height: int, share: float) -> int:
    """The smallest whole pixel size that meets a floor (never rounded down under it)."""
    return math.ceil(height * share - 1e-9)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio between two colours."""
    def luminance(color):
        channels = [c / 255 for c in color]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
