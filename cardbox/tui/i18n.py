"""UI language: English or Japanese, from gettext catalogs shipped in ``cardbox/locale``.

Every string the app shows is written in English inside ``_()`` (or ``N_()`` where it must stay a
constant, as in ``BINDINGS``, and is translated where it is shown). `use` switches the language for
the whole app; it is chosen by `pick` from ``--lang``, the box's ``lang`` setting, or the locale.
Contact data is never passed through ``_()``.
"""

from __future__ import annotations

import gettext
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from cardbox.domain.model import Industry

DOMAIN = "cardbox"
LANGUAGES = ("en", "ja")
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


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


def use(lang: str) -> None:
    """Show the UI in ``lang`` from now on (``en`` or ``ja``)."""
    global _current, _language
    _language = normalise(lang)
    if _language == "en":
        _current = gettext.NullTranslations()
    else:
        _current = gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=[_language], fallback=True
        )


def language() -> str:
    """The language in use."""
    return _language


def industry_names(industry: Industry) -> str:
    """Both names of an industry, the UI language's first: ``Legal services / 法律`` in English,
    ``法律 / Legal services`` in Japanese (one name when it has only one)."""
    if not industry.name_ja:
        return industry.name_en
    if _language == "ja":
        return f"{industry.name_ja} / {industry.name_en}"
    return f"{industry.name_en} / {industry.name_ja}"


def _(message: str) -> str:
    """``message`` in the language in use."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the language in use."""
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it now (for constants)."""
    return message


def localise_bindings(node: DOMNode) -> None:
    """Translate the descriptions of ``node``'s key bindings (written with ``N_``) for the footer,
    the help screen and the command palette.

    Call it in ``__init__`` after ``super().__init__()``.
    """
    bindings = node._bindings
    for key, items in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [
            replace(b, description=_(b.description), tooltip=_(b.tooltip) if b.tooltip else "")
            for b in items
        ]
