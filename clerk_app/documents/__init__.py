"""Printed documents (issue 4): A4 PDFs with an embedded CJK font, Code128 and QR codes.

Pure Python (ReportLab + python-barcode). Input is the frozen dataclasses of
:mod:`clerk_app.documents.model`; centre texts come from :class:`clerk_app.settings.Settings`.

    render(doc, "receipt", settings, Path("out.pdf"))
    data = render_bytes(doc, "acceptance", settings)
"""

from clerk_app.documents.api import render, render_bytes, voucher_kind
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.fonts import register_fonts
from clerk_app.documents.kinds import KINDS, PaperKind, paper_kind, paper_kinds
from clerk_app.documents.model import (
    CaseDocument,
    CaseLine,
    HandoutDocument,
    ItemLine,
    PrintedClerk,
    PrintedMaterial,
    PrintedParty,
    SupplementDocument,
    SuppliedPiece,
)
from clerk_app.documents.text import mask_id

__all__ = [
    "KINDS",
    "PaperKind",
    "paper_kind",
    "paper_kinds",
    "CaseDocument",
    "CaseLine",
    "PrintedClerk",
    "DocumentError",
    "HandoutDocument",
    "ItemLine",
    "PrintedMaterial",
    "PrintedParty",
    "SuppliedPiece",
    "SupplementDocument",
    "mask_id",
    "register_fonts",
    "render",
    "render_bytes",
    "voucher_kind",
]
