"""The window's record of enquiries (咨询登记, 首问负责): a question answered without opening a case."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.store.db import Base
from clerk_app.store.models import new_id


class Enquiry(Base):
    """One enquiry at the window. The asker is optional; an ID number is kept masked only."""

    __tablename__ = "enquiries"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    window_id: Mapped[str] = mapped_column(String(11))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    clerk_id: Mapped[str] = mapped_column(String(64), index=True)
    clerk_name: Mapped[str] = mapped_column(String(100))
    clerk_badge: Mapped[str] = mapped_column(String(32), default="")
    on_behalf_of_id: Mapped[str | None] = mapped_column(String(64))
    on_behalf_of_name: Mapped[str | None] = mapped_column(String(100))
    asker_name: Mapped[str] = mapped_column(String(100), default="")
    asker_phone: Mapped[str] = mapped_column(String(32), default="")
    asker_id_masked: Mapped[str] = mapped_column(String(40), default="")
    item_code: Mapped[str] = mapped_column(String(64))
    item_name: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(200), default="")
    question: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text)
    materials_printed: Mapped[bool] = mapped_column(Boolean, default=False)
