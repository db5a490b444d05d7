"""A failure in the middle of committing an intake leaves nothing behind, anywhere."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from store.samples import sign_accepted, sign_notice, submit_request, ten_materials

from clerk_app.store import audit, outbox
from clerk_app.store.db import Base
from clerk_app.store.models import Counter, OutboxEntry


class Boom(RuntimeError):
    pass


def snapshot(ctx) -> dict[str, int]:
    """Row count of every table, so nothing written anywhere can hide."""
    with ctx.store.read() as s:
        return {name: s.scalar(select(func.count()).select_from(t)) for name, t in Base.metadata.tables.items()}


def counter_values(ctx) -> list[tuple[str, int]]:
    with ctx.store.read() as s:
        return [(c.name, c.value) for c in s.scalars(select(Counter).order_by(Counter.name))]


def fail_on_call(monkeypatch, module, name):
    real = getattr(module, name)

    def broken(*args, **kwargs):
        real(*args, **kwargs)  # the write happens, then the action fails
        raise Boom(f"{name} failed")

    monkeypatch.setattr(module, name, broken)


@pytest.mark.parametrize("request_", [ten_materials, sign_notice], ids=["case", "notice"])
@pytest.mark.parametrize(("module", "name"), [(outbox, "enqueue"), (audit, "append")])
def test_failure_inside_submit_rolls_everything_back(ctx, monkeypatch, request_, module, name):
    submit_request(ctx, sign_accepted())  # some history that must stay as it is
    before, counters = snapshot(ctx), counter_values(ctx)
    fail_on_call(monkeypatch, module, name)
    with pytest.raises(Boom):
        submit_request(ctx, request_())
    assert snapshot(ctx) == before
    assert counter_values(ctx) == counters
    monkeypatch.undo()

    # the next intake carries on as if the failed one never happened: no gap in any sequence
    r = submit_request(ctx, request_())
    assert r.number.endswith("0002" if request_ is ten_materials else "0001")
    with ctx.store.read() as s:
        assert list(s.scalars(select(OutboxEntry.seq).order_by(OutboxEntry.seq))) == [1, 2]
        n, problems = audit.verify(s)
    assert (n, problems) == (2, [])


def test_failure_after_the_case_is_flushed_leaves_no_applicant_case_or_material(ctx, monkeypatch):
    from clerk_app.services import intake

    def broken(*args, **kwargs):
        raise Boom("disk full")

    monkeypatch.setattr(intake, "_drop_draft", broken)  # the very last step of the transaction
    before = snapshot(ctx)
    with pytest.raises(Boom):
        submit_request(ctx, ten_materials())
    assert snapshot(ctx) == before
    assert before["cases"] == before["applicants"] == 0  # a case's material lines live in its row
