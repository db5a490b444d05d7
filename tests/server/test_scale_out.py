"""Scale-out: two real server processes (uvicorn) on one PostgreSQL, several windows and a back
office using both at once, answers lost and requests retried on the other process. Nothing is
applied twice, nothing is lost, and every window sees every decision on its cases exactly once.
"""

from __future__ import annotations

import random
import secrets
import threading
from datetime import UTC, datetime

import httpx
import pytest
import server_harness as testing

from .helpers import case_payload, change, push_body

pytestmark = pytest.mark.postgres

WINDOWS = [f"3101070{c}{w:03d}" for c in (1, 2) for w in range(1, 5)]  # two centres, four windows each
CASES_PER_WINDOW = 12
STREAMS0 = {"catalogue": 0, "roster": 0, "calendar": 0, "decisions": 0}


class Window:
    """One window speaking the protocol by hand: pushes (some answers "lost" and the batch sent
    again to the other process), rounds (protocol 2, or hello + pull like an old window)."""

    def __init__(self, window_id: str, token: str, urls: list[str], old: bool, rng: random.Random):
        self.window_id, self.old, self.rng = window_id, old, rng
        self.http = [httpx.Client(base_url=u, headers={"Authorization": f"Bearer {token}"}, timeout=30)
                     for u in urls]
        self.seq, self.n = 0, 0
        self.cursors = dict(STREAMS0)
        self.seen: list[str] = []  # decision ids, in the order they came
        self.pushed: list[str] = []  # case numbers the centre answered applied or duplicate for
        self.errors: list[str] = []
        self.answers: list[str] = []

    def any(self) -> httpx.Client:
        return self.rng.choice(self.http)

    def push(self) -> None:
        changes = []
        for _ in range(self.rng.randint(1, 3)):
            if self.n >= CASES_PER_WINDOW:
                break
            self.seq, self.n = self.seq + 1, self.n + 1
            changes.append(change(self.seq, "case", case_payload(self.window_id, self.n)))
        if not changes:
            return
        body = push_body(self.window_id, changes)
        first, other = self.rng.sample(self.http, 2)
        lost = self.rng.random() < 0.4  # the answer never came: the same batch again, to the other process
        for client in ([first, other] if lost else [first]):
            r = client.post("/v1/push", json=body)
            if r.status_code != 200:
                self.errors.append(f"push {r.status_code} {r.text[:200]}")
                return
            self.answers += [x["status"] for x in r.json()["results"]]
        self.pushed += [c["payload"]["case_no"] for c in changes]

    def round(self) -> None:
        hello = {"window_id": self.window_id, "device_time": datetime.now(UTC).isoformat(), "outbox_seq": self.seq}
        if self.old:
            r = self.any().post("/v1/hello", json=hello | {"protocol_version": 1})
            pages: dict = {}
            if r.status_code == 200:
                r = self.any().post("/v1/pull", json={"cursors": self.cursors})
                pages = r.json()["streams"] if r.status_code == 200 else {}
        else:
            r = self.any().post("/v1/round", json=hello | {"protocol_version": 2, "cursors": self.cursors})
            pages = r.json()["streams"] if r.status_code == 200 else {}
        if r.status_code != 200:
            self.errors.append(f"round {r.status_code} {r.text[:200]}")
            return
        while pages:
            more = {}
            for name, page in pages.items():
                if name == "decisions":
                    self.seen += [row["key"] for row in page["rows"]]
                self.cursors[name] = max(self.cursors[name], page["next_cursor"])
                if page["more"]:
                    more[name] = self.cursors[name]
            pages = self.any().post("/v1/pull", json={"cursors": more}).json()["streams"] if more else {}


def _enrol(engine) -> tuple[dict[str, str], str]:
    from clerk_app.server import windows

    tokens = {}
    for wid in WINDOWS:
        with engine.begin() as conn:
            code = windows.add_window(conn, wid)
        with engine.begin() as conn:
            tokens[wid] = windows.enroll(conn, code)[2]
    with engine.begin() as conn:
        back = windows.add_back_office(conn, "测试审批部门", all_items=True)
    return tokens, back


def test_two_processes_under_load_apply_everything_once(pg_url, tmp_path):
    url = testing.normalise_url(pg_url)
    engine = testing.make_engine(url)
    testing.clear(engine)  # the database may be shared with earlier tests of the session
    tokens, back_token = _enrol(engine)
    servers = [testing.ProcessServer(url, log=tmp_path / f"server{i}.log").start() for i in range(2)]
    urls = [s.url for s in servers]
    rng = random.Random(16)
    windows = [Window(w, tokens[w], urls, old=i % 3 == 0, rng=random.Random(rng.random()))
               for i, w in enumerate(WINDOWS)]
    decided: dict[str, list[str]] = {w: [] for w in WINDOWS}  # decision ids per window
    bo_errors: list[str] = []
    done = threading.Event()

    def window_loop(w: Window) -> None:
        while w.n < CASES_PER_WINDOW and not w.errors:
            w.push()
            w.round()

    def back_office() -> None:
        """Decides every case it can find at the centre, each decision sent to both processes at once."""
        clients = [httpx.Client(base_url=u, headers={"Authorization": f"Bearer {back_token}"}, timeout=30)
                   for u in urls]
        taken: set[str] = set()
        while True:
            finished = done.is_set()
            with engine.connect() as conn:
                found = conn.exec_driver_sql("SELECT case_no, window_id FROM cases").all()
            for no, wid in found:
                if no in taken:
                    continue
                taken.add(no)
                for action in ("review", "approve"):
                    body = {"decision_id": secrets.token_hex(16), "case_no": no, "action": action}
                    answers: list[httpx.Response] = []
                    go = threading.Barrier(2)

                    def send(c: httpx.Client, body=body, answers=answers, go=go) -> None:
                        go.wait()
                        answers.append(c.post("/v1/backoffice/decisions", json=body))

                    ts = [threading.Thread(target=send, args=(c,)) for c in clients]
                    for t in ts:
                        t.start()
                    for t in ts:
                        t.join(30)
                    kinds = sorted(a.json().get("status", a.text[:100]) for a in answers)
                    if kinds != ["applied", "duplicate"]:
                        bo_errors.append(f"{no} {action}: {kinds}")
                    decided[wid].append(body["decision_id"])
            if finished:
                return

    threads = [threading.Thread(target=window_loop, args=(w,)) for w in windows]
    office = threading.Thread(target=back_office)
    try:
        for t in [*threads, office]:
            t.start()
        for t in threads:
            t.join(60)
        done.set()
        office.join(60)
        for w in windows:  # every window catches up, from either process
            w.round()
            w.round()
    finally:
        for s in servers:
            s.stop()
        for w in windows:
            for c in w.http:
                c.close()

    assert not bo_errors, bo_errors[:5]
    for w in windows:
        assert not w.errors, (w.window_id, w.errors[:3])
        assert set(w.answers) <= {"applied", "duplicate"} and w.answers.count("applied") == CASES_PER_WINDOW
        assert len(w.seen) == len(set(w.seen)), f"{w.window_id} saw a decision twice"
        assert sorted(w.seen) == sorted(decided[w.window_id]), f"{w.window_id} missed a decision"
    total = CASES_PER_WINDOW * len(WINDOWS)
    with engine.connect() as conn:
        q = lambda sql: conn.exec_driver_sql(sql).scalar()  # noqa: E731
        assert q("SELECT count(*) FROM changes") == total
        assert q("SELECT count(DISTINCT case_no) FROM cases") == q("SELECT count(*) FROM cases") == total
        decisions = sum(len(v) for v in decided.values())
        assert decisions == 2 * total
        assert q("SELECT count(*) FROM case_events") == total + decisions  # the intake event + two decisions each
        assert q("SELECT count(*) FROM cases WHERE status = 'approved' AND event_count = 3") == total
        assert q("SELECT count(*) FROM stream_items WHERE stream = 'decisions'") == decisions
        # cursors gapless and unique: the head is the count, every cursor distinct
        assert q("SELECT last_cursor FROM stream_heads WHERE stream = 'decisions'") == decisions
        assert q("SELECT count(DISTINCT cursor) FROM stream_items WHERE stream = 'decisions'") == decisions
    engine.dispose()
