"""What an admin's catalogue file may not do: loose types, absurd time limits, endless files.

Each mistake is refused by ``load_catalogue`` (so by ``clerk catalog check`` and at start-up)
with a Chinese reason naming the file and field, instead of being read as something else.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from clerk_app.catalog.loader import ITEM_FILE_MAX_BYTES, CatalogInvalid, load_catalogue
from clerk_app.domain.calendar import DateOutOfRange, WorkCalendar
from clerk_app.domain.catalog import MAX_LIMIT_DAYS

FORMS = Path(__file__).resolve().parents[2] / "forms"
ITEM = "items/000152001000.toml"  # 建筑工程施工许可证核发: in no theme, so a mistake in it cascades nowhere


@pytest.fixture
def forms(tmp_path) -> Path:
    dst = tmp_path / "forms"
    shutil.copytree(FORMS, dst)
    return dst


def _edit(forms: Path, rel: str, old: str, new: str) -> None:
    p = forms / rel
    text = p.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    p.write_text(text.replace(old, new, 1), "utf-8")


def _errors(folder: Path) -> list[str]:
    with pytest.raises(CatalogInvalid) as exc:
        load_catalogue(folder)
    return [str(e) for e in exc.value.errors]


# -- 1. TOML has real types: a flag is true/false, a day count an integer --------------------------

LOOSE = [
    ("legal_limit_days = 7", "legal_limit_days = true", "item.legal_limit_days: 应为整数"),
    ("legal_limit_days = 7", 'legal_limit_days = "7"', "item.legal_limit_days: 应为整数"),
    ("legal_limit_days = 7", "legal_limit_days = 7.0", "item.legal_limit_days: 应为整数"),
    ("promised_limit_days = 3", "promised_limit_days = true", "item.promised_limit_days: 应为整数"),
    ("channel_limits = { online = 2 }", "channel_limits = { window = true }", "item.channel_limits.window: 应为整数"),
    ("tolerate_days = 2", "tolerate_days = true", "item.situations[0].materials[3].tolerate_days: 应为整数"),
    ("after_decision_days = 30", 'after_decision_days = "30"',
     "item.situations[0].materials[4].after_decision_days: 应为整数"),
    ('ref = "planning_permit"\nform = "copy"', 'ref = "planning_permit"\nform = "copy"\ncopies = "2"',
     "item.situations[0].materials[1].copies: 应为整数"),
    ("accept_on_receipt = true", 'accept_on_receipt = "yes"', "item.accept_on_receipt: 应为 true 或 false"),
    ("accept_on_receipt = true", "accept_on_receipt = 1", "item.accept_on_receipt: 应为 true 或 false"),
    ("tolerate = true", 'tolerate = "true"', "item.situations[0].materials[3].tolerate: 应为 true 或 false"),
    ("e_license = true", "e_license = 1", "item.situations[0].materials[1].e_license: 应为 true 或 false"),
    ("required = false", "required = 0", "item.situations[0].materials[6].required: 应为 true 或 false"),
    ("has_agent = true", 'has_agent = "yes"', "item.situations[0].materials[6].condition.has_agent: 应为 true 或 false"),
]


@pytest.mark.parametrize(("old", "new", "error"), LOOSE, ids=[n for _, n, _ in LOOSE])
def test_a_loosely_typed_value_is_refused_naming_the_field(forms, old, new, error):
    _edit(forms, ITEM, old, new)
    assert f"{ITEM}: {error}" in _errors(forms)


def test_a_loosely_typed_flag_in_the_material_vocabulary_is_refused(forms):
    _edit(forms, "materials.toml", "issued_by_government = true", "issued_by_government = 1")
    errors = _errors(forms)
    assert len(errors) == 1 and errors[0].startswith("materials.toml: materials[")
    assert errors[0].endswith(".issued_by_government: 应为 true 或 false")


# -- 1b. pydantic's own errors reach the admin in Chinese -------------------------------------------

CHINESE = [
    ('name = "建筑工程施工许可证核发"\n', "", "item.name: 缺少必填字段"),
    ('name = "建筑工程施工许可证核发"\n', 'nmae = "建筑工程施工许可证核发"\nname = "建筑工程施工许可证核发"\n',
     "item.nmae: 不认识的字段（字段名拼写有误，或本处不能写此字段）"),
    ('kind = "promised"', 'kind = "promise"', "item.kind: 应为以下之一：“immediate”、“promised”"),
    ('item_type = "行政许可"', 'item_type = "许可"',
     "item.item_type: 应为以下之一：“行政许可”、“行政确认”、“行政给付”、“行政奖励”、“行政裁决”、“其他行政权力”、“公共服务”"),
    ('keywords = ["施工许可", "开工", "施工证"]', 'keywords = "施工许可"', "item.keywords: 应为列表（[...]）"),
    ('department = "区住房建设管理委"', "department = 3", "item.department: 应为文本（用英文双引号括起）"),
    ('delivery = ["窗口领取", "电子送达"]', "delivery = []", "item.result.delivery: 至少须有 1 项"),
    ('name = "建筑工程施工许可证核发"', 'name = "证"', "item.name: 至少 2 个字"),
    ('id = "new"', 'id = "New"', "item.situations[0].id: 格式不符（应符合 ^[a-z][a-z0-9_]*$）"),
    ('form = "original"', 'form = "originals"',
     "item.situations[0].materials[0].form: 应为以下之一：“original”、“copy”、“original_or_copy”、“original_and_copy”"),
    ("legal_limit_days = 7", "legal_limit_days = -1", "item.legal_limit_days: 不能小于 0"),
]


@pytest.mark.parametrize(("old", "new", "error"), CHINESE, ids=[e.split(":")[0] + "|" + n[:20] for _, n, e in CHINESE])
def test_schema_errors_are_in_chinese_with_file_and_field(forms, old, new, error):
    _edit(forms, ITEM, old, new)
    errors = _errors(forms)
    assert f"{ITEM}: {error}" in errors, errors
    english = ("Input should", "Field required", "Extra inputs", "should have at least", "String should")
    assert not [e for e in errors if any(w in e for w in english)]


def test_a_theme_without_items_is_explained_in_chinese(forms):
    theme = next((forms / "themes").glob("*.toml"))
    text = theme.read_text("utf-8")
    start = text.index("items = [")
    theme.write_text(text[:start] + "items = []" + text[text.index("]", start) + 1:], "utf-8")
    assert f"themes/{theme.name}: theme.items: 至少须有 1 项" in _errors(forms)


# -- 2. a time limit has a plausible upper bound --------------------------------------------------

TOO_LONG = [
    ("legal_limit_days = 7", "legal_limit_days = 100000", "item.legal_limit_days"),
    ("legal_limit_days = 7", f"legal_limit_days = {MAX_LIMIT_DAYS + 1}", "item.legal_limit_days"),
    ("promised_limit_days = 3", "promised_limit_days = 99999999999999999999", "item.promised_limit_days"),
    ("channel_limits = { online = 2 }", "channel_limits = { online = 5000 }", "item.channel_limits.online"),
    ("tolerate_days = 2", "tolerate_days = 100000", "item.situations[0].materials[3].tolerate_days"),
]


@pytest.mark.parametrize(("old", "new", "field"), TOO_LONG, ids=[n for _, n, _ in TOO_LONG])
def test_an_absurd_time_limit_is_refused_naming_the_field(forms, old, new, field):
    _edit(forms, ITEM, old, new)
    assert f"{ITEM}: {field}: 不能大于 {MAX_LIMIT_DAYS}" in _errors(forms)


def test_the_bound_itself_is_a_valid_time_limit(forms):
    _edit(forms, ITEM, "legal_limit_days = 7", f"legal_limit_days = {MAX_LIMIT_DAYS}")
    assert load_catalogue(forms).items["000152001000"].legal_limit_days == MAX_LIMIT_DAYS


def test_the_bound_is_a_few_hundred_working_days_not_centuries():
    assert 250 <= MAX_LIMIT_DAYS <= 1000
    due = WorkCalendar().add_working_days(date(2026, 11, 23), MAX_LIMIT_DAYS).due
    assert due.year <= 2031


@pytest.mark.parametrize(("start", "days"), [(date(2026, 11, 23), 99999999999999999999),
                                             (date(2026, 11, 23), 3_000_000),
                                             (date(9999, 12, 20), 30)])
def test_a_date_past_the_calendar_is_a_clear_error_not_an_overflow(start, days):
    with pytest.raises(DateOutOfRange) as exc:
        WorkCalendar().add_working_days(start, days)
    assert isinstance(exc.value, ValueError) and not isinstance(exc.value, OverflowError)
    assert f"期限 {days} 个工作日超出日历可计算的范围" in str(exc.value)


# -- 3. what is read: regular files of a sane size, text of a sane length ---------------------------

def test_a_device_a_pipe_or_a_folder_in_items_is_refused_without_reading_it(forms):
    """Run apart, under a memory cap and a timeout: reading /dev/zero or waiting on a FIFO must not happen."""
    if not hasattr(os, "mkfifo") or not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero and FIFOs (POSIX)")
    (forms / "items" / "z.toml").symlink_to("/dev/zero")
    os.mkfifo(forms / "items" / "pipe.toml")
    (forms / "items" / "folder.toml").mkdir()
    code = ("import resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))\n"
            "from clerk_app.catalog.loader import CatalogInvalid, load_catalogue\n"
            "try:\n    load_catalogue(sys.argv[1])\n"
            "except CatalogInvalid as exc:\n    print(exc)\n")
    r = subprocess.run([sys.executable, "-c", code, str(forms)], capture_output=True, text=True, timeout=60,
                       encoding="utf-8")
    assert r.returncode == 0, r.stderr[-2000:]
    lines = r.stdout.strip().splitlines()
    for name in ("folder.toml", "pipe.toml", "z.toml"):
        assert any(line.startswith(f"items/{name}: (file): 不是普通文件") for line in lines), lines
    assert len(lines) == 3


def test_a_materials_file_that_is_a_device_is_refused(forms):
    if not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    shutil.copy(forms / "materials.toml", forms / "materials.orig")
    (forms / "materials.toml").unlink()
    (forms / "materials.toml").symlink_to("/dev/zero")
    assert any(e.startswith("materials.toml: (file): 不是普通文件") for e in _errors(forms))


def test_an_item_file_over_the_size_cap_is_refused_with_its_size(forms):
    assert ITEM_FILE_MAX_BYTES == 1024 * 1024
    big = forms / "items" / "big.toml"
    big.write_text('[item]\nname = "' + "名" * 7_000_000 + '"\n', "utf-8")  # 21 MB
    errors = _errors(forms)
    assert errors == ["items/big.toml: (file): 文件过大（20,508 KB，上限 1,024 KB）"]


def test_an_item_file_just_under_the_cap_still_loads(forms):
    p = forms / ITEM
    text = p.read_text("utf-8")
    padding = ITEM_FILE_MAX_BYTES - len(text.encode("utf-8")) - 1
    p.write_text("#" + "x" * (padding - 2) + "\n" + text, "utf-8")
    assert len(p.read_bytes()) < ITEM_FILE_MAX_BYTES
    assert "000152001000" in load_catalogue(forms).items


TOO_MUCH_TEXT = [
    (ITEM, 'name = "建筑工程施工许可证核发"', 'name = "' + "长" * 201 + '"', "item.name: 不能超过 200 个字（现为 201 个字）"),
    (ITEM, 'department = "区住房建设管理委"', 'department = "' + "部" * 300 + '"',
     "item.department: 不能超过 200 个字（现为 300 个字）"),
    (ITEM, 'review_points = ["项目名称、规模与申请一致"]', 'review_points = ["' + "点" * 4001 + '"]',
     "item.situations[0].materials[1].review_points[0]: 不能超过 4000 个字（现为 4001 个字）"),
    (ITEM, '"《中华人民共和国建筑法》第七条、第八条"', '"' + "法" * 5000 + '"',
     "item.legal_basis[0]: 不能超过 4000 个字（现为 5000 个字）"),
    (ITEM, 'id = "new"', 'id = "' + "n" * 65 + '"', "item.situations[0].id: 不能超过 64 个字（现为 65 个字）"),
]


@pytest.mark.parametrize(("rel", "old", "new", "error"), TOO_MUCH_TEXT, ids=[e.split(":")[0] for *_, e in TOO_MUCH_TEXT])
def test_overlong_text_is_refused_naming_the_field(forms, rel, old, new, error):
    _edit(forms, rel, old, new)
    assert f"{rel}: {error}" in _errors(forms)


def test_an_overlong_material_name_in_the_vocabulary_is_refused(forms):
    _edit(forms, "materials.toml", 'name = "营业执照"', 'name = "' + "照" * 201 + '"')
    errors = _errors(forms)
    assert [e for e in errors if e.startswith("materials.toml: materials[") and e.endswith(
        ".name: 不能超过 200 个字（现为 201 个字）")]
