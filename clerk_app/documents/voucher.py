"""收件凭证 and 受理凭证: what was received, for which items, and when the result is due."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from clerk_app.documents.blocks import (
    QR_COL,
    Title,
    data_table,
    gap,
    items_table,
    kv_grid,
    materials_table,
    party_rows,
    qr_block,
    seal_organ,
    section,
    signature_block,
    with_qr,
)
from clerk_app.documents.checks import require_case, require_materials
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.kinds import ACCEPTED_STATES, KINDS, STATUS_NAMES, PaperKind
from clerk_app.documents.model import CaseDocument, CaseLine
from clerk_app.documents.page import DocSpec
from clerk_app.documents.styles import FRAME_W
from clerk_app.documents.text import MODE_LABELS, doc_date, esc, fmt_date, fmt_dt, items_names, lines, pm
from clerk_app.settings import Settings

CASE_OUTCOMES = {"accepted": "受理", "tolerated": "容缺受理", "received": "收件（待部门受理）", "refused": "不予受理",
                 "notice": "一次性告知"}


def _promised(c: CaseLine) -> str:
    """A case only received (not yet accepted) has no completion date: its time runs from acceptance."""
    if c.outcome in ("accepted", "tolerated"):
        return fmt_date(c.due_date) or "—"
    return "自受理之日起计算" if c.outcome == "received" else "—"


def cases_table(cases: tuple[CaseLine, ...]):
    """申请事项的办件: one row per case, each with its own number, department, outcome and date."""
    rows = [[str(i), c.case_no, c.item, c.department, CASE_OUTCOMES[c.outcome], _promised(c)]
            for i, c in enumerate(cases, 1)]
    w = [10 * mm, 44 * mm, 0.0, 28 * mm, 22 * mm, 28 * mm]
    w[2] = FRAME_W - sum(w)
    return data_table(["序号", "办件编号", "事项", "办理部门", "办理结果", "承诺办结"], rows, w, centred=(0, 4, 5))


ART45 = ("依照《中华人民共和国行政许可法》第四十五条，依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和"
         "专家评审的，所需时间不计算在上述期限内，届时另行书面告知。")


def delivery_text(doc: CaseDocument, settings: Settings) -> str:
    if doc.delivery_method == "mail":
        return f"邮寄送达：{doc.delivery_address}" if doc.delivery_address else "邮寄送达"
    where = f"（{settings.centre.address}）" if settings.centre.address else ""
    return f"窗口领取{where}，凭本凭证及有效身份证件领取"


def completion_text(doc: CaseDocument) -> str:
    """承诺办结 as printed: 当场办结 when every item is a 即办件 without a promised day."""
    if doc.items and all(it.immediate for it in doc.items):
        return "当场办结"
    return fmt_date(doc.due_date) or "以部门告知为准"


def fees_text(doc: CaseDocument) -> str:
    fees = [f"{it.name}：{'；'.join(it.fees)}" for it in doc.items if it.fees]
    return "；".join(fees) if fees else "不收费"


def mail_lines(doc: CaseDocument, settings: Settings) -> list[str]:
    """What a letter's applicant, who is not at the counter, is told."""
    if not doc.by_mail:
        return []
    return [f"本件为信函申请：信函于{fmt_date(doc.received_at.date())}收到，本凭证于"
            f"{fmt_date(doc_date(doc).date())}出具并寄送申请人。需补交的材料可邮寄至"
            f"{settings.centre.name}（{settings.centre.address}），也可到窗口提交。"]


MIXED_TITLE = "收件受理凭证"


def voucher_title(doc: CaseDocument, kind: str) -> str:
    """The paper's name by what happened: a visit's voucher whose cases were partly accepted and partly
    only received (待部门受理) is a 收件受理凭证, not a 受理凭证 (行政许可法 art. 32: accepting is a
    decision of its own); otherwise the kind's name."""
    if kind == "acceptance" and len(doc.cases) > 1 and any(c.outcome == "received" for c in doc.cases):
        return MIXED_TITLE
    return KINDS[kind]


def _opening(doc: CaseDocument, settings: Settings, accepted: bool) -> str:
    items = esc(items_names(doc.items))
    how = "以信函方式" if doc.by_mail else ""
    if accepted:
        note = (settings.wording.acceptance_tolerated_note if doc.outcome == "tolerated"
                else settings.wording.acceptance_note)
        several = len(doc.cases) > 1
        if several and any(c.outcome not in ("accepted", "tolerated") for c in doc.cases):
            note = "申请材料已收到。"  # not every case is accepted: each case's own result is in the list
        opening = f"您（单位）于{esc(fmt_dt(doc.received_at))}{how}提交的{items}申请，{esc(note)}"
        done = completion_text(doc)
        if several:
            opening += "各事项分别办理，办件编号、办理结果及承诺办结日期见办件清单（遇法定节假日顺延）。"
        elif done == "当场办结":
            opening += "本事项为即办件，当场办结。"
        elif doc.due_date:
            opening += f"本中心将于<u>{esc(fmt_date(doc.due_date))}</u>前办结（遇法定节假日顺延）。"
        return opening
    where = "" if doc.by_mail else f"在{esc(settings.window.name)}"
    opening = f"您（单位）于{esc(fmt_dt(doc.received_at))}{how}{where}提交的{items}申请材料已收到，清单如下。"
    if doc.accept_by:
        opening += (f"受理期限自收到申请材料之日（{esc(fmt_date(doc.received_at.date()))}）起计算，"
                    f"将于<u>{esc(fmt_date(doc.accept_by))}</u>前作出是否受理的决定并书面告知"
                    "（《中华人民共和国行政许可法》第三十二条）。")
    return opening


def build(doc: CaseDocument, settings: Settings, kind: str) -> DocSpec:
    """Story of a receipt (``kind='receipt'``) or acceptance (``kind='acceptance'``) voucher."""
    require_case(doc, doc.case_no)
    require_materials(doc.materials, KINDS[kind])
    if doc.delivery_method == "mail" and not doc.delivery_address.strip():
        raise DocumentError("结果选择邮寄送达，但未填写邮寄地址")
    accepted = kind == "acceptance"
    if accepted and doc.outcome not in ("accepted", "tolerated"):
        raise DocumentError("受理凭证只用于已受理（含容缺受理）的办件；未受理或不予受理的办件不能打印")
    several = len(doc.cases) > 1  # an application (申办) of several cases: one voucher for the visit
    name = voucher_title(doc, kind)
    title = name + ("（申请人联）" if doc.copy == "applicant" else "（存档联）")
    number = doc.application_no if several and doc.application_no else doc.case_no
    grid_rows: list[list[tuple[str, object]]] = [[("申办编号", number)] if several else [("办件编号", doc.case_no)]]
    if doc.by_mail:
        grid_rows.append([("申请方式", "信函申请"), ("信函收到", fmt_date(doc.received_at.date()))])
        grid_rows.append([("出具日期", fmt_date(doc_date(doc).date()))])
    if accepted:
        grid_rows.append([("受理时间", fmt_dt(doc.accepted_at or doc.received_at)),
                          ("承诺办结", "见办件清单（各办件分别办结）" if several else completion_text(doc))])
        basis = "；".join(b for it in doc.items for b in it.legal_basis)
        grid_rows += [[("法律依据", basis or "以办事指南公布的依据为准")], [("收费", fees_text(doc))]]
    else:
        grid_rows.append([("收件时间", fmt_dt(doc.received_at)),
                          ("受理决定", f"{fmt_date(doc.accept_by)}前" if doc.accept_by else "以部门告知为准")])
    grid_rows += [*party_rows(doc.applicant, doc.agent), [("结果送达", delivery_text(doc, settings))]]
    if accepted:
        password = doc.query_password if doc.copy == "applicant" else ""
        grid_rows.append([("查询密码", f"{password}（扫码或凭办件编号和查询密码查询进度）" if password
                           else "（仅印于申请人联）")])
    grid = kv_grid(grid_rows, width=FRAME_W - QR_COL - 2 * mm)
    story: list[Flowable] = [
        Title(title),
        pm(f"{esc(doc.applicant.name)}：", "salutation"),
        pm(_opening(doc, settings, accepted), "indent"),
        gap(2),
        with_qr(grid, qr_block(settings, number)),
        section(f"一、申请事项（共{len(doc.items)}项）"),
        items_table(doc.items),
    ]
    if several:
        story += [section(f"办件清单（共{len(doc.cases)}件）"), cases_table(doc.cases)]
    story += [
        section(f"二、申请材料（共{len(doc.materials)}项）"),
        materials_table(doc.materials),
    ]
    pending = [(i, m) for i, m in enumerate(doc.materials, 1) if m.mode == "tolerated"]
    notes = [settings.wording.receipt_note]
    if accepted:
        notes.append(ART45)
    if pending:
        rows = "、".join(str(i) for i, _ in pending)
        notes.append(f"材料清单第{rows}项为{MODE_LABELS['tolerated']}材料，尚未提交，"
                     f"须于{fmt_date(doc.tolerated_deadline()) or '规定期限'}前补齐"
                     f"{'（详见容缺受理通知书）' if doc.outcome == 'tolerated' else ''}。")
    notes += mail_lines(doc, settings)
    if doc.note:
        notes.append(f"备注：{doc.note}")
    notes.append(f"办公地址：{settings.centre.address}；办公时间：{settings.centre.office_hours}。")
    organ = seal_organ(doc.items, settings.centre.name) if accepted else settings.centre.name
    signer = None if doc.by_mail else "申请人（代理人）签字"
    # the keep rules hold the signature with the last note, and the heading with the first
    story += [section("三、温馨提示"), *lines(notes),
              signature_block(doc.clerk, organ, doc_date(doc).date(), signer)]
    return DocSpec(title=name, code=number, code_label="申办编号" if several else "办件编号", story=story,
                   reprint_at=doc.reprint_at)


def _accepted(case) -> bool:
    """Accepted at the window, or later by the department (a 待补正 case only if it was accepted)."""
    return case.outcome.value in ("accepted", "accepted_tolerated") or case.status.value != "supplement_requested"


PAPER_KINDS = (
    PaperKind("receipt", "收件凭证", lambda doc, settings: build(doc, settings, "receipt"), order=20,
              states=frozenset(STATUS_NAMES) - {"not_accepted", "withdrawn"},
              needs=lambda case: case.outcome.value == "received",
              when="收件凭证只用于窗口收件、待部门受理的办件"),
    PaperKind("acceptance", "受理凭证", lambda doc, settings: build(doc, settings, "acceptance"), order=10,
              states=ACCEPTED_STATES, needs=_accepted,
              when="受理凭证只用于已受理（含容缺受理）的办件；未受理或不予受理的办件不能打印"),
)
