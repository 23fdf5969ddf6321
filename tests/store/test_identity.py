"""Who a card is about: strong matches, never a shared mailbox or switchboard, weak ones named."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cardbox.domain.model import Contact, Email, Phone
from cardbox.services.box import CardBox
from cardbox.store.identity import Identity, Maybe
from tests.conftest import card

MOBILE = "+819012345678"
BOARD = "+81312345678"


def incoming(phones: Sequence[str] = (), emails: Sequence[str] = (), **kw: Any) -> Contact:
    return Contact(
        phones=tuple(Phone(e164=p, text=p) for p in phones),
        emails=tuple(Email(address=e) for e in emails),
        **kw,
    )


def add(box: CardBox, **kw: object) -> int:
    contact = box.add(card(**kw))
    assert contact.id is not None
    return contact.id


def test_a_personal_email_or_a_phone_of_one_person_identifies_them(box: CardBox) -> None:
    yamada = add(
        box,
        family_name="山田",
        given_name="太郎",
        company="サクラテック",
        emails=["taro@gmail.example"],
        phones=["090-1234-5678"],
    )
    by_mail = box.store.identify(incoming(family_name="山田", emails=["TARO@gmail.example"]))
    assert by_mail == Identity(yamada, "email")
    by_phone = box.store.identify(incoming(given_name="Taro", phones=[MOBILE]))
    assert by_phone == Identity(yamada, "phone")
    assert box.store.identify(incoming(family_name="鈴木", given_name="花子")) == Identity(None)


def test_a_role_mailbox_a_switchboard_or_another_name_never_identifies(box: CardBox) -> None:
    add(box, family_name="田中", given_name="一郎", emails=["info@abc.example"], phones=[BOARD])
    add(box, family_name="佐藤", given_name="健", phones=[BOARD])  # the company's main number
    assert (
        box.store.identify(incoming(family_name="X", emails=["info@abc.example"])).contact_id
        is None
    )
    assert box.store.identify(incoming(phones=[BOARD])).contact_id is None
    solo = add(box, family_name="石井", given_name="直樹", phones=["080-2222-3333"])
    other = incoming(family_name="木村", given_name="拓也", phones=["+818022223333"])
    assert box.store.identify(other) == Identity(None)  # a colleague who got the line
    assert (
        box.store.identify(incoming(family_name="石井", phones=["+818022223333"])).contact_id
        == solo
    )


def test_the_same_name_at_the_same_company_identifies_any_spelling(box: CardBox) -> None:
    sato = add(box, family_name="佐藤", given_name="健", company="株式会社山田製作所")
    found = box.store.identify(
        incoming(family_name="佐藤", given_name="健", company="㈱山田製作所")
    )
    assert found == Identity(sato, "name")


def test_the_same_name_elsewhere_is_only_a_possible_match(box: CardBox) -> None:
    sato = add(box, family_name="佐藤", given_name="健", company="山田製作所")
    found = box.store.identify(incoming(family_name="佐藤", given_name="健", company="北斗電機"))
    assert found == Identity(None, maybe=Maybe(sato, "same name, different company"))
    bare = box.store.identify(incoming(family_name="佐藤", given_name="健"))
    assert bare.maybe == Maybe(sato, "same name, no company to compare")


def test_a_similar_name_at_the_same_company_is_only_a_possible_match(box: CardBox) -> None:
    smith = add(box, family_name="Smith", given_name="Jonathan", company="Acme Inc.")
    found = box.store.identify(incoming(family_name="Smith", given_name="Jonathon", company="ACME"))
    assert found.contact_id is None
    assert found.maybe is not None and found.maybe.contact_id == smith
    assert (
        found.maybe.reason.startswith("similar name (0.9") and "same company" in found.maybe.reason
    )


def test_a_family_mailbox_under_another_given_name_is_only_a_possible_match(box: CardBox) -> None:
    yutaka = add(box, family_name="内田", given_name="豊", emails=["uchida@home.example"])
    found = box.store.identify(
        incoming(family_name="内田", given_name="理恵", emails=["uchida@home.example"])
    )
    assert found == Identity(None, maybe=Maybe(yutaka, "same e-mail, other given name"))


def test_a_trashed_contact_is_never_matched(box: CardBox) -> None:
    gone = add(box, family_name="山田", given_name="太郎", emails=["taro@gmail.example"])
    box.remove(gone)
    assert box.store.identify(incoming(emails=["taro@gmail.example"])) == Identity(None)


def test_a_similar_given_name_at_the_same_company_is_only_a_possible_match(box: CardBox) -> None:
    emma = add(box, family_name="Wilson", given_name="Emma", company="Wilson Consulting")
    found = box.store.identify(
        incoming(family_name="Wilson", given_name="Emily", company="Wilson Consulting LLC")
    )
    assert found == Identity(
        None, maybe=Maybe(emma, "same family name, given names alike, same company")
    )


def test_a_phone_shared_by_two_names_in_one_field_is_only_a_possible_match(box: CardBox) -> None:
    ann = add(box, family_name="Ann Lee", phones=["090-1234-5678"])
    found = box.store.identify(incoming(family_name="Bob Lee", phones=[MOBILE]))
    assert found == Identity(None, maybe=Maybe(ann, "same phone, one name differs"))
    assert box.store.identify(incoming(family_name="Ann Lee", phones=[MOBILE])) == Identity(
        ann, "phone"
    )
