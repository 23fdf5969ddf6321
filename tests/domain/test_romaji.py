"""Romaji folding: Hepburn, kunrei, passport and IME spellings of a name meet its reading."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cardbox.domain.romaji import fold_romaji, is_romaji, romaji_forms, romaji_key, to_hepburn

# Kunrei-shiki (ISO 3602), written independently of the module's Hepburn table.
_KUNREI_ROWS = {
    "": "あいうえお",
    "k": "かきくけこ",
    "g": "がぎぐげご",
    "s": "さしすせそ",
    "z": "ざじずぜぞ",
    "t": "たちつてと",
    "d": "だぢづでど",
    "n": "なにぬねの",
    "h": "はひふへほ",
    "b": "ばびぶべぼ",
    "p": "ぱぴぷぺぽ",
    "m": "まみむめも",
    "r": "らりるれろ",
}
KUNREI = {
    kana: cons + v
    for cons, row in _KUNREI_ROWS.items()
    for kana, v in zip(row, "aiueo", strict=True)
}
KUNREI.update({"ぢ": "zi", "づ": "zu", "や": "ya", "ゆ": "yu", "よ": "yo", "わ": "wa", "を": "o"})
for _kana, _cons in {
    "き": "ky", "ぎ": "gy", "し": "sy", "じ": "zy", "ち": "ty", "ぢ": "zy", "に": "ny",
    "ひ": "hy", "び": "by", "ぴ": "py", "み": "my", "り": "ry",
}.items():  # fmt: skip
    for _small, _v in zip("ゃゅょ", "auo", strict=True):
        KUNREI[_kana + _small] = _cons + _v


def kunrei(kana: str) -> str:
    """Kunrei spelling of a hiragana string: っ doubles, ん is n' before a vowel or y."""
    out, i, double = "", 0, False
    while i < len(kana):
        two = kana[i : i + 2]
        if two in KUNREI:
            syl, i = KUNREI[two], i + 2
        elif kana[i] in KUNREI:
            syl, i = KUNREI[kana[i]], i + 1
        else:
            ch, i = kana[i], i + 1
            if ch == "っ":
                double = True
            elif ch == "ん":
                nxt = KUNREI.get(kana[i : i + 2]) or KUNREI.get(kana[i : i + 1], "")
                out += "n'" if nxt[:1] in ("a", "i", "u", "e", "o", "y") else "n"
                double = False
            continue
        if double and syl[0] not in "aiueo":
            syl = syl[0] + syl
        double = False
        out += syl
    return out


SYLLABLES = [*KUNREI, "っ", "ん"]


@pytest.mark.parametrize("spelling", ["yamada", "Yamada", "YAMADA", "ヤマダ", "やまだ", "ﾔﾏﾀﾞ"])
def test_yamada_in_every_script(spelling: str) -> None:
    key = fold_romaji(spelling) if is_romaji(spelling) else romaji_key(spelling)
    assert key == romaji_key("やまだ") == "yamada"


@pytest.mark.parametrize("spelling", ["satou", "sato", "satoh", "satō", "SATŌ", "Satô", "satoo"])
def test_long_o_spellings_meet(spelling: str) -> None:
    assert fold_romaji(spelling) == romaji_key("さとう") == "sato"


@pytest.mark.parametrize(
    ("reading", "spellings"),
    [
        ("たろう", ["taro", "tarou", "taroh", "tarō"]),
        ("おおの", ["ono", "oono", "ohno", "ōno"]),
        ("しみず", ["shimizu", "simizu"]),
        ("つちや", ["tsuchiya", "tutiya"]),
        ("ちば", ["chiba", "tiba"]),
        ("じゅん", ["jun", "zyun", "jyun"]),
        ("ふじた", ["fujita", "huzita", "fuzita"]),
        ("しょうた", ["shota", "shouta", "syouta", "shōta", "syota"]),
        ("ちょう", ["cho", "chou", "tyou", "tyo"]),
        ("しゃちょう", ["shacho", "syatyou"]),
        ("じょうじ", ["joji", "zyouzi", "jouji"]),
        ("ゆうこ", ["yuko", "yuuko", "yūko"]),
        ("じゅんいち", ["junichi", "jun'ichi", "zyun'iti", "junnichi"]),
        ("しんや", ["shinya", "shin'ya", "sinya"]),
        ("ほんま", ["honma", "homma"]),
        ("なんば", ["nanba", "namba"]),
        ("はっとり", ["hattori"]),
        ("まっちゃ", ["matcha", "maccha", "mattya"]),
        ("いっぺい", ["ippei"]),
        ("ぢ", ["ji", "zi", "di"]),
    ],
)
def test_hepburn_kunrei_and_passport_spellings_meet(reading: str, spellings: list[str]) -> None:
    key = romaji_key(reading)
    assert key
    for spelling in spellings:
        assert fold_romaji(spelling) == key, spelling


def test_doubled_consonants_are_kept_apart() -> None:
    """はっとり (服部) and はとり (羽鳥) are two names: the small っ is not folded away."""
    assert romaji_key("はっとり") == fold_romaji("hattori") != fold_romaji("hatori")
    assert fold_romaji("hatori") == romaji_key("はとり")


def test_unfinished_digraphs_at_the_end_of_a_typed_query_fold_as_a_prefix() -> None:
    assert romaji_key("つちや").startswith(fold_romaji("tsuch"))
    assert romaji_key("しみず").startswith(fold_romaji("sh"))
    assert romaji_key("じゅん").startswith(fold_romaji("j"))


def test_hepburn_of_readings() -> None:
    assert to_hepburn("さとう") == "satou"
    assert to_hepburn("ｻﾄｳ") == "satou"
    assert to_hepburn("まっちゃ") == "matcha"
    assert to_hepburn("らーめん") == "raamen"
    assert to_hepburn("やまだ たろう") == "yamada tarou"
    assert to_hepburn("山田") == ""


def test_romaji_forms() -> None:
    assert romaji_forms("やまだ たろう") == {"yamada", "taro", "yamadataro"}
    assert romaji_forms("さとう") == {"sato"}
    assert romaji_forms("佐藤") == set()
    assert romaji_key("Satoh") == "sato"  # a romaji alias as reading folds as it is


def test_accents_case_and_punctuation() -> None:
    assert fold_romaji("Kōno Tarō") == "kono taro"
    assert fold_romaji("Jun-ichi") == "zyuniti"


@given(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=8))
def test_kunrei_and_hepburn_of_any_reading_fold_alike(syllables: list[str]) -> None:
    kana = "".join(syllables)
    assert fold_romaji(kunrei(kana)) == romaji_key(kana)
