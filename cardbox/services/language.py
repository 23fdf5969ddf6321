"""Which language the UI speaks: English or Japanese, from ``--lang``, the box's ``lang``
setting or the locale. The catalogs and translation itself are the app's (`cardbox.tui.i18n`)."""

from __future__ import annotations

import os

LANGUAGES = ("en", "ja")


def pick(explicit: str | None = None, setting: str | None = None) -> str:
    """The language to use: ``explicit`` (``--lang``), else the box's setting, else the locale's
    (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads them); English when none is Japanese."""
    for choice in (explicit, setting):
        if choice:
            return normalise(choice)
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ja" if value.split(":")[0].lower().startswith("ja") else "en"
    return "en"


def normalise(lang: str) -> str:
    """``ja``, ``ja_JP.UTF-8``, ``Japanese`` -> ``ja``; ``en``, ``en_US``, ``C`` -> ``en``.

    Raises:
        ValueError: a language cardbox has no catalog for.
    """
    code = lang.strip().lower().replace("-", "_")
    if code.startswith(("ja", "japanese", "日本")):
        return "ja"
    if code.startswith(("en", "english")) or code in ("c", "posix"):
        return "en"
    raise ValueError(f"no UI language {lang!r}: choose one of {', '.join(LANGUAGES)}")
