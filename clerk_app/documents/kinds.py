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


def _anyway(_record: CaseRecord) -> bool:
    return True


ACCEPTED_STATES = frozenset({
    "accepted", "accepted_tolerated", "in_review", "supplement_requested", "approved", "refused",
    "result_ready", "handed_out", "mailed",
})
"""Case states a case can be in once it was accepted (受理); a 受理凭证 exists only in these."""

STATUS_NAMES = {
    "received": "已收件（尚未受理）", "accepted": "已受理", "accepted_tolerated": "容缺受理",
    "in_review": "审批中", "supplement_requested": "待补正", "approved": "已办结（准予）",
    "refused": "已办结（不予）", "result_ready": "待出件", "handed_out": "已出件（领取）",
    "mailed": "已出件（邮寄）", "not_accepted": "不予受理", "withdrawn": "已撤回",
}


@dataclass(frozen=True)
class PaperKind:
    """One printed paper.

    ``input``: which document model the renderer takes (``case`` → ``CaseDocument``,
    ``handout`` → ``HandoutDocument``, ``supplement`` → ``SupplementDocument``). ``states``: the case states (``CaseStatus`` values) it may
    be printed in; ``needs(case)`` a further condition (its outcome or materials); ``when``
    says both in Chinese, for the refusal message and the docs. A paper is offered, and may be
    printed, only when both hold: the service, the CLI and the UI ask :meth:`refusal`.
    ``for_notice`` papers are the ones a one-time notice (a ``NoticeRecord``) has.
    ``order`` sorts the list, the main paper first. ``input="enquiry"`` papers (the 办事材料清单
    of an enquiry) take their own model and are never offered for a case or a notice.
    """

    name: str
    title: str
    render: Callable[[Any, Settings], DocSpec]
    order: int
    input: Literal["case", "handout", "supplement", "enquiry"] = "case"
    states: frozenset[str] = frozenset()
    needs: Callable[[CaseRecord], bool] = _anyway
    when: str = ""
    for_notice: bool = False

    def applies_to(self, record: CaseRecord | NoticeRecord) -> bool:
        return self.refusal(record) is None

    def refusal(self, record: CaseRecord | NoticeRecord) -> str | None:
        """None when this paper may be printed for ``record``, else the reason in Chinese."""
        from clerk_app.protocol.records import NoticeRecord

        if self.input == "enquiry":  # keyed by an item, never by a case or a notice
            return f"{self.title}不能按办件或告知书编号打印：{self.when}"
        if isinstance(record, NoticeRecord):
            return None if self.for_notice else f"一次性告知书编号不能打印{self.title}"
        if self.for_notice:
            return f"办件 {record.case_no} 不能打印{self.title}：{self.title}只用于一次性告知书编号"
        status = record.status.value
        if status in self.states and self.needs(record):
            return None
        return (f"办件 {record.case_no} 当前为“{STATUS_NAMES.get(status, status)}”，"
                f"不能打印{self.title}：{self.when}")


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
