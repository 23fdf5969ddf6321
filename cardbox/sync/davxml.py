"""The XML of WebDAV/CardDAV: the namespaces, request bodies' escaping, and reading a multistatus
answer (each response's href, status and ETag; the first href of a property; whether a resource
is an address book). `cardbox.sync.dav` is the client that sends and receives it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

DAV = "DAV:"
CARD = "urn:ietf:params:xml:ns:carddav"
NS = {"d": DAV, "c": CARD}
HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'


def q(tag: str) -> str:
    prefix, _, local = tag.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def norm_href(href: str) -> str:
    """An href as a decoded absolute path: the key cards are known by."""
    return unquote(urlsplit(href).path)


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def status_of(line: str | None) -> int | None:
    parts = (line or "").split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def responses(root: ET.Element) -> Iterator[tuple[str, int | None, str | None]]:
    """(href, status, etag) of each response: the response's own status when it has one (a
    tombstone), else that of the propstat holding the ETag."""
    for response in root.iter(q("d:response")):
        href = norm_href(response.findtext(q("d:href")) or "")
        status = status_of(response.findtext(q("d:status")))
        etag = None
        if status is None:
            for propstat in response.iter(q("d:propstat")):
                value = propstat.findtext(f"{q('d:prop')}/{q('d:getetag')}")
                if status_of(propstat.findtext(q("d:status"))) == 200:
                    status = 200
                    etag = value or None
        yield href, status, etag


def first_href(root: ET.Element, prop: str) -> str | None:
    for el in root.iter(q(prop)):
        href = el.findtext(q("d:href"))
        if href:
            return norm_href(href)
    return None


def is_addressbook(el: ET.Element) -> bool:
    return any(rt.find(q("c:addressbook")) is not None for rt in el.iter(q("d:resourcetype")))
