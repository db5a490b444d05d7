"""A refusal (不予受理) records its legal ground from the domain's table; the notice prints the
article and item from it, not from the clerk's free text (issue 11)."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from sqlalchemy import update
from store.samples import sign_accepted, submit_request

from clerk_app.domain.people import Clerk
from clerk_app.domain.refusal import GROUNDS, RefusalGroundError, check_ground
from clerk_app.intake.request import flow_from_json
from clerk_app.services import cases, documents
from clerk_app.store.models import Case

CLERK = Clerk(id="s1", name="张三", badge="A017")


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def _refuse(ctx, reason: str, **ground):
    return submit_request(ctx, sign_accepted(override={"outcome": "not_accepted", "reason": reason, **ground}), CLERK)


@pytest.mark.parametrize(("ground", "item"), [("no_licence_needed", "第（一）项"), ("not_supplemented", "第（四）项")])
def test_the_notice_prints_the_article_and_item_of_the_ground_chosen(ctx, ground, item):
    r = _refuse(ctx, "招牌尺寸在豁免范围内", ground=ground)  # the free text names no ground at all
    rec = cases.get_case(ctx, r.number)
    assert rec is not None and rec.refusal_ground == ground and rec.refer_to is None
    text = _text(documents.preview(ctx, r.number, "refusal"))
    assert f"根据《中华人民共和国行政许可法》第三十二条第一款{item}的规定，决定不予受理" in text
    assert f"属于{GROUNDS[ground].label}的情形" in text
    assert "请向" not in text


def test_outside_power_names_the_organ_recorded_at_intake(ctx):
    r = _refuse(ctx, "户外招牌由城管部门审批", ground="outside_power", refer_to="区绿化和市容管理局")
    text = _text(documents.preview(ctx, r.number, "refusal"))
    assert "第三十二条第一款第（二）项" in text and "请向区绿化和市容管理局提出申请" in text


def test_other_ground_cites_the_centres_wording(ctx):
    r = _refuse(ctx, "经营者为在职公务员", ground="other")
    text = _text(documents.preview(ctx, r.number, "refusal"))
    assert re.sub(r"\s+", "", ctx.settings.wording.refusal_basis) in text and "第（" not in text


def test_a_refusal_needs_a_known_ground_and_the_organ_when_outside_power(ctx):
    def errs(**ground):
        req = sign_accepted(override={"outcome": "not_accepted", "reason": "不属于本机关职权", **ground})
        return [(e.field, e.message) for e in flow_from_json(req, ctx.catalogue, ctx.calendar, ctx.clock())[1]]

    assert [f for f, _ in errs()] == ["override.ground"]
    assert errs(ground="bogus")[0][0] == "override.ground" and "未知的不予受理情形" in errs(ground="bogus")[0][1]
    assert errs(ground="outside_power") == [("override.refer_to", "申请事项不属于本机关职权范围的，须写明应向哪个行政机关申请")]
    assert errs(ground="outside_power", refer_to="区规划资源局") == []
    with pytest.raises(RefusalGroundError):
        check_ground("outside_power", "  ")


def test_a_case_refused_before_grounds_were_recorded_still_reads_its_reason(ctx):
    r = _refuse(ctx, "不属于本机关职权范围，请向区规划资源局申请", ground="outside_power", refer_to="区规划资源局")
    with ctx.store.transaction() as s:  # as stored before migration 0015: no ground, no organ
        s.execute(update(Case).where(Case.case_no == r.number).values(refusal_ground=None, refer_to=None))
    text = _text(documents.preview(ctx, r.number, "refusal"))
    assert "第三十二条第一款第（二）项" in text and "请向区规划资源局提出申请" in text
