"""Deck preview and export dialog: browse cards, see each card's problems, reload on edit, export."""

import pygame
import pytest
from pypdf import PdfReader

from game.scenes.export import ExportScene
from game.scenes.preview import PreviewScene
from game.scenes.start import StartScene
from tests.conftest import PHOTO_CREDIT, add_portraits
from tests.test_play import started_app


@pytest.fixture
def app(sample_copy, tmp_path):
    app = started_app(sample_copy.parent, tmp_path)
    yield app
    app.close()


def key(app, name):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(name), mod=0, unicode=""))
    app.step()


def click_button(app, label):
    button = next(b for b in app.top.buttons(app.size) if b.label == label)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1,
                                         pos=(button.box.x + button.box.w / 2, button.box.y + button.box.h / 2)))
    app.step()


def redraw(app, drawn):
    drawn.clear()
    app._frame = None
    app.dirty = True
    app.step()
    return " ".join(drawn)


def settle(scene):
    """What the loop does over a second: the preview looks at the files in a thread, then reloads."""
    scene.update(1.0)
    scene.loading.wait(30)
    return scene.update(0.0)


def test_preview_browses_cards_and_languages(app, drawn):
    click_button(app, "Preview and print")
    assert isinstance(app.top, PreviewScene)
    assert "Ada Example" in redraw(app, drawn)
    key(app, "right")
    assert "Boris Sample" in redraw(app, drawn)
    key(app, "down")                                     # next language: Bulgarian
    assert "Борис Пример" in redraw(app, drawn)
    assert "source text changed" in redraw(app, drawn)   # boris-sample's bg text is stale


def test_preview_reloads_when_a_deck_file_changes(app, drawn, sample_copy):
    click_button(app, "Preview and print")
    scene = app.top
    assert not settle(scene)                         # nothing changed: no reload, no redraw
    en, facts = sample_copy / "en.yaml", sample_copy / "deck.yaml"
    en.write_text(en.read_text().replace("name: Ada Example", "name: Ada Renamed"), encoding="utf-8")
    assert settle(scene)
    assert "Ada Renamed" in redraw(app, drawn)
    broken = facts.read_text().replace("tags: [fictional]", "tags: [fictional]\n    bron: 1950")
    facts.write_text(broken, encoding="utf-8")
    assert settle(scene)
    shown = redraw(app, drawn)                           # the card is left out, and the preview says why
    assert "Ada Renamed" not in shown and "Left out because of errors: ada-example" in shown
    assert "unknown key 'bron'; did you mean 'born'?" in shown
    facts.write_text(broken.replace("\n    bron: 1950", ""), encoding="utf-8")
    assert settle(scene)
    scene.index = 0
    assert "Ada Renamed" in redraw(app, drawn)


def test_a_photo_dropped_in_while_previewing_is_credited_and_played_without_a_restart(app, drawn, sample_copy):
    click_button(app, "Preview and print")
    add_portraits(sample_copy)                           # a designer drops in a photo with its credit
    assert settle(app.top)
    assert "Portrait: " + PHOTO_CREDIT in redraw(app, drawn)
    key(app, "escape")
    assert isinstance(app.top, StartScene) and app.context.decks[0].deck.cards[0].image
    click_button(app, "Credits")
    assert PHOTO_CREDIT in redraw(app, drawn)


def test_preview_of_a_card_with_an_error_lists_it_beside_the_card(app, drawn, sample_copy):
    (sample_copy / "bg.yaml").write_text((sample_copy / "bg.yaml").read_text().replace(
        "name: Ада Пример", "name: Ада Пример\n    nmae: Ада"), encoding="utf-8")
    app.context.decks[0] = __import__("game.decks", fromlist=["load_deck"]).load_deck(sample_copy)
    click_button(app, "Preview and print")
    key(app, "down")
    assert "unknown key 'nmae'; did you mean 'name'?" in redraw(app, drawn)


def finish(app, dialog):
    """The export runs in a thread; the dialog takes its result on the next frame after it ends."""
    if dialog.job:
        dialog.job.wait(60)
    app.step()


def test_export_dialog_writes_the_pdf(app, tmp_path):
    click_button(app, "Preview and print")
    click_button(app, "Export PDF")
    dialog = app.top
    assert isinstance(dialog, ExportScene)
    for _ in range(7):
        key(app, "down")                                 # to "Save as"
    for _ in range(len(dialog.out.value)):
        key(app, "backspace")
    target = tmp_path / "print" / "sample.pdf"
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=str(target)))
    app.step()
    key(app, "up"), key(app, "up"), key(app, "up"), key(app, "right")    # layout: duplex-short
    assert dialog.layout.value == "duplex-short"
    click_button(app, "Export PDF")
    finish(app, dialog)
    assert target.is_file() and dialog.message.startswith("Saved"), dialog.message
    assert len(PdfReader(target).pages) == 2             # title, rules and 4 cards fit one A4 sheet: fronts, backs
    dialog.out.options[0] = str(tmp_path / "wrong.txt")
    click_button(app, "Export PDF")
    finish(app, dialog)
    assert dialog.message.startswith("Not exported") and not (tmp_path / "wrong.txt").exists()


def test_preview_says_when_a_card_cannot_meet_the_print_floors(app, drawn, sample_copy):
    en = sample_copy / "en.yaml"
    en.write_text(en.read_text().replace("    story: >-\n", "    story: >-\n      " + "A very long story. " * 60
                                         + "\n", 1), encoding="utf-8")
    app.context.decks[0] = __import__("game.decks", fromlist=["load_deck"]).load_deck(sample_copy)
    click_button(app, "Preview and print")
    shown = redraw(app, drawn)
    assert "In print at poker size" in shown and "shorten it by about" in shown and "tarot size" in shown


def test_export_dialog_says_when_cards_miss_the_floors_or_print_untranslated(app, tmp_path):
    from game.input import Action, Intent
    dialog = ExportScene(app, app.context.decks[0].deck, "bg")   # Dara Test has no Bulgarian text
    dialog.out.options[0] = str(tmp_path / "bg.pdf")
    dialog.handle(Intent(Action.NEXT))
    dialog.job.wait(60)                          # the export runs in a thread; the window keeps answering
    dialog.update(0.0)
    assert dialog.message.startswith("Saved") and "partly untranslated" in dialog.message, dialog.message
