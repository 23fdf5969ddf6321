"""Companies and jobs: one matching key for 株式会社ABC, ABC(株), ㈱ABC, ABC Inc., ＡＢＣ株式会社;
and when a card about a known person is a job change (`job_change`, at the end).

`company_key` is for matching only (never shown): NFKC (so ㈱, （株）, ㍿ and full-width letters
become plain text), case-folded, legal-form words removed wherever they stand, then everything
that is not a letter or a digit removed.

Choices:

* Japanese legal forms (株式会社, (株), 一般社団法人 ...) are removed anywhere in the name: they
  are never part of what a company is called, whether written before or after it.
* Latin legal forms that are unambiguous (Inc., Corp., Corporation, Ltd., Limited, LLC, K.K.,
  GmbH, PLC ...) are removed as whole words anywhere; short ones that are also ordinary words or
  name parts (Co, Company, AG, SA, BV, AB ...) only at the end of the name, or, for "Co", when a
  dot or "Ltd" follows it. So "Co-op Foods" keeps its "co".
* Kana script is not folded: ソニー and そにー are different strings for a company name.
* A name that is nothing but a legal form keeps it (``株式会社`` gives ``株式会社``), so that no
  key is empty unless the name is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from cardbox.domain.model import Contact
from cardbox.domain.text import normalise

JA_LEGAL_FORMS = (
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "相互会社",
    "一般社団法人",
    "一般財団法人",
    "公益社団法人",
    "公益財団法人",
    "医療法人社団",
    "医療法人財団",
    "医療法人",
    "社会医療法人",
    "社会福祉法人",
    "学校法人",
    "宗教法人",
    "特定非営利活動法人",
    "NPO法人",
    "独立行政法人",
    "国立大学法人",
    "地方独立行政法人",
    "弁護士法人",
    "税理士法人",
    "司法書士法人",
    "行政書士法人",
    "社会保険労務士法人",
    "弁理士法人",
    "有限責任事業組合",
)
"""Japanese legal-form words, removed wherever they stand in a name."""

JA_ABBREVIATIONS = (
    "株",
    "有",
    "合",
    "資",
    "名",
    "同",
    "社",
    "財",
    "医",
    "学",
    "福",
    "宗",
    "独",
    "特非",
    "一社",
    "一財",
    "公社",
    "公財",
    "NPO",
)
"""Abbreviations in brackets: (株), （有）, ㈱ and ㈲ (NFKC turns ㈱ into "(株)")."""

LATIN_LEGAL_FORMS = frozenset(
    {
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "ltd",
        "limited",
        "llc",
        "llp",
        "lllp",
        "kk",
        "gk",
        "yk",
        "gmbh",
        "plc",
        "pte",
        "pty",
    }
)
"""Latin legal forms removed as whole words anywhere (compared without dots: K.K. is ``kk``)."""

LATIN_TRAILING_FORMS = frozenset(
    {"co", "company", "ag", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab", "oy", "as", "lp"}
)
"""Short Latin legal forms removed only at the end of a name (they are also ordinary words)."""

_JA_FORMS = re.compile(
    "|".join(
        re.escape(unicodedata.normalize("NFKC", f))
        for f in sorted(JA_LEGAL_FORMS, key=len, reverse=True)
    ),
    re.IGNORECASE,
)
_JA_ABBREV = re.compile(
    r"\(\s*(?:"
    + "|".join(re.escape(a) for a in sorted(JA_ABBREVIATIONS, key=len, reverse=True))
    + r")\s*\)",
    re.IGNORECASE,
)
# A Latin word with its dots and joining apostrophes/ampersands: "k.k.", "co.", "at&t".
_WORD = re.compile(r"[a-z0-9](?:[a-z0-9.&'\-]*[a-z0-9.])?", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[\W_]+")
_NAME_BEFORE = re.compile(r"[^\W_]")


def _latin_word(word: str) -> str:
    return word.replace(".", "")


def strip_legal_forms(name: str) -> str:
    """``name`` (NFKC) without its legal-form words: ``"ＡＢＣ株式会社"`` -> ``"ABC"``.

    Case, punctuation and the spaces between the remaining words are kept.
    """
    text = unicodedata.normalize("NFKC", name)
    text = _JA_ABBREV.sub(" ", text)
    text = _JA_FORMS.sub(" ", text)
    words = list(_WORD.finditer(text))
    drop: list[tuple[int, int]] = []
    for i, match in enumerate(words):
        word = match.group(0).casefold()
        bare = _latin_word(word)
        follows = _latin_word(words[i + 1].group(0).casefold()) if i + 1 < len(words) else ""
        if not bare.isascii():
            continue
        if (
            bare in LATIN_LEGAL_FORMS
            or (bare == "co" and (word.endswith(".") or follows in ("ltd", "limited", "inc")))
            or (
                bare in LATIN_TRAILING_FORMS
                and _NAME_BEFORE.search(text, 0, match.start()) is not None
                and _only_forms_after(words, i)
            )
        ):
            drop.append(match.span())
    for start, end in reversed(drop):
        text = text[:start] + " " + text[end:]
    return " ".join(text.split()).strip(" ,.&")


def _only_forms_after(words: list[re.Match[str]], i: int) -> bool:
    """True when every word after ``words[i]`` is a legal form too (so ``i`` ends the name)."""
    return all(
        _latin_word(w.group(0).casefold()) in LATIN_LEGAL_FORMS | LATIN_TRAILING_FORMS
        for w in words[i + 1 :]
    )


@lru_cache(maxsize=8192)
def company_key(name: str) -> str:
    """The matching key of a company name: ``"ＡＢＣ株式会社"`` -> ``"abc"``; ``""`` for ``""``.

    NFKC, case fold, legal-form words removed (see the module notes), then every character that
    is not a letter or a digit removed.
    """
    key = _NOT_ALNUM.sub("", strip_legal_forms(name).casefold())
    if key:
        return key
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", name).casefold())


# -- jobs ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """Where someone works: company, department, title (as written on the card)."""

    company: str = ""
    department: str = ""
    title: str = ""

    @property
    def key(self) -> str:
        """The `company_key` of the company (``""`` for none)."""
        return company_key(self.company) if self.company.strip() else ""

    def describe(self) -> str:
        """``株式会社サクラ 営業部 部長``: the parts there are, on one line."""
        return " ".join(p for p in (self.company, self.department, self.title) if p.strip())


@dataclass(frozen=True)
class JobChange:
    """A known person arrived with another company or title: the job before and after."""

    contact_id: int | None
    old: Job
    new: Job
    at: datetime | None = None
    source: str = ""
    """Where the news came from: ``import #3``, ``add``."""
    id: int | None = None


def job_of(c: Contact) -> Job:
    """The job a contact holds now."""
    return Job(c.company, c.department, c.title)


def _same_text(a: str, b: str) -> bool:
    return normalise(a) == normalise(b)


def job_change(existing: Contact, card: Contact, past: Iterable[Job] = ()) -> JobChange | None:
    """The job change ``card`` brings to ``existing`` (the same person), or None.

    A job change is a card with a company whose `company_key` differs from the contact's, or
    with the same company and another title (both written). A contact without a company gets
    it filled in, which is no change; a company spelled another way (株式会社ABC and ABC(株))
    is the same company. A card that shows a job the person held before (``past``) is an old
    card, not a change.
    """
    new, old = job_of(card), job_of(existing)
    if not new.key or not old.key:
        return None
    if new.key == old.key and (
        not new.title.strip() or not old.title.strip() or _same_text(new.title, old.title)
    ):
        return None
    for job in past:
        if job.key == new.key and (not new.title.strip() or _same_text(job.title, new.title)):
            return None
    if new.key == old.key:  # a new title at the same company: keep how the company is written
        new = Job(old.company, new.department or old.department, new.title)
    return JobChange(existing.id, old, new)


def with_job(existing: Contact, change: JobChange, card: Contact) -> Contact:
    """``existing`` holding the new job of ``change``: company, its reading, department, title.

    The company's reading comes with the card (a suggestion stays marked as one; none is
    cleared, to be suggested again) when the company changes; the old job stays in the job
    history, not on the contact.
    """
    moved = change.new.key != change.old.key
    return replace(
        existing,
        company=change.new.company,
        company_reading=card.company_reading if moved else existing.company_reading,
        company_reading_confirmed=(
            card.company_reading_confirmed if moved else existing.company_reading_confirmed
        ),
        department=change.new.department,
        title=change.new.title,
    )
