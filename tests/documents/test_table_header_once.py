"""A material table kept with the signature block repeats its header only at the top of a new page,
never in the middle of one (the block's height was taken as 0xFFFFFF, and the table's first part
was cut without the space above it, so rows and a second header fell mid-page)."""

from __future__ import annotations

import io

import pypdf
import pytest

from clerk_app.documents import render_bytes, samples


@pytest.mark.parametrize("n", range(2, 31, 2))
def test_the_refusals_material_table_has_one_header_per_page(n, settings):
    pdf = render_bytes(samples.case(n, outcome="refused", reason="不属于本机关职权范围"), "refusal", settings)
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert [t.count("材料名称") for t in pages] == [1] * len(pages)
