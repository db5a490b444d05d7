#!/usr/bin/env bash
# End-to-end check of the packages, on this machine, as root (not part of CI: it builds two
# bundles and installs packages; about 8-12 minutes on 2 cores):
#   1. builds the bundle and the .debs from this tree (installer/build.sh --deb),
#   2. builds the previous release's package: 0.1.0 (commit 8327dce, or $OLD_REF) packaged
#      with this tree's installer/ (0.1.0 had no .deb recipe), version 0.1.0,
#   3. lintian on the new packages (dist/lintian.txt),
#   4. tests/installer with the packages: install, the installed app offscreen (catalog check,
#      intake --json, voucher: font embedded, barcode decodes), remove, purge; the centre's
#      unit with 2 processes on PostgreSQL as its own user; upgrade 0.1.0 → new with cases
#      queued while the centre was down (migrated, intact, pushed exactly once).
# Leaves the machine without window-clerk installed. Needs PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OLD_REF=${OLD_REF:-8327dce}
[ "$(id -u)" -eq 0 ] || { echo "smoke.sh installs packages on this machine: run it as root" >&2; exit 2; }
bash scripts/setup.sh >/dev/null
for p in lintian desktop-file-utils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null
done
t0=$(date +%s)

echo "== 1. bundle and .deb from this tree"
rm -f dist/*.deb
bash installer/build.sh --deb
t1=$(date +%s)

echo "== 2. the previous release ($OLD_REF) as a package"
OLD=$ROOT/build/old-release
rm -rf "$OLD" && mkdir -p "$OLD"
git archive "$OLD_REF" | tar -x -C "$OLD"
cp installer/build.sh installer/clerk.spec installer/entry.py installer/layout.py installer/requirements.txt \
   "$OLD/installer/"
cp -r installer/deb installer/icons "$OLD/installer/"
mkdir -p "$OLD/docs" && cp -n docs/deploy.md "$OLD/docs/" || true
(cd "$OLD" && DEB_VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' clerk_app/__init__.py) \
   BUNDLE_VENV=$ROOT/build/bundle-venv bash installer/build.sh --deb)
t2=$(date +%s)

echo "== 3. lintian"
lintian --tag-display-limit 0 dist/window-clerk_*.deb dist/window-clerk-server_*.deb > dist/lintian.txt 2>&1 || true
grep -v "^N:" dist/lintian.txt | grep -v "root privileges" || echo "lintian: no complaints"

echo "== 4. tests/installer with the packages"
export CLERK_BUNDLE=$ROOT/dist/clerk
CLERK_DEB=$(ls dist/window-clerk_*_amd64.deb)
CLERK_DEB_SERVER=$(ls dist/window-clerk-server_*_all.deb)
CLERK_DEB_OLD=$(ls "$OLD"/dist/window-clerk_*_amd64.deb)
export CLERK_DEB CLERK_DEB_SERVER CLERK_DEB_OLD
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/installer -v -p no:cacheprovider -rs
t3=$(date +%s)
echo "smoke: build $((t1 - t0)) s, previous release $((t2 - t1)) s, lintian and tests $((t3 - t2)) s;" \
     "bundle $(du -sh dist/clerk | cut -f1), $(basename "$CLERK_DEB") $(du -h "$CLERK_DEB" | cut -f1)"
