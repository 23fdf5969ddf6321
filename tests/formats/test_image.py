"""Photos made small for sync: a JPEG of at most 256 px a side, a small JPEG kept as it is."""

from __future__ import annotations

import io

from PIL import Image

from cardbox.formats.image import MAX_SIDE, small_jpeg


def image_bytes(size: tuple[int, int], fmt: str, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    colour = (200, 30, 30, 100) if mode == "RGBA" else (200, 30, 30)
    Image.new(mode, size, colour).save(out, fmt)
    return out.getvalue()


def test_a_large_png_becomes_a_small_jpeg_on_white() -> None:
    small = small_jpeg(image_bytes((1200, 800), "PNG", "RGBA"))
    assert small is not None
    with Image.open(io.BytesIO(small)) as im:
        assert (im.format, im.size) == ("JPEG", (MAX_SIDE, 171))
        pixel = im.getpixel((10, 10))
        assert isinstance(pixel, tuple)
        assert pixel[0] > 200 and pixel[1] > 100  # translucent red over white, not over black


def test_a_small_jpeg_is_kept_byte_for_byte_so_shrinking_twice_changes_nothing() -> None:
    small = small_jpeg(image_bytes((2000, 3000), "JPEG"))
    assert small is not None and small_jpeg(small) == small
    tiny = image_bytes((64, 64), "JPEG")
    assert small_jpeg(tiny) == tiny


def test_what_is_not_an_image_gives_none() -> None:
    assert small_jpeg(b"not an image at all") is None
    assert small_jpeg(image_bytes((300, 300), "PNG")[:40]) is None  # cut short
