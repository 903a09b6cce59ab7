"""A facilitator's hands on the real app: keys, typing and clicks in a real X window."""

import csv
import time

import pytest

from tests.conftest import PHOTO_CREDIT, add_portraits

pytestmark = pytest.mark.e2e

PHOTO_RED, PHOTO_BLUE = (201, 41, 39), (38, 61, 203)   # colours no other part of the screen uses
MODES = ["The UnKnown", "Who am I?", "Fact or fiction", "Story circle"]


def to_rules(app):
    """From the start screen to step 3 of the setup, by keys."""
    app.key("Return")
    app.wait_for_text("Step 1 of 3")
    app.key("Return")
    app.wait_for_text("Step 2 of 3")
    app.key("Return")
    app.wait_for_text("Step 3 of 3")


def team_bar(app) -> list[str]:
    return [line[0] for line in app.texts() if line[0][:1].isdigit() and " · " in line[0]]


def test_team_names_are_typed_in_a_real_window(real_app):
    real_app.start()
    real_app.key("Return")
    real_app.wait_for_text("Step 1 of 3")
    real_app.key("Return")
    real_app.wait_for_text("Step 2 of 3")
    real_app.key("Down")                    # the focus moves onto Team A's name: typing must reach it
    real_app.type("Sofia")
    real_app.key("Down")
    real_app.type("Пловдив")
    real_app.screenshot("teams-typed")
    assert real_app.shows("Sofia") and real_app.shows("Пловдив"), real_app.screen_text()
    real_app.key("Return")
    real_app.wait_for_text("Step 3 of 3")
    real_app.key("Return")
    real_app.wait_for(lambda: real_app.autosave() is not None, what="the autosave")
    names = real_app.autosave()["teams"]
    assert names[:2] == ["Sofia", "Пловдив"], names
    real_app.wait_for(lambda: any("Sofia" in label for label in team_bar(real_app)), what="the team bar")


def test_the_export_dialog_takes_a_typed_file_name(real_app):
    real_app.start()
    real_app.click_text("Preview and print")
    real_app.wait_for_text("Export PDF")
    real_app.click_text("Export PDF")
    real_app.wait_for_text("Save as")
    real_app.key("Up")                      # from the first row, Up goes round to the last: "Save as"
    real_app.xdo("key", "--repeat", "200", "--delay", "5", "BackSpace")
    real_app.type("our-deck.pdf")
    real_app.wait_for_text("our-deck.pdf")
    real_app.key("Return")
    target = real_app.folder / "our-deck.pdf"
    real_app.wait_for(target.exists, what="the exported PDF")
    real_app.screenshot("exported")
    assert target.read_bytes().startswith(b"%PDF")



def test_a_designers_photo_shows_in_the_preview_at_once_and_in_the_credits(real_app):
    real_app.start()
    real_app.click_text("Preview and print")
    real_app.wait_for_text("Export PDF")
    add_portraits(real_app.decks / "sample", colours=(PHOTO_RED, PHOTO_BLUE))   # dropped in while the preview is open
    real_app.wait_for_text("Test Photographer")
    colours = {pixel for _, pixel in real_app.screenshot("preview-portrait").convert("RGB").getcolors(1 << 20)}
    assert PHOTO_RED in colours and PHOTO_BLUE in colours          # the photo itself is drawn, not the monogram
    real_app.click_text("Close")
    real_app.wait_for_text("Credits")
    real_app.click_text("Credits")
    real_app.wait_for_text(PHOTO_CREDIT)
    real_app.screenshot("credits")
    real_app.key("Escape")
    real_app.wait_for_text("New session")

@pytest.mark.parametrize("mode", MODES)
def test_a_whole_session_by_keys(real_app, mode):
    real_app.start()
    to_rules(real_app)
    real_app.key("Down")                    # Preset -> Mode
    for _ in range(MODES.index(mode)):
        real_app.key("Right")
    real_app.wait_for_text(mode)
    real_app.key("Return")
    real_app.wait_for(lambda: real_app.autosave() is not None, what="the session to start")
    scoring = mode != "Story circle"
    for _ in range(60):
        if real_app.shows("Thank you for playing"):
            break
        if scoring:
            real_app.key("2", settle=False)   # refused politely where teams cannot score
        real_app.key("Return")
    else:
        raise AssertionError(f"the session did not end:\n{real_app.screen_text()}")
    real_app.screenshot(f"end-{mode}")
    assert real_app.shows("4 cards discussed"), real_app.screen_text()
    real_app.wait_for(lambda: real_app.summaries("*.csv"), what="the summary, written without asking")
    with real_app.summaries("*.csv")[0].open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len({row["card_id"] for row in rows}) == 4
    if scoring:
        points = {}
        for row in rows:
            points[row["team_number"]] = points.get(row["team_number"], 0) + int(row["points"])
        assert points["1"] == 0 and points["2"] > 0, points


def test_resume_after_kill_9_shows_the_same_card_and_step(real_app):
    real_app.start()
    to_rules(real_app)
    real_app.key("Return")                  # start: card 1, face
    real_app.key("Return", "Return", "Return", "Return")   # reveal, question, card 2 face, card 2 reveal
    real_app.wait_for_text("Card 2 of 4")
    real_app.key("1")
    before = real_app.screen_text()
    real_app.screenshot("before-kill")
    real_app.kill()
    real_app.start()
    real_app.wait_for_text("Resume")
    real_app.key("Return")
    real_app.wait_for_text("Card 2 of 4")
    time.sleep(0.3)
    real_app.screenshot("resumed")
    assert real_app.screen_text() == before     # the same card, step, marks and points


def test_presenter_keys_work_in_both_windows_and_the_menu_stays_on_the_console(real_app):
    real_app.start("--presenter")
    console = "The UnKnown · console"
    real_app.wait_for(lambda: "Only one screen is connected" in real_app.console_text(), what="the one-screen warning")
    to_rules(real_app)
    real_app.key("Return")
    real_app.wait_for_text("Card 1 of 4")
    real_app.focus(console)
    real_app.key("Return")                   # Next, pressed in the console window
    real_app.wait_for_text("The story.")
    real_app.key("Escape")                   # the menu opens on the console only
    real_app.wait_for(lambda: "End the session and show the results" in real_app.console_text(), what="the menu")
    real_app.screenshot("presenter-menu")
    assert "End the session" not in real_app.screen_text()
    real_app.key("Escape")
    real_app.focus("The UnKnown")
    real_app.key("h")                        # help from the audience window: on the console too
    real_app.wait_for(lambda: "Keys" in real_app.console_text().splitlines(), what="the help")
    assert "Keys" not in real_app.screen_text().splitlines()
    real_app.key("h")
    real_app.key("3")                        # marking from the audience window reaches the same session
    real_app.wait_for(lambda: real_app.session_scores()[2] == 1, what="team 3 marked")


def test_ending_early_reports_only_the_cards_seen_and_keeps_the_summary(real_app):
    real_app.start()
    to_rules(real_app)
    real_app.key("Return")                  # card 1: face
    real_app.key("Return", "Return", "Return")   # reveal, question, card 2: face
    real_app.wait_for_text("Card 2 of 4")
    real_app.key("Escape")
    real_app.wait_for_text("End the session and show the results")
    real_app.click_text("End the session and show the results")
    real_app.wait_for_text("Thank you for playing")
    real_app.screenshot("ended-early")
    assert real_app.shows("2 cards discussed"), real_app.screen_text()
    real_app.wait_for(lambda: real_app.summaries("*.csv") and real_app.summaries("*.md"), what="the summary files")
    real_app.key("Escape")                  # leaving the end screen loses nothing
    real_app.kill()
    assert len(real_app.summaries("*.md")) == 1
    real_app.start()                         # a finished session is not offered again
    assert not real_app.shows("Resume"), real_app.screen_text()
