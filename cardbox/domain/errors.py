"""Errors a user can read: every one says what is wrong and where.

An error carries a ``code`` and its ``params``, not a sentence: each front end words it in one
place (``cardbox/cli/errors.py`` adds command hints, ``cardbox/tui/errors.py`` translates).
`MESSAGES` holds the English of every code; ``str(error)`` is that English with the params
filled in, for logs and for tests that match text. Bad input is a list of `Problem` values, each
naming the field it is about, so a form can show each one at its field.

A code that is not in `MESSAGES` is shown as it is written (errors from code not yet converted,
e.g. the sync client's, are still sentences).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

#: The English of every error code. Params are filled in with `str.format`; a param may itself
#: be an error or a `Problem` (shown in the same language as the whole).
MESSAGES: Final[dict[str, str]] = {
    "text": "{text}",
    "nested": "{where}: {error}",
    # what people type
    "query.too_long": "query too long ({length} characters; the limit is {limit})",
    "query.too_many_parts": "query has {count} parts; the limit is {limit}",
    "phone.unknown_region": "unknown region {region!r}: use a two-letter country code such as JP",
    "phone.empty": "phone {text!r}: no number given",
    "phone.too_long": "phone {start!r}...: too long to be a phone number",
    "phone.unreadable": "phone {number!r}: {reason}",
    "phone.invalid": "phone {number!r}: {reason} for {where} (+{country})",
    "phone.invalid_here": (
        "phone {number!r}: {reason} for {where} (+{country})"
        " (read as a {where} number; prefix + and the country code for others)"
    ),
    "email.invalid": "e-mail {address!r}: not an address (expected name@domain)",
    "url.invalid": "URL {url!r}: not a web address",
    "address.empty": "address: nothing given",
    "date.invalid": "date {text!r}: expected YYYY-MM-DD, e.g. 2026-11-24",
    "when.unreadable": "can't read '{text}' as a date: try {examples}",
    "when.unreadable_because": "can't read '{text}' as a date: {reason}; try {examples}",
    "past.unreadable": "can't read '{text}' as a past time: try {examples}",
    "past.unreadable_because": "can't read '{text}' as a past time: {reason}; try {examples}",
    "every.unreadable": "can't read '{text}' as a repetition: try {examples}",
    "every.unreadable_because": "can't read '{text}' as a repetition: {reason}; try {examples}",
    "snooze.earlier": (
        "'{text}' is before the reminder is due ({due}): a snooze puts it off;"
        " reschedule it to move it earlier"
    ),
    "cadence.unreadable": "can't read '{text}' as a cadence: try {examples}",
    "cadence.range": (
        "can't use '{text}' as a cadence: it must be 1 day to 10 years (try {examples})"
    ),
    "birthday.format": (
        "can't read '{text}' as a birthday: use YYYY-MM-DD, or --MM-DD without a year"
    ),
    "birthday.no_such_date": "can't read '{text}' as a birthday: no such date",
    "birthday.typed": (
        "can't read '{text}' as a birthday: type 1985-04-12, or 04-12 (or 4月12日) without the year"
    ),
    "zone.unknown": "unknown time zone {name!r}: use an IANA name such as Asia/Tokyo",
    "sort.unknown": "no sort order {order!r}: use one of {choices}",
    # cards
    "card.unknown_fields": "unknown field(s): {names}",
    "card.empty": "a card needs at least a name or a company",
    "card.not_on_card": "{what} {item!r} is not on this card",
    "contact.not_found_id": "no contact #{id}",
    "contact.not_found_id_trash": "no contact #{id} in the trash",
    "contact.not_found": "no contact {text!r}",
    "contact.not_found_trash": "no contact {text!r} in the trash",
    "contact.uid_prefix": "{text!r} is the start of several UIDs; give more of it",
    "meeting.not_met": "this contact was not met at {event!r}",
    "event.no_name": "an event needs a name",
    "industry.unknown": "unknown industry {name!r}",
    "industry.ambiguous": "industry {name!r} is ambiguous: {names}; use the code",
    "industry.no_name": "an industry needs a name",
    "industry.exists": "industry {name!r} already exists",
    "company.no_name": "give a company name",
    "company.not_found": "no company {name!r}",
    "company.ambiguous": "{name!r} matches several companies: {names}; give more of the name",
    "merge.same": "that is the same contact twice",
    "merge.unknown_field": "cannot choose {name!r} in a merge: choose among {choices}",
    "merge.not_offered": (
        "{label}: {value!r} is neither contact's value (has a contact changed since?)"
    ),
    "merge.none": "no merge to undo",
    "merge.not_found": "no merge #{id}",
    "merge.undone": "merge #{id} was already undone on {when}",
    # follow-ups
    "reminder.not_found": "no reminder #{id}",
    "reminder.done": "reminder #{id} is already done",
    "log.unknown_kind": "unknown kind {kind!r}: use one of {choices}",
    # files: import, export, QR, CSV
    "import.not_found": "no import #{id}",
    "import.none": "no imports yet",
    "dav.transport": "{method} {url}: {reason}",
    "dav.bad_url": "{method} {url}: {reason}",
    "dav.unauthorized": "{method} {url}: 401 Unauthorized (check the user and password)",
    "dav.status": "{method} {url}: the server answered {status}",
    "dav.not_xml": "{method} {url}: the answer is not XML ({reason})",
    "dav.no_principal": "{url}: not an address book, and no principal was found",
    "dav.no_home": "{url}: the principal {principal} has no addressbook-home-set",
    "dav.no_book": "{url}: no address book in {home}",
    "dav.token_refused": "REPORT {url}: the sync token was refused",
    "dav.no_sync_collection": "REPORT {url}: sync-collection answered {status}",
    "dav.changed": "{method} {url}: changed on the server meanwhile",
    "sync.card_unreadable": "{href}: {reason}",
    "sync.too_many_deletes": (
        "this sync would delete {here} contact(s) here and {there} card(s) on the server;"
        " nothing was changed"
    ),
    "import.none_to_undo": "no import to undo",
    "import.undone": "import #{id} was already undone on {when}",
    "import.kept": "{error}; the {count} card(s) written before were kept",
    "import.empty_folder": "{path}: no .vcf files in this folder",
    "import.missing": "{path}: no such file or folder",
    "import.not_file": "{path}: not a file or folder",
    "import.unreadable": "{path}: cannot read the file: {reason}",
    "file.symlink": "{path}: is a symbolic link; cardbox neither follows nor replaces it",
    "file.exists": "{path}: already exists",
    "file.not_regular": (
        "{path}: not a regular file (a device, socket or folder); cardbox writes only to files"
    ),
    "file.not_fifo": "{path}: is no longer a FIFO; nothing was written",
    "export.unknown_readings": "unknown readings {readings!r}: use one of {choices}",
    "export.unknown_profile": "unknown profile {profile!r}: use one of {choices}",
    "export.unknown_csv": "unknown CSV target {target!r}: use one of {choices}",
    "export.unwritable": "{path}: cannot write: {reason}",
    "export.no_folder": "{path}: cannot create the folder: {reason}",
    "export.bad_name": "{name!r}: not a plain file name",
    "qr.unknown_format": "unknown QR format {fmt!r}: use vcard or mecard",
    "qr.suffix": "{path}: a QR code can be saved as .png or .svg, not {suffix!r}",
    "qr.not_regular": "{path}: not a regular file; a QR code is saved only as a file",
    "qr.unwritable": "{path}: cannot write the QR code ({reason})",
    "csv.bad_utf16": "starts as UTF-16 but is not: {where}",
    "csv.bad_utf8": "starts with a UTF-8 mark but is not UTF-8: {where}",
    "csv.encoding": "neither UTF-8 nor Shift_JIS (cp932): {where}",
    "csv.unknown_layout": "unknown CSV layout {layout!r}: use one of {choices}",
    "csv.too_large": "{source}: file larger than {mb} MB",
    "csv.empty": "{source}: the file is empty",
    "csv.not_layout": "{source}: not a {layout} CSV file (no line has its columns);"
    " the header found on line {line} is: {found}",
    "csv.no_layout": "{source}: not a known CSV layout (Eight, Sansan, Google, Outlook,"
    " Thunderbird or cardbox); the header found on line {line} is: {found}",
    # the box
    "box.none": "there is no box at {path}",
    "box.no_folder": "the folder {folder} does not exist, so there is no box at {path}",
    "store.old_sqlite": (
        "SQLite {version} is too old: cardbox needs {need} or newer (for the FTS5 trigram"
        " index). Use a Python built against a newer SQLite."
    ),
    "store.unopenable": "{path}: cannot open the box: {reason}",
    "store.not_a_file": (
        "{path}: cannot open the box: not a regular file (a box is an SQLite file)"
    ),
    "store.uncreatable": "{path}: cannot create the box: {reason}",
    "store.newer": (
        "{path}: this box was written by a newer cardbox (schema {revision});"
        " upgrade cardbox to open it"
    ),
    "store.no_upgrade_backup": "{path}: cannot back up the box before upgrading it: {reason}",
    "store.no_upgrade": "{path}: cannot upgrade the box: {reason}",
    "store.read_only": (
        "{path}: the box is read-only (the file or its folder cannot be written);"
        " nothing was changed"
    ),
    "store.unwritable": "{path}: cannot write to the box: {reason}",
    "store.unclosable": "{path}: cannot be closed for the restore: {reason}",
    "backup.unopenable": "{path}: cannot be opened: {reason}",
    "backup.damaged": "{path}: failed the integrity check: {problems}",
    "backup.not_a_box": "{path}: not a cardbox box ({reason})",
    "backup.exists": "{path}: already exists",
    "backup.uncopyable": "{path}: cannot be copied: {reason}",
    "backup.missing": "{path}: no such file",
    # sync accounts
    "sync.no_account": "no sync account {name!r}",
    "sync.password_failed": "the password command failed: {reason}",
    "sync.password_status": "the password command exited with {status}: {stderr}",
    "sync.no_password": "no password for {name!r}",
    "sync.bad_name": "account name {name!r}: use letters, digits, '.', '_' or '-' (up to 64)",
    "sync.bad_url": "URL {url!r}: expected http:// or https:// and a server",
    "sync.exists": "there is already a sync account {name!r}",
    "sync.keep_choice": "keep {keep!r}: expected {here!r} or {there!r}",
    "sync.conflict_unknown": "no unresolved sync conflict {ids}",
    "sync.conflict_purged": (
        "conflict {id}: the contact was purged; only the server's value can be kept"
    ),
    "sync.conflict_unreadable": "conflict {id}: cardbox's card cannot be read: {reason}",
}


def english(code: str, params: Mapping[str, object]) -> str:
    """The English of ``code`` with ``params`` filled in (a code with no English: itself)."""
    template = MESSAGES.get(code)
    if template is None:
        return code
    try:
        return template.format_map(params)
    except (KeyError, IndexError, ValueError):
        return f"{template} {dict(params)!r}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with what was typed: which ``field`` (``""``: the whole), what, with what."""

    field: str
    code: str
    params: Mapping[str, object] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:
        return english(self.code, self.params)


class CardboxError(Exception):
    """Base of every error cardbox reports to a person instead of a traceback.

    ``CardboxError(code, params)`` or ``CardboxError(code, name=value, ...)``.
    """

    def __init__(
        self, code: str, params: Mapping[str, object] | None = None, /, **more: object
    ) -> None:
        super().__init__(code)
        self.code = code
        self.params: dict[str, object] = {**(params or {}), **more}

    def __str__(self) -> str:
        return english(self.code, self.params)


class InvalidInput(CardboxError):
    """Something typed or read could not be accepted (a phone number, a date, a query).

    ``InvalidInput(code, params)`` for one problem (``field=`` names its field), or
    ``InvalidInput([Problem, ...])`` for everything wrong with a form; ``problems`` has them.
    """

    def __init__(
        self,
        code: str | Sequence[Problem],
        params: Mapping[str, object] | None = None,
        /,
        *,
        field: str = "",
        **more: object,
    ) -> None:
        if isinstance(code, str):
            problems = [Problem(field, code, {**(params or {}), **more})]
        else:
            problems = list(code) or [Problem(field, "text", {"text": "invalid input"})]
        super().__init__(problems[0].code, problems[0].params)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class NotFound(CardboxError):
    """A contact, event or industry that was asked for does not exist."""


class StoreError(CardboxError):
    """The store cannot be opened or used (old SQLite, unreadable file, newer schema)."""


class NoBox(StoreError):
    """There is no box at the path given, and the command does not create one."""
