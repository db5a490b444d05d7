"""Applicants, agents and the clerk on duty."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from clerk_app.domain.identity import ID_TYPE_LABELS, IdType, default_id_type, mask_id

_FIELDS = ("kind", "name", "id_number", "phone", "address", "contact", "id_type")


@dataclass(frozen=True)
class Party:
    """An applicant or agent (代办人): a person or a company, with the document identifying it.

    ``id_type`` is an :class:`~clerk_app.domain.identity.IdType` value; left empty (old drafts,
    old case snapshots) it is derived from ``kind``: resident ID for a person, credit code for a
    company.
    """

    kind: str  # person | company
    name: str
    id_number: str
    phone: str = ""
    address: str = ""
    contact: str = ""  # for a company: the contact person
    id_type: str = ""  # IdType value; "" = the default for ``kind``

    def __post_init__(self) -> None:
        if not self.id_type:
            object.__setattr__(self, "id_type", default_id_type(self.kind).value)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Party | None:
        if not d:
            return None
        return cls(**{k: d.get(k, "") or "" for k in _FIELDS})

    @property
    def id_type_label(self) -> str:
        return ID_TYPE_LABELS.get(self.id_type, self.id_type)

    @property
    def is_mainland_resident(self) -> bool:
        return self.id_type == IdType.RESIDENT_ID.value

    @property
    def masked_id(self) -> str:
        return mask_id(self.id_number)


@dataclass(frozen=True)
class Clerk:
    """Who acts at the window; ``on_behalf_of`` is set when a B stands in for an A (AB角)."""

    id: str
    name: str
    badge: str = ""
    on_behalf_of_id: str | None = None
    on_behalf_of_name: str | None = None
    # Item codes this clerk may receive (授权); None = every item. A substitute carries A's.
    authorised_items: frozenset[str] | None = None
    chief_rep: bool = False  # 首席事务代表: may decide items marked chief_rep_decides on the spot
    supervisor: bool = False  # 窗口负责人/督查: closes 差评 follow-ups (the person's own role, never A's)

    @property
    def display(self) -> str:
        if self.on_behalf_of_name:
            return f"{self.name}（代{self.on_behalf_of_name}）"
        return self.name

    def may_take(self, item_code: str) -> bool:
        """Whether this clerk is authorised to receive ``item_code``."""
        return self.authorised_items is None or item_code in self.authorised_items


LOCAL_CLERK = Clerk(id="local", name="本机窗口人员", badge="000")
