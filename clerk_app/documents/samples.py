"""Sample inputs for tests, the benchmark and previews (fictitious people, valid test numbers)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

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

APPLICANT_ID = "11010519491231002X"
AGENT_ID = "110101199003071234"

if TYPE_CHECKING:
    from clerk_app.documents.material_list import MaterialListDocument

FOOD = ItemLine(
    code="310107000101",
    name="食品经营许可（新办）",
    department="区市场监管局",
    legal_basis=("《中华人民共和国食品安全法》第三十五条", "《食品经营许可和备案管理办法》第十条"),
    promised_days=10,
    kind="promised",
)
SIGN = ItemLine(
    code="310107000202",
    name="户外招牌设置备案",
    department="区绿化市容局",
    legal_basis=("《上海市户外招牌设置管理办法》第八条",),
    promised_days=5,
    kind="承诺件",
)


def materials(n: int = 10) -> tuple[PrintedMaterial, ...]:
    """``n`` material lines cycling through every mode except missing/nonconforming."""
    base = [
        PrintedMaterial("食品经营许可申请书", "原件", 1, "received",
                     standard="使用统一格式，填写完整，申请人签字或盖章", review_points=["申请人签字或盖章"]),
        PrintedMaterial("营业执照", "复印件", 0, "e_license", standard="在有效期内，经营范围包含申请事项"),
        PrintedMaterial("法定代表人身份证件", "原件及复印件", 1, "received", standard="在有效期内"),
        PrintedMaterial("经营场所使用证明", "复印件", 1, "commitment",
                     commitment_text="本人承诺对经营场所享有合法使用权，场所不属于违法建筑，"
                                     "且符合食品经营的卫生和安全要求。"),
        PrintedMaterial("食品安全管理制度文本", "原件", 1, "tolerated",
                     standard="加盖单位公章", supplement_due=date(2026, 11, 27)),
    ]
    out = []
    for i in range(n):
        m = base[i % len(base)]
        out.append(m if i < len(base) else replace(m, name=f"{m.name}（附件{i + 1}）"))
    return tuple(out)


def case(n_materials: int = 10, **changes: object) -> CaseDocument:
    """An accepted food-licence case received at the window (override any field)."""
    doc = CaseDocument(
        case_no="3101070100320261122000123",
        items=(FOOD,),
        applicant=PrintedParty("person", "王小明", APPLICANT_ID, "13812345678"),
        agent=PrintedParty("person", "赵六", AGENT_ID, "13900001111"),
        clerk=PrintedClerk("李四", "PT0307", staff_no="S0307", substitute_for="张三"),
        received_at=datetime(2026, 11, 22, 10, 15),
        materials=materials(n_materials),
        outcome="accepted",
        due_date=date(2026, 12, 7),
        supplement_due=date(2026, 11, 27),
        delivery_method="window",
    )
    return replace(doc, **changes) if changes else doc


LICENCE = ItemLine(code="310107000001", name="个体工商户登记（设立）", department="区市场监管局",
                   legal_basis=("《促进个体工商户发展条例》第八条",), promised_days=3, kind="promised")
TOBACCO = ItemLine(code="310107000505", name="烟草专卖零售许可", department="区烟草专卖局",
                   legal_basis=("《中华人民共和国烟草专卖法》第十六条",), promised_days=15, kind="promised")


def application(tobacco: str = "received", **changes: object) -> CaseDocument:
    """我要开便利店: one application (申办) of three cases (办件), each with its own department,
    outcome and date — the licence and food cases accepted, the tobacco case ``tobacco``
    (received: only received, its department decides acceptance)."""
    cases = (
        CaseLine("S310107010032611220001", LICENCE.name, LICENCE.department, "accepted", date(2026, 11, 25)),
        CaseLine("S310107010032611220002", FOOD.name, FOOD.department, "accepted", date(2026, 12, 4)),
        CaseLine("S310107010032611220003", TOBACCO.name, TOBACCO.department, tobacco,
                 date(2026, 12, 11) if tobacco in ("accepted", "tolerated") else None),
    )
    doc = replace(case(query_password="402913"), case_no=cases[0].case_no,
                  application_no="A310107010032611220001", items=(LICENCE, FOOD, TOBACCO), cases=cases,
                  due_date=date(2026, 11, 25))
    return replace(doc, **changes) if changes else doc


def handout(**changes: object) -> HandoutDocument:
    """A result handed out at the window to the agent (override any field)."""
    doc = HandoutDocument(
        case_no="3101070100320261122000123",
        items=(FOOD,),
        applicant=PrintedParty("person", "王小明", APPLICANT_ID, "13812345678"),
        result="食品经营许可证正本1份、副本1份（许可证编号 JY13101070012345）",
        handed_at=datetime(2026, 12, 3, 15, 40),
        clerk=PrintedClerk("李四", "PT0307", staff_no="S0307"),
        receiver=PrintedParty("person", "赵六", AGENT_ID, "13900001111"),
        receiver_role="agent", authorisation_kept=True, authorisation_scope="代为领取食品经营许可证",
        authorisation_date=date(2026, 12, 1),
    )
    return replace(doc, **changes) if changes else doc


def mailed(**changes: object) -> HandoutDocument:
    """A result mailed to the applicant (override any field)."""
    doc = handout(method="mail", receiver=PrintedParty("person", "王小明", "", "13812345678"), receiver_role="",
                  authorisation_kept=False, authorisation_scope="", authorisation_date=None,
                  courier="EMS（中国邮政速递）", tracking_no="EA473124829CN", address="上海市普陀区武宁路100号3号楼502室",
                  cost_bearer="government", handed_at=datetime(2026, 12, 3, 16, 5))
    return replace(doc, **changes) if changes else doc


def supplement(**changes: object) -> SupplementDocument:
    """A 补正 brought to the window after the back office asked for it (override any field)."""
    doc = SupplementDocument(
        case_no="S310107010032611220012",
        items=(FOOD,),
        applicant=PrintedParty("person", "王小明", APPLICANT_ID, "13812345678"),
        agent=PrintedParty("person", "赵六", AGENT_ID, "13900001111"),
        clerk=PrintedClerk("李四", "PT0307", staff_no="S0307"),
        supplied_at=datetime(2026, 11, 30, 9, 20),
        pieces=(SuppliedPiece("食品安全管理制度（修订版）", "原件", 1),
                SuppliedPiece("从业人员健康证明", "复印件", 3)),
        kind="correction",
        received_at=datetime(2026, 11, 22, 10, 15),
        asked=("食品安全管理制度（修订版）", "从业人员健康证明"),
        asked_on=date(2026, 11, 25),
        stop_from=date(2026, 11, 25),
        stop_to=date(2026, 11, 30),
        due_date=date(2026, 12, 10),
    )
    return replace(doc, **changes) if changes else doc


def material_list(**changes: object) -> MaterialListDocument:
    """The 办事材料清单 of an item with two situations (override any field)."""
    from clerk_app.documents.material_list import ListedMaterial, ListedSituation, MaterialListDocument

    doc = MaterialListDocument(
        item_code=FOOD.code, item_name=FOOD.name, department=FOOD.department, promised_days=10, legal_days=20,
        situations=(ListedSituation("新办（餐饮服务）", (
            ListedMaterial("食品经营许可申请书", "原件", 1, "必须提交"),
            ListedMaterial("营业执照", "复印件", 1, "必须提交", "可用电子证照"),
            ListedMaterial("食品安全管理人员证明", "原件", 1, "必须提交", "可容缺受理（5个工作日内补齐）"))),
            ListedSituation("延续", (ListedMaterial("食品经营许可证", "原件", 1, "必须提交"),))),
        clerk=PrintedClerk("李四", "PT0307", staff_no="S0307"), printed_at=datetime(2026, 12, 3, 15, 40))
    return replace(doc, **changes) if changes else doc
