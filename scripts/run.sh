#!/usr/bin/env bash
# Set up (if needed) and start the window app on the embedded default data folder.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/clerk "$@"
