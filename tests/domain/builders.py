"""Small hand-built catalogues for rule tests: only the fields a test is about."""

from __future__ import annotations

from typing import Any

from clerk_app.domain.catalog import (
    Catalogue,
    Condition,
    HandlingKind,
    Item,
    ItemType,
    Material,
    MaterialRequirement,
    Option,
    Question,
    Situation,
    Theme,
)


def req(ref: str | None = None, **kw: Any) -> MaterialRequirement:
    """A checklist slot; ``condition`` may be given as a dict."""
    if isinstance(kw.get("condition"), dict):
        kw["condition"] = Condition(**kw["condition"])
    if ref is not None:
        kw["ref"] = ref
    return MaterialRequirement(**kw)


def question(qid: str, *values: str) -> Question:
    return Question(id=qid, text=f"问题{qid}", options=[Option(value=v, label=v) for v in values])


def situation(sid: str = "main", *materials: MaterialRequirement, **kw: Any) -> Situation:
    return Situation(id=sid, name=f"情形{sid}", materials=list(materials), **kw)


def item(code: str, *situations: Situation, days: int = 5, accept_on_receipt: bool = True,
         **kw: Any) -> Item:
    kind = HandlingKind.IMMEDIATE if days == 0 else HandlingKind.PROMISED
    return Item(code=code, name=f"事项{code}", department="区测试局", item_type=ItemType.LICENSING, kind=kind,
                legal_limit_days=max(days, 20), promised_limit_days=days, accept_on_receipt=accept_on_receipt,
                situations=list(situations), **kw)


def catalogue(*items: Item, themes: list[Theme] | None = None) -> Catalogue:
    """A catalogue whose material vocabulary holds every id the items refer to."""
    ids = sorted({m for it in items for s in it.situations for r in s.materials for m in r.material_ids})
    materials = {i: Material(id=i, name=f"材料{i}", standard=f"{i}的标准") for i in ids}
    return Catalogue(version="test", materials=materials, items={it.code: it for it in items},
                     themes={t.id: t for t in themes or []})


def theme(tid: str, *codes: str) -> Theme:
    return Theme(id=tid, name=f"主题{tid}", items=list(codes))
