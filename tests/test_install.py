"""What an install must find: the shipped folders, and the user's own decks beside the bundled ones."""

import shutil

from game import bundled
from game.cli import main
from tests.conftest import PROJECT, SAMPLE_DECK


def test_shipped_folders_are_found():
    assert (bundled.CARDS / "the-unknown" / "deck.yaml").is_file()
    assert (bundled.FONTS / "NotoSans-Regular.ttf").is_file()
    assert any(bundled.PRESETS.glob("*.yaml"))
    assert (bundled.LOCALES / "bg" / "LC_MESSAGES" / "messages.po").is_file()


def test_own_decks_appear_beside_the_bundled_ones(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("THE_UNKNOWN_DATA", str(tmp_path))
    shutil.copytree(SAMPLE_DECK, tmp_path / "decks" / "our-heroes")
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "the-unknown: ok" in out and "our-heroes: ok" in out and "2 deck(s) checked" in out


def test_export_finds_an_own_deck_by_its_id(tmp_path, monkeypatch):
    monkeypatch.setenv("THE_UNKNOWN_DATA", str(tmp_path))
    shutil.copytree(SAMPLE_DECK, tmp_path / "decks" / "our-heroes")
    assert main(["export", "our-heroes", "--out", str(tmp_path / "ours.pdf")]) == 0
    assert (tmp_path / "ours.pdf").read_bytes().startswith(b"%PDF")


def test_no_own_decks_folder_yet_is_not_an_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("THE_UNKNOWN_DATA", str(tmp_path / "never-made"))
    assert main(["validate"]) == 0
    assert "1 deck(s) checked" in capsys.readouterr().out


def test_shipped_folders_are_found_in_one_place_only():
    """A module that finds cards/, assets/ or locales/ from its own path works in a checkout and
    breaks in the wheel (where they live in game/_bundled); game/bundled.py is the one place."""
    offenders = [path.relative_to(PROJECT).as_posix() for path in (PROJECT / "game").rglob("*.py")
                 if path.name != "bundled.py" and any(f'/ "{name}"' in path.read_text(encoding="utf-8")
                                                      for name in ("assets", "cards", "locales"))]
    assert offenders == []
