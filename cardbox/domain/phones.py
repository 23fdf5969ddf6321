"""Phone numbers: parse what people type, keep it as typed and as E.164."""

from __future__ import annotations

import functools
import os
import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult

from cardbox.domain.contacts import split_label
from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Phone

DEFAULT_REGION = "JP"

_REASONS = {
    ValidationResult.TOO_SHORT: "too short",
    ValidationResult.TOO_LONG: "too long",
    ValidationResult.INVALID_COUNTRY_CODE: "unknown country code",
    ValidationResult.INVALID_LENGTH: "wrong number of digits",
}
_PARSE_REASONS = {
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
    code = region.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidInput(f"unknown region {region!r}: use a two-letter country code such as JP")
    return code


def parse_phone(text: str, region: str = DEFAULT_REGION, label: str = "") -> Phone:
    """Parse a typed number (optionally ``label:number``) into a `Phone`.

    Raises:
        InvalidInput: the text is not a valid number for ``region`` (or its own ``+`` prefix);
            the message says why.
    """
    found_label, number = split_label(text)
    number = number.removeprefix("tel:").strip()
    label = label or found_label
    if not number:
        raise InvalidInput(f"phone {text!r}: no number given")
    if len(number) > 64:
        raise InvalidInput(f"phone {number[:20]!r}...: too long to be a phone number")
    try:
        parsed = phonenumbers.parse(number, region)
    except NumberParseException as exc:
        reason = _PARSE_REASONS.get(exc.error_type, "not a phone number")
        raise InvalidInput(f"phone {number!r}: {reason}") from None
    if not phonenumbers.is_valid_number(parsed):
        possible = phonenumbers.is_possible_number_with_reason(parsed)
        reason = _REASONS.get(possible, "not a valid number")
        where = phonenumbers.region_code_for_number(parsed) or region
        hint = (
            ""
            if number.startswith("+")
            else f" (check the digits; read as a {region} number, prefix + for others)"
        )
        raise InvalidInput(f"phone {number!r}: {reason} for {where}{hint}")
    e164 = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
    return Phone(e164=e164, text=number, label=label)


@functools.lru_cache(maxsize=4096)
def digit_forms(e164: str) -> tuple[str, ...]:
    """The digit strings a person may search a number by: international and national.

    ``+81312345678`` gives ``("81312345678", "0312345678")``. Japan (trunk prefix 0) and the
    North American plan (no trunk prefix) are worked out directly; other countries ask
    phonenumbers, which is slower.
    """
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
    try:
        parsed = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
