"""Photos made small for a phone's address book: a JPEG of at most `MAX_SIDE` pixels a side.

A JPEG already that small is kept byte for byte, so shrinking what a shrink wrote changes
nothing (the sync's content hash of a card it sent and got back stays the same). Anything else
Pillow can read is turned upright (EXIF orientation), scaled down to fit, put on white where it
was transparent and saved as a JPEG. Data Pillow cannot read gives None: the caller keeps the
photo as it is.
"""

from __future__ import annotations

import io
import warnings
from functools import lru_cache

MAX_SIDE = 256
QUALITY = 85
MAX_PIXELS = 50_000_000
"""A photo of more pixels than this is not decoded (a decompression bomb): kept as it is."""


@lru_cache(maxsize=1024)
def small_jpeg(data: bytes) -> bytes | None:
    """``data`` as a JPEG of at most `MAX_SIDE` pixels a side, or None when it is not an image
    Pillow can read (see the module notes)."""
    from PIL import Image, ImageOps  # here: only a photo to shrink needs Pillow (issue 15)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # MAX_PIXELS
            with Image.open(io.BytesIO(data)) as opened:
                width, height = opened.size
                if width * height > MAX_PIXELS:
                    return None
                if opened.format == "JPEG" and max(width, height) <= MAX_SIDE:
                    return data
                opened.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a smaller scale
                image = ImageOps.exif_transpose(opened)
                image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
                if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
                    rgba = image.convert("RGBA")
                    image = Image.new("RGB", rgba.size, (255, 255, 255))
                    image.paste(rgba, mask=rgba.getchannel("A"))
                elif image.mode != "RGB":
                    image = image.convert("RGB")
                out = io.BytesIO()
                image.save(out, "JPEG", quality=QUALITY, optimize=True)
                return out.getvalue()
    except (OSError, ValueError, EOFError, SyntaxError, Image.DecompressionBombError):
        return None
