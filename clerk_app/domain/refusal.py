"""The legal grounds for not accepting an application (不予受理), each with the article and item it rests on.

行政许可法 art. 32(1): the organ (一) tells the applicant a matter needing no licence and does not
accept it; (二) does not accept a matter outside its power and tells the applicant which organ to
apply to; (四) tells everything missing once — an application whose materials are still incomplete
or not in legal form after that notice and its time limit is not accepted. The intake records the
ground chosen from this table; the 不予受理通知书 prints its article and item (and, for 第（二）项,
the organ to apply to).
"""

from __future__ import annotations

from dataclasses import dataclass

LAW = "《中华人民共和国行政许可法》第三十二条第一款"


@dataclass(frozen=True)
class RefusalGround:
    id: str
    label: str  # what the clerk chooses and the notice states
    article: str  # the article and item printed
    needs_organ: bool = False  # the organ to apply to must be named (matter outside this organ's power)


GROUNDS: dict[str, RefusalGround] = {g.id: g for g in (
    RefusalGround("no_licence_needed", "申请事项依法不需要取得行政许可", f"{LAW}第（一）项"),
    RefusalGround("outside_power", "申请事项依法不属于本行政机关职权范围", f"{LAW}第（二）项", needs_organ=True),
    RefusalGround("not_supplemented", "申请材料不齐全或者不符合法定形式，经一次性告知后逾期未补正",
                  f"{LAW}第（四）项"),
    # any other ground the law of the item gives: the notice cites the centre's wording.refusal_basis
    RefusalGround("other", "其他依法不予受理的情形", ""),
)}


class RefusalGroundError(ValueError):
    """A ground that is not in the table, or one lacking the organ it needs (message in Chinese)."""


def check_ground(ground: str | None, refer_to: str = "") -> RefusalGround:
    """The ground chosen for a refusal, checked: known, and with the organ to apply to when it needs one."""
    if not ground:
        raise RefusalGroundError("不予受理须选择法定情形：" + "；".join(g.label for g in GROUNDS.values()))
    g = GROUNDS.get(ground)
    if g is None:
        raise RefusalGroundError(f"未知的不予受理情形：{ground}（可选：{'、'.join(GROUNDS)}）")
    if g.needs_organ and not refer_to.strip():
        raise RefusalGroundError("申请事项不属于本机关职权范围的，须写明应向哪个行政机关申请")
    return g
