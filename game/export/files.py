"""Writing results safely, and the single-card outputs: one PDF or PNG per face.

Every file is written to a temporary name beside its target and renamed over it only when it is
complete, so an interrupted or failed export never leaves a half-written file behind.
Single-card pages are the trim size plus bleed, with no marks, and carry TrimBox and BleedBox so
print-on-demand services know where to cut. PNGs are the same pages rasterised with PDFium.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from game.errors import UserError
from game.export.faces import PrintCard
from game.export.options import PrintOptions
from game.export.pdf import REGULAR, FacePainter, register_fonts
from game.files import atomic_writer
from game.layout import Box


_MAGIC = {".pdf": b"%PDF", ".png": b"\x89PNG\r\n\x1a\n"}


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file to write `path` through: renamed into place on success, removed on any failure.

    A symlink is written through (its target is updated); an existing file is replaced only when it
    is a PDF or PNG like the one being written, so `--out deck/en.yaml` cannot destroy a deck.
    """
    try:
        target = Path(os.path.realpath(path))
        _check_replaceable(target)
        with atomic_writer(target, suffix=".part") as file:
            yield file
    except UserError:
        raise
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}") from None


def _check_replaceable(target: Path) -> None:
    try:
        info = target.stat()
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        raise UserError(f"cannot write {target}: it is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise UserError(f"will not write over {target}: it is a device or a pipe, not a file")
    magic = _MAGIC.get(target.suffix.lower())
    with open(target, "rb") as file:
        head = file.read(8)
    if magic is None or not head.startswith(magic):
        raise UserError(f"will not replace {target}: it is not a {target.suffix.lstrip('.').upper() or 'PDF'} "
                        "file written by an export; choose another name")


def output_folder(folder: Path) -> Path:
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"cannot create folder {folder}: {error.strerror or error}") from None
    return Path(folder)


@contextmanager
def staged_folder(folder: Path) -> Iterator[Path]:
    """A hidden folder beside `folder` to write a set of files into. They move into `folder` only once
    all are written, so an interrupted or failed run (Ctrl+C, SIGTERM, a full disk) leaves no partial
    set, and the files already in `folder` stay as they were."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UserError(f"cannot create folder {folder}: it is a file")
    output_folder(folder.parent)
    try:
        stage = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".part", dir=folder.parent))
    except OSError as error:
        raise UserError(f"cannot write in {folder.parent}: {error.strerror or error}") from None
    try:
        yield stage
        output_folder(folder)
        for path in sorted(stage.iterdir()):
            os.replace(path, folder / path.name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def face_files(cards: list[PrintCard]) -> list[tuple[str, list, PrintCard]]:
    """(file stem, face ops, card) for every face, numbered in deck order."""
    return [(f"{i:03d}-{card.id}-{side}", getattr(card, side), card)
            for i, card in enumerate(cards, 1) for side in ("front", "back")]


def write_face(target: str | BinaryIO, ops: list, options: PrintOptions, title: str) -> None:
    """One face on a page of trim size plus bleed, with TrimBox and BleedBox set."""
    (w, h), bleed = options.card, options.bleed
    page_w, page_h = w + 2 * bleed, h + 2 * bleed
    register_fonts()
    canvas = Canvas(target, pagesize=(page_w * mm, page_h * mm), initialFontName=REGULAR)
    canvas.setTitle(title)
    canvas.setCreator("The UnKnown")
    canvas.setBleedBox((0, 0, page_w * mm, page_h * mm))
    canvas.setTrimBox((bleed * mm, bleed * mm, (bleed + w) * mm, (bleed + h) * mm))
    FacePainter(canvas, page_h).draw(ops, Box(bleed, bleed, w, h), bleed)
    canvas.showPage()
    canvas.save()


def write_pod(folder: Path, cards: list[PrintCard], options: PrintOptions, progress=None) -> list[Path]:
    """One PDF per face, for print-on-demand services."""
    files = face_files(cards)
    written = []
    with staged_folder(folder) as stage:
        for done, (stem, ops, card) in enumerate(files, 1):
            with atomic_file(stage / f"{stem}.pdf") as file:
                write_face(file, ops, options, card.name)
            written.append(Path(folder) / f"{stem}.pdf")
            if progress:
                progress(done, len(files))
    return written


def write_pngs(folder: Path, cards: list[PrintCard], options: PrintOptions, progress=None) -> list[Path]:
    """One PNG per face at options.dpi, bleed included, rendered from the single-card PDF."""
    import pypdfium2

    files = face_files(cards)
    written = []
    with staged_folder(folder) as stage:
        for done, (stem, ops, card) in enumerate(files, 1):
            buffer = io.BytesIO()
            write_face(buffer, ops, options, card.name)
            document = pypdfium2.PdfDocument(buffer.getvalue())
            try:
                image = document[0].render(scale=options.dpi / 72).to_pil()
            finally:
                document.close()
            if image.size != options.pixels:  # PDFium rounds up; the extra pixel is a sliver of bleed
                image = image.crop((0, 0, *options.pixels))
            with atomic_file(stage / f"{stem}.png") as file:
                image.save(file, format="PNG", dpi=(options.dpi, options.dpi))
            written.append(Path(folder) / f"{stem}.png")
            if progress:
                progress(done, len(files))
    return written
