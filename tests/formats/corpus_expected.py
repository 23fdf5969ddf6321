"""What each important file of ``tests/data/vcard`` (vendored from the team corpus) holds, checked by eye against its bytes.

One `File` per file: the people (contacts) it must give, in order, each with the fields worth
checking (any `Contact` attribute, plus ``phones`` as ``(e164, label)`` pairs, ``emails`` as
addresses, ``photo`` as the media type or ``None``, ``notes_has`` for a part of the notes,
``address`` for the first address as ``(label, street, postal code)``, ``warns`` for a part of
the warnings, and ``extra_has`` for a line kept in ``extra["vcard"]``); the groups as ``(name,
member count)``; and the reasons of cards that must fail. ``region`` reads numbers written
without ``+``. A file not listed here is checked against `NOT_PEOPLE` and a count of its
``BEGIN:VCARD`` lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

NO_NAME = "no name, company, phone or e-mail"


@dataclass(frozen=True)
class File:
    people: tuple[dict[str, Any], ...]
    groups: tuple[tuple[str, int], ...] = ()
    failures: tuple[str, ...] = ()
    region: str = "JP"
    note: str = ""


EXPECTED: dict[str, File] = {
    # -- Japanese feature phones: Shift_JIS, SOUND;X-IRMC-N, half-width katakana ------------------
    "aosp-vcard/v21_japanese_1.vcf": File(
        (
            {
                "family_name": "安藤ロイド",
                "given_name": "",
                "family_reading": "アンドウロイド",  # ｱﾝﾄﾞｳﾛｲﾄﾞ, NFKC
                "phones": [("", "")],  # 0300000000 is not a valid Japanese number: unchecked
                "warns": "phone '0300000000': not a valid number for JP (+81); kept as written",
            },
        )
    ),
    "aosp-vcard/v21_japanese_2.vcf": File(
        (
            {
                "family_name": "安藤",
                "given_name": "ロイド1",
                "family_reading": "アンドウ",
                "given_reading": "ロイド1",
                "address": ("home", "東京都渋谷区桜丘町26-1セルリアンタワー6階", "150-8512"),
                "notes": "メモ",  # Shift_JIS quoted-printable
            },
        )
    ),
    "aosp-vcard/v30_japanese.vcf": File(
        (
            {"family_name": "伊能", "given_name": "圭一", "middle_name": "伊予"},
        ),  # 能 ends in byte 0x5C
        note="raw Shift_JIS in 3.0; N's third part is the middle name",
    ),
    "aosp-vcard/v40_sip.vcf": File(
        ({"family_name": "安藤", "given_name": "ロイド", "phones": [("", "home"), ("", "home")]},),
        note="tel:1 and sip: are not phone numbers",
    ),
    "web-transcribed/qiita-katakaku-featurephone-sjis.vcf": File(
        (
            {
                "family_name": "私の名前",
                "family_reading": "ワタシノナマエ",
                "phones": [("+818012345678", "mobile")],
                "emails": [],
                "addresses": (),
                "extra_has": "X-GNO:0",
            },
        )
    ),
    "web-transcribed/qiita-katakaku-icloud-export.vcf": File(
        ({"family_name": "自宅", "family_reading": "じたく", "phones": [("", "home")]},),
        note="050 123 4567 has too few digits for a 050 number",
    ),
    "aosp-vcard/v30_simple.vcf": File(
        (
            {
                "family_name": "And",
                "given_name": "Roid",
                "company": "Open",
                "department": "Handset Alliance",
                "family_reading": "android",  # 3.0: SORT-STRING is the family name's
            },
        )
    ),
    "aosp-vcard/v21_complicated.vcf": File(
        (
            {
                "family_name": "Gump",
                "given_name": "Forrest",
                "middle_name": "Hoge",
                "company": "Gump Shrimp Co.",
                "department": "Sales Dept.;Manager Fish keeper",
                "title": "Shrimp Man",
                "phones": [  # the ADR is in the United States of America: US numbers first
                    ("", "work"),  # (111) 555-1212: no such area code, unchecked
                    ("+14045551212", "home"),
                    ("+81311111111", "mobile"),
                    ("+81322222222", "video"),
                    ("+81333333333", ""),
                ],
                "warns": "phone '0311111111': read as a JP number",
                "emails": ["forrestgump@walladalla.com", "cell@example.com"],
                "address": ("work", "100 Waters Edge", "30314"),
                "notes_has": "Now's the time for all folk to come to the aid of their country.",
                "photo": "image/jpeg",
                "birthday": "1980-01-01",
                "extra_has": "X-ATTRIBUTE:Some String",
            },
        )
    ),
    "aosp-vcard/v21_invalid_comment_line.vcf": File(
        (
            {
                "uid": "357",
                "given_name": "Conference Call",
                "notes": "This is an (sharp ->#<- sharp) example. This message must NOT be ignored.",
            },
        )
    ),
    "aosp-vcard/v21_adr_multiple_line.vcf": File(
        (
            {
                "family_name": "bogus",
                "birthday": "2008-12-03",
                "address": ("home", "Grindelberg 999", "99999"),
                "urls": ("http://bogus.com/",),
            },
        )
    ),
    "aosp-vcard/v21_malformed_photo.vcf": File(
        ({"family_name": "name", "photo": None, "warns": "not valid base64"},)
    ),
    "aosp-vcard/v21_invalid_multiple_line.vcf": File(
        ({"given_name": "Omega", "emails": ["omega@example.com"]},)
    ),
    "aosp-vcard/v21_im.vcf": File((), failures=(NO_NAME,), note="only a nickname and an IM"),
    # -- Apple: groups, Japanese, company cards, TIFF photos, CR CR LF --------------------------
    "ccs-caldavtester/9.vcf": File(
        (
            {
                "family_name": "バイト",
                "given_name": "ダブル",
                "notes": "日本ですよ。",
                "emails": ["doublebytes@example.com"],
                "address": ("work", "1-23-4 Iroh #1", "33-3333"),
                "uid": "8424B7F0-C878-4722-B522-EBB07CF48AD7:ABPerson",
            },
        )
    ),
    "ccs-caldavtester/13.vcf": File((), groups=(("Sub Group", 2),)),
    "ccs-caldavtester/gAddressBook6.vcf": File((), groups=(("user02", 8),)),
    "ccs-caldavtester/1.vcf": File(
        ({"family_name": "Thompson", "given_name": "Default", "emails": ["lthompson@example.com"]},)
    ),
    "qtpim/AAB5-SingleNonAscii.vcf": File(
        (
            {
                "family_name": "name",
                "given_name": "ひらがな",
                "company": "ABC",
                "emails": ["a@b.com"],
            },
        )
    ),
    "qtpim/AAB4-SingleCompany.vcf": File(
        (
            {
                "family_name": "",
                "given_name": "",
                "company": "Apple Computer Inc.",
                "photo": "image/tiff",
                "urls": ("http://www.apple.com",),
            },
        )
    ),
    "qtpim/gmail.vcf": File(
        (
            {
                "family_name": "Contact",
                "given_name": "Test",
                "company": "company",
                "birthday": "1900-01-01",
            },
            {
                "family_name": "2",
                "given_name": "Test",
                "middle_name": "Contact",
                "company": "ノキア",
            },
        )
    ),
    "qtpim/Entourage12-basic.vcf": File(
        ({"family_name": "last", "given_name": "first", "company": "Nokia", "department": "Qt DF"},)
    ),
    "roundcube/apple.vcf": File(
        ({"company": "Apple Computer AG", "given_name": "", "photo": "image/jpeg"},),
        note="PHOTO;BASE64 folded with two spaces",
    ),
    "roundcube/photo.vcf": File(
        (
            {
                "family_name": "Müller",
                "given_name": "Jörg",
                "company": "Apple Computer AG",
                "photo": "image/jpeg",
            },
        )
    ),
    "virginity/apple.vcf": File(
        ({"company": "Apple Computer Benelux BV", "given_name": "", "photo": "image/tiff"},)
    ),
    "ez-vcard/John_Doe_IPHONE.vcf": File(
        (
            {
                "family_name": "Doe",
                "given_name": "John",
                "middle_name": "Richter James",
                "name_prefix": "Mr.",
                "name_suffix": "Sr.",
                "formatted_name": "",  # FN:Mr. John Richter James Doe Sr. is what N gives
                "company": "IBM",
                "department": "Accounting",
                "phones": [
                    ("+19055551234", "mobile"),
                    ("+19056661234", "home"),
                    ("+19057771234", "work"),
                    ("+19058881234", "home fax"),
                    ("+19059991234", "work fax"),
                    ("", "pager"),  # 905-111-1234: not a valid number, unchecked
                    ("+19052221234", "assistant phone"),
                ],
                "emails": ["john.doe@ibm.com"],
                "urls": ("http://www.ibm.com",),
                "birthday": "2012-06-06",
                "photo": "image/jpeg",
            },
        ),
        region="US",
        note="every line ends CR CR LF; 905-111-1234 is not a valid number",
    ),
    "cozy-vcard/ios-full.vcf": File(
        (
            {
                "family_name": "Contact",
                "given_name": "Full",
                "middle_name": "Middle",
                "family_reading": "Phonetic Last Name",
                "given_reading": "Phonetic First Name Phonetic Middle Name",
                "company": "SuperCorp",
                "department": "Department",
                "emails": [
                    "test@cozy.io",
                    "test2@cozy.io",
                    "test3@cozy.io",
                    "test4@cozy.io",
                    "test5@cozy.io",
                    "gelnior@free.fr",
                ],
                "phones": [
                    ("+33102030400", "home"),
                    ("+33102030401", "work"),
                    ("+33102030402", "iPhone"),
                    ("+33102030403", "mobile"),
                    ("", "main"),  # 010203040Nickname4, unchecked
                    ("+33102030405", "home fax"),
                    ("+33102030406", "work fax"),
                    ("+33102030407", "pager"),
                    ("+33102030408", "other"),
                    ("+33102030409", "Customphone"),
                    ("", "home"),  # 0867 45346, unchecked
                ],
                "birthday": "2015-03-03",
            },
        ),
        region="FR",
        note="010203040Nickname4 and 0867 45346 are not numbers",
    ),
    "cozy-vcard/multiple-cards.vcf": File(
        (
            {"family_name": "Zohar", "given_name": "Dana", "birthday": "--07-30", "uid": "599"},
            {
                "given_name": "Daniel",
                "middle_name": "Ben Moshe",
                "emails": ["daniel14bm@gmail.com"],
            },
        )
    ),
    # -- 4.0: ALTID, SORT-AS, KIND:group, data: URI ----------------------------------------------
    "py-vobject/vcard40_multilang.vcf": File(
        (
            {
                "family_name": "山田",
                "given_name": "太郎",
                "family_reading": "yamada",
                "given_reading": "taro",
                "uid": "multilang-vcard-example",
            },
        )
    ),
    "py-vobject/vcard40_group.vcf": File((), groups=(("The Doe Family", 3),)),
    "py-vobject/vcard40_full.vcf": File(
        (
            {
                "family_name": "Public",
                "given_name": "John",
                "middle_name": "Quinlan",
                "company": "Example Corp.",
                "department": "North Division Marketing",
                "tags": ("BUSINESS", "NETWORKING"),
                "uid": "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
                "birthday": "1985-04-15",
                "photo": None,
                "extra_has": "PHOTO:http://www.example.com/pub/photos/jqpublic.gif",
            },
        )
    ),
    "radicale/contact_photo_with_data_uri_v4.vcf": File(
        ({"family_name": "Contact", "photo": "image/png"},)
    ),
    "khard/photov4.vcf": File(({"given_name": "with photo", "photo": "image/png"},)),
    "khard/altid.vcf": File(({"family_name": "representation", "given_name": "one"},)),
    "radicale/contact4-with-bday-no-year.vcf": File(({"birthday": "--01-01"},)),
    "vcard4android/vcard4.vcf": File(({"birthday": "--04-16"},)),
    # -- charsets: WINDOWS-1252, Latin-1 QP labelled UTF-8, raw UTF-8 in QP ----------------------
    "roundcube/johndoe.vcf": File(
        ({"family_name": "Doë", "given_name": "John", "company": "roundcube.net"},)
    ),
    "roundcube/thebat.vcf": File(
        ({"family_name": "Iksiñski", "given_name": "Piotr"},),
        note="=F1 without CHARSET: cp1252 ñ (the writer meant Polish ń; nothing in the file says so)",
    ),
    "cozy-vcard/thundersync.vcf": File(
        (
            {
                "family_name": "de Cozy",
                "given_name": "Testé",
                "company": "Société Cozycloud",
                "notes": "46b12,\n3ème étage droite.",
                "phones": [("+33123456789", "work"), ("+33612345678", "mobile")],
                "birthday": "1989-02-02",
            },
        ),
        region="FR",
    ),
    "cozy-vcard/android-quotedprintable.vcf": File(
        (
            {
                "family_name": "de Cozy",
                "given_name": "Testé",
                "company": "Société Cozycloud",
                "title": "Tésteur Fou",
                "address": ("home", "1, rue Accentuée 75010 Paris", ""),
            },
        )
    ),
    "virginity/zeus21.vcf": File(
        ({"family_name": "Carreño Quiñones", "given_name": "Ζεύς", "company": "Maria-Jose Inc."},)
    ),
    "gammu/quoted-printable-empty-new-line.vcf": File(
        ({"family_name": "Hörmann", "given_name": "Joseph"},)
    ),
    "gammu/quoted-printable-normal.vcf": File(({"family_name": "Bc. Zdeněk Žák"},)),
    "gammu/line-continuation.vcf": File(
        ({"family_name": "Nikdo", "given_name": "Nikdovic", "notes": "This ends with equal sign="},)
    ),
    "gammu/vcard3-utf-8.vcf": File(
        (
            {
                "family_name": "Bodø likningskontor",
                "tags": ("government", "Norwegian"),
                "phones": [("+4775546800", "work"), ("+4775546805", "work fax")],
            },
        )
    ),
    "gammu/char-escaping.vcf": File((), failures=(NO_NAME,), note="only NOTE lines"),
    # -- KDE: Mustermann, Heiko; lower case; QP; vCards without a person -------------------------
    "kcontacts/vcard5.vcf": File(
        (
            {
                "family_name": "Mustermann",
                "given_name": "Heiko",
                "company": "KDE",
                "tags": ("Friend",),
                "birthday": "1955-07-19",
                "photo": "image/png",
                "phones": [("+49351223344", "home"), ("+49351443322", "work"), ("", "mobile")],
                "emails": ["heiko.mustermann@freenet.org", "heiko8@tst.inf.tu-dresden.de"],
            },
        ),
        region="DE",
        note="FN:Mustermann, Heiko; VERSION last; 0173 223344 is not a valid mobile number",
    ),
    "kcontacts/vcard10.vcf": File(
        (
            {
                "company": "Bike Shop",
                "given_name": "",
                "address": ("work", "DDDDDDDDDDDDDDD-Staße 2\n00000 DDDDDDDDDD", ""),
            },
            {"given_name": "Broken", "urls": ("http://some-webseite.com",)},
            {"given_name": "Broken", "urls": ("http://some-webseite.com",)},
            {
                "family_name": "Name",
                "given_name": "Surname",
                "title": "Facharzt für Allgemeinmedizin",
            },
            {"family_name": "Doctor", "given_name": "Second", "title": "Dentist"},
        )
    ),
    "kcontacts/vcard3.vcf": File(
        (
            {
                "family_name": "geiser",
                "given_name": "ian",
                "company": "Source eXtreme",
                "title": "VP of Engineering",
            },
        )
    ),
    "kcontacts/vcard7.vcf": File((), failures=(NO_NAME,), note="an empty N and a LABEL"),
    "kcontacts/vcard_legacy_messaging_fields.vcf": File(
        (
            {
                "family_name": "Name",
                "given_name": "My",
                "extra_has": "X-messaging/xmpp-All:one@test.org\ue000two@test.org",
            },
        )
    ),
    # -- ez-vcard's John Doe set and friends ------------------------------------------------------
    "ez-vcard/John_Doe_ANDROID.vcf": File(
        (
            {
                "given_name": "john.doe@company.com",
                "tags": ("My Contacts",),
                "warns": "has no name",
            },
            {"given_name": "jane.doe@company.com", "tags": ("My Contacts",)},
            {"family_name": "Ñ Ñ Ñ Ñ", "phones": [("+81123456789", "mobile")]},
            {"family_name": "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ", "notes_has": "Ñ Ñ Ñ Ñ Ñ Ñ Ñ ÑÑ Ñ"},
            {"family_name": "Ñ Ñ", "given_name": "Ñ Ñ Ñ", "company": "ÑÑÑÑÑÑÑÑÑÑÑÑ", "photo": None},
            {"family_name": "ÑÑÑÑ", "company": "Ñ" * 44, "emails": ["henry@company.com"]},
        ),
        note="card 5's photo is truncated base64; card 6's second ORG ends in a stray =80",
    ),
    "ez-vcard/John_Doe_EVOLUTION.vcf": File(
        (
            {
                "family_name": "Doe",
                "given_name": "John",
                "middle_name": "Richter, James",
                "company": "IBM",
                "department": "Accounting Dungeon",
                "tags": ("VIP",),
                "birthday": "1980-03-22",
                "notes_has": "WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED",
            },
        )
    ),
    "ez-vcard/John_Doe_GMAIL.vcf": File(
        (
            {
                "family_name": "Doe",
                "given_name": "John",
                "middle_name": "Richter, James",
                "family_reading": "Dow",
                "given_reading": "Jon",
                "phones": [("+19055551234", "mobile"), ("+19056661234", "home")],
                "urls": ("http://www.ibm.com",),
                "notes_has": 'CONTRIBUTORS "AS IS" AND',
            },
        ),
        region="US",
        note="FN:Mr. John Richter, James Doe Sr. is not cut at its comma; URL http\\://",
    ),
    "ez-vcard/John_Doe_LOTUS_NOTES.vcf": File(
        (
            {
                "family_name": "Doe",
                "given_name": "John",
                "middle_name": "Johny",
                "company": "IBM",
                "department": "SUN",
                "photo": "image/jpeg",
                "extra_has": "PROFILE:VCard",
            },
        )
    ),
    "ez-vcard/John_Doe_MS_OUTLOOK.vcf": File(
        (
            {
                "family_name": "Doe",
                "given_name": "John",
                "middle_name": "Richter James",
                "birthday": "1980-03-22",
                "emails": ["john.doe@ibm.cm"],
                "photo": "image/jpeg",
            },
        ),
        region="US",
    ),
    "ez-vcard/outlook-2003.vcf": File(
        (
            {
                "family_name": "Doe",
                "given_name": "John",
                "company": "Company, The",
                "department": "TheDepartment",
                "notes": "This is the note field!!\nSecond line\n\nThird line is empty",
                "phones": [("", "work"), ("", "home"), ("", "mobile"), ("", "work fax")],
            },
        )
    ),
    "ez-vcard/rfc6350-example.vcf": File(
        (
            {
                "family_name": "Perreault",
                "given_name": "Simon",
                "birthday": "--02-03",
                "phones": [("+14186569254", "work"), ("+14182626501", "work mobile video")],
                "address": ("work", "2875 Laurier", "G1V 2M2"),
            },
        )
    ),
    "ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf": File(
        (
            {
                "family_name": "Doe",
                "given_name": "John",
                "tags": ("category1, category2, category3",),
                "photo": "image/jpeg",
            },
        )
    ),
    "cozy-vcard/google-full.vcf": File(
        (
            {
                "family_name": "von AAALast",
                "given_name": "AAAgoogleFirst",
                "middle_name": "Middleone Middletwo",
                "address": (
                    "home",
                    "678 Plain Home Address\nAll one field 354\nBridgeport CT 06834",
                    "",
                ),
                "notes_has": "Custom: Custom field data\nArbitrary_String: Another custom field",
                "emails": [
                    "homeEmail@example.com",
                    "workEmail@example.com",
                    "customEmail@example.com",
                ],
            },
        ),
        note="a fold without its space, and a raw line break in NOTE",
    ),
    "cozy-vcard/davdroid.vcf": File(
        (
            {
                "family_name": "de Cozy",
                "given_name": "Testé",
                "tags": ("groupe1", "groupe2"),
                "uid": "2b838d8f3980384187b8f6ee7f00b372",
            },
        ),
        note="an empty END: line right after VERSION",
    ),
    "cozy-vcard/sogo.vcf": File(
        ({"family_name": "de Cozy", "tags": ("groupe1", "groupe2")},), note="a VLIST after the card"
    ),
    "vcard4android/allfields-vcard3.vcf": File(
        (
            {
                "family_name": "Lastname",
                "given_name": "Firstname",
                "middle_name": "Middlename1 Middlename2",
                "family_reading": "Laastnehm",
                "given_reading": "Förstnehm Mittelnehm",
                "company": "ABC, Inc.",
                "department": "North American Division Marketing",
                "title": "Director, Research and Development",
                "tags": ("A", "B'C"),
                "birthday": "1996-04-15",
                "photo": "image/jpeg",
            },
        )
    ),
    "syncevolution/Google-Gmail.vcf": File(
        (
            {
                "family_name": "Doe",
                "given_name": "John",
                "middle_name": "1",
                "family_reading": "Doe",
                "given_reading": "John",
                "company": "at company",
                "title": "tester",
                "emails": ["john.doe@home.com", "doe@work.com", "john@custom.com"],
                "phones": [  # the numbers are words ("business 1"): kept, unchecked
                    ("", "work"),
                    ("", "mobile"),
                    ("", "home"),
                    ("", "main"),
                    ("", "work fax"),
                    ("", "home fax"),
                    ("", "GRAND_CENTRAL"),
                    ("", "pager"),
                    ("", "custom-label"),
                ],
            },
        )
    ),
    "syncevolution/Google-CardDAV.vcf": File(({"family_name": "Doe", "photo": "image/jpeg"},)),
    "tine20/contacts.vcf": File(
        (
            {
                "family_name": "spass",
                "given_name": "alex",
                "phones": [("+49732121258035", "home"), ("", "mobile")],
            },
            {
                "family_name": "gerber",
                "given_name": "jan",
                "photo": "image/jpeg",
                "phones": [("", "mobile")],
            },
        ),
        region="DE",
        note="a preamble line ENCODING:UTF-8 before the first BEGIN",
    ),
    "tine20/mac_os_x_addressbook.vcf": File(
        (
            {
                "family_name": "Kneschke",
                "given_name": "Lars",
                "company": "ORGANI,SATION",
                "department": "UN;IT",
            },
        )
    ),
    "radicale/broken-vcards.vcf": File(
        (
            {"given_name": "test-misses-N-or-FN@example.com"},
            {"given_name": "test-misses-N-or-FN@example1.com"},
        )
    ),
    "evolution-data-server/9.vcf": File(
        (
            {
                "family_name": "Dawson",
                "given_name": "Frank",
                "company": "Lotus Development Corporation",
            },
        ),
        note="truncated: no END:VCARD",
    ),
    "evolution-data-server/name-only.vcf": File(({"family_name": "Doe", "given_name": "John"},)),
    "khard/unparsable.vcf": File(({"given_name": "second contact with minimal"},)),
    "node-vcf/multiple.vcf": File(
        (
            {
                "family_name": "Mustermann",
                "given_name": "Erika",
                "phones": [("+492219999123", "work"), ("+492211234567", "home")],
            },
            {"family_name": "Mustermann", "address": ("home", "Heidestrasse 17", "51147")},
            {"family_name": "Mustermann", "address": ("home", "Heidestraße 17", "51147")},
        ),
        region="DE",
    ),
    "virginity/support21.vcf": File(
        ({"family_name": "de Aap", "given_name": "Jason", "photo": "image/jpeg"},)
    ),
    "sabre-vobject/issue64.vcf": File((), failures=(NO_NAME,), note="a photo and nothing else"),
}

NOT_PEOPLE: dict[str, int] = {
    "aosp-vcard/v21_im.vcf": 1,
    "gammu/char-escaping.vcf": 1,
    "kcontacts/vcard7.vcf": 1,
    "sabre-vobject/issue64.vcf": 1,
    "ccs-caldavtester/13.vcf": 1,
    "ccs-caldavtester/gAddressBook6.vcf": 1,
    "py-vobject/vcard40_group.vcf": 1,
}
"""Cards that are not people, by file (group cards, and cards with no name, company, phone or
e-mail), found by reading the files; every other ``BEGIN:VCARD`` line is one person."""
