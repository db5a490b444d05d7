"""The Inno Setup script (installer/clerk.iss) lists only files the bundle really has.

Without a bundle the layout comes from installer/layout.py (what clerk.spec copies in);
with ``CLERK_BUNDLE=dist/clerk`` (installer/smoke.sh sets it) the real bundle is checked too.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from pathlib import Path, PurePosixPath

import pytest

import clerk_app

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "installer" / "clerk.iss"
sys.path.insert(0, str(ROOT / "installer"))
import layout  # noqa: E402


def sections(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if m := re.fullmatch(r"\[(\w+)\]", line):
            current = m.group(1)
            out.setdefault(current, [])
        elif current:
            out[current].append(line)
    return out


def params(line: str) -> dict[str, str]:
    """``Source: "a"; DestDir: "b"; Flags: x y`` → {"Source": "a", "DestDir": "b", "Flags": "x y"}."""
    return {k: v.strip().strip('"') for k, v in re.findall(r'(\w+):\s*("[^"]*"|[^;]*)', line)}


def defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'#define\s+(\w+)\s+"([^"]*)"', text))


def layout_files() -> set[str]:
    """The bundle as the spec builds it on Windows: the two executables and every data file."""
    return {f"{layout.APP_NAME}.exe", f"{layout.CLI_NAME}.exe", *layout.data_files(ROOT)}


def real_bundle_files(bundle: Path) -> set[str]:
    """A real (Linux) bundle with Windows names: `clerk` → `clerk.exe`; clerk-cli is Windows-only."""
    files = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}
    files = {f"{f}.exe" if f == layout.APP_NAME else f for f in files}
    return files | {f"{layout.CLI_NAME}.exe"}


def file_entries() -> list[dict[str, str]]:
    text = ISS.read_text(encoding="utf-8-sig")
    bundle = defines(text)["Bundle"]
    entries = []
    for line in sections(text)["Files"]:
        p = params(line)
        assert p["Source"].startswith("{#Bundle}\\"), f"{ISS.name}: Source outside the bundle: {p['Source']}"
        p["rel"] = p["Source"][len("{#Bundle}\\"):].replace("\\", "/")
        p["bundle"] = bundle
        entries.append(p)
    return entries


def matches(entry: dict[str, str], files: set[str]) -> set[str]:
    rel = entry["rel"]
    if "*" not in rel:
        return {rel} & files
    base, pattern = str(PurePosixPath(rel).parent), PurePosixPath(rel).name
    recurse = "recursesubdirs" in entry.get("Flags", "")
    hit = set()
    for f in files:
        if not f.startswith(base + "/"):
            continue
        tail = f[len(base) + 1:]
        if not recurse and "/" in tail:
            continue
        if fnmatch.fnmatch(PurePosixPath(tail).name, pattern):
            hit.add(f)
    return hit


def excluded(entry: dict[str, str], files: set[str]) -> set[str]:
    base = str(PurePosixPath(entry["rel"]).parent)
    out = set()
    for pattern in filter(None, entry.get("Excludes", "").split(",")):
        assert pattern.startswith("\\"), f"Excludes pattern {pattern!r} should be anchored with a backslash"
        prefix = base + pattern.replace("\\", "/")
        hit = {f for f in files if fnmatch.fnmatch(f, prefix)}
        assert hit, f"{ISS.name}: Excludes {pattern!r} matches nothing in the bundle"
        out |= hit
    return out


def check_against(files: set[str]) -> None:
    entries = file_entries()
    assert entries, "clerk.iss has no [Files] entries"
    installed: set[str] = set()
    for e in entries:
        hit = matches(e, files)
        assert hit, f"{ISS.name}: {e['Source']} is not in the bundle"
        installed |= hit - excluded(e, files)
    missing = sorted(files - installed)
    assert not missing, f"{ISS.name} leaves out bundle files: {missing[:10]}"


def test_every_listed_file_is_in_the_bundle_layout():
    check_against(layout_files())


def test_a_wrong_path_is_caught(monkeypatch):
    files = layout_files() - {"_internal/resources/fonts/wqy-microhei.ttc"}
    with pytest.raises(AssertionError, match="wqy-microhei.ttc is not in the bundle"):
        check_against(files)


@pytest.mark.skipif(not os.environ.get("CLERK_BUNDLE"), reason="needs a built bundle: bash installer/smoke.sh")
def test_every_listed_file_is_in_the_built_bundle():
    check_against(real_bundle_files(Path(os.environ["CLERK_BUNDLE"])))


def test_version_shortcuts_and_icon_are_in_step():
    text = ISS.read_text(encoding="utf-8-sig")
    assert defines(text)["AppVersion"] == clerk_app.__version__, (
        "installer/clerk.iss: set AppVersion to clerk_app.__version__")
    targets = {params(line)["Filename"] for line in sections(text)["Icons"]} | {
        params(line)["Filename"] for line in sections(text)["Run"]}
    assert targets <= {f"{{app}}\\{layout.APP_NAME}.exe", "{uninstallexe}"}
    setup = dict(line.split("=", 1) for line in sections(text)["Setup"])
    assert (ISS.parent / setup["SetupIconFile"].replace("\\", "/")).is_file()
    assert "综合窗口收件台" in text
