#!/usr/bin/env bash
# Wrap a PyInstaller bundle into two .deb packages with dpkg-deb (no debhelper, no fpm):
#   window-clerk         the app under /opt/window-clerk, /usr/bin/clerk, desktop entry, icons
#   window-clerk-server  the centre's systemd unit, its user and /etc/window-clerk/server.env
# Usage: bash installer/deb/build-deb.sh BUNDLE_DIR OUT_DIR   (run from the repository root)
# Version: $DEB_VERSION, else the app's version, plus +git<commits>.<hash> unless HEAD is
# tagged v<version> (so every build from main upgrades the one before it).
set -euo pipefail
BUNDLE=$(realpath "$1")
OUT=$(realpath "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"

app_version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' clerk_app/__init__.py)
if [ -n "${DEB_VERSION:-}" ]; then
  version=$DEB_VERSION
elif git rev-parse --git-dir >/dev/null 2>&1 && ! git describe --exact-match --tags --match "v$app_version" >/dev/null 2>&1; then
  version="${app_version}+git$(git rev-list --count HEAD).$(git rev-parse --short=7 HEAD)"
else
  version=$app_version
fi
arch=$(dpkg --print-architecture)
# xz -1: a third smaller than gzip and several times faster than xz's default on 260 MB.
COMPRESS=${DEB_COMPRESS:--Zxz -z1}
date_r=$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

changelog() {  # $1 package, $2 destination (gzip -9n, as lintian wants)
  printf '%s (%s) stable; urgency=medium\n\n  * Window Clerk %s (changes: CHANGELOG.md).\n\n -- %s  %s\n' \
    "$1" "$version" "$version" "Window Clerk maintainers <window-clerk@example.org>" "$date_r" | gzip -9n > "$2"
}

md5sums() {  # $1 package root
  (cd "$1" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort | xargs -d '\n' md5sum) \
    > "$1/DEBIAN/md5sums"
}

# ---------------------------------------------------------------- window-clerk
P=$work/window-clerk
mkdir -p "$P/DEBIAN" "$P/opt" "$P/usr/bin" "$P/usr/share/applications" "$P/usr/share/doc/window-clerk" \
         "$P/usr/share/man/man1" "$P/usr/share/lintian/overrides"
cp -a "$BUNDLE" "$P/opt/window-clerk"
install -m 0755 "$HERE/window-clerk/clerk.sh" "$P/usr/bin/clerk"
install -m 0644 "$HERE/window-clerk/window-clerk.desktop" "$P/usr/share/applications/"
for s in 16 32 48 64 128 256; do
  install -D -m 0644 "$ROOT/installer/icons/window-clerk-$s.png" "$P/usr/share/icons/hicolor/${s}x${s}/apps/window-clerk.png"
done
gzip -9n < "$HERE/window-clerk/clerk.1" > "$P/usr/share/man/man1/clerk.1.gz"
install -m 0644 "$HERE/copyright" "$P/usr/share/doc/window-clerk/copyright"
install -m 0644 "$ROOT/docs/deploy.md" "$P/usr/share/doc/window-clerk/deploy.md"
changelog window-clerk "$P/usr/share/doc/window-clerk/changelog.gz"
install -m 0644 "$HERE/window-clerk/lintian-overrides" "$P/usr/share/lintian/overrides/window-clerk"
install -m 0755 "$HERE/window-clerk/postrm" "$P/DEBIAN/postrm"

# Normalise modes: the bundle comes with whatever the build's umask gave it.
find "$P" -type d -exec chmod 0755 {} +
find "$P/opt/window-clerk" -type f -exec chmod 0644 {} +
chmod 0755 "$P/opt/window-clerk/clerk"
size=$(du -sk --exclude=DEBIAN "$P" | cut -f1)
# The newest glibc symbol any bundled binary needs (the build machine's, through libpython
# and the wheels): dpkg then refuses, with a clear message, a PC whose glibc is older.
glibc=$(find "$P/opt/window-clerk" -type f \( -name '*.so*' -o -name clerk \) -exec objdump -T {} + 2>/dev/null \
        | grep -o 'GLIBC_2\.[0-9]*' | sort -t. -k2 -n -u | tail -1 | cut -d_ -f2 || true)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@GLIBC@/${glibc:-2.34}/" \
  "$HERE/window-clerk/control" > "$P/DEBIAN/control"
md5sums "$P"
dpkg-deb --root-owner-group $COMPRESS --build "$P" "$OUT/window-clerk_${version}_${arch}.deb" >/dev/null

# --------------------------------------------------------- window-clerk-server
S=$work/window-clerk-server
mkdir -p "$S/DEBIAN" "$S/lib/systemd/system" "$S/etc/window-clerk" "$S/usr/share/doc/window-clerk-server"
install -m 0644 "$HERE/window-clerk-server/window-clerk-server@.service" "$S/lib/systemd/system/"
install -m 0640 "$HERE/window-clerk-server/server.env" "$S/etc/window-clerk/server.env"
install -m 0644 "$HERE/window-clerk-server/nginx-window-clerk.conf" "$S/usr/share/doc/window-clerk-server/"
install -D -m 0755 "$HERE/window-clerk-server/clerk-centre" "$S/usr/sbin/clerk-centre"
mkdir -p "$S/usr/share/man/man8"
gzip -9n < "$HERE/window-clerk-server/clerk-centre.8" > "$S/usr/share/man/man8/clerk-centre.8.gz"
install -m 0644 "$HERE/copyright" "$S/usr/share/doc/window-clerk-server/copyright"
changelog window-clerk-server "$S/usr/share/doc/window-clerk-server/changelog.gz"
for f in postinst postrm; do install -m 0755 "$HERE/window-clerk-server/$f" "$S/DEBIAN/$f"; done
install -D -m 0644 "$HERE/window-clerk-server/lintian-overrides" "$S/usr/share/lintian/overrides/window-clerk-server"
echo /etc/window-clerk/server.env > "$S/DEBIAN/conffiles"
find "$S" -type d -exec chmod 0755 {} +
size=$(du -sk --exclude=DEBIAN "$S" | cut -f1)
sed -e "s/@VERSION@/$version/g" -e "s/@SIZE@/$size/" "$HERE/window-clerk-server/control" > "$S/DEBIAN/control"
md5sums "$S"
dpkg-deb --root-owner-group $COMPRESS --build "$S" "$OUT/window-clerk-server_${version}_all.deb" >/dev/null

echo "built $OUT/window-clerk_${version}_${arch}.deb ($(du -h "$OUT/window-clerk_${version}_${arch}.deb" | cut -f1))" \
     "and $OUT/window-clerk-server_${version}_all.deb"
