"""Errors carry a code and params, and each front end words them in one place: every code raised
has English (the CLI adds command hints) and a Japanese translation (the TUI); a form's problems
come back by field; a refused save under --lang ja is said in Japanese."""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from cardbox.cli.errors import HINTS, exit_code, message
from cardbox.domain.errors import (
    MESSAGES,
    CardboxError,
    InvalidInput,
    NotFound,
    Problem,
    StoreError,
    english,
)
from cardbox.services.box import Card, CardBox
from cardbox.tui import i18n
from cardbox.tui.app import CardboxApp
from cardbox.tui.errors import TEMPLATES, by_field, describe
from cardbox.tui.widgets.card_form.form import ContactForm

ROOT = Path(__file__).resolve().parents[2]
#: The packages whose errors must carry a registered code.
CODED = ("domain", "store", "services", "formats", "sync")
#: Exceptions that carry a code (the vCard reader's own CardError/HeaderError are reasons).
ERRORS = {
    "CardboxError",
    "InvalidInput",
    "NotFound",
    "StoreError",
    "NoBox",
    "SourceError",
    "ExportError",
    "ExistsError",
    "BackupError",
    "SyncError",
    "DavError",
    "Changed",
    "TokenRejected",
    "Unsupported",
}
#: Codes whose text is the params themselves (the same in every language).
VERBATIM = {"text", "nested", "dav.transport", "dav.bad_url", "sync.card_unreadable"}


def _names(node: ast.expr) -> Iterator[ast.expr]:
    if isinstance(node, ast.IfExp):
        yield from _names(node.body)
        yield from _names(node.orelse)
    else:
        yield node


literals: set[str] = set()  # every code written in the coded packages (raised or chosen)


def raised_codes() -> tuple[set[str], list[str]]:
    """Every code literal given to a cardbox error or a `Problem` in the coded packages, and
    every such call whose code is not a literal (a sentence) other than passing on an error's
    own ``code``, a chosen ``code`` or a list of problems."""
    codes: set[str] = set()
    prose: list[str] = []
    for package in CODED:
        for path in sorted((ROOT / "cardbox" / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            if path.name == "errors.py":
                continue  # the registry itself
            literals.update(
                n.value
                for n in ast.walk(tree)
                if isinstance(n, ast.Constant) and n.value in MESSAGES
            )
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                    continue
                name = node.func.id
                position = 1 if name == "Problem" else 0
                if (name not in ERRORS and name != "Problem") or len(node.args) <= position:
                    continue
                for arg in _names(node.args[position]):
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        codes.add(arg.value)
                    elif not (
                        isinstance(arg, ast.Attribute | ast.Name | ast.List)
                        and ast.unparse(arg) in ("exc.code", "code", "kind", "errors", "[why]")
                    ):
                        prose.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return codes, prose


def sample(template: str) -> dict[str, object]:
    return {f: f"<{f}>" for _, f, _, _ in string.Formatter().parse(template) if f}


def placeholders(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.fixture
def japanese() -> Iterator[None]:
    i18n.use("ja")
    yield
    i18n.use("en")


def test_every_error_raised_carries_a_registered_code_not_a_sentence() -> None:
    codes, prose = raised_codes()
    assert len(codes) > 80
    assert not prose, "errors raised with a sentence instead of a code: " + ", ".join(prose)
    assert codes - set(MESSAGES) == set()
    assert set(MESSAGES) - codes - literals - VERBATIM == set(), "codes never used: drop them"


def test_every_code_has_english_a_cli_message_and_a_japanese_translation(japanese: None) -> None:
    assert set(TEMPLATES) == set(MESSAGES)
    assert set(HINTS) <= set(MESSAGES)
    for code, template in MESSAGES.items():
        params = sample(template + HINTS.get(code, "") + TEMPLATES[code])
        assert "<" in english(code, params) or not placeholders(template), code
        said = message(CardboxError(code, params))
        assert said.startswith(english(code, params)) and "{" not in said, code
        shown = describe(CardboxError(code, params))
        assert "{" not in shown, code
        translated = i18n._(TEMPLATES[code])
        assert placeholders(translated) <= placeholders(TEMPLATES[code]) | set(params), code
        if code not in VERBATIM:
            assert translated != TEMPLATES[code], f"{code} is not translated"
            assert shown != english(code, params), code


def test_the_cli_says_the_english_with_its_command_hints_and_exits_as_before() -> None:
    assert message(NotFound("reminder.not_found", id=7)) == (
        "no reminder #7 (see `cardbox reminders`)"
    )
    assert message(InvalidInput("industry.unknown", name="xyz")) == (
        "unknown industry 'xyz': see `cardbox industries`, or add your own with"
        " `cardbox industries add`"
    )
    kept = StoreError("import.kept", error=StoreError("store.read_only", path="/b"), count=2, run=5)
    assert message(kept) == (
        "/b: the box is read-only (the file or its folder cannot be written); nothing was"
        " changed; the 2 card(s) written before were kept (`cardbox undo-import 5` takes them"
        " back)"
    )
    assert (exit_code(NotFound("reminder.not_found", id=7)), exit_code(kept)) == (1, 2)
    assert str(NotFound("reminder.not_found", id=7)) == "no reminder #7"  # no hint in logs


def test_a_legacy_sentence_is_still_shown_as_it_is() -> None:
    error = CardboxError("the server said no")
    assert (str(error), message(error), describe(error)) == ("the server said no",) * 3


def test_a_card_refused_by_the_service_names_each_field(box: CardBox, japanese: None) -> None:
    typed = Card(fields={"family_name": "山田"}, phones=["090-123"], emails=["taro@"])
    with pytest.raises(InvalidInput) as caught:
        box.check(typed)
    fields = [p.field for p in caught.value.problems]
    assert fields == ["phones", "emails"]
    assert str(caught.value).splitlines() == [str(p) for p in caught.value.problems]
    assert "too short for JP (+81)" in str(caught.value)
    shown = by_field(caught.value.problems)
    assert "短すぎます" in shown["phones"] and "アドレスではありません" in shown["emails"]


def test_reasons_inside_a_message_are_translated(japanese: None) -> None:
    from cardbox.domain.dates import parse_when

    with pytest.raises(InvalidInput) as caught:
        from datetime import UTC, datetime
        from zoneinfo import ZoneInfo

        parse_when("", datetime.now(UTC), ZoneInfo("UTC"))
    assert describe(caught.value).startswith("「」を日時として読めません（空です）。")
    with pytest.raises(InvalidInput) as caught:
        parse_when("32/13", datetime.now(UTC), ZoneInfo("UTC"))
    assert "（32 月はありません。日付は 月/日 の順です）" in describe(caught.value)
    assert "there is no month 32: dates are month/day" in str(caught.value)

    assert describe(Problem("x", "phone.unreadable", {"number": "x", "reason": "odd"})).endswith(
        "odd"
    )  # an unknown reason stays as it is


def _status(app: CardboxApp) -> str:
    return str(app.screen.query_one("#form-status", Static).render())


def _error(app: CardboxApp, name: str) -> str:
    widget = app.screen.query_one(f"#err-{name}", Static)
    return str(widget.render()) if widget.has_class("shown") else ""


async def test_a_refused_save_under_lang_ja_is_said_in_japanese_at_each_field(
    box: CardBox, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = CardboxApp(box, lang="ja", agenda_at_start=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            form = ContactForm(box)
            app.push_screen(form)
            await pilot.pause()
            values = {"family_name": "山田", "phones": "090-123", "birthday": "2001-02-30"}
            for name, value in values.items():
                form.query_one(f"#f-{name}", Input).value = value
            await pilot.press("ctrl+s")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert box.contacts().total == 0
            phones = _error(app, "phones")
            assert "短すぎます" in phones and "090-123" in phones, phones
            assert "その日付は存在しません" in _error(app, "birthday")
            assert "too short" not in phones
            # The service refuses what the form let through: said in Japanese too.
            form.query_one("#f-phones", Input).value = "090-1234-5678"
            form.query_one("#f-birthday", Input).value = ""

            def refuse(*_: Any, **__: Any) -> Any:
                raise NotFound("reminder.not_found", id=3)

            monkeypatch.setattr(box, "add", refuse)
            monkeypatch.setattr(box, "lookalikes", lambda *_: [])
            await pilot.press("ctrl+s")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "リマインダー #3 はありません" in _status(app), _status(app)
            assert "cardbox reminders" not in _status(app)
    finally:
        i18n.use("en")
