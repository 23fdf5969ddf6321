"""A small WebDAV/CardDAV client over httpx: just what a two-way sync of one address book needs.

* Discovery (RFC 6764 / RFC 6352): the URL itself when it is an address book; else its
  ``current-user-principal`` (or that of ``/.well-known/carddav``), the principal's
  ``addressbook-home-set``, and the first address book in that home.
* vCard version: the address book's ``supported-address-data`` (`vcard_versions`).
* Listing: ``REPORT sync-collection`` (RFC 6578) with the stored token (changes and tombstones),
  or with an empty token (everything, and a token for next time); `TokenRejected` on a 403/412
  answer to an old token; `Unsupported` when the server has no sync-collection, and then a
  ``PROPFIND Depth: 1`` listing. A ``507`` in a sync-collection answer (a truncated answer) is
  followed by another request with the token it returned.
* Fetching: ``addressbook-multiget`` in batches; an href the server answers 404 for is *missing*.
* Writing: ``PUT`` with ``If-None-Match: *`` (create) or ``If-Match`` (update), ``DELETE`` with
  ``If-Match``; a 412 raises `Changed` (the card changed on the server meanwhile).

Every failure of the network or the server (a dropped connection, a timeout, a 5xx, an answer
that is not XML) raises `DavError` with what was asked and what came back.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin

import httpx

from cardbox.domain.errors import CardboxError
from cardbox.sync.davxml import (
    CARD,
    HEAD,
    esc,
    first_href,
    is_addressbook,
    norm_href,
    q,
    responses,
    status_of,
)

BATCH = 100
TIMEOUT = httpx.Timeout(120.0, connect=15.0)
"""A server may think for a while before the first byte of a large listing (Radicale parses
every card of an address book it has not cached yet)."""
Transport = httpx.BaseTransport
"""What carries the requests (tests pass one that injects faults)."""


class DavError(CardboxError):
    """The server could not be reached, or answered something other than what was asked for."""


class Changed(DavError):
    """412 Precondition Failed on a write: the card changed (or appeared) on the server."""


class TokenRejected(DavError):
    """The server no longer accepts the stored sync token (403 or 412)."""


class Unsupported(DavError):
    """The server does not do ``sync-collection``."""


@dataclass
class Listing:
    """What a listing said: the cards (href -> ETag, None when the server gave none), the hrefs
    it reported deleted (tombstones), its new token, and whether it listed every card."""

    items: dict[str, str | None] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)
    token: str | None = None
    full: bool = False


@dataclass(frozen=True)
class Fetched:
    """One card's text and ETag as fetched."""

    href: str
    etag: str | None
    text: str


class Client:
    """One CardDAV server, with basic authentication."""

    def __init__(
        self,
        url: str,
        user: str = "",
        password: str = "",
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float | httpx.Timeout = TIMEOUT,
    ) -> None:
        self.url = url if url.endswith("/") else url + "/"
        auth = httpx.BasicAuth(user, password) if user else None
        self._http = httpx.Client(
            auth=auth,
            transport=transport,
            timeout=timeout,
            follow_redirects=True,
            headers={"User-Agent": "cardbox"},
        )
        self.requests = 0
        """How many requests this client has sent (for the report and the benchmark)."""
        self.downloaded = 0
        """How many cards it has downloaded."""

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- plumbing -----------------------------------------------------------------------------

    def absolute(self, href: str) -> str:
        """The URL of an href (a decoded path) on this server."""
        return urljoin(self.url, quote(href, safe="/@:+,;=~!$&'()*"))

    def _send(
        self, method: str, url: str, body: str | None = None, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        self.requests += 1
        all_headers = dict(headers or {})
        if body is not None and "Content-Type" not in all_headers:
            all_headers["Content-Type"] = "application/xml; charset=utf-8"
        try:
            response = self._http.request(
                method,
                url,
                content=body.encode("utf-8") if body is not None else None,
                headers=all_headers,
            )
        except httpx.HTTPError as exc:
            raise DavError(
                "dav.transport", method=method, url=url, reason=f"{type(exc).__name__}: {exc}"
            ) from None
        except ValueError as exc:  # a URL httpx cannot use
            raise DavError("dav.bad_url", method=method, url=url, reason=str(exc)) from None
        if response.status_code == 401:
            raise DavError("dav.unauthorized", method=method, url=url)
        if response.status_code >= 500:
            raise DavError("dav.status", method=method, url=url, status=response.status_code)
        return response

    def _multistatus(self, method: str, url: str, response: httpx.Response) -> ET.Element:
        if response.status_code != 207:
            raise DavError("dav.status", method=method, url=url, status=response.status_code)
        try:
            return ET.fromstring(response.content)
        except ET.ParseError as exc:
            raise DavError("dav.not_xml", method=method, url=url, reason=str(exc)) from None

    def _propfind(self, url: str, props: str, depth: str) -> ET.Element:
        body = (
            f'{HEAD}<d:propfind xmlns:d="DAV:" xmlns:c="{CARD}">'
            f"<d:prop>{props}</d:prop></d:propfind>"
        )
        response = self._send("PROPFIND", url, body, {"Depth": depth})
        return self._multistatus("PROPFIND", url, response)

    # -- discovery ----------------------------------------------------------------------------

    def discover(self) -> str:
        """The URL of the address book: `url` itself, or found from the server's principal.

        Raises:
            DavError: no address book was found (the message says what was tried).
        """
        props = "<d:resourcetype/><d:current-user-principal/><c:addressbook-home-set/>"
        root = self._propfind(self.url, props, "0")
        if is_addressbook(root):
            return self.url
        principal = first_href(root, "d:current-user-principal")
        if principal is None:
            well_known = urljoin(self.url, "/.well-known/carddav")
            try:
                principal = first_href(
                    self._propfind(well_known, "<d:current-user-principal/>", "0"),
                    "d:current-user-principal",
                )
            except DavError:
                principal = None
        if principal is None:
            raise DavError("dav.no_principal", url=self.url)
        found = self._propfind(self.absolute(principal), "<c:addressbook-home-set/>", "0")
        home = first_href(found, "c:addressbook-home-set") or first_href(
            root, "c:addressbook-home-set"
        )
        if home is None:
            raise DavError("dav.no_home", url=self.url, principal=principal)
        listing = self._propfind(self.absolute(home), "<d:resourcetype/>", "1")
        for response in listing.iter(q("d:response")):
            href = response.findtext(q("d:href"))
            if href and is_addressbook(response):
                return self.absolute(norm_href(href))
        raise DavError("dav.no_book", url=self.url, home=home)

    def vcard_versions(self, book: str) -> set[str]:
        """The vCard versions the address book says it takes (``supported-address-data``, RFC
        6352 6.2.2); empty when it does not say (3.0 is then the safe choice)."""
        root = self._propfind(book, "<c:supported-address-data/>", "0")
        found: set[str] = set()
        for prop in root.iter(q("c:supported-address-data")):
            for kind in prop:  # c:address-data-type (Xandikos names it c:content-type)
                version = (kind.get("version") or "").strip()
                content = (kind.get("content-type") or "text/vcard").strip().lower()
                if version and content == "text/vcard":
                    found.add(version)
        return found

    # -- listing ------------------------------------------------------------------------------

    def sync_collection(self, book: str, token: str | None) -> Listing:
        """Changes since ``token`` (everything, when it is None or empty).

        Raises:
            TokenRejected: a stored token the server no longer accepts.
            Unsupported: the server does not do sync-collection.
        """
        out = Listing(full=not token)
        own = norm_href(book)
        for _round in range(1000):
            body = (
                f'{HEAD}<d:sync-collection xmlns:d="DAV:"><d:sync-token>{esc(token or "")}'
                "</d:sync-token><d:sync-level>1</d:sync-level>"
                "<d:prop><d:getetag/></d:prop></d:sync-collection>"
            )
            response = self._send("REPORT", book, body, {"Depth": "1"})
            if response.status_code in (403, 412, 409, 400) and token:
                raise TokenRejected("dav.token_refused", url=book)
            if response.status_code != 207:
                raise Unsupported("dav.no_sync_collection", url=book, status=response.status_code)
            root = self._multistatus("REPORT", book, response)
            truncated = False
            for href, status, etag in responses(root):
                if href == own or href.rstrip("/") == own.rstrip("/"):
                    truncated = truncated or status == 507
                    continue
                if status == 404:
                    out.removed.add(href)
                    out.items.pop(href, None)
                elif status == 200 or status is None:
                    out.items[href] = etag
                    out.removed.discard(href)
            token = root.findtext(q("d:sync-token")) or token
            if not truncated:
                break
        out.token = token or None
        return out

    def propfind_listing(self, book: str) -> Listing:
        """Every card in the address book with its ETag (``PROPFIND Depth: 1``)."""
        root = self._propfind(book, "<d:resourcetype/><d:getetag/>", "1")
        own = norm_href(book)
        out = Listing(full=True)
        for href, status, etag in responses(root):
            if href.rstrip("/") == own.rstrip("/") or href.endswith("/"):
                continue
            if status in (200, None):
                out.items[href] = etag
        return out

    def listing(self, book: str, token: str | None) -> Listing:
        """`sync_collection` from ``token``; from scratch when the token is refused, and a
        `propfind_listing` when the server has no sync-collection."""
        try:
            return self.sync_collection(book, token)
        except TokenRejected:
            pass
        except Unsupported:
            return self.propfind_listing(book)
        try:
            return self.sync_collection(book, None)
        except Unsupported:
            return self.propfind_listing(book)

    # -- cards --------------------------------------------------------------------------------

    def multiget(self, book: str, hrefs: Sequence[str]) -> tuple[list[Fetched], set[str]]:
        """The cards at ``hrefs`` (batches of `BATCH`), and the hrefs the server says are gone
        (404). An href the answer leaves out is neither (it is fetched again next time)."""
        found: list[Fetched] = []
        missing: set[str] = set()
        for start in range(0, len(hrefs), BATCH):
            part = hrefs[start : start + BATCH]
            wanted = "".join(
                f"<d:href>{esc(quote(h, safe='/@:+,;=~!$&()*'))}</d:href>" for h in part
            )
            body = (
                f'{HEAD}<c:addressbook-multiget xmlns:d="DAV:" xmlns:c="{CARD}">'
                f"<d:prop><d:getetag/><c:address-data/></d:prop>{wanted}</c:addressbook-multiget>"
            )
            response = self._send("REPORT", book, body, {"Depth": "1"})
            root = self._multistatus("REPORT", book, response)
            for response_el in root.iter(q("d:response")):
                href = norm_href(response_el.findtext(q("d:href")) or "")
                status = status_of(response_el.findtext(q("d:status")))
                if status == 404:
                    missing.add(href)
                    continue
                for propstat in response_el.iter(q("d:propstat")):
                    pstatus = status_of(propstat.findtext(q("d:status")))
                    data = propstat.findtext(f"{q('d:prop')}/{q('c:address-data')}")
                    if pstatus == 404 and data is None:
                        continue
                    if data is not None:
                        etag = propstat.findtext(f"{q('d:prop')}/{q('d:getetag')}")
                        found.append(Fetched(href, etag or None, data))
                        self.downloaded += 1
        return found, missing

    def get(self, href: str) -> Fetched | None:
        """One card by GET; None when it is not there (404)."""
        url = self.absolute(href)
        response = self._send("GET", url)
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise DavError("dav.status", method="GET", url=url, status=response.status_code)
        self.downloaded += 1
        etag: str | None = response.headers.get("ETag")
        return Fetched(href, etag, response.text)

    def put(self, href: str, text: str, etag: str | None = None, *, create: bool) -> str | None:
        """Write a card; returns its new ETag when the server says it.

        Raises:
            Changed: 412 (it exists, for ``create``; it changed meanwhile, for an update).
        """
        url = self.absolute(href)
        headers = {"Content-Type": "text/vcard; charset=utf-8"}
        if create:
            headers["If-None-Match"] = "*"
        elif etag:
            headers["If-Match"] = etag
        response = self._send("PUT", url, text, headers)
        if response.status_code == 412:
            raise Changed("dav.changed", method="PUT", url=url)
        if response.status_code not in (200, 201, 204):
            raise DavError("dav.status", method="PUT", url=url, status=response.status_code)
        new_etag: str | None = response.headers.get("ETag")
        return new_etag

    def delete(self, href: str, etag: str | None) -> None:
        """Delete a card (if it is still as last seen). A card already gone is fine.

        Raises:
            Changed: 412, it changed on the server meanwhile.
        """
        url = self.absolute(href)
        response = self._send("DELETE", url, None, {"If-Match": etag} if etag else {})
        if response.status_code == 412:
            raise Changed("dav.changed", method="DELETE", url=url)
        if response.status_code not in (200, 204, 404):
            raise DavError("dav.status", method="DELETE", url=url, status=response.status_code)

    def make_addressbook(self, url: str) -> None:
        """Create an address book (extended MKCOL, RFC 5689); for tests and first setups."""
        body = (
            f'{HEAD}<d:mkcol xmlns:d="DAV:" xmlns:c="{CARD}"><d:set><d:prop>'
            "<d:resourcetype><d:collection/><c:addressbook/></d:resourcetype>"
            "</d:prop></d:set></d:mkcol>"
        )
        response = self._send("MKCOL", url, body)
        if response.status_code not in (201, 405):
            raise DavError("dav.status", method="MKCOL", url=url, status=response.status_code)
