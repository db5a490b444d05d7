#!/usr/bin/env bash
# Build the one-folder desktop bundle with PyInstaller (about 10 s, ~160 MB; ~65 MB as .tgz).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pip install -q "pyinstaller>=6.0"
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build installer/clerk.spec
version=$(.venv/bin/python -c "import clerk_app; print(clerk_app.__version__)")
tar -C dist -czf "dist/window-clerk-${version}-linux.tgz" clerk
echo "built dist/clerk/clerk and dist/window-clerk-${version}-linux.tgz"
