"""Zygote for the SIGKILL loop test: imports the app once, then forks one window process per
``go SEED`` line on stdin and prints its pid. Each window process does intakes and sync
rounds forever, until the test kills it with SIGKILL. After each intake returns (what the
clerk sees as "saved") it appends the case number to the journal file, fsynced.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys

from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.intake.request import flow_from_json
from clerk_app.services.context import open_context
from clerk_app.services.intake import submit
from clerk_app.sync.engine import run_round

REQUEST = json.loads(os.environ["KILL_REQUEST"])
JOURNAL = os.environ["KILL_JOURNAL"]


def window_process(seed: int) -> None:
    rng = random.Random(seed)
    ctx = open_context()
    while True:
        for _ in range(rng.randint(0, 3)):
            flow, errors = flow_from_json(REQUEST, ctx.catalogue, ctx.calendar, ctx.clock())
            number = submit(ctx, flow, LOCAL_CLERK).number
            with open(JOURNAL, "a", encoding="utf-8") as fh:
                fh.write(number + "\n")
                fh.flush()
                os.fsync(fh.fileno())
        run_round(ctx)


def main() -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed children are reaped automatically
    print("ready", flush=True)
    for line in sys.stdin:
        cmd, _, arg = line.strip().partition(" ")
        if cmd == "go":
            pid = os.fork()
            if pid == 0:
                try:
                    window_process(int(arg))
                finally:
                    os._exit(0)
            print(pid, flush=True)
        elif cmd == "quit":
            break


if __name__ == "__main__":
    main()
