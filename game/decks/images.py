"""Portrait files, opened safely: a bad image becomes a message for people, never a crash.

Deck images come from designers and from the internet, so they are untrusted input. They are
decoded with Pillow only in the format their name says, under limits on file size and pixel count
(decompression bombs), and a file that is damaged or is not what its name says is refused with a
reason. The validator uses `image_problem`; screen and print code use `open_portrait` and draw the
monogram when it returns an `ImageProblem`. Plain Python: no pygame here.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000  # a 24-megapixel camera photo passes; print needs about 1 megapixel per portrait
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
_NAMES = {"PNG": ("PNG", ".png"), "JPEG": ("JPEG", ".jpg"), "WEBP": ("WebP", ".webp")}
DEFAULT_FOCUS = (0.5, 0.5)


@dataclass(frozen=True, slots=True)
class ImageProblem:
    """Why an image cannot be used, said so that a designer knows what to do."""

    message: str

    def __str__(self) -> str:
        return self.message


def open_portrait(path: Path) -> Image.Image | ImageProblem:
    """The decoded image, upright (EXIF orientation applied), in RGB or RGBA; or why it cannot be used."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(12)
    except OSError as error:
        return ImageProblem(f"cannot read the image '{name}': {error.strerror or error}")
    if size > MAX_IMAGE_BYTES:
        return ImageProblem(f"the image '{name}' is {size / 1e6:.1f} MB; images may be at most 5 MB")
    expected = FORMATS.get(path.suffix.lower())
    actual = _sniff(head)
    if actual is None or expected is None:
        return ImageProblem(f"'{name}' is not a PNG, JPEG or WebP image")
    if actual != expected:
        kind, suffix = _NAMES[actual]
        return ImageProblem(f"'{name}' is a {kind} image but its name ends in {path.suffix}; rename it to "
                            f"{path.stem}{suffix}")
    return _decode(path, expected)


def _sniff(head: bytes) -> str | None:
    """The format the file's first bytes say it is, among the three a deck may use."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _decode(path: Path, image_format: str) -> Image.Image | ImageProblem:
    name = path.name
    too_big = ImageProblem(f"'{name}' has too many pixels (more than {MAX_PIXELS // 1_000_000} megapixels); "
                           "scale it down, 1500 pixels on the long side is plenty for print")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path, formats=[image_format]) as image:
                if image.width * image.height > MAX_PIXELS:  # checked on the header, before decoding
                    return too_big
                image.load()
                upright = ImageOps.exif_transpose(image)
                has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
                return upright.convert("RGBA" if has_alpha else "RGB")
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return too_big
        # A crafted or damaged file can make a decoder raise almost anything; none of it may crash the game.
        except Exception as error:  # noqa: BLE001
            return ImageProblem(f"'{name}' is damaged and cannot be decoded ({error}); save it again from "
                                "an image editor")


def image_problem(path: Path) -> str | None:
    """Why the image at `path` cannot be used, or None. Remembered per file version, so a preview that
    reloads the deck twice a second does not decode every portrait again."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as error:
        return f"cannot read the image '{path.name}': {error.strerror or error}"
    return _checked(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=1024)
def _checked(path: str, mtime_ns: int, size: int) -> str | None:
    result = open_portrait(Path(path))
    if isinstance(result, ImageProblem):
        return result.message
    result.close()
    return None


def focus_crop(width: float, height: float, box_aspect: float,
               focus: tuple[float, float] = DEFAULT_FOCUS) -> tuple[float, float, float, float]:
    """The largest part of a width x height image with the box's aspect (width / height), placed so the
    focal point is as near its centre as the image allows: (left, top, right, bottom). Never stretches."""
    if width / height > box_aspect:
        crop_w, crop_h = height * box_aspect, float(height)
    else:
        crop_w, crop_h = float(width), width / box_aspect
    left = min(max(focus[0] * width - crop_w / 2, 0.0), width - crop_w)
    top = min(max(focus[1] * height - crop_h / 2, 0.0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def cropped_portrait(path: Path, box_aspect: float,
                     focus: tuple[float, float] = DEFAULT_FOCUS) -> Image.Image | None:
    """The portrait cut to the box's aspect around its focal point, at full resolution, or None when
    the file cannot be used (then the card keeps its colour field). Screen and print draw this."""
    image = open_portrait(path)
    if isinstance(image, ImageProblem):
        return None
    return image.crop(tuple(round(v) for v in focus_crop(image.width, image.height, box_aspect, focus)))


__all__ = ["DEFAULT_FOCUS", "MAX_IMAGE_BYTES", "MAX_PIXELS", "ImageProblem", "cropped_portrait", "focus_crop",
           "image_problem", "open_portrait"]
