"""A real browser on a player's side: Debian's chromium (headless) joins by the address the app prints,
reads the card in Ukrainian while the shared screen shows Bulgarian and English, votes, and sees the
story and the room's answers after the reveal. Skipped without chromium, chromium-driver and selenium,
unless THE_UNKNOWN_E2E=required (CI), where it fails instead."""

from __future__ import annotations

import os
import re
import shutil
import tempfile

import pygame
import pytest

from game import i18n
from game.app import App, Context
from game.input import Action, Intent
from game.scenes.lobby import LobbyScene
from game.scenes.play import RoundScene
from game.scenes.setup import PHONES, SetupScene
from game.store import Store
from tests.conftest import PROJECT

pytestmark = pytest.mark.e2e
WAIT = 20


@pytest.fixture
def browser():
    missing = [tool for tool in ("chromium", "chromedriver") if shutil.which(tool) is None]
    try:
        from selenium import webdriver
    except ImportError:
        missing.append("selenium")
    if missing:
        message = f"the phone browser test needs {' and '.join(missing)} (apt-get install chromium chromium-driver)"
        if os.environ.get("THE_UNKNOWN_E2E") == "required":
            pytest.fail(message)
        pytest.skip(message)
    from selenium.webdriver.chrome.service import Service
    profile = tempfile.mkdtemp(prefix="unknown-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={profile}", "--window-size=412,915", "--lang=bg"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "bg,en"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_page_load_timeout(WAIT)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def app(tmp_path):
    i18n.set_language("bg")
    context = Context.load(PROJECT / "cards", Store(tmp_path / "data"))
    context.phones_port = 0
    context.seed = lambda: 11
    app = App(context, (1280, 720))
    yield app
    for scene in app.scenes:
        if getattr(scene, "phones", None):
            scene.phones.stop()
    app.close()
    i18n.set_language("en")


def press(app, action):
    app.handle(Intent(action))
    app.step()


def test_a_phone_reads_in_its_own_language_votes_and_sees_the_story_after_the_reveal(app, browser, capsys, drawn):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import Select, WebDriverWait

    deck = next(r.deck for r in app.context.decks if r.deck)
    setup = SetupScene(app, deck)
    app.push(setup)
    setup.language.index = setup.language.options.index("bg")
    setup.language.on_change()                      # as the arrow keys do: the second-language list follows
    setup.language2.index = setup.language2.options.index("en")
    setup.team_count.index = setup.team_count.options.index(2)
    setup.phones.index = list(PHONES).index("majority")
    setup.page = 2
    press(app, Action.NEXT)
    assert isinstance(app.top, LobbyScene)
    address = re.search(r"^Join: (http://\S+)$", capsys.readouterr().out, re.M).group(1)

    wait = WebDriverWait(browser, WAIT)
    browser.get(address)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "bg"    # the browser's language
    assert browser.find_element(By.ID, "room").get_attribute("value") == app.top.server.code
    browser.find_element(By.ID, "name").send_keys("Оля")
    Select(browser.find_element(By.ID, "language")).select_by_value("uk")
    browser.find_element(By.ID, "join").click()
    wait.until(seen.presence_of_element_located((By.ID, "lobby")))
    app.step()
    assert "Оля" in drawn                                   # the lobby lists the name

    press(app, Action.NEXT)                                 # the facilitator starts the round
    scene = app.top
    assert isinstance(scene, RoundScene) and scene.session.language == "bg" and scene.session.language2 == "en"
    text_uk = deck.text(scene.session.card_id, "uk")
    wait.until(seen.text_to_be_present_in_element((By.ID, "name"), text_uk.name))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "uk"
    assert not browser.find_elements(By.ID, "story")        # nothing hidden before the reveal
    right = deck.card(scene.session.card_id).categories[0]
    button = browser.find_element(By.CSS_SELECTOR, f"button[data-value='{right}']")
    assert button.text.strip() == deck.edition("uk").category_names[right]     # the choices in Ukrainian too
    button.click()
    wait.until(lambda b: b.find_element(By.CSS_SELECTOR, "button[aria-pressed='true']"))
    shoot(browser, "phone-face-uk.png")
    assert scene.phones.wait_for(lambda s: s.counts() == (1, 1), WAIT)
    drawn.clear()
    app.step()
    assert any("1 от 1" in line for line in drawn), drawn   # "1 of 1 has answered", in Bulgarian

    press(app, Action.NEXT)                                 # the reveal
    wait.until(seen.presence_of_element_located((By.ID, "story")))
    story = browser.find_element(By.ID, "story").text
    assert story.split()[:6] == text_uk.story.split()[:6]
    assert browser.find_elements(By.CSS_SELECTOR, "#distribution .bar")
    assert text_uk.story[:30] not in " ".join(drawn)        # the shared screen is in Bulgarian and English
    shoot(browser, "phone-reveal-uk.png")
    pygame.event.clear()


def shoot(browser, name: str) -> None:
    """THE_UNKNOWN_SHOTS=1 keeps the phone's screen for the README (assets/screenshots)."""
    if os.environ.get("THE_UNKNOWN_SHOTS"):
        browser.save_screenshot(str(PROJECT / "assets" / "screenshots" / name))
