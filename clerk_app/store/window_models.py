"""Records of what the window does after intake: results handed out or mailed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.store.db import Base
from clerk_app.store.models import new_id


class Handout(Base):
    """A result handed out at the window (出件) or mailed (邮寄送达)."""

    __tablename__ = "handouts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    method: Mapped[str] = mapped_column(String(10))  # window | mail
    result: Mapped[str] = mapped_column(Text)
    receiver_kind: Mapped[str | None] = mapped_column(String(10))
    receiver_name: Mapped[str | None] = mapped_column(String(200))
    receiver_id_number: Mapped[str | None] = mapped_column(String(32))
    receiver_phone: Mapped[str | None] = mapped_column(String(32))
    courier: Mapped[str] = mapped_column(String(64), default="")
    tracking_no: Mapped[str] = mapped_column(String(64), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    handed_at: Mapped[datetime] = mapped_column(DateTime)
    clerk_id: Mapped[str] = mapped_column(String(64))
    clerk_name: Mapped[str] = mapped_column(String(100))
    clerk_badge: Mapped[str] = mapped_column(String(32), default="")
    on_behalf_of_id: Mapped[str | None] = mapped_column(String(64))
    on_behalf_of_name: Mapped[str | None] = mapped_column(String(100))
    # results out (migration 0012_results_out): who collected, and how it was mailed
    receiver_role: Mapped[str] = mapped_column(String(12), default="")  # applicant | legal_rep | agent | ""
    receiver_id_type: Mapped[str] = mapped_column(String(20), default="")  # an IdType value
    authorisation_kept: Mapped[bool] = mapped_column(Boolean, default=False)  # 授权委托书 seen and kept
    authorisation_scope: Mapped[str] = mapped_column(String(200), default="")
    authorisation_date: Mapped[date | None] = mapped_column(Date)
    courier_code: Mapped[str] = mapped_column(String(16), default="")  # domain.tracking.COURIERS
    cost_bearer: Mapped[str] = mapped_column(String(16), default="")  # applicant | government
