"""Post coverage under the AB-role rule: A and B may not both be absent from the same post.

A post is an enabled staff member (A) with their windows. From the open sessions it is:
在岗 (A is logged in), 代岗中 (a designated B is logged in for A), B角在岗 (A is away but
a designated B is logged in at their own post and can step in), or 空岗 — nobody: the
admin view and ``clerk staff posts`` flag those, and posts without any designated B.

This store sees the sessions of its own window (and whatever the centre replicates);
the centre sees every window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from clerk_app.services.context import AppContext
from clerk_app.store.staff_models import Staff, StaffSession


class PostState(StrEnum):
    ON_DUTY = "on_duty"
    COVERED = "covered"
    B_PRESENT = "b_present"
    VACANT = "vacant"


POST_LABELS = {
    PostState.ON_DUTY: "在岗",
    PostState.COVERED: "代岗中",
    PostState.B_PRESENT: "本人不在，B角在岗",
    PostState.VACANT: "空岗（A、B角均不在岗）",
}


@dataclass(frozen=True)
class PostStatus:
    staff_no: str
    name: str
    badge: str
    windows: list[str]
    state: PostState
    present: str = ""  # who works the post now, and where
    substitutes: list[str] = field(default_factory=list)  # "李四（1002）"

    @property
    def label(self) -> str:
        return POST_LABELS[self.state]

    @property
    def alert(self) -> bool:
        """The AB rule is broken here: nobody on the post, or nobody designated to cover it."""
        return self.state is PostState.VACANT or not self.substitutes

    def to_json(self) -> dict:
        return {"staff_no": self.staff_no, "name": self.name, "badge": self.badge, "windows": self.windows,
                "state": self.state.value, "label": self.label, "present": self.present,
                "substitutes": self.substitutes, "alert": self.alert}


def post_status(ctx: AppContext) -> list[PostStatus]:
    with ctx.store.read() as s:
        staff = s.execute(select(Staff).options(selectinload(Staff.windows), selectinload(Staff.substitutes))
                          .order_by(Staff.staff_no)).scalars().all()
        names = {r.staff_no: r.name for r in staff}
        enabled = {r.staff_no for r in staff if r.enabled}
        sessions = s.execute(select(StaffSession).where(StaffSession.ended_at.is_(None))).scalars().all()
        sessions = [x for x in sessions if x.staff_no in enabled]  # a retired account covers no post
        own = {x.staff_no: x for x in sessions if x.on_behalf_of_no is None}
        covering = {x.on_behalf_of_no: x for x in sessions if x.on_behalf_of_no}
        out = []
        for r in staff:
            if not r.enabled:
                continue
            # a disabled B cannot log in, so cannot be in place: the post has no cover from them (AB岗)
            subs = [b.substitute_no for b in r.substitutes if b.substitute_no in enabled]
            if r.staff_no in own:
                state, present = PostState.ON_DUTY, f"{r.name} @ {own[r.staff_no].window_id}"
            elif r.staff_no in covering:
                x = covering[r.staff_no]
                state, present = PostState.COVERED, f"{names.get(x.staff_no, x.staff_no)}（代{r.name}） @ {x.window_id}"
            elif any(b in own for b in subs):
                b = next(b for b in subs if b in own)
                state, present = PostState.B_PRESENT, f"B角 {names.get(b, b)} @ {own[b].window_id}"
            else:
                state, present = PostState.VACANT, ""
            out.append(PostStatus(r.staff_no, r.name, r.badge, [w.window_id for w in r.windows], state, present,
                                  [f"{names.get(b, b)}（{b}）" for b in subs]))
        return out
