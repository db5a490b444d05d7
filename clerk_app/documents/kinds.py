"""The paper-kind registry: every printed paper declares itself here, in one place.

A paper module (``voucher``, ``notice``, ``tolerated``, ``commitment``, ``refusal``,
``handout``, …) defines ``PAPER_KINDS``: one :class:`PaperKind` per paper it renders, with
its name, its Chinese title, for which stored records it is offered, and its renderer. This
module finds them by scanning the package, so adding a paper is adding one module. The CLI,
the UI and the documents service all list kinds from :func:`paper_kinds`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from clerk_app.documents.page import DocSpec
    from clerk_app.protocol.records import CaseRecord, NoticeRecord
    from clerk_app.settings import Settings


def _never(_record: CaseRecord) -> bool:
    return False


@dataclass(frozen=True)
class PaperKind:
    """One printed paper.

    ``input``: which document model the renderer takes (``case`` → ``CaseDocument``,
    ``handout`` → ``HandoutDocument``). ``offered(case)`` says when it is listed for a stored
    case (by its status, outcome or materials); ``always`` papers may be printed for any case
    even when not listed; ``for_notice`` papers are the ones a one-time notice has.
    ``order`` sorts the list, the main paper first.
    """

    name: str
    title: str
    render: Callable[[Any, Settings], DocSpec]
    order: int
    input: Literal["case", "handout"] = "case"
    offered: Callable[[CaseRecord], bool] = _never
    always: bool = False
    for_notice: bool = False

    def applies_to(self, record: CaseRecord | NoticeRecord, listed_only: bool = True) -> bool:
        from clerk_app.protocol.records import NoticeRecord

        if isinstance(record, NoticeRecord):
            return self.for_notice
        return not self.for_notice and (self.offered(record) or (self.always and not listed_only))


@cache
def paper_kinds() -> tuple[PaperKind, ...]:
    """Every paper kind of the package's modules, in ``order``."""
    import clerk_app.documents as package

    found: dict[str, PaperKind] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for kind in getattr(module, "PAPER_KINDS", ()):
            if kind.name in found:
                raise RuntimeError(f"paper kind {kind.name!r} declared twice")
            found[kind.name] = kind
    return tuple(sorted(found.values(), key=lambda k: k.order))


def paper_kind(name: str) -> PaperKind | None:
    return next((k for k in paper_kinds() if k.name == name), None)


class _Titles(Mapping[str, str]):
    """``KINDS``: name → Chinese title, read from the registry when first used."""

    def __getitem__(self, name: str) -> str:
        kind = paper_kind(name)
        if kind is None:
            raise KeyError(name)
        return kind.title

    def __iter__(self) -> Iterator[str]:
        return (k.name for k in paper_kinds())

    def __len__(self) -> int:
        return len(paper_kinds())


KINDS: Mapping[str, str] = _Titles()
