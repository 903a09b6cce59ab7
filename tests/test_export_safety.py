"""`export --out` never destroys what it was not asked to make (review: reliability, findings 4c,
10, 14): not a deck file, not a device; it writes through symlinks, takes names up to 255 bytes
and leaves no temporary file when killed."""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from game.cli import main
from game.decks import load_deck
from tests.conftest import PROJECT, SAMPLE_DECK


@pytest.fixture
def deck(tmp_path):
    target = tmp_path / "decks" / "sample"
    shutil.copytree(SAMPLE_DECK, target)
    return target


@pytest.mark.parametrize("name", ["en.yaml", "deck.yaml"])
def test_export_out_onto_a_deck_file_is_refused_and_the_deck_still_loads(deck, capsys, name):
    before = (deck / name).read_bytes()
    assert main(["export", str(deck), "--out", str(deck / name)]) == 2
    assert "must end in .pdf" in capsys.readouterr().err
    assert (deck / name).read_bytes() == before and load_deck(deck).deck is not None


def test_export_never_replaces_a_file_that_is_not_an_earlier_export(deck, tmp_path, capsys):
    notes = tmp_path / "notes.pdf"
    notes.write_text("my notes, not a PDF")
    assert main(["export", str(deck), "--out", str(notes)]) == 2
    assert "will not replace" in capsys.readouterr().err and notes.read_text() == "my notes, not a PDF"
    assert main(["export", str(deck), "--out", str(tmp_path / "cards.pdf")]) == 0
    assert main(["export", str(deck), "--out", str(tmp_path / "cards.pdf")]) == 0  # an earlier export: replaced


def test_export_writes_through_a_symlink_and_refuses_a_device(deck, tmp_path, capsys):
    real = tmp_path / "real.pdf"
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    assert main(["export", str(deck), "--out", str(link)]) == 0
    assert link.is_symlink() and real.read_bytes().startswith(b"%PDF")
    device = tmp_path / "null.pdf"
    device.symlink_to("/dev/null")
    assert main(["export", str(deck), "--out", str(device)]) == 2
    assert "device or a pipe" in capsys.readouterr().err


@pytest.mark.parametrize("length", [250, 255, 300, 5000])
def test_long_out_names_work_up_to_255_bytes_and_are_a_clear_error_beyond(deck, tmp_path, capsys, length):
    out = tmp_path / ("c" * (length - 4) + ".pdf")
    code = main(["export", str(deck), "--out", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if length <= 255:
        assert code == 0 and out.is_file() and [p.name for p in tmp_path.iterdir()].count(out.name) == 1
    else:
        assert code == 2 and "cannot write" in err


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_export_leaves_no_partial_file_and_the_next_one_cleans_up(deck, tmp_path, signal_number):
    big = tmp_path / "big"
    shutil.copytree(deck, big)
    out = tmp_path / "cards.pdf"
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    code = ("import sys, game.export.sheets as s\nreal = s.write_sheets\n"
            "def slow(*a, **k):\n    print('writing', flush=True)\n    import time; time.sleep(60)\n"
            "s.write_sheets = slow\nimport game.export.job as j; j.write_sheets = slow\n"
            "from game.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    process = subprocess.Popen([sys.executable, "-c", code, "export", str(big), "--out", str(out)], cwd=PROJECT,
                               env=env, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "writing\n"
    process.send_signal(signal_number)
    process.wait(timeout=20)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".cards.pdf.")]
    assert not out.exists()
    if signal_number == signal.SIGTERM:
        assert leftovers == []
    assert main(["export", str(deck), "--out", str(out)]) == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".cards.pdf.")] == []
