"""The sidebar: events, industries (as a tree) and tags, with counts; choosing one filters the
contact table by the matching query filter (``event:``, ``industry:``, ``tag:``).

An industry's count is everyone the ``industry:`` filter finds (its sub-industries' people too);
industries with nobody are not listed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from cardbox.domain.model import Event, Industry
from cardbox.domain.text import printable
from cardbox.tui.i18n import _, language


@dataclass(frozen=True)
class Filter:
    """A sidebar choice: the query filter it stands for, and how to show it."""

    query: str
    label: str


def quoted(value: str) -> str:
    """A filter value as the query language reads it (quoted when it has spaces or quotes)."""
    clean = value.replace('"', "")
    return f'"{clean}"' if any(ch.isspace() for ch in clean) or clean != value else clean


WIDTH = 24
"""Cells of a sidebar line (guides, label and count); longer names end in … so that the count
is always seen whole."""


def _label(name: str, count: int, indent: int = 4) -> Text:
    """``name`` and its count in the cells a line has after ``indent`` cells of tree guides
    (an event or tag: 4; an industry, with its ▶ or one level deeper: 6)."""
    shown = f" {count:,}"
    text = Text(printable(name), no_wrap=True, overflow="ellipsis", end="")
    text.truncate(max(4, WIDTH - indent - len(shown)), overflow="ellipsis")
    text.append(shown, style="dim")
    return text


def industry_name(industry: Industry) -> str:
    """The industry's name in the UI language."""
    if language() == "ja" and industry.name_ja:
        return industry.name_ja
    return industry.name_en


class Sidebar(Tree[Filter | None]):
    """Events, industries and tags; selecting a node posts `Chosen` with its filter."""

    @dataclass
    class Chosen(Message):
        """A filter was chosen (None: show everyone)."""

        filter: Filter | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(_("Everyone"), data=None, id=id)
        self.show_root = True
        self.guide_depth = 2

    def fill(
        self,
        events: Sequence[Event],
        industries: Sequence[Industry],
        tags: Sequence[tuple[str, int]],
    ) -> None:
        """Show these (keeping which branches were open)."""
        opened = {str(n.label) for n in self._tree_nodes.values() if n.is_expanded}
        self.clear()
        self.root.expand()
        ev = self.root.add(_("Events"), data=None, expand=not opened or _("Events") in opened)
        for e in events:
            day = e.date.isoformat() if e.date else ""
            shown = f"{e.name} ({day})" if day else e.name
            ev.add_leaf(
                _label(e.name, e.contact_count), data=Filter(f"event:{quoted(e.name)}", shown)
            )
        ind = self.root.add(_("Industries"), data=None, expand=_("Industries") in opened)
        self._industries(ind, industries)
        tg = self.root.add(_("Tags"), data=None, expand=_("Tags") in opened)
        for tag, count in tags:
            tg.add_leaf(_label(tag, count), data=Filter(f"tag:{quoted(tag)}", tag))

    def _industries(self, branch: TreeNode[Filter | None], industries: Sequence[Industry]) -> None:
        # Counts include the people of sub-industries, so a branch with nobody in it has nobody
        # below it either: it is left out, and the tree shows only where people are.
        children: dict[str | None, list[Industry]] = {}
        for i in industries:
            if i.contact_count:
                children.setdefault(i.parent, []).append(i)

        def add(node: TreeNode[Filter | None], parent: str | None) -> None:
            for i in children.get(parent, []):
                name = industry_name(i)
                data = Filter(f"industry:{quoted(i.code)}", name)
                below = children.get(i.code)
                total = i.contact_count
                if below:
                    sub = node.add(_label(name, total, 6), data=data)
                    add(sub, i.code)
                else:
                    node.add_leaf(_label(name, total, 6), data=data)

        add(branch, None)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Filter | None]) -> None:
        event.stop()
        node = event.node
        if node.data is None and node is not self.root:
            return
        self.post_message(self.Chosen(node.data))
