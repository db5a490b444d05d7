#!/usr/bin/env bash
# Build the one-folder desktop bundle with PyInstaller from hash-pinned requirements.
#   bash installer/build.sh            → dist/clerk/ and dist/window-clerk-<version>-linux.tgz
#   bash installer/build.sh --deb      → also dist/window-clerk_<debversion>_amd64.deb (+ -server)
# The build venv (build/bundle-venv, or $BUNDLE_VENV) holds only installer/requirements.txt,
# installed with --require-hashes; the app itself is taken from this source tree.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-python3}
VENV=${BUNDLE_VENV:-$ROOT/build/bundle-venv}
start=$(date +%s)

if [ ! -x "$VENV/bin/pyinstaller" ] || ! cmp -s installer/requirements.txt "$VENV/requirements.txt"; then
  echo "== build venv $VENV from installer/requirements.txt (hash-checked)"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --require-hashes --no-deps -r installer/requirements.txt
  cp installer/requirements.txt "$VENV/requirements.txt"
fi

echo "== PyInstaller"
export PYTHONPATH="$ROOT"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  installer/clerk.spec
version=$(cd "$ROOT" && "$VENV/bin/python" -c "import clerk_app; print(clerk_app.__version__)")
tar -C dist -czf "dist/window-clerk-${version}-linux.tgz" clerk
echo "built dist/clerk/ ($(du -sh dist/clerk | cut -f1)) and dist/window-clerk-${version}-linux.tgz" \
     "in $(( $(date +%s) - start )) s"

if [ "${1:-}" = "--deb" ]; then
  bash installer/deb/build-deb.sh dist/clerk dist
fi
