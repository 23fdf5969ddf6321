"""CardDAV sync of a box: the service behind ``cardbox sync`` (accounts, running a sync).

It joins the box (`CardBox`), the sync state in the store (`cardbox.store.syncstate`) and the
CardDAV client (`cardbox.sync.dav`) into the storage interfaces of `cardbox.sync.engine` (the
adapters are `cardbox.services.sync_sides`), and
takes a snapshot of the box before every sync that changes something.

Passwords are never stored in the box. They come from the account's password command (run with
the shell, its first line of output), else ``$CARDBOX_SYNC_PASSWORD``, else a file saved with
``--save-password`` (``<box stem>-sync/<account>.password`` beside the box, mode 0600), else the
caller's prompt.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cardbox.domain.errors import CardboxError, InvalidInput, NotFound
from cardbox.domain.model import Contact
from cardbox.services.backups import before
from cardbox.services.box import CardBox
from cardbox.services.sync_sides import BoxSide, ServerSide, StateSide
from cardbox.store.syncstate import Account, ConflictRow
from cardbox.sync.cards import Codec, take_field
from cardbox.sync.dav import Client, DavError, Transport
from cardbox.sync.engine import sync
from cardbox.sync.report import Report, TooManyDeletes

__all__ = [
    "Account",
    "ConflictRow",
    "DavError",
    "Report",
    "SyncError",
    "TooManyDeletes",
    "accounts",
    "add_account",
    "conflicts",
    "remove_account",
    "resolve",
    "run",
]

ENV_PASSWORD = "CARDBOX_SYNC_PASSWORD"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class SyncError(CardboxError):
    """An account cannot be used as asked (unknown name, no password, bad URL)."""


def accounts(box: CardBox) -> list[Account]:
    """The box's sync accounts, by name."""
    with box.store.reader() as r:
        return r.syncstate.accounts()


def account(box: CardBox, name: str) -> Account:
    """The account called ``name``.

    Raises:
        NotFound: there is none.
    """
    for found in accounts(box):
        if found.name == name:
            return found
    raise NotFound("sync.no_account", name=name)


def _password_file(box: CardBox, name: str) -> Path:
    return box.path.with_name(f"{box.path.stem}-sync") / f"{name}.password"


def password(box: CardBox, found: Account, prompt: Callable[[str], str] | None = None) -> str:
    """The account's password (see the module notes for where it comes from).

    Raises:
        SyncError: the command fails, or there is no password and no prompt.
    """
    if found.password_command:
        try:
            done = subprocess.run(
                found.password_command,
                shell=True,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SyncError("sync.password_failed", reason=exc) from None
        if done.returncode != 0:
            raise SyncError(
                "sync.password_status", status=done.returncode, stderr=done.stderr.strip()[:200]
            )
        return (done.stdout.splitlines() or [""])[0]
    if os.environ.get(ENV_PASSWORD):
        return os.environ[ENV_PASSWORD]
    stored = _password_file(box, found.name)
    if stored.is_file():
        return stored.read_text(encoding="utf-8").rstrip("\n")
    if prompt is not None:
        return prompt(f"Password for {found.username or found.name} at {found.url}")
    raise SyncError("sync.no_password", name=found.name, env=ENV_PASSWORD)


def add_account(
    box: CardBox,
    name: str,
    url: str,
    user: str,
    *,
    password_command: str = "",
    secret: str | None = None,
    save_password: bool = False,
    transport: Transport | None = None,
) -> Account:
    """Add an account: check the URL, find the address book (discovery), save it.

    Raises:
        InvalidInput: the name or URL cannot be used, or the name is taken.
        DavError: the server cannot be reached or has no address book there.
    """
    if not _NAME.match(name):
        raise InvalidInput("sync.bad_name", name=name)
    if not re.match(r"^https?://[^/\s]+", url):
        raise InvalidInput("sync.bad_url", url=url)
    if any(a.name == name for a in accounts(box)):
        raise InvalidInput("sync.exists", name=name)

    draft = Account(0, name, url, "", user, password_command, None, None, "")
    key = secret if secret is not None else password(box, draft)
    with Client(url, user, key, transport=transport) as client:
        book = client.discover()
        version = _version(client, book)
    with box.store.transaction(plain=True) as tx:
        tx.syncstate.add_account(name, url, book, user, password_command)
        (added,) = [a for a in tx.syncstate.accounts() if a.name == name]
        tx.syncstate.set_version(added.id, version)
    if save_password and key:
        target = _password_file(box, name)
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(key)
        os.chmod(target, 0o600)
    return account(box, name)


def remove_account(box: CardBox, name: str) -> None:
    """Forget an account, its sync state and any saved password (contacts stay).

    Raises:
        NotFound: there is no such account.
    """
    account(box, name)
    with box.store.transaction(plain=True) as tx:
        tx.syncstate.remove_account(name)
    with contextlib.suppress(OSError):
        _password_file(box, name).unlink(missing_ok=True)


def run(
    box: CardBox,
    name: str,
    *,
    secret: str | None = None,
    prompt: Callable[[str], str] | None = None,
    dry_run: bool = False,
    allow_deletes: int = 0,
    transport: Transport | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    client_out: list[Client] | None = None,
    timeout: float | None = None,
) -> Report:
    """Sync the box with the account ``name``: pull, then push (see `cardbox.sync.engine`).
    A snapshot of the box is taken before the first change (none when nothing changes).
    ``timeout`` (seconds) replaces the client's own (`cardbox.sync.dav.TIMEOUT`).

    Raises:
        NotFound: no such account.
        SyncError: no password.
        DavError: the server could not be listed (nothing was changed).
        TooManyDeletes: the deletion guard stopped the run (nothing was changed).
    """
    found = account(box, name)
    key = secret if secret is not None else password(box, found, prompt)
    state = StateSide(box, found)
    book = found.book or found.url
    wait = {"timeout": timeout} if timeout is not None else {}
    with Client(book, found.username, key, transport=transport, **wait) as client:
        if client_out is not None:
            client_out.append(client)
        version = found.vcard_version
        if not version:  # an account added before cardbox asked
            version = _version(client, book)
            if not dry_run:
                with box.store.transaction(plain=True) as tx:
                    tx.syncstate.set_version(found.id, version)
        codec = _codec(box, version)
        report = sync(
            BoxSide(box),
            ServerSide(client, book),
            state,
            codec,
            dry_run=dry_run,
            allow_deletes=allow_deletes,
            progress=progress,
            before_change=lambda: _snapshot(box),
        )
    if not dry_run:
        at = datetime.now(UTC).isoformat(timespec="seconds")
        summary = json.dumps(summary_of(report), ensure_ascii=False)
        kept = [
            (
                c.uid,
                c.contact_id,
                c.name,
                c.conflict.field,
                c.conflict.here,
                c.conflict.there,
                c.here_card,
            )
            for c in report.conflicts
        ]

        with box.store.transaction(plain=True) as tx:
            tx.syncstate.finish(found.id, state.token, at, summary)
            tx.syncstate.add_conflicts(found.id, kept, at)
    return report


def _codec(box: CardBox, version: str = "3.0") -> Codec:
    return Codec({c: i.name for c, i in box.store.taxonomy().items()}, box.region, version)


def _version(client: Client, book: str) -> str:
    """``4.0`` when the address book says it takes vCard 4.0, else ``3.0`` (also when it cannot
    say: a server that refuses the question is no reason not to sync)."""
    try:
        return "4.0" if "4.0" in client.vcard_versions(book) else "3.0"
    except DavError:
        return "3.0"


def conflicts(box: CardBox, ids: Sequence[int] | None = None) -> list[ConflictRow]:
    """The conflicts no one has resolved yet (only ``ids`` when given), oldest first: fields
    both sides changed, the server's value in the card, cardbox's kept here."""
    with box.store.reader() as r:
        return r.syncstate.conflicts(ids)


KEEP_HERE, KEEP_THERE = "cardbox", "server"


def resolve(box: CardBox, ids: Sequence[int], keep: str) -> list[ConflictRow]:
    """Settle conflicts: ``keep`` is `KEEP_THERE` (the server's value, already in the card: the
    conflict is only forgotten) or `KEEP_HERE` (cardbox's value goes back into the contact; the
    next sync sends it). Returns the conflicts resolved.

    Raises:
        NotFound: an id is not an unresolved conflict (nothing is changed).
        InvalidInput: ``keep`` is neither, or cardbox's value cannot be put back because the
            contact was purged (keep the server's value instead).
    """
    if keep not in (KEEP_HERE, KEEP_THERE):
        raise InvalidInput("sync.keep_choice", keep=keep, here=KEEP_HERE, there=KEEP_THERE)
    found = conflicts(box, ids)
    unknown = sorted(set(ids) - {c.id for c in found})
    if unknown:
        listed = ", ".join(str(i) for i in unknown)
        raise NotFound("sync.conflict_unknown", ids=listed)
    if keep == KEEP_HERE:
        codec = _codec(box)
        by_contact: dict[int, list[tuple[ConflictRow, Contact]]] = {}
        for c in found:
            if c.contact_id is None:
                raise InvalidInput("sync.conflict_purged", id=c.id)
            mine = codec.parse(c.here_card, f"conflict {c.id}")
            if isinstance(mine, str):
                raise InvalidInput("sync.conflict_unreadable", id=c.id, reason=mine)
            by_contact.setdefault(c.contact_id, []).append((c, mine))
        for cid, items in by_contact.items():

            def change(
                contact: Contact, items: list[tuple[ConflictRow, Contact]] = items
            ) -> Contact:
                for c, mine in items:
                    contact = take_field(contact, mine, c.field)
                return contact

            box.store.update(cid, change)
    with box.store.transaction(plain=True) as tx:
        tx.syncstate.drop_conflicts([c.id for c in found])
    return found


def _snapshot(box: CardBox) -> None:
    before(box, "sync")


def summary_of(report: Report) -> dict[str, Any]:
    """A report as plain data (for ``--json`` and the stored last-run summary)."""
    data = asdict(replace(report))
    data["conflicts"] = [
        {
            "uid": c.uid,
            "contact_id": c.contact_id,
            "name": c.name,
            "field": c.conflict.field,
            "here": c.conflict.here,
            "there": c.conflict.there,
        }
        for c in report.conflicts
    ]
    return data
