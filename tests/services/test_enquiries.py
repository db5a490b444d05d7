"""咨询登记: an enquiry is stored, audited and queued for the centre in one go; the asker's ID is kept
masked only; bad input is refused with the field named; the item's material list prints by text."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pypdf
import pytest
from sqlalchemy import select

from clerk_app.domain.people import Clerk
from clerk_app.services import enquiries
from clerk_app.store.enquiry_models import Enquiry
from clerk_app.store.models import AuditEntry, OutboxEntry

CLERK = Clerk(id="1002", name="李四", badge="PT-0302", on_behalf_of_id="1001", on_behalf_of_name="张三")
FULL_ID = "11010519491231002X"


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def test_an_enquiry_is_stored_audited_and_queued_with_the_id_masked(ctx):
    rec = enquiries.add_enquiry(ctx, CLERK, " 000117001000 ", "告知须带身份证、经营场所证明", question="个体户怎么办",
                                name="赵六", phone="13900001111", id_number=FULL_ID, materials_printed=True)
    assert (rec.item_name, rec.department, rec.asker_id_masked) == ("个体工商户登记", "区市场监管局", "110105********002X")
    assert rec.clerk.on_behalf_of_name == "张三"
    with ctx.store.read() as s:
        row = s.scalars(select(Enquiry)).one()
        [entry] = s.scalars(select(AuditEntry).where(AuditEntry.action == "enquiry.add")).all()
        [out] = s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "enquiry")).all()
        assert row.asker_id_masked == "110105********002X" and row.materials_printed
        assert entry.actor == "李四（代张三）" and entry.subject == "000117001000"
        assert out.entity_id == rec.id and out.payload == rec.to_json()
        everything = json.dumps([getattr(row, c.name) for c in Enquiry.__table__.columns], default=str,
                                ensure_ascii=False) + json.dumps(entry.detail, ensure_ascii=False) \
            + json.dumps(out.payload, ensure_ascii=False)
    assert FULL_ID not in everything  # the full number is nowhere: not stored, audited or sent


def test_who_asked_is_optional(ctx):
    rec = enquiries.add_enquiry(ctx, CLERK, "000162001000", "告知办理流程")
    assert rec.asker_name == rec.asker_phone == rec.asker_id_masked == ""


@pytest.mark.parametrize("kwargs, field, words", [
    ({"item_code": ""}, "item_code", "请选择咨询的事项"),
    ({"item_code": "999999999"}, "item_code", "没有编码为 999999999"),
    ({"answer": "  "}, "answer", "请填写答复内容"),
    ({"name": "张\x00三"}, "name", "姓名"),
    ({"phone": "call me"}, "phone", "联系电话"),
    ({"question": "问" * 1001}, "question", "咨询内容"),
])
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(ctx, kwargs, field, words):
    args = {"item_code": "000162001000", "answer": "告知办理流程", **kwargs}
    with pytest.raises(enquiries.EnquiryRefused, match=words) as err:
        enquiries.add_enquiry(ctx, CLERK, **args)
    assert err.value.field == field
    with ctx.store.read() as s:
        assert s.scalars(select(Enquiry)).all() == []
        assert s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "enquiry")).all() == []


def test_listed_by_period(ctx, clock):
    from datetime import datetime

    clock.now = datetime(2026, 11, 20, 16, 0)
    enquiries.add_enquiry(ctx, CLERK, "000162001000", "周五")
    clock.now = datetime(2026, 11, 23, 9, 0)
    enquiries.add_enquiry(ctx, CLERK, "000162001000", "周一")
    assert [e.answer for e in enquiries.list_enquiries(ctx, date(2026, 11, 23), date(2026, 11, 23))] == ["周一"]
    assert [e.answer for e in enquiries.list_enquiries(ctx, date(2026, 11, 20), date(2026, 11, 23))] == ["周五", "周一"]
    assert enquiries.list_enquiries(ctx, clerk_id="1001") != []  # B's work for A is found under A too


def test_the_material_list_prints_every_situation_with_forms_and_counts(ctx):
    pdf = enquiries.material_list_pdf(ctx, "000117001000", CLERK, asker="赵六", answer="告知须带身份证")
    text = _text(pdf)
    for piece in ("办事材料清单", "咨询事项个体工商户登记", "事项编码000117001000", "实施部门区市场监管局",
                  "承诺3个工作日（法定15个工作日）", "收费不收费", "咨询人赵六", "答复时间2026年11月23日10:00",
                  "窗口答复告知须带身份证",
                  "一、情形：设立登记（共6项材料）", "二、情形：变更登记（共5项材料）",
                  "经营者身份证明（港澳台居民，任选其一）", "符合条件时提交（港澳台居民提交）",
                  "个体工商户登记（备案）申请书", "原件1必须提交",
                  "经营场所使用证明（任选其一）：不动产权证书（房屋产权证明）、房屋租赁合同",
                  "复印件1必须提交可容缺受理（3个工作日内补齐）",
                  "符合条件时提交（委托他人代办时提交）", "可用电子证照",
                  "本清单仅供咨询参考，不作为受理凭证", "咨询电话：021-52564588", "答复人：李四（代张三）"):
        assert piece in text, piece


def test_the_material_list_is_not_a_case_paper(ctx):
    from store.samples import sign_accepted, submit_request

    from clerk_app.documents import paper_kind
    from clerk_app.services import cases, documents

    no = submit_request(ctx, sign_accepted(), CLERK).number
    assert "material_list" not in documents.applicable_kinds(ctx, no)
    case = cases.get_case(ctx, no)
    assert case is not None
    assert "只用于咨询登记" in (paper_kind("material_list").refusal(case) or "")
