"""告知承诺书: the signatures are on the same page as the text they sign (issue 11): when the
commitments run long, the last commitment (its 核查 and 责任 paragraphs) moves to the page of the
申请人承诺 and the signature block, never leaving the signatures under a page of no commitment text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from clerk_app.documents import PrintedMaterial, render_bytes, samples

from .placement import body

BADGE = "PT0307"


def _case(n: int, words: int):
    text = "本人承诺所填报的经营场所信息真实有效，场所不属于违法建筑，符合食品经营的卫生和安全要求。" * words
    mats = tuple(PrintedMaterial(f"承诺事项{i + 1}", "复印件", 1, "commitment", commitment_text=text)
                 for i in range(n))
    return replace(samples.case(2), materials=mats)


CASES = [(n, w) for n in (2, 3, 4, 5, 6) for w in (3, 5, 7, 9)]


@pytest.mark.parametrize(("n", "words"), CASES, ids=[f"{n}x{w}" for n, w in CASES])
def test_the_last_commitment_is_on_the_page_of_the_signatures(n, words, settings):
    chunks = body(render_bytes(_case(n, words), "commitment", settings))
    sig = next(c for c in chunks if BADGE in c.text)
    last = [c for c in chunks if f"承诺事项{n}" in c.text]
    duty = [c for c in chunks if c.text.startswith("责任")]
    assert last and duty
    assert last[-1].page == sig.page, f"last commitment on page {last[-1].page}, signatures on {sig.page}"
    assert duty[-1].page == sig.page  # the last paragraph signed is above the signatures
    assert max(c.page for c in chunks) >= 1
