"""Intake requests on the demo catalogue, shared by the store, service and CLI tests.

Each builder returns the JSON ``clerk intake --json`` takes; ``submit_request`` runs it
through the same code path (flow_from_json + services.intake.submit).
"""

from __future__ import annotations

import copy
from typing import Any

from clerk_app.domain.people import LOCAL_CLERK, Clerk

PERSON = {"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13812345678"}
COMPANY = {"kind": "company", "name": "福州示例餐饮有限公司", "id_number": "91350100M000100Y43",
           "phone": "0591-87654321", "contact": "李四"}


def _req(items: list[dict[str, Any]], materials: dict[str, str], applicant=PERSON, **extra: Any) -> dict[str, Any]:
    return {"items": items, "applicant": copy.deepcopy(applicant), "materials": dict(materials), **extra}


def sign_accepted(**extra: Any) -> dict[str, Any]:
    """户外招牌设置 (5 working days, 收件即受理), everything in order → accepted."""
    return _req([{"code": "000162001000"}], {
        "sign_application": "original", "business_license": "e-license", "lease_contract": "copy",
        "sign_design": "original", "sign_safety_commitment": "commitment"}, **extra)


def sign_notice(**extra: Any) -> dict[str, Any]:
    """户外招牌设置 with the design only as a copy and the application missing → one-time notice."""
    return _req([{"code": "000162001000"}], {
        "business_license": "copy", "lease_contract": "copy", "sign_design": "copy",
        "sign_safety_commitment": "commitment"}, **extra)


def sole_proprietor_tolerated(**extra: Any) -> dict[str, Any]:
    """个体工商户登记 (new) with the premises proof tolerated (3 days) → accepted_tolerated."""
    return _req([{"code": "000117001000", "answers": {"op": "new"}, "conditions": ["capable_person", "name_reserved"]}], {
        "sole_proprietor_application": "original", "applicant_id": "e-license",
        "any:property_cert|lease_contract": "tolerated"}, **extra)


def social_org_received(**extra: Any) -> dict[str, Any]:
    """社会服务机构成立登记 (20 working days, not 收件即受理) → received."""
    return _req([{"code": "000131010000"}], {
        "social_org_application": "original", "articles_of_association": "original",
        "capital_verification": "original", "property_cert": "copy", "legal_rep_id": "e-license"}, **extra)


def ten_materials(**extra: Any) -> dict[str, Any]:
    """医疗机构执业登记 (outpatient, company with an agent): ten checklist lines, all in order → accepted."""
    return _req([{"code": "000120003000", "answers": {"kind_of_inst": "outpatient"}}], {
        "medical_registration_application": "original", "business_license": "e-license",
        "legal_rep_id": "copy", "lease_contract": "copy", "medical_staff_list": "original",
        "medical_equipment_list": "original", "medical_rules": "original", "fire_acceptance": "e-license",
        "power_of_attorney": "original", "agent_id": "original"},
        applicant=COMPANY, agent=copy.deepcopy(PERSON), **extra)


def food_tolerated(**extra: Any) -> dict[str, Any]:
    """食品经营许可 (新办, 餐饮) for a company, two materials tolerated → accepted_tolerated (the README's example)."""
    company = {"kind": "company", "name": "上海某某餐饮有限公司", "id_number": "91350100M000100Y43",
               "phone": "13800138000"}
    return _req([{"code": "000117007000", "answers": {"op": "new", "catering": "yes"},
                  "conditions": ["legal_entity", "premises_fit"]}], {
        "food_license_application": "original", "business_license": "e-license", "legal_rep_id": "copy",
        "food_site_layout": "original", "food_safety_rules": "commitment", "food_safety_manager": "tolerated",
        "health_certificates": "tolerated"}, applicant=company, channel="counter",
        delivery={"method": "pickup"}, **extra)


def teacher_originals_and_copies(**extra: Any) -> dict[str, Any]:
    """教师资格认定 (20 days, 收件即受理), every form of paper: the 学历证书 original shown and handed
    back with 2 copies kept (原件及复印件), 2 photos (原件 × 2), the exam certificate as a copy."""
    return _req([{"code": "000109006000"}], {
        "teacher_cert_application": "original", "applicant_id": "original",
        "education_cert": {"status": "original", "originals": 1, "copies": 2},
        "mandarin_cert": "copy", "teacher_exam_cert": "copy", "teacher_physical_exam": "original",
        "photo_2inch": {"status": "original", "originals": 2}}, **extra)


def convenience_store(**extra: Any) -> dict[str, Any]:
    """我要开便利店: 营业执照 (3 days, 收件即受理) + 食品经营许可 (食品销售, 10 days) + 烟草专卖零售许可
    (15 days, not 收件即受理), everything in order; the 营业执照 the first item issues is not asked for."""
    return _req([{"code": "000117001000", "answers": {"op": "new"}, "conditions": ["capable_person", "name_reserved"]},
                 {"code": "000117007000", "answers": {"op": "new", "catering": "no"},
                  "conditions": ["legal_entity", "premises_fit"]},
                 {"code": "000156001000"}], {
        "sole_proprietor_application": "original", "applicant_id": "e-license",
        "lease_contract": "copy", "food_license_application": "original",
        "food_site_layout": "original", "food_safety_rules": "commitment", "tobacco_retail_application": "original"},
        theme="open_convenience_store", **extra)


def submit_request(ctx, data: dict[str, Any], clerk: Clerk = LOCAL_CLERK):
    """Run a request through flow_from_json and services.intake.submit, as ``clerk intake`` does."""
    from clerk_app.intake.request import flow_from_json
    from clerk_app.services.intake import submit

    flow, errors = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert flow is not None, [str(e) for e in errors]
    return submit(ctx, flow, clerk)
