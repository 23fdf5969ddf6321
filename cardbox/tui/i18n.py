"""UI language: English or Japanese, from gettext catalogs shipped in ``cardbox/locale``.

Every string the app shows is written in English inside ``_()`` (or ``N_()`` where it must stay a
constant, as in ``BINDINGS``, and is translated where it is shown). `use` switches the language for
the whole app; it is chosen by `pick` from ``--lang``, the box's ``lang`` setting, or the locale.
Contact data is never passed through ``_()``.
"""

from __future__ import annotations

import gettext
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from cardbox.services.language import LANGUAGES, normalise, pick

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from cardbox.domain.model import Industry

DOMAIN = "cardbox"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"

__all__ = ["LANGUAGES", "N_", "_", "language", "ngettext", "normalise", "pick", "use"]


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
