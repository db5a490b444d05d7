"""Keep rules: no heading alone at the foot of a page, no signature block alone on a page.

Long papers (up to 56 materials and more) are rendered at every length in a range, so that
headings and signature blocks fall at every position on the page, and the text positions of
each page are checked.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from clerk_app.documents import PrintedMaterial, render_bytes, samples
from clerk_app.documents import keep as keep_rules

from .placement import Chunk, body
from .test_contents import notice_case

BADGE = "PT0307"  # the clerk's badge: the signature block's second line, 25 pt under its first


def _headings_have_company(chunks: list[Chunk]) -> list[str]:
    """Headings with no body text below them on their page."""
    alone = []
    for h in chunks:
        if h.text.startswith("■"):
            below = [c for c in chunks if c.page == h.page and c.y < h.y - 1 and not c.text.startswith("■")]
            if not below:
                alone.append(f"page {h.page}: {h.text}")
    return alone


def _signature_alone(chunks: list[Chunk]) -> bool:
    sig = next(c for c in chunks if BADGE in c.text)
    above = [c for c in chunks if c.page == sig.page and c.y > sig.y + 30]
    return not above


def _cases():
    for n in range(24, 61, 4):
        yield "receipt", samples.case(n)
    for n in range(25, 61, 4):
        yield "refusal", samples.case(n, outcome="refused", reason="不属于本机关职权范围")
    base = notice_case()
    for n in range(20, 50, 4):
        fix = tuple(PrintedMaterial(f"补正材料{i}", "原件", 1, "missing", standard="在有效期内")
                    for i in range(n))
        yield "notice", replace(base, materials=base.materials + fix)


CASES = list(_cases())


@pytest.mark.parametrize(("kind", "doc"), CASES, ids=[f"{k}-{len(d.materials)}" for k, d in CASES])
def test_no_heading_alone_at_the_foot_and_no_signature_alone(kind, doc, settings):
    chunks = body(render_bytes(doc, kind, settings))
    assert _headings_have_company(chunks) == []
    assert not _signature_alone(chunks)


def test_the_check_catches_a_heading_alone_without_the_rules(settings, monkeypatch):
    """Without the keep rules some of these lengths do put a heading or signature alone."""
    monkeypatch.setattr(keep_rules, "bind", list)
    bad = 0
    for kind, doc in CASES:
        chunks = body(render_bytes(doc, kind, settings))
        bad += bool(_headings_have_company(chunks)) or _signature_alone(chunks)
    assert bad > 0


def test_fifty_six_materials_keep_the_closing_notes_with_the_signature(settings):
    chunks = body(render_bytes(samples.case(56), "receipt", settings))
    sig = next(c for c in chunks if BADGE in c.text)
    notes = next(c for c in chunks if "温馨提示" in c.text)
    assert notes.page == sig.page and notes.y > sig.y
