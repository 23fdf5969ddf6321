"""Companies and job history in SQL (plain sqlite3, on the read connection or a write's).

A company is its `company_key`: the contacts with that key are its people (``contact.company_key``,
kept by the writer), and the ``company`` table holds only what the user said about the company as
a whole (display name, reading, industry). ``job_change`` keeps each job a person left.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from cardbox.domain.companies import Job, JobChange
from cardbox.domain.model import Contact
from cardbox.store.batches import batches

_JOB = (
    "SELECT id, contact_id, at, source, old_company, old_department, old_title,"
    " new_company, new_department, new_title FROM job_change"
)


def _change(r: tuple[object, ...]) -> JobChange:
    return JobChange(
        contact_id=int(str(r[1])),
        old=Job(str(r[4]), str(r[5]), str(r[6])),
        new=Job(str(r[7]), str(r[8]), str(r[9])),
        at=datetime.fromisoformat(str(r[2])) if r[2] else None,
        source=str(r[3]),
        id=int(str(r[0])),
    )


def job_history(conn: sqlite3.Connection, contact_id: int) -> list[JobChange]:
    """A contact's job changes, oldest first."""
    rows = conn.execute(f"{_JOB} WHERE contact_id = ? ORDER BY at, id", (contact_id,))
    return [_change(r) for r in rows]


def past_jobs(conn: sqlite3.Connection, contact_id: int) -> list[Job]:
    """The jobs a contact held before (the old side of each job change)."""
    return [c.old for c in job_history(conn, contact_id)]


def record_job_changes(
    conn: sqlite3.Connection,
    changes: Iterable[JobChange],
    *,
    at: str,
    source: str,
    run_id: int | None = None,
) -> None:
    """Write job changes (each with its ``contact_id``)."""
    conn.executemany(
        "INSERT INTO job_change (contact_id, at, source, run_id, old_company, old_company_key,"
        " old_department, old_title, new_company, new_company_key, new_department, new_title)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                c.contact_id,
                at,
                source,
                run_id,
                c.old.company,
                c.old.key,
                c.old.department,
                c.old.title,
                c.new.company,
                c.new.key,
                c.new.department,
                c.new.title,
            )
            for c in changes
        ],
    )


def forget_run(conn: sqlite3.Connection, run_id: int) -> None:
    """Remove the job changes an import recorded (when the import is undone)."""
    conn.execute("DELETE FROM job_change WHERE run_id = ?", (run_id,))


# -- companies ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredCompany:
    """A company as stored: its key, what the user set, and its live people's spellings."""

    key: str
    name: str = ""
    """The display name the user set (``""``: use the most common spelling)."""
    reading: str = ""
    industry: str = ""
    people: int = 0
    spellings: tuple[tuple[str, int], ...] = ()
    """How its people write it, most common first, with counts."""
    readings: tuple[str, ...] = ()
    """Readings on its people's cards, most common first."""


def company_rows(conn: sqlite3.Connection, key: str | None = None) -> list[StoredCompany]:
    """Every company with live people or details set (or just the one with ``key``)."""
    where, args = ("AND company_key = ?", (key,)) if key is not None else ("", ())
    spell: dict[str, Counter[str]] = {}
    read: dict[str, Counter[str]] = {}
    for k, company, reading, n in conn.execute(
        "SELECT company_key, company, company_reading, count(*) FROM contact"
        f" WHERE deleted_at IS NULL AND company_key != '' {where}"
        " GROUP BY company_key, company, company_reading",
        args,
    ):
        spell.setdefault(k, Counter())[company] += n
        if reading:
            read.setdefault(k, Counter())[reading] += n
    set_rows = {
        r[0]: r[1:]
        for r in conn.execute(
            "SELECT key, name, reading, industry FROM company"
            + (" WHERE key = ?" if key is not None else ""),
            args,
        )
    }
    out = []
    for k in sorted(set(spell) | set(set_rows)):
        name, reading, industry = set_rows.get(k, ("", "", ""))
        spellings = spell.get(k, Counter())
        out.append(
            StoredCompany(
                key=k,
                name=name,
                reading=reading,
                industry=industry,
                people=sum(spellings.values()),
                spellings=tuple(sorted(spellings.items(), key=lambda s: (-s[1], s[0]))),
                readings=tuple(r for r, _ in read.get(k, Counter()).most_common()),
            )
        )
    return out


def company_keys(conn: sqlite3.Connection) -> list[str]:
    """Every company key known: of live people, past people and companies with details."""
    rows = conn.execute(
        "SELECT company_key FROM contact WHERE deleted_at IS NULL AND company_key != ''"
        " UNION SELECT old_company_key FROM job_change WHERE old_company_key != ''"
        " UNION SELECT key FROM company"
    )
    return sorted(r[0] for r in rows)


def people(conn: sqlite3.Connection, key: str) -> list[int]:
    """Ids of a company's live people, in reading order."""
    rows = conn.execute(
        "SELECT id FROM contact WHERE company_key = ? AND deleted_at IS NULL ORDER BY sort_key, id",
        (key,),
    )
    return [int(r[0]) for r in rows]


def past_people(conn: sqlite3.Connection, key: str) -> list[JobChange]:
    """Job changes of live contacts who left the company with ``key``, newest first."""
    rows = conn.execute(
        "SELECT j.id, j.contact_id, j.at, j.source, j.old_company, j.old_department, j.old_title,"
        " j.new_company, j.new_department, j.new_title FROM job_change j"
        " JOIN contact c ON c.id = j.contact_id"
        " WHERE j.old_company_key = ? AND j.new_company_key != ? AND c.deleted_at IS NULL"
        " ORDER BY j.at DESC, j.id DESC",
        (key, key),
    )
    return [_change(r) for r in rows]


def company_industries(conn: sqlite3.Connection, keys: Iterable[str]) -> dict[str, str]:
    """The industry set on each of these companies (only those that have one)."""
    wanted = sorted({k for k in keys if k})
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    return dict(
        conn.execute(
            f"SELECT key, industry FROM company WHERE industry != '' AND key IN ({marks})",
            wanted,
        ).fetchall()
    )


def with_company_industries(
    conn: sqlite3.Connection, contacts: Sequence[Contact], known: Iterable[str]
) -> list[Contact]:
    """``contacts`` each with its company's industry added (when the company has one set and
    ``known`` holds the code): people who join a company inherit its industry."""
    from cardbox.domain.companies import company_key

    codes = set(known)
    keys = [company_key(c.company) if c.company.strip() else "" for c in contacts]
    industries = company_industries(conn, keys)
    out = []
    for c, key in zip(contacts, keys, strict=True):
        code = industries.get(key)
        if code and code in codes and code not in c.industries:
            c = replace(c, industries=(*c.industries, code))
        out.append(c)
    return out


def save_company(
    conn: sqlite3.Connection,
    key: str,
    *,
    at: str,
    name: str | None = None,
    reading: str | None = None,
    industry: str | None = None,
) -> None:
    """Create the company's row or change what is given (None leaves a value as it is)."""
    conn.execute("INSERT OR IGNORE INTO company (key, updated_at) VALUES (?, ?)", (key, at))
    for column, value in (("name", name), ("reading", reading), ("industry", industry)):
        if value is not None:
            conn.execute(
                f"UPDATE company SET {column} = ?, updated_at = ? WHERE key = ?", (value, at, key)
            )


def people_industries(conn: sqlite3.Connection, key: str | None = None) -> dict[str, Counter[str]]:
    """For each company (or the one with ``key``): its live people's industries, counted."""
    where, args = ("AND c.company_key = ?", (key,)) if key is not None else ("", ())
    out: dict[str, Counter[str]] = {}
    for k, code, n in conn.execute(
        "SELECT c.company_key, i.code, count(*) FROM contact c"
        " JOIN contact_industry ci ON ci.contact_id = c.id JOIN industry i ON i.id = ci.industry_id"
        f" WHERE c.deleted_at IS NULL AND c.company_key != '' {where}"
        " GROUP BY c.company_key, i.code",
        args,
    ):
        out.setdefault(k, Counter())[code] += n
    return out


def known_readings(conn: sqlite3.Connection, keys: Iterable[str]) -> dict[str, str]:
    """The reading known for each company key: the one set for the company (`save_company`),
    else the most common confirmed reading on its live people's cards. Keys with none are
    left out."""
    wanted = sorted({k for k in keys if k})
    out: dict[str, str] = {}
    for chunk in batches(wanted):
        marks = ", ".join("?" * len(chunk))
        counts: dict[str, Counter[str]] = {}
        for key, reading, n in conn.execute(
            "SELECT company_key, company_reading, count(*) FROM contact"
            f" WHERE company_key IN ({marks}) AND deleted_at IS NULL"
            " AND company_reading != '' AND company_reading_confirmed"
            " GROUP BY company_key, company_reading",
            chunk,
        ):
            counts.setdefault(key, Counter())[reading] += n
        for key, tally in counts.items():
            out[key] = min(tally, key=lambda r: (-tally[r], r))
        for key, reading in conn.execute(
            f"SELECT key, reading FROM company WHERE key IN ({marks}) AND reading != ''", chunk
        ):
            out[key] = reading
    return out


def with_known_readings(conn: sqlite3.Connection, contacts: Sequence[Contact]) -> list[Contact]:
    """``contacts``, each whose company reading is missing or only a suggestion taking the
    reading known for its company (`known_readings`), as a confirmed one."""
    from cardbox.domain.companies import company_key

    def open_reading(c: Contact) -> bool:
        return bool(c.company.strip()) and not (c.company_reading and c.company_reading_confirmed)

    keys = {company_key(c.company) for c in contacts if open_reading(c)}
    known = known_readings(conn, keys) if keys else {}
    out = []
    for c in contacts:
        reading = known.get(company_key(c.company)) if open_reading(c) else None
        if reading:
            c = replace(c, company_reading=reading, company_reading_confirmed=True)
        out.append(c)
    return out
