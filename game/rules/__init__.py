"""Game rules: plain data and pure functions over an immutable session. Never imports pygame."""

from game.rules.modes import (INSTRUCTIONS, MODES, Mode, instruction, reveals_hidden, scoring_phase, shows_identity,
                              steps)
from game.rules.session import (Award, IllegalMove, Rules, Session, Timer, back, finish, mark_team, next_step,
                                select_cards, set_calm, skip, start, suspend, toggle_pause, toggle_timer, undo)

__all__ = ["INSTRUCTIONS", "MODES", "Award", "IllegalMove", "Mode", "Rules", "Session", "Timer", "back", "finish",
           "instruction", "mark_team", "next_step", "reveals_hidden", "scoring_phase", "select_cards",
           "set_calm", "shows_identity", "skip", "start", "steps", "suspend", "toggle_pause", "toggle_timer", "undo"]
