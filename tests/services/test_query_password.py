"""The 查询密码 of a case (issue 11): random per case, kept on the window to print the applicant's voucher,
replicated to the centre only as a salted digest it can check."""

from __future__ import annotations

import io
import json
import re

import pypdf
from sqlalchemy import select
from store.samples import sign_accepted, submit_request

from clerk_app.domain.people import Clerk
from clerk_app.protocol.query_password import matches
from clerk_app.services import cases, documents
from clerk_app.store.models import AuditEntry, OutboxEntry

CLERK = Clerk(id="s1", name="张三", badge="A017")


def test_each_case_gets_its_own_password_printed_and_only_its_digest_replicated(ctx):
    a, b = (submit_request(ctx, sign_accepted(), CLERK) for _ in range(2))
    pa, pb = cases.query_password(ctx, a.number), cases.query_password(ctx, b.number)
    assert pa and pb and re.fullmatch(r"\d{6}", pa) and (pa, a.number) != (pb, b.number)
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in pypdf.PdfReader(
        io.BytesIO(documents.preview(ctx, a.number, "acceptance"))).pages))
    assert f"查询密码{pa}" in text
    rec = cases.get_case(ctx, a.number)
    assert rec is not None and matches(pa, rec.query_password_hash) and pa not in json.dumps(rec.to_json())
    with ctx.store.read() as s:
        sent = s.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == rec.id)).all()
        assert sent and all(pa not in json.dumps(o.payload) for o in sent)
        assert all(pa not in json.dumps(e.detail) for e in s.scalars(select(AuditEntry)))
    assert matches(pa, sent[0].payload["query_password_hash"])
