"""Public entry point: render a document kind to a PDF file, stream or bytes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from clerk_app.documents.errors import DocumentError
from clerk_app.documents.fonts import collect_missing
from clerk_app.documents.kinds import KINDS, paper_kind
from clerk_app.documents.model import CaseDocument, HandoutDocument, SupplementDocument
from clerk_app.documents.page import DocSpec, build_pdf
from clerk_app.paths import write_atomic
from clerk_app.settings import Settings

if TYPE_CHECKING:
    from clerk_app.documents.material_list import MaterialListDocument

__all__ = ["KINDS", "render", "render_bytes", "voucher_kind"]



def voucher_kind(doc: CaseDocument) -> str:
    """The voucher a case's outcome calls for: acceptance when accepted, else receipt."""
    return "acceptance" if doc.outcome in ("accepted", "tolerated") else "receipt"


def _spec(doc: CaseDocument | HandoutDocument | SupplementDocument | MaterialListDocument, kind: str, settings: Settings) -> DocSpec:
    paper = paper_kind(kind)
    if paper is None:
        raise DocumentError(f"未知的文书类型：{kind!r}（可选：{'、'.join(KINDS)}）")
    from clerk_app.documents.material_list import MaterialListDocument

    wanted: type = {"handout": HandoutDocument, "supplement": SupplementDocument,
                    "enquiry": MaterialListDocument}.get(paper.input, CaseDocument)
    if not isinstance(doc, wanted):
        raise DocumentError(f"{paper.title}须使用 {wanted.__name__} 作为输入")
    return paper.render(doc, settings)


def render_bytes(doc: CaseDocument | HandoutDocument | SupplementDocument | MaterialListDocument, kind: str, settings: Settings) -> bytes:
    """The PDF of ``kind`` for ``doc`` as bytes (for the Qt print dialog or a preview)."""
    with collect_missing() as missing:  # characters printed as 〔U+XXXX〕 for lack of a glyph
        spec = _spec(doc, kind, settings)
    return build_pdf(spec, settings, missing)


def render(doc: CaseDocument | HandoutDocument | SupplementDocument | MaterialListDocument, kind: str, settings: Settings,
           out: Path | str | BinaryIO) -> None:
    """Render ``kind`` for ``doc`` into ``out``: a path (written atomically) or a binary stream.

    Raises ``DocumentError`` (Chinese message) on bad input; nothing is written then.
    """
    data = render_bytes(doc, kind, settings)
    if not isinstance(out, str | os.PathLike):
        out.write(data)
        return
    path = Path(out)
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise DocumentError(f"无法写入文件 {path}：{exc.strerror or exc}") from exc
