"""Input checks shared by the renderers; each failure is a Chinese DocumentError."""

from __future__ import annotations

from collections.abc import Sequence

from clerk_app.documents.errors import DocumentError
from clerk_app.documents.model import CaseDocument, PrintedMaterial


def require_case(doc: CaseDocument | object, number: str, what: str = "办件编号") -> None:
    """Common checks: a number, at least one item, a clerk name."""
    if not (number or "").strip():
        raise DocumentError(f"缺少{what}，无法生成文书")
    items = getattr(doc, "items", ())
    if not items:
        raise DocumentError("缺少申请事项，无法生成文书")
    for item in items:
        if not item.name.strip():
            raise DocumentError("申请事项名称为空")
    clerk = getattr(doc, "clerk", None)
    if clerk is None or not clerk.name.strip():
        raise DocumentError("缺少窗口工作人员姓名")
    applicant = getattr(doc, "applicant", None)
    if applicant is None or not applicant.name.strip():
        raise DocumentError("缺少申请人姓名（名称）")


def require_materials(materials: Sequence[PrintedMaterial], what: str) -> None:
    if not materials:
        raise DocumentError(f"{what}须列明至少一项材料，材料清单为空")
    for m in materials:
        if not m.name.strip():
            raise DocumentError(f"{what}中有材料名称为空")
