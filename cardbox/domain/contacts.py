"""Turning what a person typed into contact parts: labels, e-mails, addresses, URLs."""

from __future__ import annotations

import re

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Address, Email, Url

_LABEL = re.compile(r"^\s*([^\W\d][\w .-]{0,30}?)\s*:\s*(?!//)(?=\S)", re.UNICODE)
_SCHEMES = {"http", "https", "mailto", "tel", "ftp"}
_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]+$")
_POSTAL_JP = re.compile(r"^\s*〒?\s*(\d{3})[-ー－‐]?(\d{4})\s*")
_PREFECTURE = re.compile(r"^(東京都|北海道|(?:京都|大阪)府|.{2,3}県)")
_LOCALITY = re.compile(r"^(.+?[市区町村郡])(?=.)")


def split_label(text: str) -> tuple[str, str]:
    """Split ``"work:value"`` into ``("work", "value")``; a URL scheme is not a label."""
    match = _LABEL.match(text)
    if match and match.group(1).strip().lower() not in _SCHEMES:
        return match.group(1).strip().lower(), text[match.end() :].strip()
    return "", text.strip()


def parse_email(text: str) -> Email:
    """``"work:taro@example.jp"`` to an `Email`.

    Raises:
        InvalidInput: the text is not one address.
    """
    label, address = split_label(text)
    address = address.removeprefix("mailto:").strip()
    if not _EMAIL.match(address) or len(address) > 254:
        raise InvalidInput("email.invalid", address=address, field="emails")
    return Email(address=address, label=label)


def parse_url(text: str) -> Url:
    """``"work:https://example.jp"`` to a `Url` (``https://`` added when no scheme is given)."""
    label, url = split_label(text)
    if not url or any(ch.isspace() for ch in url):
        raise InvalidInput("url.invalid", url=url, field="urls")
    if "://" not in url:
        url = "https://" + url
    return Url(url=url, label=label)


def parse_address(text: str) -> Address:
    """A typed address to an `Address`.

    Japanese addresses are split into 〒 postal code, prefecture, city/ward and the rest;
    anything else is kept whole in ``street``.
    """
    label, rest = split_label(text)
    if not rest:
        raise InvalidInput("address.empty", field="addresses")

    postal = ""
    match = _POSTAL_JP.match(rest)
    if match:
        postal = f"{match.group(1)}-{match.group(2)}"
        rest = rest[match.end() :]
    prefecture = _PREFECTURE.match(rest)
    if (prefecture and postal) or (prefecture and re.search(r"[市区町村郡]", rest)):
        region = prefecture.group(1)
        rest = rest[prefecture.end() :]
        locality_match = _LOCALITY.match(rest)
        locality = locality_match.group(1) if locality_match else ""
        rest = rest[len(locality) :]
        street, _, building = rest.strip().partition(" ")
        return Address(
            label=label,
            postal_code=postal,
            region=region,
            locality=locality,
            street=street,
            building=building.strip(),
            country="JP",
        )
    return Address(label=label, postal_code=postal, street=rest.strip())
