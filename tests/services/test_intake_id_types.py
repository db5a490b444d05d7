"""Applicants who are not mainland residents are recorded through ``clerk intake --json``'s path."""

from __future__ import annotations

from store.samples import PERSON, sign_accepted, submit_request

from clerk_app.intake.request import flow_from_json
from clerk_app.services import cases
from clerk_app.services.intake import find_applicant

HK = {"kind": "person", "id_type": "hmt_residence", "name": "陈大文", "id_number": "810000199408230021",
      "phone": "13812345678"}


def test_a_hong_kong_resident_with_a_residence_permit_is_recorded(ctx):
    r = submit_request(ctx, sign_accepted(applicant=HK))
    case = cases.get_case(ctx, r.number)
    assert case.applicant.id_type == "hmt_residence"
    found = find_applicant(ctx, "person", "810000199408230021", "hmt_residence")
    assert found is not None and found.name == "陈大文" and found.id_type == "hmt_residence"
    assert find_applicant(ctx, "person", "810000199408230021", "resident_id") is None


def test_real_resident_ids_refused_before_are_accepted(ctx):
    for number in ("433101197501011231", "310115198001011238"):
        _, errors = flow_from_json(sign_accepted(applicant=dict(PERSON, id_number=number)), ctx.catalogue,
                                   ctx.calendar, ctx.clock())
        assert errors == []


def test_wrong_document_type_is_reported_on_its_field(ctx):
    _, errors = flow_from_json(sign_accepted(applicant=dict(HK, id_type="visa")), ctx.catalogue, ctx.calendar,
                               ctx.clock())
    assert [e.field for e in errors] == ["applicant.id_type"]
    _, errors = flow_from_json(sign_accepted(applicant=dict(HK, id_type="uscc")), ctx.catalogue, ctx.calendar,
                               ctx.clock())
    assert [e.field for e in errors] == ["applicant.id_type"]
    assert errors[0].message.startswith("申请人统一社会信用代码不是个人的证件")
    _, errors = flow_from_json(sign_accepted(applicant=dict(HK, id_number="810000199408230022")), ctx.catalogue,
                               ctx.calendar, ctx.clock())
    assert [e.field for e in errors] == ["applicant.id_number"] and "校验位" in errors[0].message


def test_the_voucher_names_the_document_the_applicant_showed(ctx):
    import io

    from pypdf import PdfReader

    from clerk_app.domain.people import Clerk
    from clerk_app.services import documents

    clerk = Clerk(id="s1", name="张三", badge="A017")
    r = submit_request(ctx, sign_accepted(applicant=HK), clerk)
    pdf, _ = documents.issue(ctx, r.number, "acceptance", clerk)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "港澳台居民居住证" in text and "居民身份证：" not in text


def test_a_body_without_a_credit_code_has_its_exemption_printed_not_its_id(ctx):
    """The record keeps the exemption's id (``villager_group``); a Chinese paper names it."""
    import io

    from pypdf import PdfReader

    from clerk_app.domain.people import Clerk
    from clerk_app.services import documents

    group = {"kind": "company", "id_type": "org_exempt", "name": "某某村第三村民小组", "id_number": "villager_group",
             "phone": "13812345678"}
    clerk = Clerk(id="s1", name="张三", badge="A017")
    r = submit_request(ctx, sign_accepted(applicant=group), clerk)
    assert cases.get_case(ctx, r.number).applicant.id_number == "villager_group"
    pdf, _ = documents.issue(ctx, r.number, "acceptance", clerk)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "村民小组（未赋码）" in text and "villager_group" not in text


def test_a_sole_proprietor_is_a_citizen_or_a_hmt_resident_and_shows_the_id_they_hold(ctx):
    """个体工商户登记 (demo catalogue): a passport holder is refused, naming the documents it takes, and a
    Hong Kong resident is asked for the HMT document, not for a 居民身份证 they do not have."""
    from store.samples import sole_proprietor_tolerated

    passport = {"kind": "person", "id_type": "passport", "name": "JOHN SMITH", "id_number": "E12345678",
                "phone": "+85291234567"}
    _, errors = flow_from_json(sole_proprietor_tolerated(applicant=passport), ctx.catalogue, ctx.calendar,
                               ctx.clock())
    assert [(e.field, "不受理持护照的申请人" in e.message) for e in errors] == [("items", True)]

    hk_request = sole_proprietor_tolerated(applicant=HK)
    del hk_request["materials"]["applicant_id"]
    hk_request["materials"]["hmt_travel_permit"] = "original"  # the 任选其一 slot, keyed by what was handed in
    r = submit_request(ctx, hk_request)
    names = [m.name for m in cases.get_case(ctx, r.number).materials]
    assert "经营者身份证明（港澳台居民，任选其一）" in names and "申请人居民身份证" not in names

    r = submit_request(ctx, sole_proprietor_tolerated())  # a mainland resident, as before
    assert "申请人居民身份证" in [m.name for m in cases.get_case(ctx, r.number).materials]


def test_an_agent_who_is_the_applicant_is_refused_on_the_agent_field(ctx):
    """The paper would list one person as both 申请人 and 代理人; a typo'd full-width copy is the same number."""
    same = dict(PERSON, id_number=PERSON["id_number"].translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")))
    _, errors = flow_from_json(sign_accepted(agent=same), ctx.catalogue, ctx.calendar, ctx.clock())
    assert [(e.field, "代办人与申请人是同一人" in e.message) for e in errors] == [("agent.id_number", True)]
    other = dict(PERSON, name="李四", id_number="110105198001010032")
    _, errors = flow_from_json(sign_accepted(agent=other), ctx.catalogue, ctx.calendar, ctx.clock())
    assert not [e for e in errors if e.field.startswith("agent")]
