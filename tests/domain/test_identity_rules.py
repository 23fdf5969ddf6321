"""`cardbox.domain.identity` decides over candidates the store fetched, with no store at all."""

from __future__ import annotations

from cardbox.domain.identity import Candidate, Identity, decide, keys, lookalikes
from cardbox.domain.model import Contact, Email, Phone


def person(cid: int, family: str, given: str, company: str = "") -> Contact:
    return Contact(id=cid, family_name=family, given_name=given, company=company)


def test_a_shared_personal_email_is_the_person_when_the_names_agree() -> None:
    card = Contact(family_name="山田", given_name="太郎", emails=(Email("taro@example.jp"),))
    found = [Candidate(person(7, "山田", "太郎"), email="taro@example.jp")]
    assert decide(card, found) == Identity(7, "email")


def test_a_shared_email_between_two_names_that_differ_is_nobody() -> None:
    card = Contact(family_name="内田", given_name="豊", emails=(Email("uchida@example.jp"),))
    found = [Candidate(person(3, "内田", "理恵"), email="uchida@example.jp")]
    assert decide(card, found).contact_id is None


def test_the_same_name_at_the_same_company_and_a_number_beat_a_weaker_hint() -> None:
    card = Contact(
        family_name="佐藤",
        given_name="健",
        company="株式会社山田製作所",
        phones=(Phone("+819011112222", "090-1111-2222"),),
    )
    by_name = Candidate(person(4, "佐藤", "健", "㈱山田製作所"))
    by_phone = Candidate(person(9, "佐藤", "健"), phone="+819011112222")
    assert decide(card, [by_name, by_phone]) == Identity(9, "phone")
    assert decide(card, [by_name]) == Identity(4, "name")
    assert decide(card, []) == Identity(None)


def test_the_form_warns_about_a_shared_email_whatever_the_name_but_identity_does_not_merge() -> (
    None
):
    card = Contact(family_name="内田", given_name="豊", emails=(Email("uchida@example.jp"),))
    other = Contact(
        id=3, family_name="内田", given_name="理恵", emails=(Email("uchida@example.jp"),)
    )
    assert decide(card, [Candidate(other, email="uchida@example.jp")]).contact_id is None
    ((warned, match),) = lookalikes(card, [(other, {"email"})])
    assert warned.id == 3 and match.likely


def test_identity_keys_leave_out_role_mailboxes_and_unchecked_numbers() -> None:
    card = Contact(
        family_name="Lee",
        given_name="Ann",
        company="ACME Inc.",
        emails=(Email("info@acme.example"), Email("ann@acme.example")),
        phones=(Phone("", "12345"),),
    )
    found = keys(card)
    assert "email:ann@acme.example" in found
    assert not any(k.startswith(("email:info", "tel:")) for k in found)
    assert any(k.startswith("name:") for k in found)
