"""Loaded decks kept between runs, so a deck of 10,000 cards opens in a second, not half a minute.

The key is a hash of every deck file's bytes (plus the names, sizes and times of the other files
in the folder, this package's code, the fonts and the library versions), so any edit, even one that keeps a file's size and
time, loads the deck afresh. Entries are pickles in the user's own data folder, written atomically;
one that does not read is ignored and replaced.
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import logging
import pickle
import stat
import sys
from dataclasses import fields
from pathlib import Path
from types import MappingProxyType

import babel
import yaml

from game.decks.glyphs import FONTS
from game.decks.loader import deck_folders_in, load_deck
from game.decks.model import Card, CardText, DeckReport, Statement
from game.decks.yamlfile import MAX_FILE_BYTES
from game.files import read_regular, write_atomically

log = logging.getLogger(__name__)
_CODE = Path(__file__).resolve().parent
MAX_CACHE_BYTES = 1 << 30


def _proxy(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


copyreg.pickle(MappingProxyType, lambda proxy: (_proxy, (dict(proxy),)))  # the decks' frozen mappings
for _kind in (Card, CardText, Statement):  # rebuilt by their constructor: 5 times faster than slot state
    copyreg.pickle(_kind, lambda item: (type(item), tuple(getattr(item, f.name) for f in fields(item))))


def deck_key(folder: Path) -> str:
    """A hash of what a deck's report depends on: its files and the code that reads them."""
    digest = hashlib.sha256(f"{sys.version} {babel.__version__} {yaml.__version__}".encode())  # CLDR, libyaml
    for path in [*sorted(_CODE.glob("*.py")), _CODE.parent / "files.py"]:
        digest.update(path.name.encode() + path.read_bytes())
    for path in sorted(FONTS.glob("*.ttf")):  # font coverage warnings
        digest.update(f"{path.name} {path.stat().st_size}".encode())
    inside = folder.resolve()
    for path in sorted(folder.rglob("*")):
        try:
            info = path.stat()
            own = path.resolve().is_relative_to(inside)
        except (OSError, RuntimeError):  # a dangling link or a loop
            continue
        digest.update(f"\0{path.relative_to(folder)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        if path.suffix == ".yaml" and own and stat.S_ISREG(info.st_mode) and info.st_size <= MAX_FILE_BYTES:
            try:  # only the deck's own regular files: a link out, a device or a huge file is not read
                digest.update(hashlib.sha256(read_regular(path, MAX_FILE_BYTES)).digest())
            except OSError:
                pass
    return digest.hexdigest()[:32]


def load_deck_cached(folder: Path, cache: Path) -> DeckReport:
    prefix = f"{folder.name[:60]}-{hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:8]}"
    entry = cache / f"{prefix}-{deck_key(folder)}.pickle"
    try:
        data = read_regular(entry, MAX_CACHE_BYTES)
        gc.disable()  # thousands of small objects: collecting while they are built triples the time
        try:
            report = pickle.loads(data)
        finally:
            gc.enable()
        if isinstance(report, DeckReport) and report.path == folder:
            return report
    except FileNotFoundError:
        pass
    except Exception as error:  # a damaged entry is only a slower start
        log.warning("deck cache %s not used: %s", entry, error)
    report = load_deck(folder)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        for old in cache.glob(f"{prefix}-*.pickle"):
            old.unlink()
        write_atomically(entry, pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError) as error:  # a full or read-only disk: load afresh next time
        log.warning("deck cache %s not written: %s", entry, error)
    return report


def load_decks_cached(roots: list[Path], cache: Path) -> list[DeckReport]:
    """Every deck in the given folders of decks, in order; a missing folder has none."""
    return [load_deck_cached(folder, cache) for folder in deck_folders_in(roots)]
