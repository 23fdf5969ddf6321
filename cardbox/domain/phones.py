"""Phone numbers: parse what people type, keep it as typed and as E.164."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence

from cardbox.domain.contacts import split_label
from cardbox.domain.errors import InvalidInput, Problem
from cardbox.domain.model import Phone

# phonenumbers is imported by the functions that use it: with its metadata it is about a third of a
# cold command's imports, and most commands (cadence, log, remind, done) read no number.

DEFAULT_REGION = "JP"


@functools.cache
def _reasons() -> dict[int, str]:
    from phonenumbers import ValidationResult

    return {
        ValidationResult.TOO_SHORT: "too short",
        ValidationResult.TOO_LONG: "too long",
        ValidationResult.INVALID_COUNTRY_CODE: "unknown country code",
        ValidationResult.INVALID_LENGTH: "wrong number of digits",
    }


@functools.cache
def _parse_reasons() -> dict[int, str]:
    from phonenumbers import NumberParseException

    return {
        NumberParseException.INVALID_COUNTRY_CODE: "unknown country code",
        NumberParseException.NOT_A_NUMBER: "not a phone number",
        NumberParseException.TOO_SHORT_AFTER_IDD: "too short",
        NumberParseException.TOO_SHORT_NSN: "too short",
        NumberParseException.TOO_LONG: "too long",
    }


def region_from_locale() -> str:
    """The default region for numbers typed without ``+``: the locale's territory, else ``JP``.

    Read from the environment the way POSIX does (``LC_ALL``, then ``LC_TELEPHONE``, then
    ``LANG``). ``C``/``POSIX`` locales name no territory, so they give ``JP``.
    """
    for var in ("LC_ALL", "LC_TELEPHONE", "LANG"):
        value = os.environ.get(var, "")
        if value:
            match = re.match(r"^[a-z]{2,3}_([A-Z]{2})", value)
            return match.group(1) if match else DEFAULT_REGION
    return DEFAULT_REGION


def valid_region(region: str) -> str:
    """Check a region code (``JP``, ``US``) and return it in upper case."""
    import phonenumbers

    code = region.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidInput("phone.unknown_region", region=region)
    return code


def _clean(text: str, label: str) -> tuple[str, str]:
    found_label, number = split_label(text)
    number = number.removeprefix("tel:").strip()
    if not number:
        raise InvalidInput("phone.empty", text=text, field="phones")
    if len(number) > 64:
        raise InvalidInput("phone.too_long", start=number[:20], field="phones")
    return label or found_label, number


@functools.lru_cache(maxsize=16384)
def _check(number: str, region: str, advise: bool = True) -> tuple[str, Problem | None]:
    """``(e164, None)`` for a number valid when read in ``region``, else ``("", why)``: the why
    names the region the number was actually read in (its own ``+CC`` when it has one)."""
    import phonenumbers
    from phonenumbers import NumberParseException, PhoneNumberFormat

    try:
        parsed = phonenumbers.parse(number, region)
    except NumberParseException as exc:
        reason = _parse_reasons().get(exc.error_type, "not a phone number")
        return "", Problem("phones", "phone.unreadable", {"number": number, "reason": reason})
    if phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, PhoneNumberFormat.E164), None
    possible = phonenumbers.is_possible_number_with_reason(parsed)
    reason = _reasons().get(possible, "not a valid number")
    code = parsed.country_code or 0
    where = phonenumbers.region_code_for_country_code(code)
    where = region if where == phonenumbers.UNKNOWN_REGION else where
    kind = "phone.invalid"
    if code == phonenumbers.country_code_for_region(region):
        where = region  # +1 read in CA is a CA number, not a US one
        kind = "phone.invalid_here"
    if number.lstrip().startswith("+") or not advise:
        kind = "phone.invalid"
    params = {"number": number, "reason": reason, "where": where, "country": code}
    return "", Problem("phones", kind, params)


def parse_phone(text: str, region: str = DEFAULT_REGION, label: str = "") -> Phone:
    """Parse a typed number (optionally ``label:number``) into a `Phone`.

    A number with ``+`` is read as its own country's; one without, as ``region``'s.

    Raises:
        InvalidInput: the text is not a valid number for ``region`` (or its own ``+`` prefix);
            the message says why and names the region it was read in.
    """
    label, number = _clean(text, label)
    e164, why = _check(number, region)
    if why is not None:
        raise InvalidInput([why])
    return Phone(e164=e164, text=number, label=label)


def typed_phone(text: str, region: str, unchecked: Sequence[Phone] = ()) -> Phone:
    """`parse_phone`, except that a number the contact already holds unchecked (the same
    text, as written) is taken back as it is: editing a card never forces its unchecked
    numbers to be fixed or dropped.

    Raises:
        InvalidInput: as `parse_phone`, for a number that is not one of ``unchecked``.
    """
    try:
        return parse_phone(text, region)
    except InvalidInput:
        label, number = _clean(text, "")
        for phone in unchecked:
            if not phone.e164 and phone.text == number:
                return Phone(e164="", text=number, label=label)
        raise


def read_phone(text: str, regions: Sequence[str], label: str = "") -> tuple[Phone, str]:
    """A number from a card, never refused: ``(phone, warning)``.

    The number is read in each of ``regions`` in turn (the card's own countries first, then
    the default region) and the first reading that is a valid number wins; the warning is
    empty when that was the first region, else it names the region used. A number valid in
    none of them keeps its text as written and is unchecked (``e164`` empty), and the warning
    says why.

    Raises:
        InvalidInput: nothing to read (empty, or longer than any phone number).
    """
    label, number = _clean(text, label)
    first_why = ""
    for i, region in enumerate(dict.fromkeys(regions)):
        e164, problem = _check(number, region, advise=False)
        why = "" if problem is None else str(problem)
        if e164:
            note = "" if i == 0 else f"phone {number!r}: read as a {region} number"
            if note and first_why:
                note += f" ({first_why.partition(': ')[2]})"
            return Phone(e164=e164, text=number, label=label), note
        first_why = first_why or why
    why = first_why or f"phone {number!r}: not a phone number"
    return Phone(e164="", text=number, label=label), f"{why}; kept as written, unchecked"


@functools.lru_cache(maxsize=16384)
def is_mobile(e164: str) -> bool:
    """True for a number phonenumbers knows to be a mobile one (Japan's 070/080/090)."""
    import phonenumbers
    from phonenumbers import NumberParseException

    if not e164:
        return False
    if e164.startswith("+81") and len(e164) == 13:
        return e164[3:5] in ("70", "80", "90")
    try:
        parsed = phonenumbers.parse(e164, None)
    except NumberParseException:
        return False
    return phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE


@functools.lru_cache(maxsize=4096)
def region_of_code(number: str) -> str:
    """The main region of an international number's country code (``+1 905 …`` -> ``US``,
    ``+49 …`` -> ``DE``), ``""`` when it has none. Reading a national number of the same plan in
    that region gives the right number (``905-777-1234`` read in US is Canada's)."""
    import phonenumbers
    from phonenumbers import NumberParseException

    try:
        parsed = phonenumbers.parse(number, None)
    except NumberParseException:
        return ""
    region = phonenumbers.region_code_for_country_code(parsed.country_code or 0)
    return "" if region == phonenumbers.UNKNOWN_REGION else region


_COUNTRY_ALIASES = {
    "usa": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "america": "US",
    "united states of america": "US",
    "米国": "US",
    "アメリカ": "US",
    "uk": "GB",
    "u.k.": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "英国": "GB",
    "日本国": "JP",
    "にっぽん": "JP",
    "にほん": "JP",
    "brd": "DE",
    "韓国": "KR",
    "大韓民国": "KR",
    "中国": "CN",
    "中華人民共和国": "CN",
}


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import phonenumbers
    from phonenumbers.geodata.locale import LOCALE_DATA

    names: dict[str, str] = {}
    for code, by_language in LOCALE_DATA.items():
        if code not in phonenumbers.SUPPORTED_REGIONS:
            continue
        for name in by_language.values():
            if not name.startswith("*"):
                names.setdefault(name.casefold(), code)
    names.update(_COUNTRY_ALIASES)
    return names


def region_of_country(country: str) -> str:
    """The region code of a country as an address writes it (``Canada``, ``Deutschland``,
    ``日本``, ``USA``, ``DE``), ``""`` when it is not recognised. Names come from
    phonenumbers' own country names in many languages, plus common short forms."""
    import phonenumbers

    text = " ".join(country.split()).strip(" .,")
    if not text:
        return ""
    if len(text) == 2 and text.isascii() and text.upper() in phonenumbers.SUPPORTED_REGIONS:
        return text.upper()
    key = text.casefold()
    return _countries().get(key) or _countries().get(key + ".") or ""


@functools.lru_cache(maxsize=4096)
def digit_forms(e164: str) -> tuple[str, ...]:
    """The digit strings a person may search a number by: international and national.

    ``+81312345678`` gives ``("81312345678", "0312345678")``. Japan (trunk prefix 0) and the
    North American plan (no trunk prefix) are worked out directly; other countries ask
    phonenumbers, which is slower.
    """
    import phonenumbers
    from phonenumbers import NumberParseException, PhoneNumberFormat

    digits = e164.lstrip("+")
    if digits.startswith("81") and len(digits) > 4:
        return (digits, "0" + digits[2:])
    if digits.startswith("1") and len(digits) == 11:
        return (digits, digits[1:])
    try:
        parsed = phonenumbers.parse(e164, None)
    except NumberParseException:
        return (digits,)
    national = re.sub(r"\D", "", phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL))
    return (digits, national) if national and national != digits else (digits,)


def pretty(e164: str) -> str:
    """Format an E.164 number the international way, e.g. ``+81 3-1234-5678``."""
    import phonenumbers
    from phonenumbers import NumberParseException, PhoneNumberFormat

    try:
        parsed = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
