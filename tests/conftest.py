"""Shared fixtures: boxes on temporary files (never the user's own box)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cardbox.services.box import Card, CardBox


@pytest.fixture(autouse=True)
def _no_user_box(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may touch the real user's box or depend on the machine's locale."""
    monkeypatch.setenv("CARDBOX_DB", str(tmp_path / "default-box.sqlite"))
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)  # the app's language comes from these
    monkeypatch.delenv("LC_TELEPHONE", raising=False)


@pytest.fixture
def box(tmp_path: Path) -> Iterator[CardBox]:
    """An empty box."""
    with CardBox.open(tmp_path / "box.sqlite") as opened:
        yield opened


def card(**kw: object) -> Card:
    """A `Card` from keyword arguments: scalar fields by name, lists by their plural name."""
    lists = {k: list(v) for k, v in kw.items() if isinstance(v, (list, tuple))}  # type: ignore[call-overload]
    fields = {k: str(v) for k, v in kw.items() if not isinstance(v, (list, tuple))}
    return Card(fields=fields, **lists)
