"""Reading and writing the files people hand us and the files we keep for them. Plain Python.

Reads take regular files only and at most a given number of bytes, so a FIFO, a device or a
symlink to /dev/zero can neither block nor fill memory. Writes go to a temporary file beside the
target, are flushed to disk, renamed over the target and the folder is flushed too, so a kill,
a full disk or a power cut leaves the old file or the new one, never a mix. Temporary files carry
the writer's process id, so those left by a killed process are removed by the next write.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a folder or a socket: we do not read those."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, or OSError; FileTooBig when it holds more than `limit` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)  # non-blocking, so opening a FIFO does not wait for a writer
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(0, "not a regular file (a folder, pipe or device)", str(path))
        if info.st_size > limit:
            raise FileTooBig(info.st_size, limit)
        chunks, total = [], 0
        while chunk := os.read(descriptor, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew while we read
                raise FileTooBig(total, limit)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


class FileTooBig(OSError):
    def __init__(self, size: int, limit: int):
        super().__init__(0, f"the file has more than {limit / 2**20:g} MiB")
        self.size, self.limit = size, limit


def _temporary_prefix(name: str) -> str:
    return f".{name[:100]}.{os.getpid()}."


_TEMPORARY = re.compile(r"\.(?P<name>.*)\.(?P<pid>\d+)\.[^.]+\.(?:tmp|part)")


_CLEANED: set[str] = set()  # folders already cleaned by this process: once is enough


def remove_stale_temporaries(folder: Path) -> None:
    """Remove our temporary files left in `folder` by writers that were killed (their process is
    gone). Once per folder and process, so writing thousands of PNGs does not rescan each time."""
    key = os.path.abspath(folder)
    if key in _CLEANED:
        return
    _CLEANED.add(key)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match and not _alive(int(match["pid"])):
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True
    return True


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); Windows has no folder handles to flush."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def atomic_writer(path: Path, suffix: str = ".tmp", mode: int | None = None) -> Iterator[BinaryIO]:
    """A binary file to write `path` through: flushed, renamed into place and the folder flushed on
    success; removed on any failure. `mode`: the new file's permissions (default: as a new file)."""
    path = Path(path)
    remove_stale_temporaries(path.parent)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=_temporary_prefix(path.name), suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o666 & ~_umask() if mode is None else mode)  # mkstemp makes it private
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    sync_folder(path.parent)


def write_atomically(path: Path, text: str | bytes, mode: int | None = None) -> None:
    """Write `text` (UTF-8, line endings as given) or bytes over `path` atomically and durably."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(path, mode=mode) as file:
        file.write(text.encode("utf-8") if isinstance(text, str) else text)


def write_new(path: Path, text: str) -> Path:
    """Write `text` to `path`, or to `path` with -2, -3… before the suffix when that exists: never
    replaces a file (two presets saved the same day both stay). Returns the path written."""
    path = Path(path)
    candidate, number = path, 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    write_atomically(candidate, text)
    return candidate


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def open_with_system(path: Path) -> None:
    """Show a file or folder of ours in the system's viewer or file manager (never waits for it)."""
    if sys.platform == "win32":
        os.startfile(path)  # noqa: S606 (a summary or folder of our own)
    else:
        subprocess.Popen(["open" if sys.platform == "darwin" else "xdg-open", str(path)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
