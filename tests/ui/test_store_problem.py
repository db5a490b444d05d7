"""A damaged store at start: the clerk sees a Chinese message with the way out, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtWidgets import QMessageBox

from clerk_app import paths
from clerk_app.services.context import open_context


def _corrupt() -> None:
    open_context().close()
    with open(paths.db_path(), "r+b") as fh:
        fh.seek(4096 + 100)
        fh.write(os.urandom(2000))


def test_the_window_app_refuses_a_corrupt_store_with_a_message(clerk_home, qtbot, monkeypatch):
    _corrupt()
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self) or 0)
    from clerk_app.ui.main import main

    assert main(["clerk"]) == 1
    assert len(shown) == 1 and shown[0].objectName() == "storeProblem"
    assert "数据库" in shown[0].text() and "clerk recover" in shown[0].informativeText()


def test_the_gui_process_exits_without_a_traceback(clerk_home, tmp_path):
    _corrupt()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CLERK_HOME=str(clerk_home),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    # the in-process keyring held the key: give the child the same key through the file fallback
    from clerk_app.auth import secrets

    key = secrets.get_secret("store_key")
    (secrets.secrets_dir() / "store_key").write_text(key, encoding="utf-8")
    code = ("import sys; from PySide6.QtWidgets import QMessageBox; QMessageBox.exec = lambda self: "
            "print('BOX', self.text()) or 0; from clerk_app.cli import main; sys.exit(main([]))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr, out.stderr[-2000:]
    assert "BOX" in out.stdout and "数据库" in out.stdout


def test_the_cli_refuses_a_corrupt_store_clearly(clerk_home, capsys):
    _corrupt()
    from clerk_app.cli import main

    assert main(["case", "list", "--json"]) == 3
    err = capsys.readouterr().err
    assert "数据库" in err and "clerk recover" in err and "Traceback" not in err
