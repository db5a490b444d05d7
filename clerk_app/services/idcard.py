"""Read the ID card on the reader and turn it into applicant fields.

The UI (F4 in the applicant step) and ``clerk device read-card`` both call :func:`read_card`.
Every failure is an :class:`IdCardError` whose ``str()`` is a message for the clerk.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from clerk_app.devices.card_text import CardKind, CardText
from clerk_app.devices.reader import ReaderError, read_card_text
from clerk_app.domain.identity import IdType, mask_id
from clerk_app.domain.people import Party
from clerk_app.settings import Settings

log = logging.getLogger(__name__)

IdCardError = ReaderError  # what callers catch: every reader failure, and a refused card


class CardExpired(ReaderError):
    """The card was read but its validity has ended; ``card`` holds what was read."""

    def __init__(self, card: CardData):
        self.card = card
        super().__init__(
            f"该{card.card_kind}已于{_cn_date(card.valid_to)}过期，不能作为有效身份证件受理。"
            "请申请人出示有效证件（如临时身份证）后再办理"
        )


def _cn_date(d: date | None) -> str:
    return "长期" if d is None else f"{d.year}年{d.month:02d}月{d.day:02d}日"


def _dotted(d: date | None) -> str:
    return "长期" if d is None else d.strftime("%Y.%m.%d")


_ID_TYPE_OF_CARD = {
    CardKind.RESIDENT: IdType.RESIDENT_ID,
    CardKind.HMT_RESIDENCE: IdType.HMT_RESIDENCE,
    CardKind.FOREIGN_PERMANENT: IdType.FOREIGN_PR,
}


def id_type_of(kind: CardKind) -> str:
    """The identity document type (``IdType`` value) of a card of this kind."""
    return _ID_TYPE_OF_CARD[kind].value


@dataclass(frozen=True)
class CardData:
    """A card as the applicant fields want it (labels in Chinese, dates as dates)."""

    kind: CardKind
    name: str
    sex: str
    ethnicity: str
    birth_date: date
    address: str
    id_number: str
    issuing_authority: str
    valid_from: date
    valid_to: date | None  # None: 长期
    english_name: str = ""
    nationality: str = ""
    pass_number: str = ""

    @property
    def card_kind(self) -> str:
        return self.kind.label

    @property
    def validity(self) -> str:
        return f"{_dotted(self.valid_from)}-{_dotted(self.valid_to)}"

    @property
    def masked_id(self) -> str:
        return mask_id(self.id_number)

    def expired(self, today: date) -> bool:
        return self.valid_to is not None and self.valid_to < today

    def party(self, phone: str = "") -> Party:
        """The applicant (or agent) the card describes: a person with name, ID number, address."""
        return Party("person", self.name or self.english_name, self.id_number, phone, self.address,
                     id_type=id_type_of(self.kind))

    def fields(self, full_id: bool = False) -> list[tuple[str, str]]:
        """(label, value) pairs in the card's own order, for display; the ID number masked unless ``full_id``."""
        rows = [("证件类型", self.card_kind), ("姓名", self.name)]
        if self.english_name:
            rows.append(("英文姓名", self.english_name))
        rows.append(("性别", self.sex))
        if self.ethnicity:
            rows.append(("民族", self.ethnicity))
        if self.nationality:
            rows.append(("国籍", self.nationality))
        rows.append(("出生日期", _cn_date(self.birth_date)))
        if self.address:
            rows.append(("住址", self.address))
        rows.append(("证件号码", self.id_number if full_id else self.masked_id))
        if self.pass_number:
            rows.append(("通行证号码", self.pass_number))
        if self.issuing_authority:
            rows.append(("签发机关", self.issuing_authority))
        rows.append(("有效期限", self.validity))
        return rows


def card_data(text: CardText) -> CardData:
    return CardData(
        kind=text.kind, name=text.name, sex=text.sex, ethnicity=text.ethnicity, birth_date=text.birth,
        address=text.address, id_number=text.id_number,
        issuing_authority=text.authority or (f"受理机关代码 {text.authority_code}" if text.authority_code else ""),
        valid_from=text.valid_from, valid_to=text.valid_to, english_name=text.english_name,
        nationality=text.nationality, pass_number=text.pass_number,
    )


def configured_port(settings: Settings) -> str | None:
    """The reader's port from the settings (``devices.idcard_port``), None to search for it."""
    return settings.devices.idcard_port.strip() or None


def read_card(port: str | None = None, *, today: date | None = None, candidates: Iterable[str] | None = None,
              allow_expired: bool = False) -> CardData:
    """Read the card on the reader (found on ``port``, or among ``candidates``/every serial port).

    Raises :class:`IdCardError` (no reader, no card, card lifted, garbled line, timeout) and
    :class:`CardExpired` for a card whose validity has ended, unless ``allow_expired``.
    """
    card = card_data(read_card_text(port, candidates))
    log.info("read %s %s", card.card_kind, card.masked_id)
    if not allow_expired and card.expired(today or date.today()):
        raise CardExpired(card)
    return card
