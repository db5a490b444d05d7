"""咨询登记 (首问负责): an enquiry answered at the window without opening a case.

One service function per user action: :func:`add_enquiry` stores the enquiry, audits it and
queues it for the centre (change kind ``enquiry``) in one transaction. Who asked is optional;
an ID number is kept masked only (the full number is never stored, logged or sent). The
item's material list (:func:`material_list` → the 办事材料清单 paper) is built from the
active catalogue: every situation with its materials, forms and counts.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from clerk_app.documents.api import render, render_bytes
from clerk_app.documents.material_list import ListedMaterial, ListedSituation, MaterialListDocument
from clerk_app.documents.model import PrintedClerk
from clerk_app.domain.catalog import FORM_LABELS, Item, MaterialRequirement
from clerk_app.domain.identity import mask_id
from clerk_app.domain.people import Clerk
from clerk_app.domain.text import RULES, TextError, TextRule, clean_text
from clerk_app.protocol.records import ClerkSnapshot, EnquiryRecord
from clerk_app.services.context import AppContext
from clerk_app.store import audit, outbox
from clerk_app.store.enquiry_models import Enquiry

CHANGE_KIND = "enquiry"
QUESTION = TextRule("咨询内容", 1000, multiline=True)
ANSWER = TextRule("答复内容", 2000, multiline=True)


class EnquiryRefused(ValueError):
    """The enquiry cannot be recorded as given; ``str()`` says why in Chinese (``field`` names the field)."""

    def __init__(self, message: str, field: str = ""):
        self.field = field
        super().__init__(message)


def _clean(rule: TextRule, value: str | None, field: str) -> str:
    try:
        return clean_text(value or "", rule, field)
    except TextError as exc:
        raise EnquiryRefused(str(exc), field) from None


def _item(ctx: AppContext, code: str) -> Item:
    code = (code or "").strip()
    if not code:
        raise EnquiryRefused("请选择咨询的事项", "item_code")
    item = ctx.catalogue.items.get(code)
    if item is None:
        raise EnquiryRefused(f"事项目录中没有编码为 {code} 的事项", "item_code")
    return item


def record_of(row: Enquiry) -> EnquiryRecord:
    return EnquiryRecord(
        id=row.id, window_id=row.window_id, at=row.at,
        clerk=ClerkSnapshot(id=row.clerk_id, name=row.clerk_name, badge=row.clerk_badge,
                            on_behalf_of_id=row.on_behalf_of_id, on_behalf_of_name=row.on_behalf_of_name),
        asker_name=row.asker_name, asker_phone=row.asker_phone, asker_id_masked=row.asker_id_masked,
        item_code=row.item_code, item_name=row.item_name, department=row.department,
        question=row.question, answer=row.answer, materials_printed=row.materials_printed)


def add_enquiry(ctx: AppContext, clerk: Clerk, item_code: str, answer: str, question: str = "",
                name: str = "", phone: str = "", id_number: str = "",
                materials_printed: bool = False) -> EnquiryRecord:
    """Record one enquiry: stored, audited (``enquiry.add``) and replicated, in one transaction."""
    item = _item(ctx, item_code)
    answer_text = _clean(ANSWER, answer, "answer")
    if not answer_text:
        raise EnquiryRefused("请填写答复内容（告知了申请人什么）", "answer")
    question_text = _clean(QUESTION, question, "question")
    asker = _clean(RULES["name"], name, "name")
    phone_text = _clean(RULES["phone"], phone, "phone")
    if phone_text and not all(ch.isdigit() or ch in "-+ " for ch in phone_text):
        raise EnquiryRefused("联系电话只能包含数字、“-”和“+”", "phone")
    id_text = _clean(RULES["id_number"], id_number, "id_number")
    masked = mask_id(id_text) if id_text else ""
    now = ctx.clock()
    with ctx.store.transaction() as s:
        row = Enquiry(window_id=ctx.window_id, at=now, clerk_id=clerk.id, clerk_name=clerk.name,
                      clerk_badge=clerk.badge, on_behalf_of_id=clerk.on_behalf_of_id,
                      on_behalf_of_name=clerk.on_behalf_of_name, asker_name=asker, asker_phone=phone_text,
                      asker_id_masked=masked, item_code=item.code, item_name=item.name,
                      department=item.department, question=question_text, answer=answer_text,
                      materials_printed=bool(materials_printed))
        s.add(row)
        s.flush()
        record = record_of(row)
        audit.append(s, clerk.display, "enquiry.add", item.code,
                     {"enquiry_id": row.id, "item": item.name, "asker": asker, "id_masked": masked,
                      "materials_printed": row.materials_printed}, at=now)
        outbox.enqueue(s, CHANGE_KIND, row.id, record.to_json())
    return record


def list_enquiries(ctx: AppContext, start: date | None = None, end: date | None = None,
                   clerk_id: str | None = None) -> list[EnquiryRecord]:
    """Enquiries from ``start`` to ``end`` (both days included), oldest first."""
    q = select(Enquiry).order_by(Enquiry.at)
    if start:
        q = q.where(Enquiry.at >= datetime.combine(start, time.min))
    if end:
        q = q.where(Enquiry.at < datetime.combine(end + timedelta(days=1), time.min))
    if clerk_id:
        q = q.where((Enquiry.clerk_id == clerk_id) | (Enquiry.on_behalf_of_id == clerk_id))
    with ctx.store.read() as s:
        return [record_of(r) for r in s.execute(q).scalars()]


# -- the 办事材料清单 ------------------------------------------------------------------------------

def _listed(ctx: AppContext, req: MaterialRequirement) -> ListedMaterial:
    mats = [ctx.catalogue.materials[m] for m in req.material_ids if m in ctx.catalogue.materials]
    if req.any_of:
        name = (req.slot_name or "任选其一") + "：" + "、".join(m.name for m in mats)
    else:
        name = mats[0].name if mats else (req.ref or "")
    standard = "；".join(m.standard for m in mats if m.standard)
    if req.required:
        need = "必须提交"
    else:
        cond = req.condition.text if req.condition and req.condition.text else ""
        need = "符合条件时提交" + (f"（{cond}）" if cond else "")
    ways = []
    if req.tolerate:
        ways.append(f"可容缺受理（{req.tolerate_days}个工作日内补齐）")
    if req.commitment:
        ways.append("可告知承诺")
    if req.e_license:
        ways.append("可用电子证照")
    return ListedMaterial(name=name, form=FORM_LABELS.get(req.form, str(req.form)), copies=req.copies,
                          need=need, ways="、".join(ways), standard=standard)


def material_list(ctx: AppContext, item_code: str, clerk: Clerk, asker: str = "",
                  answer: str = "") -> MaterialListDocument:
    """The item's 办事材料清单: every situation with its materials (form, count, how it may be met)."""
    item = _item(ctx, item_code)
    situations = tuple(ListedSituation(name=sit.name, materials=tuple(_listed(ctx, r) for r in sit.materials))
                       for sit in item.situations)
    return MaterialListDocument(
        item_code=item.code, item_name=item.name, department=item.department,
        promised_days=item.promised_limit_days, legal_days=item.legal_limit_days, situations=situations,
        clerk=PrintedClerk(name=clerk.name, badge=clerk.badge, staff_no=clerk.id,
                           substitute_for=clerk.on_behalf_of_name),
        printed_at=ctx.clock(), fees=tuple(f"{f.name} {f.amount}" for f in item.fees), asker=asker,
        answer=answer)


def material_list_pdf(ctx: AppContext, item_code: str, clerk: Clerk, asker: str = "", answer: str = "",
                      out: Path | None = None) -> bytes:
    """The 办事材料清单 as PDF bytes (and written to ``out`` when given)."""
    doc = material_list(ctx, item_code, clerk, asker, answer)
    if out is not None:
        render(doc, "material_list", ctx.settings, out)
    return render_bytes(doc, "material_list", ctx.settings)
