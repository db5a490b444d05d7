"""Downward streams applied at the window: decisions, catalogue versions, the calendar, the roster."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

from records_json import as_json
from sqlalchemy import func, select

from clerk_app.catalog.active import snapshot_dir
from clerk_app.catalog.loader import load_catalogue
from clerk_app.server import publish
from clerk_app.services import cases as case_service
from clerk_app.services.case_actions.hand_out import hand_out
from clerk_app.store.models import OutboxEntry
from clerk_app.sync.engine import run_round
from clerk_app.sync.status import read_status

from .conftest import make_case

FORMS = Path(__file__).resolve().parents[2] / "forms"
CLERK = __import__("clerk_app.domain.people", fromlist=["LOCAL_CLERK"]).LOCAL_CLERK


def test_back_office_result_comes_back_as_ready_for_pickup(window, central):
    no = make_case(window)
    run_round(window)
    assert central.decide(no, "approve", note="准予许可，证号 JY001").status_code == 200
    assert central.decide(no, "ready").status_code == 200

    report = run_round(window)

    assert report.ok and report.pulled == {"decisions": 2}
    case = as_json(case_service.get_case(window, no))
    assert case["status"] == "result_ready" and case["status_label"] == "待出件"
    assert case["result_note"] == "准予许可，证号 JY001"
    assert [e["source"] for e in case["events"]][-2:] == ["back_office", "back_office"]
    with window.store.read() as s:  # applied decisions are not sent back
        assert s.execute(select(func.count()).select_from(OutboxEntry)).scalar() == 0

    hand_out(window, no, CLERK, "王小明", "310115198001011238", collector="agent", authorisation_kept=True)
    assert run_round(window).ok
    assert central.scalar("SELECT status FROM cases WHERE case_no = :n", n=no) == "handed_out"
    assert central.scalar("SELECT count(*) FROM changes WHERE kind = 'handout'") == 1


def test_supplement_request_carries_what_is_missing(window, central):
    no = make_case(window)
    run_round(window)
    central.decide(no, "supplement", missing=["食品安全管理制度（修订版）"])
    run_round(window)
    case = as_json(case_service.get_case(window, no))
    assert case["status"] == "supplement_requested"
    assert "食品安全管理制度（修订版）" in case["events"][-1]["note"]


def test_decision_order_does_not_depend_on_the_window_clock(window, central, clock):
    clock.now = datetime(2031, 1, 6, 9, 0)  # this window's clock is years ahead of the centre
    no = make_case(window)
    run_round(window)
    central.decide(no, "approve")
    run_round(window)
    events = as_json(case_service.get_case(window, no))["events"]
    assert [e["to"] for e in events] == ["accepted_tolerated", "approved"]
    assert events[1]["at"] > events[0]["at"]


def _publish_folder(central, folder: Path, scope: str = "*") -> str:
    files = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.toml"))}
    version = load_catalogue(folder).version
    with central.engine.begin() as conn:
        publish.publish_catalogue(conn, version, files, scope)
    return version


def test_a_new_catalogue_version_is_installed_and_old_cases_keep_theirs(window, central, tmp_path):
    old_version = window.catalogue.version
    old_case = make_case(window)
    folder = tmp_path / "forms_v2"
    shutil.copytree(FORMS, folder, ignore=shutil.ignore_patterns("README.md"))
    item = folder / "items" / "000117007000.toml"
    item.write_text(item.read_text(encoding="utf-8").replace("食品经营许可", "食品经营许可（新版）", 1), encoding="utf-8")
    new_version = _publish_folder(central, folder)
    assert new_version != old_version

    report = run_round(window)

    assert report.ok and report.pulled.get("catalogue") == 1
    assert window.catalogue.version == new_version
    assert (window.home / "catalog" / "items" / "000117007000.toml").read_text(encoding="utf-8") == \
        item.read_text(encoding="utf-8")
    assert {p.stem for p in snapshot_dir(window.home).glob("*.json")} >= {old_version, new_version}
    new_case = make_case(window)
    assert as_json(case_service.get_case(window, old_case))["catalogue_version"] == old_version
    assert as_json(case_service.get_case(window, new_case))["catalogue_version"] == new_version


def test_a_broken_catalogue_is_refused_and_the_window_keeps_working(window, central):
    before = window.catalogue.version
    with central.engine.begin() as conn:
        publish.publish_catalogue(conn, "broken-v9", {"materials.toml": "[[materials]]\nid = ", "items/x.toml": ""})

    report = run_round(window)

    assert report.not_applied == {"catalogue": 1}
    assert window.catalogue.version == before
    st = read_status(window)
    assert st.issues == 1
    make_case(window)  # intake still works on the last good catalogue
    assert run_round(window).pulled == {}  # the cursor moved on: the refusal is recorded once


def test_a_published_holiday_year_is_used_for_deadlines(window, central):
    assert not window.calendar.is_published(2031)
    with central.engine.begin() as conn:
        publish.publish_calendar(conn, 2031, [date(2031, 1, 1), date(2031, 10, 1)], [date(2031, 9, 28)])

    assert run_round(window).pulled == {"calendar": 1}

    assert window.calendar.is_published(2031)
    assert not window.calendar.is_workday(date(2031, 10, 1))
    assert window.calendar.is_workday(date(2031, 9, 28))  # a Sunday made a working day
    assert (window.home / "calendar" / "2031.toml").exists()


def test_the_roster_arrives_with_verifiers_and_ab_roles(window, central, monkeypatch):
    monkeypatch.setenv("CLERK_FAST_HASH", "1")
    from clerk_app.auth.passwords import hash_password
    from clerk_app.services import staff

    roster = [
        {"staff_no": "2001", "name": "李四", "badge": "PT-2001", "windows": [window.window_id],
         "authorised": ["*"], "substitutes": ["2002"], "password_hash": hash_password("secret-pass-1")},
        {"staff_no": "2002", "name": "王五", "badge": "PT-2002", "windows": [window.window_id],
         "authorised": ["*"], "substitutes": []},
    ]
    with central.engine.begin() as conn:
        publish.publish_roster(conn, "2026-11-r1", roster, scope=window.window_id[:8])

    assert run_round(window).pulled == {"roster": 1}

    li = staff.get_staff(window, "2001")
    assert li is not None and li.name == "李四"
    with window.store.read() as s:
        assert staff.roster_version(s) == "2026-11-r1"


def test_a_bad_roster_is_recorded_without_the_verifiers(window, central):
    bad = [{"staff_no": "2001", "name": "李四", "password_hash": "plain-text-password"}]
    with central.engine.begin() as conn:
        publish.publish_roster(conn, "r-bad", bad)
    report = run_round(window)
    assert report.not_applied == {"roster": 1}
    from clerk_app.store import sync_state as state

    with window.store.read() as s:
        [issue] = state.open_issues(s)
    assert "plain-text-password" not in str(issue.payload) and "r-bad" in issue.reason
