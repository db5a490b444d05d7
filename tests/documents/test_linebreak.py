"""标点禁则: no line starts with closing punctuation, none ends with an opening mark."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.units import mm

from clerk_app.documents.linebreak import CJKParagraph, break_point
from clerk_app.documents.styles import styles
from clerk_app.documents.text import esc

NO_START = "。，、：；！？）」』】》"
NO_END = "（「『【《"
HANZI = "申请人材料补正营业执照经营场所使用证明食品安全管理制度文本法定代表人身份证件"


def _lines(text: str, width: float, style: str = "body") -> list[str]:
    para = CJKParagraph(esc(text), styles()[style])
    para.wrap(width, 10_000)
    if para.blPara.kind == 0:  # a text that fits one line keeps ReportLab's plain form
        return ["".join(words) for _space, words in para.blPara.lines]
    return ["".join(w.text for w in line.words) for line in para.blPara.lines]


def _check(text: str, width: float, style: str = "body") -> list[str]:
    lines = _lines(text, width, style)
    assert "".join(lines) == text  # nothing lost or doubled
    for prev, line in zip(lines, lines[1:], strict=False):
        assert line[0] not in NO_START, (prev, line)
        assert prev[-1] not in NO_END, (prev, line)
    return lines


def test_a_closing_bracket_that_would_start_a_line_takes_a_character_with_it():
    # 10.5 pt characters, 20 per line: the 21st character is 」 (and 。 after it may not hang alone)
    text = "申" * 19 + "请」。" + "材料" * 10
    lines = _check(text, 20 * 10.5 + 1)
    assert lines[1].startswith("请」。")


def test_an_opening_mark_that_would_end_a_line_moves_to_the_next():
    text = "申" * 19 + "（附件一）" + "材料" * 10
    lines = _check(text, 20 * 10.5 + 1)
    assert lines[0].endswith("申") and lines[1].startswith("（附件")


def test_one_comma_may_hang_but_a_comma_and_a_bracket_move_together():
    lines = _check("申" * 20 + "，材料" * 8, 20 * 10.5 + 1)
    assert lines[0].endswith("，")  # hung in the margin, as ReportLab does
    lines = _check("申" * 20 + "）。材料" * 8, 20 * 10.5 + 1)
    assert lines[1][0] not in NO_START


def test_latin_words_and_numbers_are_not_cut_when_they_can_move():
    text = "申" * 15 + "编号3101070100320261122000123" + "材料" * 4
    lines = _check(text, 20 * 10.5 + 1)
    assert any("3101070100320261122000123" in line for line in lines)


def test_break_point_falls_back_to_a_cut_when_no_rule_can_hold():
    chars = list("」」」」")
    assert break_point(chars, 0, 3) == 3


_token = st.builds(
    lambda word, wrap, punct: (wrap[0] + word + wrap[1]) + punct,
    st.text(alphabet=HANZI, min_size=1, max_size=8),
    st.sampled_from([("", ""), ("（", "）"), ("「", "」"), ("《", "》"), ("【", "】"), ("『", "』")]),
    st.sampled_from(["", "，", "。", "、", "：", "；", "！", "？", "。」", "）。"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_token, min_size=3, max_size=30).map("".join),
       st.floats(min_value=30 * mm, max_value=170 * mm),
       st.sampled_from(["body", "cell", "item"]))
def test_random_paragraphs_obey_the_rules_at_any_width(text, width, style):
    _check(text, width, style)
