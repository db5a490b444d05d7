"""Run ``clerk`` in-process (fast, fixed clock) or as the installed console script (subprocess)."""

from __future__ import annotations

import functools
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CLERK_BIN = Path(sys.executable).with_name("clerk")


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def clerk(capsys, monkeypatch, clock, clerk_home):
    """``clerk(*args, stdin=None)`` → Run; the command's context uses the test's fixed clock."""
    import clerk_app.services.context as context
    from clerk_app.cli import main

    monkeypatch.setattr(context, "open_context", functools.partial(context.open_context, clock=clock))

    def run(*args: str, stdin: str | None = None) -> Run:
        capsys.readouterr()
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main([str(a) for a in args])
        cap = capsys.readouterr()
        return Run(code, cap.out, cap.err)

    return run


@pytest.fixture
def clerk_proc(clerk_home):
    """The real ``clerk`` executable in a child process with CLERK_HOME set (real clock)."""

    def run(*args: str, stdin: str | None = None) -> Run:
        env = {**os.environ, "CLERK_HOME": str(clerk_home), "PYTHONIOENCODING": "utf-8"}
        p = subprocess.run([str(CLERK_BIN), *map(str, args)], input=stdin, capture_output=True, text=True,
                           env=env, timeout=60, encoding="utf-8")
        return Run(p.returncode, p.stdout, p.stderr)

    return run


@pytest.fixture
def write_json(tmp_path):
    def write(data: Any, name: str = "request.json") -> Path:
        p = tmp_path / name
        p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return p

    return write


@pytest.fixture
def clerk_exits(clerk, capsys):
    """The in-process ``clerk``, with argparse's own exits (--help, a bad option value) as exit codes."""

    def run(*args: str, stdin: str | None = None) -> Run:
        try:
            return clerk(*args, stdin=stdin)
        except SystemExit as exc:
            cap = capsys.readouterr()
            return Run(int(exc.code or 0), cap.out, cap.err)

    return run
