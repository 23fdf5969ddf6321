"""Write ``pairs.json``: the labelled duplicate pairs that tests/domain/test_dupes.py scores.

``pairs.json`` = the hand-written tricky cases of ``tricky_pairs.json`` + pairs generated here from
``names.tsv``, deterministically (``random.Random(SEED)``). Each generated pair renders one or two
made-up people the way cards reach a box: the event card, the phone's export (katakana, often
half-width), an e-mail signature (Latin name), a new card after a job change or a marriage.

    python tests/domain/data/make_pairs.py            # rewrite pairs.json
    python tests/domain/data/make_pairs.py --seed 7 --out /tmp/dev.json   # another draw

A pair is ``{"id", "kind", "duplicate", "a", "b", "shared_numbers"}``; a contact is a dict of
`Contact` fields with ``phones`` as E.164 strings and ``emails`` as addresses.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jaconv

from cardbox.domain.romaji import to_hepburn

HERE = Path(__file__).parent
SEED = 20240601
COUNTS = {
    # duplicates
    "rescan": 20,
    "phone-export": 20,
    "signature": 20,
    "job-change": 20,
    "married": 16,
    "variant-kanji": 10,
    "name-and-company-only": 10,
    "romaji-typo": 10,
    # not duplicates
    "namesakes": 20,
    "colleagues-switchboard": 20,
    "colleagues-same-family": 16,
    "shared-info": 16,
    "family-home-phone": 12,
    "same-given-name": 10,
    "same-company": 10,
}
DUPLICATE_KINDS = {
    "rescan",
    "phone-export",
    "signature",
    "job-change",
    "married",
    "variant-kanji",
    "name-and-company-only",
    "romaji-typo",
}

# (Japanese name, Latin name, domain)
COMPANIES = [
    ("山田製作所", "Yamada Seisakusho", "yamada-ss.co.jp"),
    ("東邦システム", "Toho System", "toho-sys.co.jp"),
    ("みらい商事", "Mirai Shoji", "mirai-shoji.jp"),
    ("北斗電機", "Hokuto Denki", "hokuto-denki.co.jp"),
    ("青葉ソフト", "Aoba Soft", "aobasoft.jp"),
    ("さくら物産", "Sakura Bussan", "sakura-bussan.co.jp"),
    ("日本データサービス", "Nihon Data Service", "nds.co.jp"),
    ("ABCテクノロジー", "ABC Technology", "abc-tech.jp"),
    ("光陽建設", "Koyo Kensetsu", "koyo-k.co.jp"),
    ("中央フーズ", "Chuo Foods", "chuo-foods.co.jp"),
    ("東京デザイン研究所", "Tokyo Design Lab", "tdl.co.jp"),
    ("大和ロジスティクス", "Yamato Logistics", "ylogi.co.jp"),
    ("グリーンエナジー", "Green Energy", "green-e.jp"),
    ("新星出版", "Shinsei Shuppan", "shinsei-pub.co.jp"),
    ("KMコンサルティング", "KM Consulting", "kmc.jp"),
    ("富士見薬品", "Fujimi Yakuhin", "fujimi-ph.co.jp"),
]
JA_FORMS = ["株式会社{}", "{}株式会社", "{}(株)", "㈱{}", "（株）{}", "{} 株式会社", "有限会社{}"]
EN_FORMS = ["{} Inc.", "{} Co., Ltd.", "{} Co.,Ltd.", "{} K.K.", "{} Corporation"]
VARIANT_KANJI = {"高": "髙", "崎": "﨑", "辺": "邊", "斎": "齋", "沢": "澤", "島": "嶋", "浜": "濱"}
FREE_MAIL = ["gmail.com", "yahoo.co.jp", "icloud.com", "outlook.jp"]
ROLE = ["info", "sales", "contact", "support", "office"]


def _names() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    family: list[tuple[str, str]] = []
    given: list[tuple[str, str]] = []
    for line in (HERE / "names.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kind, written, reading = line.split("\t")
        if not any("\u4e00" <= ch <= "\u9fff" for ch in written):
            continue  # the kana-only rows test readings, not people
        (family if kind == "family" else given).append((written, reading))
    return family, given


FAMILY, GIVEN = _names()
# Given names that are (mostly) women's, for married-name changes.
FEMININE = [g for g in GIVEN if g[1].endswith(("こ", "み", "な", "か", "え", "い", "ほ", "り"))]


@dataclass
class Person:
    family: tuple[str, str]
    given: tuple[str, str]
    company: int
    mobile: str
    direct: str
    personal: str


class Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.used_numbers: set[str] = set()
        self.used_mail: set[str] = set()

    def number(self, prefix: str) -> str:
        while True:
            n = prefix + "".join(str(self.r.randrange(10)) for _ in range(10 - len(prefix)))
            if n not in self.used_numbers:
                self.used_numbers.add(n)
                return "+81" + n

    def mobile(self) -> str:
        return self.number(self.r.choice(["90", "80", "70"]))

    def landline(self) -> str:
        return self.number(self.r.choice(["3", "6", "45", "52", "92"]))

    def roman(self, reading: str) -> str:
        return to_hepburn(reading).replace(" ", "")

    def personal_mail(self, family: tuple[str, str], given: tuple[str, str]) -> str:
        while True:
            style = self.r.randrange(3)
            g, f = self.roman(given[1]), self.roman(family[1])
            user = [
                f"{g}.{f}",
                f"{g[0]}{f}{self.r.randrange(100)}",
                f"{f}{g}{self.r.randrange(90)}",
            ][style]
            mail = f"{user}@{self.r.choice(FREE_MAIL)}"
            if mail not in self.used_mail:
                self.used_mail.add(mail)
                return mail

    def person(
        self,
        company: int | None = None,
        family: tuple[str, str] | None = None,
        given: tuple[str, str] | None = None,
    ) -> Person:
        fam = family or self.r.choice(FAMILY)
        giv = given or self.r.choice(GIVEN)
        return Person(
            family=fam,
            given=giv,
            company=self.r.randrange(len(COMPANIES)) if company is None else company,
            mobile=self.mobile(),
            direct=self.landline(),
            personal=self.personal_mail(fam, giv),
        )

    def company_name(self, i: int, latin: bool = False) -> str:
        ja, en, _ = COMPANIES[i]
        if latin:
            return self.r.choice(EN_FORMS).format(en)
        return self.r.choice(JA_FORMS).format(ja)

    def work_mail(self, p: Person) -> str:
        """given.family@company: it follows the current name and company."""
        user = f"{self.roman(p.given[1])}.{self.roman(p.family[1])}"
        return f"{user}@{COMPANIES[p.company][2]}"

    def card(
        self,
        p: Person,
        *,
        readings: bool | None = None,
        mobile: bool | None = None,
        direct: bool | None = None,
        work_mail: bool = True,
        personal: bool = False,
        extra_phones: tuple[str, ...] = (),
        extra_mails: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        """The event card: kanji name, reading (often), company, some numbers, work e-mail."""
        r = self.r
        readings = r.random() < 0.7 if readings is None else readings
        phones = []
        if mobile if mobile is not None else r.random() < 0.7:
            phones.append(p.mobile)
        if direct if direct is not None else r.random() < 0.5:
            phones.append(p.direct)
        phones += extra_phones
        emails = [self.work_mail(p)] if work_mail else []
        if personal:
            emails.append(p.personal)
        emails += extra_mails
        return {
            "family_name": p.family[0],
            "given_name": p.given[0],
            "family_reading": p.family[1] if readings else "",
            "given_reading": p.given[1] if readings else "",
            "company": self.company_name(p.company),
            "phones": phones,
            "emails": emails,
        }

    def phone_export(self, p: Person) -> dict[str, Any]:
        """The phone's address book: the name in katakana (half-width half the time), a mobile."""
        kata = [str(jaconv.hira2kata(x[1])) for x in (p.family, p.given)]
        if self.r.random() < 0.5:
            kata = [str(jaconv.z2h(k, kana=True, ascii=False, digit=False)) for k in kata]
        return {"family_name": kata[0], "given_name": kata[1], "phones": [p.mobile], "emails": []}

    def passport(self, reading: str) -> str:
        """Romaji as people write their own name: satou, sato, satoh or Satō, capitalised."""
        roman = self.roman(reading)
        style = self.r.choice(["hepburn", "plain", "oh", "macron"])
        if style == "plain":
            roman = roman.replace("ou", "o").replace("oo", "o").replace("uu", "u")
        elif style == "oh":
            roman = roman.replace("ou", "oh").replace("oo", "oh").replace("uu", "u")
        elif style == "macron":
            roman = roman.replace("ou", "ō").replace("oo", "ō").replace("uu", "ū")
        return roman.capitalize()

    def signature(self, p: Person, typo: bool = False) -> dict[str, Any]:
        """An e-mail signature: Latin name (either order, one field or two), work e-mail."""
        fam, giv = self.passport(p.family[1]), self.passport(p.given[1])
        if typo:
            which = self.r.randrange(2)
            word = [fam, giv][which]
            i = self.r.randrange(1, len(word))
            op = self.r.randrange(3)
            if op == 0:
                word = word[:i] + word[i + 1 :]
            elif op == 1:
                word = word[:i] + self.r.choice("aeinorstu") + word[i:]
            else:
                word = word[:i] + self.r.choice("aeinorstu") + word[i + 1 :]
            fam, giv = (word, giv) if which == 0 else (fam, word)
        layout = self.r.randrange(3)
        if layout == 0:
            names = {"family_name": fam, "given_name": giv}
        elif layout == 1:
            names = {"family_name": fam.upper(), "given_name": giv}
        else:
            names = {"family_name": "", "given_name": f"{giv} {fam}"}
        return {
            **names,
            "company": self.company_name(p.company, latin=self.r.random() < 0.5),
            "phones": [p.direct] if self.r.random() < 0.4 else [],
            "emails": [self.work_mail(p)],
        }


def generate(seed: int = SEED) -> list[dict[str, Any]]:
    g = Gen(seed)
    r = g.r
    pairs: list[dict[str, Any]] = []

    def add(kind: str, a: dict[str, Any], b: dict[str, Any], shared: tuple[str, ...] = ()) -> None:
        if r.random() < 0.5:
            a, b = b, a
        pairs.append(
            {
                "id": f"gen-{len(pairs) + 1:03d}",
                "kind": kind,
                "duplicate": kind in DUPLICATE_KINDS,
                "a": a,
                "b": b,
                "shared_numbers": list(shared),
            }
        )

    for kind, count in COUNTS.items():
        for _ in range(count):
            if kind == "rescan":
                # Two cards from two events; the same mobile or work e-mail, readings may differ.
                p = g.person()
                a = g.card(p, mobile=True)
                b = g.card(p, mobile=r.random() < 0.5, work_mail=True)
                add(kind, a, b)
            elif kind == "phone-export":
                p = g.person()
                add(kind, g.card(p, mobile=True), g.phone_export(p))
            elif kind == "signature":
                p = g.person()
                add(kind, g.card(p, work_mail=True), g.signature(p))
            elif kind == "job-change":
                p = g.person()
                old = g.card(p, mobile=True)
                p.company = (p.company + 1 + r.randrange(len(COMPANIES) - 1)) % len(COMPANIES)
                p.direct = g.landline()
                add(kind, old, g.card(p, mobile=True))
            elif kind == "married":
                p = g.person(given=r.choice(FEMININE))
                before = g.card(p, personal=True, mobile=r.random() < 0.6)
                p.family = r.choice([f for f in FAMILY if f != p.family])
                if r.random() < 0.5:  # new job too
                    p.company = (p.company + 1) % len(COMPANIES)
                after = g.card(p, personal=True, mobile=r.random() < 0.6)
                if not (set(before["phones"]) & set(after["phones"])) and r.random() < 0.5:
                    after["phones"].append(p.mobile)
                add(kind, before, after)
            elif kind == "variant-kanji":
                fam = r.choice([f for f in FAMILY if any(k in f[0] for k in VARIANT_KANJI)])
                p = g.person(family=fam)
                a = g.card(p, mobile=True, readings=False)
                b = g.card(p, readings=False, mobile=r.random() < 0.5)
                b["family_name"] = "".join(VARIANT_KANJI.get(ch, ch) for ch in fam[0])
                add(kind, a, b)
            elif kind == "name-and-company-only":
                # A card entered with name and company only (as free card apps may do).
                p = g.person()
                a = g.card(p)
                b = {
                    "family_name": p.family[0],
                    "given_name": p.given[0],
                    "company": g.company_name(p.company),
                    "phones": [],
                    "emails": [],
                }
                add(kind, a, b)
            elif kind == "romaji-typo":
                p = g.person()
                add(kind, g.card(p, readings=True), g.signature(p, typo=True))
            elif kind == "namesakes":
                # Same name and reading, two people: other company, other numbers and e-mails.
                p = g.person()
                q = g.person(family=p.family, given=p.given)
                while q.company == p.company:
                    q.company = r.randrange(len(COMPANIES))
                add(kind, g.card(p, personal=r.random() < 0.3), g.card(q))
            elif kind == "colleagues-switchboard":
                p = g.person()
                q = g.person(company=p.company)
                board = g.landline()
                add(
                    kind,
                    g.card(p, extra_phones=(board,)),
                    g.card(q, extra_phones=(board,)),
                    (board,),
                )
            elif kind == "colleagues-same-family":
                p = g.person()
                q = g.person(company=p.company, family=p.family)
                while q.given == p.given:
                    q.given = r.choice(GIVEN)
                board = g.landline()
                add(
                    kind,
                    g.card(p, extra_phones=(board,)),
                    g.card(q, extra_phones=(board,)),
                    (board,),
                )
            elif kind == "shared-info":
                p = g.person()
                q = g.person(company=p.company)
                info = f"{r.choice(ROLE)}@{COMPANIES[p.company][2]}"
                add(
                    kind,
                    g.card(p, work_mail=r.random() < 0.5, extra_mails=(info,)),
                    g.card(q, work_mail=False, extra_mails=(info,)),
                )
            elif kind == "family-home-phone":
                # Relatives: one family name, one home number, other given names and jobs.
                p = g.person()
                q = g.person(family=p.family)
                while q.given == p.given:
                    q.given = r.choice(GIVEN)
                home = g.landline()
                add(kind, g.card(p, extra_phones=(home,)), g.card(q, extra_phones=(home,)))
            elif kind == "same-given-name":
                p = g.person()
                q = g.person(company=p.company, given=p.given)
                while q.family == p.family:
                    q.family = r.choice(FAMILY)
                add(kind, g.card(p), g.card(q))
            elif kind == "same-company":
                p = g.person()
                q = g.person(company=p.company)
                add(kind, g.card(p), g.card(q))
    return pairs


def build(seed: int = SEED) -> list[dict[str, Any]]:
    """The hand-written cases followed by the generated ones."""
    tricky = json.loads((HERE / "tricky_pairs.json").read_text(encoding="utf-8"))
    return [*tricky, *generate(seed)]


def render(pairs: list[dict[str, Any]]) -> str:
    lines = ["["]
    for i, pair in enumerate(pairs):
        comma = "," if i + 1 < len(pairs) else ""
        lines.append("  " + json.dumps(pair, ensure_ascii=False, sort_keys=True) + comma)
    lines.append("]")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=HERE / "pairs.json")
    args = parser.parse_args()
    args.out.write_text(render(build(args.seed)), encoding="utf-8")


if __name__ == "__main__":
    main()
