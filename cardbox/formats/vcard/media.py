"""BDAY and PHOTO of a card.

Birthdays are read by cardbox's own code, never a fuzzy parser: ``19850412``, ``1985-04-12``
(a time after ``T`` is ignored), ``--0412`` and ``--04-12`` (no year). Apple's placeholder year
1604 (and ``X-APPLE-OMIT-YEAR``) means no year. Anything else is kept as it is with a warning.

Photos come in every encoding: ``ENCODING=b``, ``ENCODING=BASE64``, bare 2.1 ``BASE64`` and
4.0 ``data:`` URIs (also when a 3.0 card puts one under ``ENCODING=b``). A link (``VALUE=uri``,
``http://...``) is kept as it is and never fetched. The media type comes from the data's magic
bytes, else from TYPE/MEDIATYPE. Bad base64 or a photo over `MAX_PHOTO` loses only the photo,
with a warning.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from urllib.parse import unquote_to_bytes

from cardbox.domain.model import Photo
from cardbox.formats.vcard.context import Ctx
from cardbox.formats.vcard.parse import MAX_PHOTO, MB, Prop

_APPLE_NO_YEAR = 1604
_MIME_BY_TYPE = {
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "pjpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "tiff": "image/tiff",
    "tif": "image/tiff",
}


def _digits(text: str, size: int) -> int | None:
    return int(text) if len(text) == size and text.isascii() and text.isdigit() else None


def parse_birthday(value: str, omit_year: str = "") -> str | None:
    """``YYYY-MM-DD`` or ``--MM-DD`` for the forms in the module docstring, else ``None``."""
    value = value.strip()
    if value.startswith("--"):
        rest = value[2:].replace("-", "")
        month, day = _digits(rest[:2], 2), _digits(rest[2:], 2)
        if month is None or day is None or not _valid(2000, month, day):
            return None
        return f"--{month:02d}-{day:02d}"
    head = value.partition("T")[0]
    if len(head) == 10 and head[4] == "-" and head[7] == "-":
        head = head[:4] + head[5:7] + head[8:]
    if len(head) != 8:
        return None
    year, month, day = _digits(head[:4], 4), _digits(head[4:6], 2), _digits(head[6:], 2)
    if year is None or month is None or day is None or not _valid(year, month, day):
        return None
    if year == _APPLE_NO_YEAR or (omit_year and omit_year == f"{year:04d}"):
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(max(year, 1), month, day)
    except ValueError:
        return False
    return True


def read_birthday(ctx: Ctx) -> str:
    birthday = ""
    for index, prop in ctx.all("BDAY"):
        text = ctx.text(prop)
        if not text:
            ctx.use(index)
            continue
        if birthday:
            continue  # an alternative (ALTID) or a second BDAY: kept as it is
        omit = prop.param("X-APPLE-OMIT-YEAR")
        parsed = parse_birthday(text, omit[0] if omit else "")
        if parsed is None:
            ctx.warn(prop, f"birthday {text!r} is not a date cardbox reads; kept as it is")
            continue
        ctx.use(index)
        birthday = parsed
    return birthday


def sniff_mime(data: bytes) -> str | None:
    """The image type from the data's first bytes, or ``None``."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    return None


def _declared_mime(prop: Prop) -> str | None:
    for value in (*prop.param("MEDIATYPE"), *prop.param("TYPE")):
        value = value.strip().lower()
        sub = value.rpartition("/")[2]
        if sub in _MIME_BY_TYPE:
            return _MIME_BY_TYPE[sub]
    return None


def _b64(text: str) -> bytes:
    text = "".join(text.split())
    text += "=" * (-len(text) % 4)
    return base64.b64decode(text, validate=True)


def _payload(ctx: Ctx, prop: Prop) -> tuple[bytes | None, str | None] | None:
    """``(data, media type from a data: URI)``; ``None`` when the value is not inline data.

    Raises:
        ValueError: the inline data is not valid base64.
    """
    encoding = (prop.param("ENCODING") or [""])[-1].upper()
    if encoding in ("B", "BASE64") and prop.value[:5].lower() != "data:":
        return (_b64(prop.value) if prop.value else None), None
    # Otherwise a link or a data: URI (some 3.0 writers put a 4.0 data: URI under ENCODING=b).
    text = ctx.text(prop)
    if not text:
        return None, None
    if text[:5].lower() != "data:":
        return None  # a link, kept as it is
    header, comma, body = text[5:].partition(",")
    if not comma:
        raise ValueError("data: URI without data")
    mime = header.partition(";")[0].strip().lower() or None
    if header.lower().endswith(";base64"):
        return _b64(body), mime
    return unquote_to_bytes(body), mime


def read_photo(ctx: Ctx) -> Photo | None:
    for index, prop in ctx.all("PHOTO"):
        try:
            found = _payload(ctx, prop)
        except (ValueError, binascii.Error):
            ctx.warn(prop, "the photo is not valid base64; photo left out")
            continue
        if found is None:
            continue
        data, uri_mime = found
        if not data:
            ctx.use(index)  # an empty PHOTO line
            continue
        if len(data) > MAX_PHOTO:
            ctx.use(index)
            ctx.warn(prop, f"the photo is larger than {MAX_PHOTO // MB} MB; photo left out")
            continue
        mime = sniff_mime(data) or uri_mime or _declared_mime(prop)
        if mime is None or not mime.startswith("image/"):
            ctx.warn(prop, "the photo is not a JPEG, PNG, GIF or TIFF image; kept as it is")
            continue
        ctx.use(index)
        return Photo(data=data, mime=mime)
    return None
