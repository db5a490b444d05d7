"""``clerk server`` as the admin runs it: with TLS (the window trusts the centre's CA file), and as
several processes on one database behind a load balancer (de-duplication is the database's)."""

from __future__ import annotations

import os
import shutil
import signal
import ssl
import subprocess
import sys
import threading
import time
from datetime import datetime

import httpx
import pytest
import server_harness as testing

from clerk_app.sync.engine import run_round
from clerk_app.sync.enroll import enroll
from clerk_app.sync.push import encode, read_batch

from .conftest import attach, central_token, enrol_code, make_case


def _self_signed(tmp_path):
    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return key, cert


def _wait_tls(url: str, cert, proc: subprocess.Popen) -> None:
    verify = ssl.create_default_context(cafile=str(cert))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else "server exited"
        try:
            if httpx.get(f"{url}/v1/health", verify=verify, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)
    raise TimeoutError("clerk server did not start")


def test_clerk_server_with_tls_and_a_ca_file(ctx, server_url, server_engine, tmp_path):
    key, cert = _self_signed(tmp_path)
    port = testing.free_port()
    env = {**os.environ, "CLERK_HOME": str(tmp_path / "server-home")}
    proc = subprocess.Popen([sys.executable, "-m", "clerk_app.cli", "server", "--db", server_url, "--port", str(port),
                             "--ssl-keyfile", str(key), "--ssl-certfile", str(cert)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    url = f"https://127.0.0.1:{port}"
    try:
        _wait_tls(url, cert, proc)
        enroll(ctx, url, enrol_code(server_engine, ctx.window_id), ca_file=str(cert))
        assert ctx.settings.sync.ca_file == str(cert)
        no = make_case(ctx)
        assert run_round(ctx).ok

        untrusting = ctx.settings.model_copy(update={"sync": ctx.settings.sync.model_copy(update={"ca_file": ""})})
        ctx.settings, trusted = untrusting, ctx.settings
        refused = run_round(ctx)  # the system CAs do not know this centre's certificate
        ctx.settings = trusted
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(15)
    assert not refused.ok and refused.state == "offline" and "证书" in refused.error
    with server_engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT case_no FROM cases").scalars().all() == [no]


@pytest.mark.postgres
def test_two_server_processes_take_the_same_batch_once(ctx, pg_url, tmp_path):
    engine = testing.make_engine(testing.normalise_url(pg_url))
    testing.clear(engine)
    token = central_token(engine, ctx.window_id)
    servers = [testing.ProcessServer(testing.normalise_url(pg_url), log=tmp_path / f"s{i}.log").start()
               for i in range(2)]
    try:
        numbers = [make_case(ctx) for _ in range(20)]
        body = encode(ctx.window_id, read_batch(ctx, 100), datetime.now())
        answers: list[httpx.Response] = []
        start = threading.Barrier(2)

        def send(server):
            with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}",
                                                            "Content-Type": "application/json"}) as c:
                start.wait()
                answers.append(c.post("/v1/push", content=body))

        threads = [threading.Thread(target=send, args=(s,)) for s in servers]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        attach(ctx, servers[1].url, token)
        assert run_round(ctx).ok
    finally:
        for s in servers:
            s.stop()
    kinds = sorted({r["status"] for a in answers for r in a.json()["results"]})
    assert [a.status_code for a in answers] == [200, 200] and kinds == ["applied", "duplicate"]
    with engine.connect() as conn:
        held = conn.exec_driver_sql("SELECT case_no FROM cases").scalars().all()
        assert conn.exec_driver_sql("SELECT count(*) FROM changes").scalar() == 20
    engine.dispose()
    assert sorted(held) == sorted(numbers)
