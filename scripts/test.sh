#!/usr/bin/env bash
# Set up (if needed) and run every check: ruff, import layering, mypy, the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
echo "== ruff"
.venv/bin/ruff check .
echo "== import layering (import-linter)"
.venv/bin/lint-imports
echo "== types (mypy: domain, protocol, intake, services; see [tool.mypy])"
.venv/bin/mypy
echo "== tests"
.venv/bin/python -m pytest -q "$@"
