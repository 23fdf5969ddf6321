"""Every file of the shared vCard corpus imports without a traceback, with the right people.

The corpus lives next to the repository, in ``tests/data/vcard`` (vendored from the team corpus) (145 files from phones,
desktop clients and servers). `corpus_expected.EXPECTED` holds, for the files that matter most,
what a person reading the bytes expects; every other file must give one person per
``BEGIN:VCARD`` line (less the group cards and empty cards listed in `NOT_PEOPLE`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cardbox.domain.model import Contact
from cardbox.formats.vcard.mapping import Group, to_contact
from cardbox.formats.vcard.parse import Failure, read_cards
from tests.formats.corpus_expected import EXPECTED, NOT_PEOPLE

CORPUS = Path(__file__).resolve().parents[1] / "data" / "vcard"
_BEGIN = re.compile(rb"^begin:vcard\s*$", re.IGNORECASE | re.MULTILINE)


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.fail(f"the vCard corpus is missing: expected it at {CORPUS}", pytrace=False)
    files = sorted(CORPUS.rglob("*.vcf"))
    if len(files) != 145:
        pytest.fail(f"expected 145 .vcf files in {CORPUS}, found {len(files)}", pytrace=False)
    return files


def name(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


def import_file(path: Path, region: str = "JP") -> tuple[list[Contact], list[Group], list[Failure]]:
    cards, failures = read_cards(path.read_bytes(), name(path))
    people: list[Contact] = []
    groups: list[Group] = []
    for card in cards:
        result = to_contact(card, region=region)
        if isinstance(result, Contact):
            people.append(result)
        elif isinstance(result, Group):
            groups.append(result)
        else:
            failures.append(result)
    return people, groups, failures


def begin_lines(data: bytes) -> int:
    """BEGIN:VCARD lines, counted independently of the parser (UTF-16 made ASCII first)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:200].count(0) > 20:
        data = data.replace(b"\x00", b"")
    return len(_BEGIN.findall(data.replace(b"\r", b"\n")))


def test_the_table_names_real_files() -> None:
    names = {name(p) for p in corpus_files()}
    assert set(EXPECTED) - names == set()
    assert set(NOT_PEOPLE) - names == set()
    assert len(EXPECTED) >= 40


@pytest.mark.parametrize("path", corpus_files(), ids=name)
def test_every_file_imports_with_one_person_per_card(path: Path) -> None:
    expected = EXPECTED.get(name(path))
    people, groups, failures = import_file(path, expected.region if expected else "JP")
    count = begin_lines(path.read_bytes()) - NOT_PEOPLE.get(name(path), 0)
    assert len(people) == count, [f.reason for f in failures]
    if expected is None:
        assert failures == []
        assert groups == []
    for person in people:
        assert person.family_name or person.given_name or person.company


def _actual(person: Contact, key: str) -> Any:
    if key == "phones":
        return [(p.e164, p.label) for p in person.phones]
    if key == "emails":
        return [e.address for e in person.emails]
    if key == "photo":
        return person.photo.mime if person.photo else None
    if key == "urls":
        return tuple(u.url for u in person.urls)
    if key == "address":
        a = person.addresses[0]
        return (a.label, a.street, a.postal_code)
    return getattr(person, key)


def _check(person: Contact, fields: dict[str, Any]) -> Iterator[str]:
    for key, want in fields.items():
        if key == "notes_has":
            ok = want in person.notes
        elif key == "warns":
            ok = want in person.extra.get("warnings", "")
        elif key == "extra_has":
            ok = want in person.extra.get("vcard", "").split("\r\n")
        else:
            ok = _actual(person, key) == want
        if not ok:
            got = (
                person.extra
                if key in ("warns", "extra_has")
                else _actual(person, key.removesuffix("_has"))
            )
            yield f"{key}: expected {want!r}, got {got!r}"


@pytest.mark.parametrize("file", sorted(EXPECTED), ids=str)
def test_key_fields_file_by_file(file: str) -> None:
    expected = EXPECTED[file]
    people, groups, failures = import_file(CORPUS / file, expected.region)
    assert len(people) == len(expected.people)
    problems = [
        f"person {i + 1} {problem}"
        for i, (person, fields) in enumerate(zip(people, expected.people, strict=True))
        for problem in _check(person, fields)
    ]
    assert problems == []
    assert [(g.name, len(g.members)) for g in groups] == list(expected.groups)
    assert [f.reason for f in failures] == list(expected.failures)


def test_corpus_summary(capsys: pytest.CaptureFixture[str]) -> None:
    files = corpus_files()
    people = groups = 0
    failed: list[str] = []
    for path in files:
        expected = EXPECTED.get(name(path))
        p, g, f = import_file(path, expected.region if expected else "JP")
        people, groups = people + len(p), groups + len(g)
        failed += [f"{x.source}:{x.line}: {x.reason}" for x in f]
    with capsys.disabled():
        print(
            f"\nvCard corpus: {len(files)} files, {people} people, {groups} groups, {len(failed)} failures"
        )
        for line in failed:
            print(f"  {line}")
    assert people > 200
