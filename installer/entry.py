"""Entry point of the bundled app: the same ``clerk`` command as the installed package."""

import multiprocessing
import sys

from clerk_app.cli import main

if __name__ == "__main__":
    # `clerk server --workers N` starts uvicorn's worker processes with multiprocessing's
    # "spawn": in a frozen bundle each child re-runs this executable, and freeze_support()
    # turns that run into the worker instead of a second `clerk`.
    multiprocessing.freeze_support()
    sys.exit(main())
