"""The UI's languages: every string in the code has a Japanese translation, the compiled catalog
is the one the .po file describes, placeholders survive translation, and the language is chosen
from --lang, the box's setting, or the locale."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cardbox.tui import i18n

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import catalog  # noqa: E402

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def test_every_ui_string_has_a_japanese_translation_and_the_mo_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "catalog.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    assert len(list(catalog.extracted())) > 100


def test_the_mo_is_compared_by_its_messages_not_by_the_babel_version_in_its_bytes() -> None:
    import io

    from babel.messages.mofile import read_mo, write_mo

    po = catalog.current()
    out = io.BytesIO()
    write_mo(out, po)
    header_changed = out.getvalue().replace(b"Generated-By: Babel", b"Generated-By: Babex")
    assert header_changed != out.getvalue()
    assert catalog.messages(read_mo(io.BytesIO(header_changed))) == catalog.messages(po)
    first = next(m for m in po if m.id and isinstance(m.id, str))
    po[first.id].string = "違う訳"
    out = io.BytesIO()
    write_mo(out, po)
    assert catalog.messages(read_mo(io.BytesIO(out.getvalue()))) != catalog.messages(
        catalog.current()
    )


def test_translations_keep_every_placeholder() -> None:
    for message in catalog.current():
        if not message.id or not isinstance(message.id, str):
            continue
        assert sorted(PLACEHOLDER.findall(message.id)) == sorted(
            PLACEHOLDER.findall(str(message.string))
        ), message.id


def test_use_switches_the_language_of_the_ui() -> None:
    try:
        i18n.use("ja")
        assert i18n._("Search") != "Search"
        assert i18n._("Search")
        i18n.use("en")
        assert i18n._("Search") == "Search"
    finally:
        i18n.use("en")


@pytest.mark.parametrize(
    ("explicit", "setting", "env", "expected"),
    [
        ("ja", "en", {"LANG": "en_US.UTF-8"}, "ja"),
        (None, "ja", {"LANG": "en_US.UTF-8"}, "ja"),
        (None, None, {"LANG": "ja_JP.UTF-8"}, "ja"),
        (None, None, {"LANGUAGE": "ja:en", "LANG": "C"}, "ja"),
        (None, None, {"LC_ALL": "C.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"),
        (None, None, {}, "en"),
    ],
)
def test_pick_chooses_flag_then_setting_then_locale(
    monkeypatch: pytest.MonkeyPatch,
    explicit: str | None,
    setting: str | None,
    env: dict[str, str],
    expected: str,
) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert i18n.pick(explicit, setting) == expected


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="no UI language"):
        i18n.normalise("klingon")


def test_japanese_says_meeting_someone_the_way_people_do() -> None:
    # 面会 reads like a hospital visit, 出会い like a date: a card's meeting is 対面 / 会った日.
    from cardbox.tui.dialogs.followups import kind_label
    from cardbox.tui.widgets.columns import COLUMNS
    from cardbox.tui.widgets.render import kind_name

    for message in catalog.current():
        assert "面会" not in str(message.string) and "出会い" not in str(message.string)
    i18n.use("ja")
    try:
        assert kind_label("met") == "対面" and kind_name("met") == "対面"
        met = next(title for title, attr, _share in COLUMNS if attr == "met")
        assert i18n._(met) in ("会った日", "名刺交換日")
        assert i18n._("date met") in ("会った日", "名刺交換日")
    finally:
        i18n.use("en")
