"""A follow-up reminder's default note is stored in English (one definition, in the domain) and
shown in the UI's language; a note someone wrote is shown as written."""

from __future__ import annotations

from cardbox.domain.followups import default_note
from cardbox.tui import i18n
from cardbox.tui.widgets.render import note_text


def test_default_notes_are_shown_in_the_uis_language_and_written_ones_as_they_are() -> None:
    try:
        i18n.use("ja")
        assert note_text(default_note("交流会")) == "交流会 のフォローアップ"
        assert note_text(default_note()) == "フォローアップ"
        assert note_text("") == "フォローアップ"
        assert note_text("お礼メール") == "お礼メール"
        i18n.use("en")
        assert note_text(default_note("Expo")) == "follow up after Expo"
        assert note_text("call back") == "call back"
    finally:
        i18n.use("en")
