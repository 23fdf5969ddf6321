"""File names for ``cardbox export --dir``: one ``.vcf`` per contact, safe on every system.

A name is built from the contact's display name and is never a path: no separators, no
characters Windows forbids, no leading dot, no leading ``-`` (``-rf.vcf`` would read as options
to a shell command; it becomes ``_-rf.vcf``), no trailing dot or space, no reserved device name
(``CON``, ``NUL``, ``COM1`` ...), no control or bidi-override characters, at most 100 UTF-8 bytes.
Two contacts never get names that collide on a case-insensitive or Unicode-normalising file
system (macOS keeps NFD, Windows ignores case): the later one gets ``-`` and the first eight
letters or digits of its UID, then ``-2``, ``-3`` ... if that is taken too.
"""

from __future__ import annotations

import re
import unicodedata

from cardbox.domain.model import Contact
from cardbox.domain.text import UNSAFE

MAX_BYTES = 100
SUFFIX = ".vcf"

_FORBIDDEN = re.compile(r'[/\\:*?"<>|]')

_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
    "COM¹",
    "COM²",
    "COM³",
    "LPT¹",
    "LPT²",
    "LPT³",
}


def filename_key(name: str) -> str:
    """The form two file names are compared in: NFC and case-folded.

    ``taken`` holds these keys; to avoid files already in the target folder, add
    ``filename_key(existing_name)`` for each of them before exporting.
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def _cut(text: str, max_bytes: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[:max_bytes].decode("utf-8", errors="ignore")


def _clean(name: str) -> str:
    name = unicodedata.normalize("NFC", name)
    name = UNSAFE.sub("", name)
    name = _FORBIDDEN.sub("_", name)
    name = " ".join(name.split())  # tabs, newlines and runs of spaces become one space
    return name.lstrip(". ").rstrip(". ")


def _stem(contact: Contact, tag: str) -> str:
    budget = MAX_BYTES - len(SUFFIX.encode()) - len(tag.encode())
    stem = _cut(_clean(contact.name), budget).rstrip(". ") or "contact"
    if stem.startswith("-") or stem.split(".")[0].rstrip(" ").upper() in _RESERVED:
        stem = _cut("_" + stem, budget)
    return stem + tag


def safe_filename(contact: Contact, taken: set[str]) -> str:
    """A unique ``.vcf`` name for ``contact``; adds it (and its `filename_key`) to ``taken``."""
    uid = re.sub(r"[^A-Za-z0-9]", "", contact.uid)[:8]
    tags = [""]
    if uid:
        tags.append("-" + uid)
    base = tags[-1]
    n = 2
    while True:
        for tag in tags:
            name = _stem(contact, tag) + SUFFIX
            key = filename_key(name)
            if key not in taken:
                taken.add(key)
                taken.add(name)
                return name
        tags = [f"{base}-{n}"]
        n += 1
