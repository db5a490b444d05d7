"""Fixtures for tests that install the built .deb packages on this machine (as root).

They run only when installer/smoke.sh hands them the packages (CLERK_DEB, CLERK_DEB_OLD,
CLERK_DEB_SERVER); otherwise they are skipped with the reason. Each test starts from a
machine without window-clerk and leaves it so.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
APPLICATION = HERE / "application.json"
PACKAGES = ("window-clerk-server", "window-clerk")


def package(var: str) -> Path:
    value = os.environ.get(var)
    if not value:
        pytest.skip(f"{var} is not set: run `bash installer/smoke.sh` (builds and installs the .deb)")
    if os.geteuid() != 0 or not shutil.which("dpkg"):
        pytest.skip("installing a .deb needs root and dpkg")
    return Path(value).resolve()


def dpkg(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run(["dpkg", *args], capture_output=True, text=True, env={**os.environ, "LC_ALL": "C.UTF-8"})
    if check:
        assert p.returncode == 0, f"dpkg {' '.join(args)}:\n{p.stdout}\n{p.stderr}"
    return p


def installed_version(name: str) -> str | None:
    p = subprocess.run(["dpkg-query", "-W", "-f=${Status} ${Version}", name], capture_output=True, text=True)
    parts = p.stdout.split()
    return parts[-1] if p.returncode == 0 and "installed" in parts[:3] and len(parts) == 4 else None


def purge_all() -> None:
    for name in PACKAGES:
        dpkg("--purge", name, check=False)


@pytest.fixture
def clean_machine():
    package("CLERK_DEB")  # skip before touching anything unless smoke.sh handed us the packages
    purge_all()
    yield
    purge_all()


@dataclass
class User:
    """A person at the counter: their own HOME, the installed `clerk` on PATH, no CLERK_HOME."""

    home: Path

    @property
    def data(self) -> Path:
        return self.home / ".local" / "share" / "clerk"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("CLERK_HOME", "XDG_DATA_HOME", "VIRTUAL_ENV", "PYTHONPATH")}
        return {**env, "HOME": str(self.home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen",
                "LC_ALL": "C.UTF-8"}

    def clerk(self, *args: str, stdin: str | None = None, check: bool = True,
              timeout: float = 120) -> subprocess.CompletedProcess:
        p = subprocess.run(["clerk", *map(str, args)], input=stdin, capture_output=True, text=True,
                           env=self.env(), timeout=timeout, cwd=self.home)
        if check:
            assert p.returncode == 0, f"clerk {' '.join(map(str, args))} → {p.returncode}\n{p.stdout}\n{p.stderr}"
        return p

    def clerk_json(self, *args: str) -> object:
        return json.loads(self.clerk(*args).stdout)

    def store_rows(self, sql: str) -> list[tuple]:
        with sqlite3.connect(self.data / "clerk.sqlite3") as conn:
            return conn.execute(sql).fetchall()


@pytest.fixture
def user(tmp_path) -> User:
    home = tmp_path / "home"
    home.mkdir()
    return User(home)
