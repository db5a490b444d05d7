"""Text helpers: escaping, dates, masking of ID numbers and phones, Chinese labels."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from clerk_app.documents.fonts import markup
from clerk_app.documents.linebreak import CJKParagraph
from clerk_app.documents.model import CaseDocument, ItemLine, PrintedClerk, PrintedParty
from clerk_app.documents.styles import styles

MODE_LABELS = {
    "received": "已收",
    "e_license": "电子证照",
    "commitment": "告知承诺",
    "tolerated": "容缺",
    "missing": "缺少",
    "nonconforming": "不符合要求",
}
FORM_LABELS = {
    "original": "原件",
    "copy": "复印件",
    "original_and_copy": "原件及复印件",
    "original_or_copy": "原件或复印件",
    "electronic": "电子件",
}
ITEM_KINDS = {"promised": "承诺件", "immediate": "即办件"}
CN_NUM = "一二三四五六七八九十"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def esc(text: object) -> str:
    """User text as Paragraph markup: escaped, rare characters in their fallback font (a character
    no font has prints as 〔U+XXXX〕), control characters dropped, newlines as line breaks."""
    return markup(_CONTROL.sub("", "" if text is None else str(text))).replace("\n", "<br/>")


def p(text: object, style: str = "body") -> CJKParagraph:
    """A paragraph of plain (escaped) text."""
    return CJKParagraph(esc(text), styles()[style])


def pm(marked: str, style: str = "body") -> CJKParagraph:
    """A paragraph of already-escaped markup (build user text into it with :func:`esc`)."""
    return CJKParagraph(marked, styles()[style])


def fmt_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def fmt_dt(t: datetime | None) -> str:
    return f"{fmt_date(t)} {t:%H:%M}" if t else ""


def reprint_label(t: datetime) -> str:
    return f"补打 {t:%Y-%m-%d %H:%M}"


def mask_id(number: str) -> str:
    """Mask the middle of an ID number: 11010519491231002X → 110105********002X.

    The same rule as the screens and logs (``domain.identity.mask_id``; this package stands
    alone, so it has its own copy, and ``tests/documents/test_model.py`` holds the two to one
    rule): 15 characters or more keep region and last four; shorter ones at most a third
    (two and two from 9 characters, one and one from 6, none below)."""
    s = "".join((number or "").split()).upper()
    n = len(s)
    head, tail = (6, 4) if n >= 15 else (2, 2) if n >= 9 else (1, 1) if n >= 6 else (0, 0)
    return s[:head] + "*" * (n - head - tail) + (s[n - tail:] if tail else "")


def mask_phone(phone: str) -> str:
    """Mask a mobile number's middle four digits; landlines are printed as given."""
    s = "".join((phone or "").split())
    if len(s) == 11 and s.isdigit() and s.startswith("1"):
        return s[:3] + "****" + s[7:]
    return s


def party_id(party: PrintedParty) -> str:
    """The printed ID: a person's number is masked, a company's credit code is public."""
    if not party.id_number:
        return ""
    number = mask_id(party.id_number) if party.kind == "person" else party.id_number
    return f"{party.id_type}：{number}"


def clerk_label(clerk: PrintedClerk) -> str:
    """李四（代张三）, the substitute's own name first."""
    return f"{clerk.name}（代{clerk.substitute_for}）" if clerk.substitute_for else clerk.name


def form_label(form: str) -> str:
    return FORM_LABELS.get(form, form)


def item_kind_label(kind: str) -> str:
    return ITEM_KINDS.get(kind, kind)


def items_names(items: Sequence[ItemLine]) -> str:
    return "、".join(f"「{i.name}」" for i in items)


def doc_date(doc: CaseDocument) -> datetime:
    return doc.issued_at or doc.received_at


def cn_no(i: int) -> str:
    return CN_NUM[i - 1] if 1 <= i <= 10 else str(i)


def lines(texts: Sequence[str], style: str = "cell", numbered: bool = True) -> list[CJKParagraph]:
    """One paragraph per text, numbered 1. 2. … with a hanging indent when there are several.

    Separate paragraphs, not ``<br/>``: ReportLab leaves an empty line after a hanging 。 before a break.
    """
    if numbered and len(texts) > 1:
        return [pm(f"{i}. {esc(t)}", "item") for i, t in enumerate(texts, 1)]
    return [p(t, style) for t in texts]
