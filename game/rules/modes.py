"""The four play modes as data: the steps each card goes through, and where teams can score.

A step is (phase, number). Scenes draw a step; moves walk through the steps. Adding a mode means
adding a row here, not a code path.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.decks.model import CardText
from game.i18n import N_


@dataclass(frozen=True)
class Mode:
    key: str
    name: str                 # N_()-marked; translated when drawn
    summary: str
    scoring: bool             # can teams score in this mode at all?


MODES: dict[str, Mode] = {mode.key: mode for mode in (
    Mode("unknown", N_("The UnKnown"),
         N_("See the face, guess what is unknown about the person, then reveal the story."), True),
    Mode("who", N_("Who am I?"), N_("Clues appear one by one; naming the person early scores more."), True),
    Mode("fact", N_("Fact or fiction"), N_("Vote on statements about the person; the reveal explains."), True),
    Mode("story", N_("Story circle"), N_("No scores, no hurry: card, story, question, conversation."), False),
)}

# What the players are asked to do in each phase (shown on screen, essential in self-guided play).
# A mode's own wording, and the wording without scores, come first: see instruction().
INSTRUCTIONS: dict[str, str] = {
    "face": N_("What is unknown about this person? Talk in your team: did they flee, move, grow up "
               "as a child of migrants, or defend human rights? Several may apply."),
    "reveal": N_("The story. Which teams were right? Mark them with their number keys."),
    "question": N_("Talk about it. Everyone may pass; nobody needs to share their own story."),
    "clue": N_("Who am I? Name the person as early as you can."),
    "statement": N_("Fact or fiction? Each team votes."),
    "verdict": N_("Which teams voted right? Mark them with their number keys."),
    "story": N_("Read the story together."),
}
MODE_INSTRUCTIONS: dict[tuple[str, str], str] = {
    ("who", "reveal"): N_("Who it was, and the story. Points were given at the clues."),
    ("story", "face"): N_("Who is this person? Share what you know about them, or what you imagine."),
}
UNSCORED_INSTRUCTIONS: dict[str, str] = {
    "reveal": N_("The story. Which of your guesses were right?"),
    "verdict": N_("Which teams voted right?"),
}


def instruction(mode: str, phase: str, scoring: bool) -> str:
    """The N_()-marked prompt for a step: it never asks for marks where marking is refused."""
    if (mode, phase) in MODE_INSTRUCTIONS:
        return MODE_INSTRUCTIONS[(mode, phase)]
    if not (scoring and scoring_phase(mode, phase)) and phase in UNSCORED_INSTRUCTIONS:
        return UNSCORED_INSTRUCTIONS[phase]
    return INSTRUCTIONS[phase]


def steps(mode: str, text: CardText) -> list[tuple[str, int]]:
    """Every step one card goes through in a mode, in order."""
    if mode == "unknown":
        return [("face", 0), ("reveal", 0), ("question", 0)]
    if mode == "who":
        return [("clue", n) for n in range(1, len(text.clues) + 1)] + [("reveal", 0), ("question", 0)]
    if mode == "fact":
        pairs = [[("statement", n), ("verdict", n)] for n in range(1, len(text.statements) + 1)]
        return [step for pair in pairs for step in pair] + [("question", 0)]
    if mode == "story":
        return [("face", 0), ("story", 0), ("question", 0)]
    raise ValueError(f"unknown mode {mode!r}")


def scoring_phase(mode: str, phase: str) -> bool:
    """Where marking a team gives points."""
    return (mode, phase) in {("unknown", "reveal"), ("who", "clue"), ("fact", "verdict")}


def points_for(mode: str, phase: str, number: int, clue_count: int, points: int) -> int:
    """In 'Who am I?' the earlier the clue, the more points: all clues still hidden count, plus one."""
    if mode == "who":
        return points * (clue_count - number + 1)
    return points


def reveals_hidden(mode: str, phase: str) -> bool:
    """Has the hidden story (categories, story) been revealed at this step? Never leak it earlier."""
    return phase in ("reveal", "story", "question")


def shows_identity(mode: str, phase: str) -> bool:
    """In 'Who am I?' the face and name stay hidden until the reveal."""
    return mode != "who" or phase in ("reveal", "question")
