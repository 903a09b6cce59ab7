"""Big decks (review: reliability, section 5): the limits let 10,000 cards in 4 languages through,
a parsed deck is reused by file hash, and slow work (preview reload, export) never blocks the window."""

import os
import threading

import pygame
import pytest

from game.app import Context
from game.bench import LANGUAGES, write_generated_deck
from game.decks import load_deck
from game.decks import cache as deck_cache
from game.decks.yamlfile import MAX_FILE_BYTES, read_yaml
from game.scenes import export as export_scene
from game.scenes import preview as preview_scene
from game.scenes.export import ExportScene
from game.scenes.preview import PreviewScene, content_key, snapshot
from game.store import Store
from tests.test_play import started_app


def test_a_10000_card_deck_in_4_languages_is_within_the_limits(tmp_path):
    folder = write_generated_deck(tmp_path / "big", 10_000)
    sizes = {path.name: path.stat().st_size for path in folder.glob("*.yaml")}
    assert len(sizes) == len(LANGUAGES) + 1 and max(sizes.values()) < MAX_FILE_BYTES, sizes
    largest = max(sizes, key=sizes.get)                       # a Cyrillic file
    value, problems = read_yaml(folder / largest)
    assert problems == [] and len(value["cards"]) == 10_000


def test_a_loaded_deck_is_reused_until_a_file_changes_even_with_the_same_size_and_time(tmp_path, sample_copy,
                                                                                      monkeypatch):
    loads = []
    real = deck_cache.load_deck
    monkeypatch.setattr(deck_cache, "load_deck", lambda folder: loads.append(folder) or real(folder))
    cache = tmp_path / "cache"
    first = deck_cache.load_deck_cached(sample_copy, cache)
    again = deck_cache.load_deck_cached(sample_copy, cache)
    assert len(loads) == 1 and again == first and again.deck.text("ada-example", "bg").name == "Ада Пример"
    en = sample_copy / "en.yaml"
    info = en.stat()
    en.write_text(en.read_text(encoding="utf-8").replace("Ada Example", "Ada Exampel"), encoding="utf-8")
    os.utime(en, ns=(info.st_atime_ns, info.st_mtime_ns))       # as cp -p or rsync -t leave it
    assert en.stat().st_size == info.st_size
    changed = deck_cache.load_deck_cached(sample_copy, cache)
    assert len(loads) == 2 and changed.deck.text("ada-example", "en").name == "Ada Exampel"
    assert len(list(cache.iterdir())) == 1                       # the old entry is gone


def test_a_damaged_cache_entry_only_costs_a_fresh_load(tmp_path, sample_copy):
    cache = tmp_path / "cache"
    deck_cache.load_deck_cached(sample_copy, cache)
    entry = next(cache.iterdir())
    entry.write_bytes(b"\x80\x05garbage")
    report = deck_cache.load_deck_cached(sample_copy, cache)
    assert report.deck is not None and report == load_deck(sample_copy)


def test_the_preview_notices_a_change_that_keeps_size_and_time(sample_copy):
    en = sample_copy / "en.yaml"
    before, content, info = snapshot(sample_copy), content_key(sample_copy), en.stat()
    en.write_text(en.read_text(encoding="utf-8").replace("Ada Example", "Ada Exampel"), encoding="utf-8")
    os.utime(en, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert snapshot(sample_copy) != before                      # by the change time, every half second
    assert content_key(sample_copy) != content                  # by the bytes, every 10 seconds


@pytest.fixture
def app(sample_copy, tmp_path):
    app = started_app(sample_copy.parent, tmp_path)
    yield app
    app.close()


def test_the_preview_reloads_in_the_background_while_the_window_answers(app, sample_copy, monkeypatch):
    release = threading.Event()
    real = preview_scene.load_deck
    monkeypatch.setattr(preview_scene, "load_deck", lambda folder: release.wait(30) and real(folder))
    app.push(PreviewScene(app, app.context.decks[0]))
    en = sample_copy / "en.yaml"
    en.write_text(en.read_text(encoding="utf-8").replace("Ada Example", "Ada Renamed"), encoding="utf-8")
    scene = app.top
    scene.update(1.0)                                          # starts looking at the files
    for _ in range(5):                                         # the loop goes on: keys work meanwhile
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, unicode=""))
        app.step(0.1)
    assert scene.index == 5 % 4 and scene.loading is not None and not scene.loading.done
    release.set()
    scene.loading.wait(30)
    assert scene.update(0.0) and scene.deck.text("ada-example", "en").name == "Ada Renamed"


def test_the_export_dialog_shows_progress_and_back_cancels_leaving_nothing(app, tmp_path, monkeypatch):
    started, release = threading.Event(), threading.Event()
    real = export_scene.export

    def slow(deck, cards, options, out, progress, **more):
        report = progress("PDF")
        report(1, 3)
        started.set()
        release.wait(30)
        return real(deck, cards, options, out=out, progress=progress, **more)

    monkeypatch.setattr(export_scene, "export", slow)
    dialog = ExportScene(app, app.context.decks[0].deck, "en")
    app.push(dialog)
    target = tmp_path / "out" / "cards.pdf"
    dialog.out.options[0] = str(target)
    dialog._export()
    assert started.wait(30)
    app.step()
    assert dialog._status() == "Exporting: page 1 of 3"         # drawn while the work goes on
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode=""))
    app.step()
    assert app.top is not dialog
    release.set()
    dialog_job = dialog.job
    dialog_job.wait(30)
    assert not target.exists() and not any(target.parent.glob(".cards.pdf.*"))


def test_a_slow_first_load_shows_the_window_at_once_and_it_can_be_closed(tmp_path, sample_copy, monkeypatch, drawn):
    from game.app import open_app
    release = threading.Event()
    real = Context.load.__func__
    monkeypatch.setattr(Context, "load", classmethod(lambda cls, deck_dir, store=None: release.wait(30)
                                                     and real(cls, deck_dir, store)))
    threading.Timer(0.5, release.set).start()
    app = open_app([sample_copy.parent], "en", (640, 360), store=Store(tmp_path / "data"))
    assert app.context.decks[0].deck is not None and "Reading the decks…" in drawn
    app.close()
    release.clear()
    threading.Timer(0.5, lambda: pygame.event.post(pygame.event.Event(pygame.QUIT))).start()
    assert open_app([sample_copy.parent], "en", (640, 360), store=Store(tmp_path / "data")) is None
    release.set()
