"""Keep rules applied to every paper's story before layout.

- A section heading never stands alone at the foot of a page: it is kept with the flowable that
  follows it. When not even the first line or table row of that flowable fits under the heading,
  the heading goes to the next page with it; otherwise the text or table starts under the heading
  and flows on.
- A signature block (:func:`mark_signature`) never stands alone on a page: it is kept with the
  text just before it; after a table, the table's last row moves to the next page with it.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import _listWrapOn

_ROLE = "_clerk_role"


def mark_signature(block: KeepTogether) -> KeepTogether:
    setattr(block, _ROLE, "signature")
    return block


def is_signature(f: Flowable) -> bool:
    return getattr(f, _ROLE, None) == "signature"


def is_heading(f: Flowable) -> bool:
    return isinstance(f, Paragraph) and f.style.name == "section"


def _content(f: Flowable) -> list[Flowable]:
    return list(f._content) if isinstance(f, KeepTogether) else [f]


class TableThenBlock(Flowable):
    """Headings, a splittable table, and a block that must not start a page on its own."""

    def __init__(self, table: Table, block: Flowable, head: list[Flowable] | None = None) -> None:
        super().__init__()
        self.table = table
        self.block = block
        self.head = head or []

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._hh = _listWrapOn(self.head, aw, self.canv)[1] if self.head else 0.0  # with spacing
        self._th = self.table.wrapOn(self.canv, aw, ah)[1]
        # a KeepTogether's own wrap answers 0xFFFFFF to force a split: measure its content
        self._bh = _listWrapOn(_content(self.block), aw, self.canv)[1]
        return aw, 0xFFFFFF  # like KeepTogether: always handed out by split()

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self.wrap(aw, ah)
        head, table, block = self.head, self.table, self.block
        # the frame also spends the space before the first flowable (off the top) and between the
        # parts: count it, or a part "fits" here and then splits again (a second header mid-page)
        # or the block goes on alone
        first = head[0] if head else table
        top = 0.0 if _at_top(self) else first.getSpaceBefore()
        whole = _listWrapOn([*head, table, *_content(block)], aw, self.canv)[1]
        if top + whole <= ah:
            return [*head, table, block]
        gap = top + (max(head[-1].getSpaceAfter(), table.getSpaceBefore()) if head else 0.0)
        room = ah - self._hh - gap
        if self._th > room:  # the table breaks anyway: its continuation goes with the block
            parts = table.split(aw, room)
            if len(parts) == 2:
                return [*head, parts[0], TableThenBlock(parts[1], block)]
            # no room for a row here: start afresh on the next page, the keep rule still applying
            return [*head, table, block] if _at_top(self) else [FrameBreak(), TableThenBlock(table, block, head)]
        # the table fits but the block does not: its last row moves over with the block
        last = table._rowHeights[-1] if getattr(table, "_rowHeights", None) else self._th
        parts = table.split(aw, self._th - last - 0.5) if len(table._cellvalues) > 2 else []
        if len(parts) == 2:
            return [*head, parts[0], KeepTogether([parts[1], *_content(block)])]
        if _at_top(self):  # a fresh page cannot hold them together: let them flow
            return [*head, table, block]
        return [FrameBreak(), KeepTogether([*head, table, *_content(block)])]

    def draw(self) -> None:  # never drawn: split() always hands out its parts
        raise AssertionError("TableThenBlock is split, not drawn")


def _at_top(f: Flowable) -> bool:
    frame = getattr(f, "_frame", None)
    return bool(frame is not None and getattr(frame, "_atTop", False))


class HeadingWithNext(KeepTogether):
    """Headings and the flowable after them: the headings move on unless some of it fits too."""

    def split(self, aw: float, ah: float) -> list[Flowable]:
        *heads, nxt = self._content
        hh = _listWrapOn(heads, aw, self.canv)[1]
        room = ah - hh - nxt.getSpaceBefore()
        nh = nxt.wrapOn(self.canv, aw, room)[1]
        if nh <= room:
            return [*heads, nxt]
        parts = nxt.split(aw, room) if room > 0 else []
        if parts:
            return [*heads, *parts]
        return [*heads, nxt] if _at_top(self) else [FrameBreak(), *heads, nxt]


def _bind_signatures(story: list[Flowable]) -> list[Flowable]:
    out: list[Flowable] = []
    for f in story:
        if not is_signature(f) or not out:
            out.append(f)
            continue
        spacers: list[Flowable] = []
        while out and isinstance(out[-1], Spacer):
            spacers.insert(0, out.pop())
        prev = out.pop() if out else None
        if prev is None:
            out += [*spacers, f]
        elif isinstance(prev, Table) and getattr(prev, "repeatRows", 0) and len(prev._cellvalues) > 2:
            out.append(TableThenBlock(prev, KeepTogether([*spacers, *_content(f)])))
        else:
            out.append(KeepTogether([*_content(prev), *spacers, *_content(f)]))
    return out


def _bind_headings(story: list[Flowable]) -> list[Flowable]:
    out: list[Flowable] = []
    i = 0
    while i < len(story):
        f = story[i]
        if not is_heading(f) or i + 1 >= len(story):
            out.append(f)
            i += 1
            continue
        group = [f]
        j = i + 1
        while j < len(story) and (is_heading(story[j]) or isinstance(story[j], Spacer)):
            group.append(story[j])
            j += 1
        if j < len(story):
            nxt = story[j]
            if isinstance(nxt, TableThenBlock):
                out.append(TableThenBlock(nxt.table, nxt.block, [*group, *nxt.head]))
            elif isinstance(nxt, KeepTogether):
                out.append(KeepTogether([*group, *nxt._content], maxHeight=nxt._maxHeight))
            else:
                out.append(HeadingWithNext([*group, nxt]))
            i = j + 1
        else:
            out += group
            i = j
    return out


def bind(story: list[Flowable]) -> list[Flowable]:
    """The story with the keep rules applied (see the module docstring)."""
    return _bind_headings(_bind_signatures(list(story)))
