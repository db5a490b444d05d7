"""UI speed figures, printed with their target and a baseline (run on demand, not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_ui.py

1. Search per keystroke over 2,000 generated items, pinyin included (target ≤ 3 ms median),
   beside a bare QSortFilterProxyModel substring filter over the same items.
2. Opening the intake wizard (target < 100 ms).
3. ``clerk`` start to the first interactive window (target < 1 s, and ≤ 3× a bare PySide6
   window process). With staff login installed that window is the login dialog.
4. Login (argon2id m=64 MiB) to a usable main window, and an AB switch (B logs in for A), each in
   a fresh process, over a 2,000-item catalogue (target ≤ 300 ms beyond the argon2id verify,
   which is measured beside it in the same process).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
WORDS = ["食品", "药品", "医疗", "建筑", "道路", "运输", "公共", "场所", "卫生", "户外", "招牌", "养老", "机构",
         "娱乐", "演出", "教师", "资格", "社会", "保障", "居住", "户口", "迁移", "出生", "婚姻", "环境", "规划",
         "消防", "安全", "特种", "设备", "广告", "烟草", "酒类", "水务", "排水", "林木", "采伐", "渔业", "船舶"]
ENDS = ["经营许可", "登记", "备案", "核准", "审批", "认定", "许可证核发", "变更", "延续", "注销", "证明"]
KEYSTROKES = ["s", "sp", "spj", "spjy", "食", "食品", "食品经", "食品经营", "0", "00", "0001", "000120",
              "g", "gg", "ggc", "ggcs", "建", "建筑", "jz", "jzgc"]


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def generated_catalogue(n: int = 2000):
    from clerk_app.catalog.loader import load_catalogue
    from clerk_app.domain.catalog import Catalogue

    base = load_catalogue(ROOT / "forms")
    template = next(iter(base.items.values()))
    rng = random.Random(7)
    items = dict(base.items)
    i = 0
    while len(items) < n:
        i += 1
        name = "".join(rng.sample(WORDS, rng.randint(1, 3))) + rng.choice(ENDS)
        code = f"{900000000000 + i:012d}"
        items[code] = template.model_copy(update={"code": code, "name": name, "short_name": None,
                                                  "keywords": [rng.choice(WORDS)]})
    return Catalogue.model_construct(version="bench", materials=base.materials, items=items, themes=base.themes)


def bench_search() -> None:
    from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
    from PySide6.QtWidgets import QApplication

    from clerk_app.services.search import SearchIndex

    QApplication.instance() or QApplication([])
    cat = generated_catalogue()
    t = time.perf_counter()
    index = SearchIndex(cat)
    build = (time.perf_counter() - t) * 1000
    ours = statistics.median(median_ms(lambda q=q: index.search(q), 30) for q in KEYSTROKES)

    from pypinyin import Style, lazy_pinyin

    rows = [f"{it.name} {it.code} {''.join(lazy_pinyin(it.name, style=Style.FIRST_LETTER))}"
            for it in cat.items.values()]
    model = QStringListModel(rows)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def qt_filter(q: str) -> None:
        proxy.setFilterFixedString(q)
        proxy.rowCount()

    bare = statistics.median(median_ms(lambda q=q: qt_filter(q), 30) for q in KEYSTROKES)
    print(f"search per keystroke, {len(cat.items)} items: median {ours:.2f} ms (target ≤ 3 ms); "
          f"bare QSortFilterProxyModel {bare:.2f} ms; ratio {ours / bare:.2f}×; index build {build:.0f} ms")


def bench_wizard() -> None:
    os.environ["CLERK_HOME"] = tempfile.mkdtemp(prefix="clerk-bench-")
    from PySide6.QtWidgets import QApplication

    from clerk_app.domain.people import LOCAL_CLERK
    from clerk_app.services.context import open_context
    from clerk_app.services.search import SearchIndex
    from clerk_app.ui.wizard.host import IntakeWizard

    app = QApplication.instance() or QApplication([])
    ctx = open_context()
    index = SearchIndex(ctx.catalogue)

    def open_wizard() -> None:
        w = IntakeWizard(ctx, LOCAL_CLERK, index)
        w.resize(1366, 700)
        w.show()
        app.processEvents()
        w.close()
        w.deleteLater()

    open_wizard()  # first use warms Qt's style and font caches
    ms = median_ms(open_wizard, 20)
    print(f"open the intake wizard: median {ms:.1f} ms (target < 100 ms)")
    ctx.close()


BARE = """
import os, time, sys
t = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1366, 768); w.show()
def done():
    print(f"BARE {time.perf_counter() - t:.3f} launch={time.time() - float(os.environ['CLERK_LAUNCH_T0']):.3f}")
    app.exit(0)
QTimer.singleShot(0, done)
app.exec()
"""


def launched(cmd: list[str], env: dict[str, str]) -> tuple[float, float | None, str]:
    """(process wall time, launch-to-shown as the process printed it or None, stdout)."""
    env = dict(env, CLERK_LAUNCH_T0=repr(time.time()))
    t = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60).stdout
    wall_s = time.perf_counter() - t
    shown = next((float(w.split("=", 1)[1]) for w in out.split() if w.startswith("launch=")), None)
    return wall_s, shown, out


def bench_start(runs: int = 5) -> None:
    """Launch to the first window shown, both processes timed the same way (``CLERK_LAUNCH_T0``).

    The app keeps opening its store on the worker thread after the dialog is shown (and waits
    for it before exiting), so its process wall time is printed for information only. An app
    that does not print the launch time (before issue 14) is compared by wall time.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CLERK_EXIT_AFTER_SHOWN="1",
               CLERK_HOME=tempfile.mkdtemp(prefix="clerk-bench-start-"))
    clerk = [str(ROOT / ".venv" / "bin" / "clerk")]
    launched(clerk, env)  # first run creates the data folder and the store
    ours, bare = [], []
    for _ in range(runs):  # interleaved, so a load change on the machine moves both
        ours.append(launched(clerk, env))
        bare.append(launched([sys.executable, "-c", BARE], env))
    first = next((line.split()[1] for line in ours[0][2].splitlines() if line.startswith("CLERK_SHOWN")), "?")
    ow = statistics.median(w for w, _, _ in ours)
    bw = statistics.median(w for w, _, _ in bare)
    if all(s is not None for _, s, _ in ours):
        o = statistics.median(s for _, s, _ in ours)
        b = statistics.median(s for _, s, _ in bare)
        how = "launch to shown"
    else:
        o, b, how = ow, bw, "process wall time"
    print(f"`clerk` start to the first window ({first}), {how}: median {o * 1000:.0f} ms (target < 1000 ms); "
          f"bare PySide6 window process {b * 1000:.0f} ms; ratio {o / b:.1f}× (target ≤ 3×); "
          f"process wall times {ow * 1000:.0f} / {bw * 1000:.0f} ms")


LOGIN_RUN = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from PySide6.QtWidgets import QApplication
app = QApplication([])
from clerk_app.services.context import open_context
from bench_ui import generated_catalogue
ctx = open_context()
ctx.catalogue = generated_catalogue().model_copy(update={"version": "bench-2000-items"})
try:
    from clerk_app.ui.startup import prepare_main_window as prepare
except ImportError:  # before issue 14 nothing was prepared ahead of the login
    prepare = None
if prepare is not None:  # what the app does on its worker thread while the clerk types the password
    prepare(ctx)
from clerk_app.auth import passwords
from clerk_app.services import staff_login
from clerk_app.services.staff_seed import DEMO_STAFF
verifier = next(d["verifier"] for d in DEMO_STAFF if d["staff_no"] == "1003")
t = time.perf_counter()
clerk = staff_login.login(ctx, "1003", "ww123456").clerk
from clerk_app.ui.main_window import MainWindow
win = MainWindow(ctx, clerk)
win.resize(1366, 768)
win.show()
app.processEvents()
login = time.perf_counter() - t
items = len(win.index)
t = time.perf_counter()
clerk_b = staff_login.login(ctx, "1002", "ls123456", on_behalf_of="1001").clerk
win.set_clerk(clerk_b)
app.processEvents()
switch = time.perf_counter() - t
verifies = []
for _ in range(5):  # one argon2id verify varies by ±20 % on a busy machine: take the median
    t = time.perf_counter()
    assert passwords.verify(verifier, "ww123456")
    verifies.append(time.perf_counter() - t)
verify = sorted(verifies)[2]
print("LOGIN_RUN " + json.dumps({"login": login, "switch": switch, "verify": verify, "items": items}))
win.close()
ctx.close()
"""


def bench_login_to_window(runs: int = 3) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CLERK_HOME=tempfile.mkdtemp(prefix="clerk-bench-login-"),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    env.pop("CLERK_FAST_HASH", None)
    cmd = [sys.executable, "-c", LOGIN_RUN, str(Path(__file__).parent)]
    got = []
    for _ in range(runs + 1):  # the first run creates the data folder (and any cache)
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
        line = next((x for x in out.stdout.splitlines() if x.startswith("LOGIN_RUN ")), None)
        if line is None:
            raise SystemExit(f"login run failed:\n{out.stdout}\n{out.stderr}")
        got.append(json.loads(line.split(" ", 1)[1]))
    got = got[1:]
    verify = statistics.median(g["verify"] for g in got) * 1000
    login = statistics.median(g["login"] for g in got) * 1000
    switch = statistics.median(g["switch"] for g in got) * 1000
    print(f"login to a usable main window ({got[0]['items']} items searchable): median {login:.0f} ms; "
          f"bare argon2id verify {verify:.0f} ms; beyond the verify {login - verify:.0f} ms (target ≤ 300 ms)")
    print(f"AB switch (B logs in for A) to the re-indexed window: median {switch:.0f} ms; "
          f"beyond the verify {switch - verify:.0f} ms (target ≤ 300 ms)")


if __name__ == "__main__":
    bench_search()
    bench_wizard()
    bench_start()
    bench_login_to_window()
