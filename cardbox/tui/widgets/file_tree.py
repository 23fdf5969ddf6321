"""The file tree of the import screen: folders, vCard and CSV files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DirectoryTree

from cardbox.domain.text import printable
from cardbox.services.sources import SUFFIXES
from cardbox.tui.i18n import N_, localise_bindings


class VcardTree(DirectoryTree):
    """Folders, vCard and CSV files, without hidden entries. A file name is data: its control,
    escape and bidi characters are shown (``⟨U+001B⟩``), never sent to the terminal, and it is
    never read as markup. ``backspace`` goes up: the tree is re-rooted at the parent folder."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace", "parent", N_("Up a folder")),
    ]

    def __init__(self, path: Path, *, id: str | None = None) -> None:
        super().__init__(path, id=id)
        localise_bindings(self)

    def action_parent(self) -> None:
        root = Path(self.path).resolve()
        if root.parent != root:
            self.path = root.parent

    def process_label(self, label: str | Text) -> Text:
        if isinstance(label, Text):
            return Text(printable(label.plain), style=label.style, end="")
        return Text(printable(label), end="")

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            p
            for p in paths
            if not p.name.startswith(".") and (p.suffix.lower() in SUFFIXES or is_dir(p))
        ]


def is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False
