"""Errors as the app says them: in the UI's language, with keys rather than commands.

Every `CardboxError` and `Problem` carries a code and its params (see `cardbox.domain.errors`);
this is the one place the TUI words them. `TEMPLATES` gives each code its text (English, marked
for translation; the Japanese is in ``cardbox/locale``), with the params filled in after the
translation. A code with no template (an error not yet converted to codes) is shown as its
English. Params are data: the result is plain text, never markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final

from cardbox.domain.errors import CardboxError, InvalidInput, Problem, english
from cardbox.tui.i18n import N_, _

#: The text of every error code, as the app shows it (translated when shown).
TEMPLATES: Final[dict[str, str]] = {
    "text": N_("{text}"),
    "nested": N_("{where}: {error}"),
    "query.too_long": N_("query too long ({length} characters; the limit is {limit})"),
    "query.too_many_parts": N_("query has {count} parts; the limit is {limit}"),
    "phone.unknown_region": N_(
        "unknown region '{region}': use a two-letter country code such as JP"
    ),
    "phone.empty": N_("phone '{text}': no number given"),
    "phone.too_long": N_("phone '{start}'...: too long to be a phone number"),
    "phone.unreadable": N_("phone '{number}': {reason}"),
    "phone.invalid": N_("phone '{number}': {reason} for {where} (+{country})"),
    "phone.invalid_here": N_(
        "phone '{number}': {reason} for {where} (+{country}) (read as a {where} number; prefix +"
        " and the country code for others)"
    ),
    "email.invalid": N_("e-mail '{address}': not an address (expected name@domain)"),
    "url.invalid": N_("URL '{url}': not a web address"),
    "address.empty": N_("address: nothing given"),
    "date.invalid": N_("date '{text}': expected YYYY-MM-DD, e.g. 2026-11-24"),
    "when.unreadable": N_("can't read '{text}' as a date: try {examples}"),
    "when.unreadable_because": N_("can't read '{text}' as a date: {reason}; try {examples}"),
    "past.unreadable": N_("can't read '{text}' as a past time: try {examples}"),
    "past.unreadable_because": N_("can't read '{text}' as a past time: {reason}; try {examples}"),
    "every.unreadable": N_("can't read '{text}' as a repetition: try {examples}"),
    "every.unreadable_because": N_("can't read '{text}' as a repetition: {reason}; try {examples}"),
    "snooze.earlier": N_(
        "'{text}' is before the reminder is due ({due}): a snooze puts it off; press r to"
        " reschedule it earlier"
    ),
    "cadence.unreadable": N_("can't read '{text}' as a cadence: try {examples}"),
    "cadence.range": N_(
        "can't use '{text}' as a cadence: it must be 1 day to 10 years (try {examples})"
    ),
    "birthday.format": N_("{text} is not a birthday: type YYYY-MM-DD, or MM-DD without the year."),
    "birthday.no_such_date": N_("{text}: there is no such day."),
    "birthday.typed": N_("{text} is not a birthday: type YYYY-MM-DD, or MM-DD without the year."),
    "zone.unknown": N_("unknown time zone '{name}': use an IANA name such as Asia/Tokyo"),
    "sort.unknown": N_("no sort order '{order}': use one of {choices}"),
    "card.unknown_fields": N_("unknown field(s): {names}"),
    "card.empty": N_("A card needs at least a name or a company."),
    "card.not_on_card": N_("{what} '{item}' is not on this card"),
    "contact.not_found_id": N_("no contact #{id}"),
    "contact.not_found_id_trash": N_("no contact #{id} in the trash"),
    "contact.not_found": N_("no contact '{text}'"),
    "contact.not_found_trash": N_("no contact '{text}' in the trash"),
    "contact.uid_prefix": N_("'{text}' is the start of several UIDs; give more of it"),
    "meeting.not_met": N_("this contact was not met at '{event}'"),
    "event.no_name": N_("an event needs a name"),
    "industry.unknown": N_("No industry called {name}: press ctrl+o to pick one."),
    "industry.ambiguous": N_("{name} could be {count} industries: press ctrl+o to pick one."),
    "industry.no_name": N_("an industry needs a name"),
    "industry.exists": N_("industry '{name}' already exists"),
    "company.no_name": N_("give a company name"),
    "company.not_found": N_("no company '{name}'"),
    "company.ambiguous": N_("'{name}' matches several companies: {names}; give more of the name"),
    "merge.same": N_("That is the same contact twice: choose two contacts."),
    "merge.unknown_field": N_("cannot choose '{name}' in a merge: choose among {choices}"),
    "merge.not_offered": N_(
        "{label}: '{value}' is neither contact's value (has a contact changed since?)"
    ),
    "merge.none": N_("no merge to undo"),
    "merge.not_found": N_("no merge #{id}"),
    "merge.undone": N_("merge #{id} was already undone on {when}"),
    "reminder.not_found": N_("no reminder #{id}"),
    "reminder.done": N_("reminder #{id} is already done"),
    "log.unknown_kind": N_("unknown kind '{kind}': use one of {choices}"),
    "import.not_found": N_("no import #{id}"),
    "import.undone": N_("import #{id} was already undone on {when}"),
    "import.kept": N_("{error}; the {count} card(s) written before were kept"),
    "import.empty_folder": N_("{path}: no .vcf files in this folder"),
    "import.missing": N_("{path}: no such file or folder"),
    "import.not_file": N_("{path}: not a file or folder"),
    "import.unreadable": N_("{path}: cannot read the file: {reason}"),
    "file.symlink": N_("{path}: is a symbolic link; cardbox neither follows nor replaces it"),
    "file.exists": N_("{path}: already exists"),
    "file.not_regular": N_(
        "{path}: not a regular file (a device, socket or folder); cardbox writes only to files"
    ),
    "file.not_fifo": N_("{path}: is no longer a FIFO; nothing was written"),
    "export.unknown_readings": N_("unknown readings '{readings}': use one of {choices}"),
    "export.unknown_profile": N_("unknown profile '{profile}': use one of {choices}"),
    "export.unknown_csv": N_("unknown CSV target '{target}': use one of {choices}"),
    "export.unwritable": N_("{path}: cannot write: {reason}"),
    "export.no_folder": N_("{path}: cannot create the folder: {reason}"),
    "export.bad_name": N_("'{name}': not a plain file name"),
    "qr.unknown_format": N_("unknown QR format '{fmt}': use vcard or mecard"),
    "qr.suffix": N_("{path}: a QR code can be saved as .png or .svg, not '{suffix}'"),
    "qr.not_regular": N_("{path}: not a regular file; a QR code is saved only as a file"),
    "qr.unwritable": N_("{path}: cannot write the QR code ({reason})"),
    "csv.bad_utf16": N_("starts as UTF-16 but is not: {where}"),
    "csv.bad_utf8": N_("starts with a UTF-8 mark but is not UTF-8: {where}"),
    "csv.encoding": N_("neither UTF-8 nor Shift_JIS (cp932): {where}"),
    "csv.unknown_layout": N_("unknown CSV layout '{layout}': use one of {choices}"),
    "csv.too_large": N_("{source}: file larger than {mb} MB"),
    "csv.empty": N_("{source}: the file is empty"),
    "csv.not_layout": N_(
        "{source}: not a {layout} CSV file (no line has its columns); the header found on line"
        " {line} is: {found}"
    ),
    "csv.no_layout": N_(
        "{source}: not a known CSV layout (Eight, Sansan, Google, Outlook, Thunderbird or"
        " cardbox); the header found on line {line} is: {found}"
    ),
    "box.none": N_("there is no box at {path}"),
    "box.no_folder": N_("the folder {folder} does not exist, so there is no box at {path}"),
    "store.old_sqlite": N_(
        "SQLite {version} is too old: cardbox needs {need} or newer (for the FTS5 trigram index)."
        " Use a Python built against a newer SQLite."
    ),
    "store.unopenable": N_("{path}: cannot open the box: {reason}"),
    "store.not_a_file": N_(
        "{path}: cannot open the box: not a regular file (a box is an SQLite file)"
    ),
    "store.uncreatable": N_("{path}: cannot create the box: {reason}"),
    "store.newer": N_(
        "{path}: this box was written by a newer cardbox (schema {revision}); upgrade cardbox to"
        " open it"
    ),
    "store.no_upgrade_backup": N_("{path}: cannot back up the box before upgrading it: {reason}"),
    "store.no_upgrade": N_("{path}: cannot upgrade the box: {reason}"),
    "store.read_only": N_(
        "{path}: the box is read-only (the file or its folder cannot be written); nothing was"
        " changed"
    ),
    "store.unwritable": N_("{path}: cannot write to the box: {reason}"),
    "store.unclosable": N_("{path}: cannot be closed for the restore: {reason}"),
    "backup.unopenable": N_("{path}: cannot be opened: {reason}"),
    "backup.damaged": N_("{path}: failed the integrity check: {problems}"),
    "backup.not_a_box": N_("{path}: not a cardbox box ({reason})"),
    "backup.exists": N_("{path}: already exists"),
    "backup.uncopyable": N_("{path}: cannot be copied: {reason}"),
    "backup.missing": N_("{path}: no such file"),
    "sync.no_account": N_("no sync account '{name}'"),
    "sync.password_failed": N_("the password command failed: {reason}"),
    "sync.password_status": N_("the password command exited with {status}: {stderr}"),
    "sync.no_password": N_("no password for '{name}'"),
    "sync.bad_name": N_("account name '{name}': use letters, digits, '.', '_' or '-' (up to 64)"),
    "sync.bad_url": N_("URL '{url}': expected http:// or https:// and a server"),
    "sync.exists": N_("there is already a sync account '{name}'"),
    "import.none": N_("no imports yet"),
    "dav.transport": N_("{method} {url}: {reason}"),
    "dav.bad_url": N_("{method} {url}: {reason}"),
    "dav.unauthorized": N_("{method} {url}: 401 Unauthorized (check the user and password)"),
    "dav.status": N_("{method} {url}: the server answered {status}"),
    "dav.not_xml": N_("{method} {url}: the answer is not XML ({reason})"),
    "dav.no_principal": N_("{url}: not an address book, and no principal was found"),
    "dav.no_home": N_("{url}: the principal {principal} has no addressbook-home-set"),
    "dav.no_book": N_("{url}: no address book in {home}"),
    "dav.token_refused": N_("REPORT {url}: the sync token was refused"),
    "dav.no_sync_collection": N_("REPORT {url}: sync-collection answered {status}"),
    "dav.changed": N_("{method} {url}: changed on the server meanwhile"),
    "sync.card_unreadable": N_("{href}: {reason}"),
    "sync.too_many_deletes": N_(
        "this sync would delete {here} contact(s) here and {there} card(s) on the server;"
        " nothing was changed"
    ),
    "import.none_to_undo": N_("no import to undo"),
    "sync.keep_choice": N_("keep '{keep}': expected '{here}' or '{there}'"),
    "sync.conflict_unknown": N_("no unresolved sync conflict {ids}"),
    "sync.conflict_purged": N_(
        "conflict {id}: the contact was purged; only the server's value can be kept"
    ),
    "sync.conflict_unreadable": N_("conflict {id}: cardbox's card cannot be read: {reason}"),
}

#: The reasons the phone and date readers give inside a message, translated when shown.
REASONS: Final[frozenset[str]] = frozenset(
    (
        N_("too short"),
        N_("too long"),
        N_("unknown country code"),
        N_("wrong number of digits"),
        N_("not a valid number"),
        N_("not a phone number"),
        N_("empty"),
        N_("too far ahead"),
        N_("too far back"),
        N_("the amount must be at least 1"),
        N_("both 午前/午後 and am/pm"),
        N_("hours go to 23 and minutes to 59"),
        N_("Japanese era years are not read: write the western year"),
        N_("ambiguous: write the year first, as in 2026-12-01"),
        N_("times are counted forward: write 3d, not -3d"),
        N_("it never happens"),
    )
)


#: Reasons with a value in them: what the reader wrote, and how it is said in the UI.
PATTERNS: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (
            r"there is no month (?P<month>\d+): dates are month/day",
            N_("there is no month {month}: dates are month/day"),
        ),
        (r"there is no day (?P<day>\d+) in a month", N_("there is no day {day} in a month")),
        (
            r"(?P<hour>.+) is not an hour on a 12-hour clock",
            N_("{hour} is not an hour on a 12-hour clock"),
        ),
        (r"(?P<day>'.+') is not a day of the week", N_("{day} is not a day of the week")),
        (
            r"a number alone is not a date: write (?P<days>\S+) for days, or month/day",
            N_("a number alone is not a date: write {days} for days, or month/day"),
        ),
        (r"that counts forward: write (?P<ago>.+)", N_("that counts forward: write {ago}")),
        (
            r"(?P<when>.+) is in the future, and a log records what happened",
            N_("{when} is in the future, and a log records what happened"),
        ),
        (r"the interval must be 1 to (?P<most>\d+)", N_("the interval must be 1 to {most}")),
        (
            r"Japanese era years are not read, write the western year: (?P<western>.+)"
            r" \((?P<era>.+) is (?P<year>\d+)\)",
            N_(
                "Japanese era years are not read, write the western year: {western}"
                " ({era} is {year})"
            ),
        ),
    )
)


def describe(error: BaseException | Problem) -> str:
    """What the app shows for ``error``, in the UI's language (one line per problem); any other
    exception (an `OSError`) as its own text."""
    if not isinstance(error, CardboxError | Problem):
        return str(error)
    if isinstance(error, InvalidInput):
        return "\n".join(_say(p.code, p.params) for p in error.problems)
    return _say(error.code, error.params)


def problems(error: CardboxError) -> list[Problem]:
    """What is wrong, by field where it is known (``field`` ``""``: the whole)."""
    if isinstance(error, InvalidInput):
        return list(error.problems)
    return [Problem("", error.code, error.params)]


def by_field(found: Iterable[Problem]) -> dict[str, str]:
    """The problems of a form as the form shows them: each field's, one a line."""
    out: dict[str, list[str]] = {}
    for problem in found:
        out.setdefault(problem.field, []).append(describe(problem))
    return {field: "\n".join(lines) for field, lines in out.items()}


def _say(code: str, params: Mapping[str, object]) -> str:
    template = TEMPLATES.get(code)
    if template is None:
        return english(code, params)
    shown = {key: _param(value) for key, value in params.items()}
    try:
        return _(template).format_map(shown)
    except (KeyError, IndexError, ValueError):
        return english(code, params)


def _param(value: object) -> object:
    if isinstance(value, CardboxError | Problem):
        return describe(value)
    if not isinstance(value, str):
        return value
    if value in REASONS:
        return _(value)
    for pattern, template in PATTERNS:
        if found := pattern.fullmatch(value):
            return _(template).format_map(found.groupdict())
    return value
