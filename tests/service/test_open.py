"""Opening a box: only a writer creates one, and no folder but cardbox's own is made unasked."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardbox.domain.errors import NoBox
from cardbox.services.box import CardBox


def test_opening_to_read_never_creates_a_box(tmp_path: Path) -> None:
    for path in (tmp_path / "box.sqlite", tmp_path / "no" / "such" / "box.sqlite"):
        with pytest.raises(NoBox, match=f"there is no box at {path}"):
            CardBox.open(path, create=False)
    assert list(tmp_path.iterdir()) == []


def test_creating_a_box_says_what_was_made_and_opening_it_again_makes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "box.sqlite"
    with CardBox.open(path) as box:
        assert box.created == [path]
        assert box.path == path
    with CardBox.open(path, create=False) as box:
        assert box.created == []


def test_a_missing_folder_is_made_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "cards" / "box.sqlite"
    with pytest.raises(NoBox, match=f"the folder {path.parent} does not exist"):
        CardBox.open(path)
    assert not path.parent.exists()
    with CardBox.open(path, folders=True) as box:
        assert box.created == [path.parent, path]


def test_cardboxs_own_data_folder_is_made_for_the_default_box(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CARDBOX_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(
        "platformdirs.user_data_path", lambda *a, **k: tmp_path / "data" / "cardbox"
    )
    own = tmp_path / "data" / "cardbox"
    with CardBox.open() as box:
        assert box.path == own / "cardbox.sqlite"
        assert box.created == [tmp_path / "data", own, own / "cardbox.sqlite"]


def test_a_relative_path_is_opened_as_an_absolute_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with CardBox.open("box.sqlite") as box:
        assert box.path == tmp_path / "box.sqlite"
        assert box.path.is_absolute()
