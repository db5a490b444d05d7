"""Entry point of the bundled app: the same ``clerk`` command as the installed package."""

import sys

from clerk_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
