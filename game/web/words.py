"""The phone page's own words, marked for the same gettext catalogs as the shared screen and
translated per phone (each player reads in their own language)."""

from __future__ import annotations

from game import i18n
from game.i18n import N_
from game.layout import FACT, FICTION

WORDS = {
    "title": N_("The UnKnown"),
    "join_heading": N_("Join the game"),
    "room": N_("Room code"),
    "name": N_("Nickname (optional)"),
    "team": N_("Team"),
    "any_team": N_("Any team"),
    "language": N_("Reading language"),
    "join": N_("Join"),
    "lobby": N_("You are in. The game starts soon."),
    "wait": N_("Look at the shared screen. Your choices appear here when there is something to answer."),
    "sent": N_("Your answer is in. You can change it until the reveal."),
    "closed": N_("Answers are closed for this step."),
    "late": N_("You joined during this step: you answer from the next one."),
    "categories_ask": N_("What is unknown about this person? Several may apply."),
    "fact_ask": N_("Fact or fiction?"),
    "guess_ask": N_("Who am I? Your guess:"),
    "fact": FACT,
    "fiction": FICTION,
    "not_yet": N_("Not yet"),
    "speak": N_("I'd like to speak"),
    "story": N_("The story"),
    "question": N_("Talk about it. Everyone may pass; nobody needs to share their own story."),
    "answers": N_("What the room answered"),
    "wrong_room": N_("This room code is not right. Check the code on the shared screen."),
    "removed": N_("The facilitator took your name off the list. You can join again."),
    "ended": N_("The session has ended. Thank you for playing!"),
    "offline": N_("Connection lost. Trying again…"),
    "full": N_("The room is full."),
    "gone": N_("You were away for a long time, so your place was freed. Join again."),
    "card": N_("Card {number} of {total}"),
}


def page_words(language: str) -> dict[str, str]:
    """The page's words in `language` (English where it has no catalog)."""
    translate = i18n.translations(language).gettext
    return {key: translate(text) for key, text in WORDS.items()}
