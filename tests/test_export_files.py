"""Single-card outputs (print-on-demand PDFs, PNGs), safe writing, and errors people can act on."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from game.bench import write_generated_deck
from game.cli import main
from game.export import MODES, check_bleed, parse_size
from game.export import sheets
from game.errors import UserError
from tests.conftest import PROJECT, SAMPLE_DECK

MM = 72 / 25.4


def test_pod_files_have_trim_and_bleed_boxes_and_no_marks(tmp_path):
    assert main(["export", str(SAMPLE_DECK), "--pod", str(tmp_path / "pod"), "--cards", "ada-example"]) == 0
    names = sorted(path.name for path in (tmp_path / "pod").iterdir())
    assert names == ["001-title-back.pdf", "001-title-front.pdf", "002-rules-back.pdf", "002-rules-front.pdf",
                     "003-ada-example-back.pdf", "003-ada-example-front.pdf"]
    reader = PdfReader(tmp_path / "pod" / "003-ada-example-front.pdf")
    page = reader.pages[0]
    assert len(reader.pages) == 1
    assert [round(float(v), 2) for v in page.mediabox] == [0, 0, round(69 * MM, 2), round(94 * MM, 2)]
    assert [round(float(v), 2) for v in page.bleedbox] == [0, 0, round(69 * MM, 2), round(94 * MM, 2)]
    assert [round(float(v), 2) for v in page.trimbox] == [round(3 * MM, 2), round(3 * MM, 2),
                                                         round(66 * MM, 2), round(91 * MM, 2)]
    assert "Ada Example" in page.extract_text()
    assert "50 mm" not in page.extract_text()  # no sheet furniture on a single card


def test_png_per_face_at_300_dpi_includes_the_bleed(tmp_path):
    assert main(["export", str(SAMPLE_DECK), "--png", str(tmp_path / "png"), "--dpi", "300",
                 "--cards", "boris-sample"]) == 0
    files = sorted((tmp_path / "png").glob("*.png"))
    assert len(files) == 6
    with Image.open(tmp_path / "png" / "003-boris-sample-front.png") as image:
        assert image.size == (815, 1110)  # (63 + 6) and (88 + 6) mm at 300 dpi: 814.96 × 1110.24, rounded
        assert round(image.info["dpi"][0]) == 300
        corner = image.convert("RGB").getpixel((2, 2))
        assert corner == (251, 248, 241)  # the card's paper runs into the bleed


@pytest.mark.parametrize("size, bleed, pixels", [("us-poker", "0.125in", (825, 1125)),
                                                 ("2.5x3.5in", "3.175mm", (825, 1125)),
                                                 ("63.5x88.9mm", "3.175", (825, 1125))])
def test_png_sizes_are_what_print_services_count(tmp_path, size, bleed, pixels):
    """US poker, 2.5 × 3.5 in with a 1/8 in bleed, is 825 × 1125 px at 300 dpi (PDFium alone gives 826)."""
    assert main(["export", str(SAMPLE_DECK), "--png", str(tmp_path / "png"), "--size", size, "--bleed", bleed,
                 "--cards", "boris-sample"]) == 0
    for path in (tmp_path / "png").glob("*.png"):
        with Image.open(path) as image:
            assert image.size == pixels, path.name
            assert image.convert("RGB").getpixel((pixels[0] - 1, pixels[1] - 1)) == (251, 248, 241)  # still paper


def test_every_play_mode_can_be_printed():
    from game.export.faces import HOW_TO_PLAY
    from game.rules import MODES as PLAY_MODES
    assert set(MODES) == set(PLAY_MODES) == set(HOW_TO_PLAY)


def test_sizes_by_name_and_in_millimetres():
    assert parse_size("poker") == (63, 88) and parse_size("tarot") == (70, 120)
    assert parse_size("60x90mm") == (60, 90) and parse_size("57.5x89") == (57.5, 89)
    assert parse_size("us-poker") == parse_size("2.5x3.5in") == (63.5, 88.9)
    assert check_bleed("0.125in") == check_bleed("3.175mm") == 3.175
    with pytest.raises(UserError, match="unknown card size"):
        parse_size("huge")


def test_a_failing_export_leaves_no_partial_file(tmp_path, monkeypatch):
    out = tmp_path / "cards.pdf"

    def broken(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(sheets, "fold_line", broken)
    with pytest.raises(RuntimeError):
        main(["export", str(SAMPLE_DECK), "--out", str(out), "--layout", "fold"])
    assert list(tmp_path.iterdir()) == []          # neither the target nor a temporary file

    out.write_bytes(b"%PDF the previous export")
    with pytest.raises(RuntimeError):
        main(["export", str(SAMPLE_DECK), "--out", str(out), "--layout", "fold"])
    assert out.read_bytes() == b"%PDF the previous export"  # an old file is replaced only by a complete one
    assert list(tmp_path.iterdir()) == [out]

    assert main(["export", str(SAMPLE_DECK), "--out", str(out)]) == 0
    mask = os.umask(0)
    os.umask(mask)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_mode & 0o777 == 0o666 & ~mask  # a usual new file


@pytest.mark.parametrize("options, message", [
    (["--size", "huge"], "unknown card size 'huge'"),
    (["--size", "300x400mm"], "out of range"),
    (["--bleed", "20"], "bleed 20 mm is out of range"),
    (["--lang", "xx"], "has no language 'xx'"),
    (["--lang2", "pl"], "has no language 'pl'"),
    (["--cards", "ada-example,ada-exampel"], "card 'ada-exampel' is not in deck sample (did you mean 'ada-example'?)"),
    (["--category", "flew"], "unknown category 'flew' (did you mean 'fled'?)"),
    (["--tag", "nobody"], "no card of deck sample matches"),
    (["--size", "200x200mm", "--layout", "fold"], "does not fit on a4 paper in the fold layout"),
    (["--dpi", "5"], "--dpi 5 is out of range"),
])
def test_bad_options_are_explained_without_a_traceback(tmp_path, options, message):
    result = subprocess.run([sys.executable, "main.py", "export", str(SAMPLE_DECK), "--out",
                             str(tmp_path / "x.pdf"), *options], cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_unwritable_targets_and_unknown_decks_are_user_errors(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["export", str(SAMPLE_DECK), "--out", str(blocker / "cards.pdf")]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert main(["export", str(SAMPLE_DECK), "--png", str(blocker / "png")]) == 2
    assert "cannot create folder" in capsys.readouterr().err
    (tmp_path / "folder.pdf").mkdir()
    assert main(["export", str(SAMPLE_DECK), "--out", str(tmp_path / "folder.pdf")]) == 2
    assert "it is a folder" in capsys.readouterr().err
    assert main(["export", "no-such-deck", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "no deck 'no-such-deck'" in capsys.readouterr().err
    assert main(["export", str(SAMPLE_DECK)]) == 2
    assert "--out" in capsys.readouterr().err


def test_a_deck_id_is_found_in_the_decks_folder(tmp_path, sample_copy):
    out = tmp_path / "by-id.pdf"
    assert main(["--decks", str(sample_copy.parent), "export", "sample", "--out", str(out)]) == 0
    assert PdfReader(out).pages[0].extract_text()


def test_export_does_not_import_pygame(tmp_path):
    code = (f"import sys\nfrom game.cli import main\nmain(['export', 'tests/decks/sample', '--out', "
            f"{str(tmp_path / 'x.pdf')!r}, '--png', {str(tmp_path / 'png')!r}])\n"
            "sys.exit(1 if 'pygame' in sys.modules else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _terminate_once_writing(command: list[str], folder: Path, pattern: str) -> subprocess.CompletedProcess:
    """Run an export and send SIGTERM as soon as its temporary output appears (bounded wait)."""
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _tick in range(1200):  # at most a minute
        if process.poll() is not None or list(folder.glob(pattern)):
            break
        time.sleep(0.05)
    assert process.poll() is None, "the export finished before it could be interrupted"
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def test_sigterm_while_writing_the_sheets_leaves_no_part_file_and_keeps_the_old_pdf(tmp_path):
    deck = write_generated_deck(tmp_path / "generated", 400)
    out = tmp_path / "out" / "cards.pdf"
    out.parent.mkdir()
    out.write_bytes(b"%PDF old")
    result = _terminate_once_writing([sys.executable, "main.py", "export", str(deck), "--out", str(out)],
                                     out.parent, ".cards.pdf.*.part")
    assert result.returncode == 128 + signal.SIGTERM and "export interrupted" in result.stderr
    assert sorted(path.name for path in out.parent.iterdir()) == ["cards.pdf"] and out.read_bytes() == b"%PDF old"


def test_sigterm_during_png_leaves_no_partial_folder(tmp_path):
    png = tmp_path / "png"
    result = _terminate_once_writing([sys.executable, "main.py", "export", "the-unknown", "--png", str(png)],
                                     tmp_path, ".png.*.part/*.png")
    assert result.returncode == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []  # neither the folder nor the hidden stage
