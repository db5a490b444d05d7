"""The load generator of ``bench_sync.py``: many windows' sync rounds from several processes.

Why not httpx in one asyncio process (as before): at 2,000 windows every 5 s (400 requests a
second) httpx's own CPU filled a core, so the generator fell behind its schedule and its
latencies measured its own queue (``/v1/health`` alone showed a p99 of 30 s). Here each
process drives a slice of the windows over plain HTTP/1.1 keep-alive connections written on
asyncio streams (a request costs this side tens of microseconds), and the slices run in
separate processes started together, so the latencies are the server's.

Run by ``bench_sync.py`` (``run_load``) as ``python loadgen.py SPEC.json OUT.json``; the spec
names the server, the windows and their tokens, the mode and when to start.
"""

from __future__ import annotations

import asyncio
import json
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

STREAMS0 = {"catalogue": 0, "roster": 0, "calendar": 0, "decisions": 0}
REQUESTS = ("health", "round", "hello", "push", "pull")
INTERVAL = 5.0
SLOW = 0.2  # seconds: requests slower than this are also listed with when they started


def case_variant(template: dict, window_id: str, n: int) -> dict:
    """The template intake payload as this window's n-th case (fresh ids, its own case number)."""
    day = date(2026, 11, 23) + timedelta(days=(n - 1) // 9000)
    c = json.loads(json.dumps(template))
    c["id"] = str(uuid.uuid4())
    c["case_no"] = f"S{window_id}{day:%y%m%d}{(n - 1) % 9000 + 1:04d}"
    c["window_id"] = window_id
    for m in c["materials"]:
        m["id"] = str(uuid.uuid4())
    for e in c["events"]:
        e["id"] = str(uuid.uuid4())
    return c


class ServerError(Exception):
    pass


class Http:
    """Keep-alive HTTP/1.1 connections to one server, reused last-in first-out (so a few stay
    busy and the rest are closed by the server's keep-alive timeout, then replaced)."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def request(self, method: str, path: str, body: bytes | None = None,
                      token: str | None = None) -> tuple[int, bytes]:
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n"
        if token:
            head += f"Authorization: Bearer {token}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        data = (head + "\r\n").encode() + (body or b"")
        for attempt in range(2):
            reused = bool(self.idle) and attempt == 0  # a retry always on a new connection
            reader, writer = self.idle.pop() if reused else await asyncio.open_connection(self.host, self.port)
            try:
                writer.write(data)
                raw = await reader.readuntil(b"\r\n\r\n")
            except (ConnectionError, asyncio.IncompleteReadError):
                writer.close()
                if reused:  # the server had closed this idle connection: nothing was answered
                    continue
                raise
            status, length, close = int(raw[9:12]), None, False
            for line in raw.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"connection" and value.strip().lower() == b"close":
                    close = True
            if length is None:
                writer.close()
                raise ServerError(f"{path}: answer without Content-Length")
            payload = await reader.readexactly(length)
            if close:
                writer.close()
            else:
                self.idle.append((reader, writer))
            return status, payload
        raise AssertionError("unreachable")

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()


async def one_window(http: Http, token: str, window_id: str, spec: dict, lat: dict, rng: random.Random) -> None:
    """One window's loop, a round every 5 s. ``mode``: ``round`` (protocol 2: /v1/round, a push
    when a case is new, a pull only for a stream with more), ``legacy`` (protocol 1: hello, push,
    pull of every stream), ``health`` (one ``GET /v1/health`` per round: the baseline of HTTP and
    the server framework, without the database or sync logic)."""
    mode, per_round, template = spec["mode"], spec["cases_per_round"], spec["template"]
    seq, n, cursors = 0, 0, dict(spec.get("start") or STREAMS0)
    stop_at = spec["start_at"] + spec["seconds"]
    await asyncio.sleep(max(0.0, spec["start_at"] - time.time()) + rng.uniform(0, INTERVAL))  # not in step

    async def call(name: str, path: str, body: dict | None = None) -> dict:
        raw = None if body is None else json.dumps(body).encode()
        t0 = time.perf_counter()
        status, answer = await http.request("GET" if body is None else "POST", path, raw, token)
        took = time.perf_counter() - t0
        lat[name].append(took)
        if took > SLOW:
            lat["slow"].append((round(time.time() - spec["start_at"], 2), name, round(took, 3)))
        if status != 200:
            raise ServerError(f"{path}: {status} {answer[:200]!r}")
        return json.loads(answer) if name in ("round", "pull") else {}

    def follow(streams: dict) -> dict:
        more = {}
        for s, page in streams.items():
            cursors[s] = page["next_cursor"]
            if page["more"]:
                more[s] = page["next_cursor"]
        return more

    while time.time() < stop_at:
        round_start = time.perf_counter()
        try:
            if mode == "health":
                await call("health", "/v1/health")
            else:
                hello = {"window_id": window_id, "device_time": datetime.now(UTC).isoformat(), "outbox_seq": seq}
                more: dict = {}
                if mode == "round":
                    answer = await call("round", "/v1/round", hello | {"protocol_version": 2, "cursors": cursors})
                    more = follow(answer["streams"])
                else:
                    await call("hello", "/v1/hello", hello | {"protocol_version": 1})
                whole = int(per_round)
                new = (rng.randint(0, 2) if per_round == 1.0
                       else whole + (1 if rng.random() < per_round - whole else 0))
                if new:
                    changes = []
                    for _ in range(new):
                        seq, n = seq + 1, n + 1
                        c = case_variant(template, window_id, n)
                        changes.append({"seq": seq, "change_id": str(uuid.uuid4()), "kind": "case",
                                        "entity_id": c["id"], "created_at": datetime.now().isoformat(), "payload": c})
                    await call("push", "/v1/push", {"window_id": window_id, "sent_at": datetime.now(UTC).isoformat(),
                                                    "changes": changes})
                if mode == "legacy":
                    more = follow((await call("pull", "/v1/pull", {"cursors": cursors}))["streams"])
                while more:
                    more = follow((await call("pull", "/v1/pull", {"cursors": more}))["streams"])
            lat["rounds"].append(time.perf_counter() - round_start)
        except (OSError, asyncio.IncompleteReadError, ServerError, ValueError, KeyError) as exc:
            lat["errors"].append(f"{type(exc).__name__}: {exc}"[:200])
        await asyncio.sleep(max(0.0, INTERVAL - (time.perf_counter() - round_start)))


async def drive(spec: dict) -> dict:
    lat: dict[str, list] = {k: [] for k in (*REQUESTS, "rounds", "errors", "slow")}
    http = Http(spec["url"])
    rng = random.Random(spec["seed"])
    try:
        await asyncio.gather(*(one_window(http, token, window_id, spec, lat, random.Random(rng.random()))
                               for window_id, token in spec["windows"].items()))
    finally:
        http.close()
    return lat


def run_load(url: str, tokens: dict[str, str], template: dict, seconds: float, mode: str,
             cases_per_round: float, start: dict | None = None, processes: int = 2) -> dict:
    """The windows split over ``processes`` generator processes that start at the same moment;
    their latencies merged."""
    ids = list(tokens)
    start_at = time.time() + 1.5  # after every process has started and imported
    merged: dict[str, list] = {k: [] for k in (*REQUESTS, "rounds", "errors", "slow")}
    with tempfile.TemporaryDirectory() as tmp:
        children = []
        for k in range(processes):
            spec = {"url": url, "windows": {w: tokens[w] for w in ids[k::processes]}, "template": template,
                    "seconds": seconds, "mode": mode, "cases_per_round": cases_per_round, "start": start,
                    "start_at": start_at, "seed": 7 + k}
            spec_path, out_path = Path(tmp) / f"spec{k}.json", Path(tmp) / f"out{k}.json"
            spec_path.write_text(json.dumps(spec))
            children.append((subprocess.Popen([sys.executable, __file__, str(spec_path), str(out_path)]), out_path))
        for child, out_path in children:
            if child.wait() != 0:
                raise RuntimeError(f"load generator process failed ({child.returncode})")
            for key, values in json.loads(out_path.read_text()).items():
                merged[key].extend(values)
    return merged


def main(argv: list[str]) -> int:
    spec = json.loads(Path(argv[1]).read_text())
    lat = asyncio.run(drive(spec))
    Path(argv[2]).write_text(json.dumps(lat))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
