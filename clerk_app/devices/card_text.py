"""The 256-byte text block of a card (UCS-2, little-endian), in its three layouts.

The same block serves three cards; the character at byte 248 says which:

- 居民身份证 (resident identity card; byte 248 is blank)::

    name 0+30, sex 30+2, ethnicity 32+4, birth 36+16, address 52+70, ID number 122+36,
    issuing authority 158+30, valid from 188+16, valid to 204+16, reserved 220+36

- 港澳台居民居住证 (residence permit for Hong Kong, Macao and Taiwan residents; ``J``)::

    as the resident card, ethnicity blank, then pass number 220+18 (通行证号码),
    issue count 238+4 (签发次数), reserved 242+6, card type 248+2 = "J", reserved 250+6

- 外国人永久居留身份证 (foreign permanent resident ID card, 2017 layout; ``I``)::

    English name 0+120, sex 120+2, permit number 122+30, nationality 152+6 (ISO 3166-1
    alpha-3), Chinese name 158+30, valid from 188+16, valid to 204+16, birth 220+16,
    card version 236+4, authority code 240+8, card type 248+2 = "I", reserved 250+6

Dates are ``YYYYMMDD``; a validity end of ``长期`` means no end. Texts are padded with
spaces (sometimes NULs).

Sources (read to learn the layout; no code taken): lixd17820/readcard
``app/src/main/java/com/card/bean/ID2Txt.java`` and chenhaifeng2016/FaceRecognitionTest
``IDCardReader/src/IDReader.h`` (resident offsets); lochyhuang/DKCloudID_UART_Andoird
``IDCardData.java`` (the 'J'/'I' marker at byte 248, pass number and issue count); the
public ``ReadSID.cpp`` demo of the libzysdtapi SDK (all foreign-card offsets, the 'I'
marker) and yechangpeng/Paperless ``XXbgService/Centerm/IDCardDef.h`` (foreign field sizes).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from clerk_app.devices.codes import ethnicity_name, sex_name

TEXT_BLOCK_SIZE = 256
CARD_TYPE_OFFSET = 248
NO_END = "长期"


class CardKind(StrEnum):
    RESIDENT = "resident"
    HMT_RESIDENCE = "hmt_residence"  # 港澳台居民居住证
    FOREIGN_PERMANENT = "foreign_permanent"  # 外国人永久居留身份证

    @property
    def label(self) -> str:
        return {
            CardKind.RESIDENT: "居民身份证",
            CardKind.HMT_RESIDENCE: "港澳台居民居住证",
            CardKind.FOREIGN_PERMANENT: "外国人永久居留身份证",
        }[self]


KIND_MARKERS = {"J": CardKind.HMT_RESIDENCE, "I": CardKind.FOREIGN_PERMANENT}

# field -> (offset, size in bytes), per layout
_COMMON = {"name": (0, 30), "sex": (30, 2), "birth": (36, 16), "address": (52, 70), "id_number": (122, 36),
           "authority": (158, 30), "valid_from": (188, 16), "valid_to": (204, 16)}
LAYOUTS: dict[CardKind, dict[str, tuple[int, int]]] = {
    CardKind.RESIDENT: {**_COMMON, "ethnicity": (32, 4)},
    CardKind.HMT_RESIDENCE: {**_COMMON, "pass_number": (220, 18), "issue_count": (238, 4), "card_type": (248, 2)},
    CardKind.FOREIGN_PERMANENT: {
        "english_name": (0, 120), "sex": (120, 2), "id_number": (122, 30), "nationality": (152, 6),
        "name": (158, 30), "valid_from": (188, 16), "valid_to": (204, 16), "birth": (220, 16),
        "card_version": (236, 4), "authority_code": (240, 8), "card_type": (248, 2),
    },
}


class CardDataError(ValueError):
    """The text block cannot be understood; ``str()`` is a message for the clerk."""


@dataclass(frozen=True)
class CardText:
    """What the chip says, in its own terms (codes, dates as read)."""

    kind: CardKind
    name: str
    sex_code: str
    birth: date
    id_number: str
    valid_from: date
    valid_to: date | None  # None: 长期 (no end)
    address: str = ""
    ethnicity_code: str = ""
    authority: str = ""
    english_name: str = ""
    nationality: str = ""  # ISO 3166-1 alpha-3, foreign permanent residents only
    pass_number: str = ""  # 通行证号码, residence permits only
    issue_count: str = ""
    card_version: str = ""
    authority_code: str = ""

    @property
    def sex(self) -> str:
        return sex_name(self.sex_code)

    @property
    def ethnicity(self) -> str:
        return ethnicity_name(self.ethnicity_code) if self.ethnicity_code else ""

    def expired(self, today: date) -> bool:
        return self.valid_to is not None and self.valid_to < today


def card_kind(block: bytes) -> CardKind:
    marker = block[CARD_TYPE_OFFSET:CARD_TYPE_OFFSET + 2].decode("utf-16-le", errors="replace").strip(" \x00")
    return KIND_MARKERS.get(marker, CardKind.RESIDENT)


def _text(block: bytes, offset: int, size: int) -> str:
    return block[offset:offset + size].decode("utf-16-le", errors="replace").replace("\x00", " ").strip()


def _date(value: str, what: str, allow_no_end: bool = False) -> date | None:
    if allow_no_end and value == NO_END:
        return None
    try:
        if len(value) != 8 or not value.isdigit():
            raise ValueError(value)
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise CardDataError(f"证件中的{what}“{value}”无法识别，请重新读卡") from None


def parse_text(block: bytes) -> CardText:
    """Parse the text block of any of the three cards."""
    if len(block) < TEXT_BLOCK_SIZE:
        raise CardDataError(f"证件文字信息不完整（{len(block)}/{TEXT_BLOCK_SIZE}字节），请重新读卡")
    kind = card_kind(block)
    raw = {f: _text(block, off, size) for f, (off, size) in LAYOUTS[kind].items()}
    if (not raw["name"] and not raw.get("english_name")) or not raw["id_number"]:
        raise CardDataError("证件中没有姓名或证件号码，请重新读卡")
    return CardText(
        kind=kind,
        name=raw["name"],
        sex_code=raw["sex"],
        birth=_date(raw["birth"], "出生日期"),  # type: ignore[arg-type]
        id_number=raw["id_number"].upper(),
        valid_from=_date(raw["valid_from"], "有效期起始日期"),  # type: ignore[arg-type]
        valid_to=_date(raw["valid_to"], "有效期截止日期", allow_no_end=True),
        address=raw.get("address", ""),
        ethnicity_code=raw.get("ethnicity", ""),
        authority=raw.get("authority", ""),
        english_name=raw.get("english_name", ""),
        nationality=raw.get("nationality", ""),
        pass_number=raw.get("pass_number", ""),
        issue_count=raw.get("issue_count", ""),
        card_version=raw.get("card_version", ""),
        authority_code=raw.get("authority_code", ""),
    )


def encode_text(card: CardText) -> bytes:
    """The block a chip would hold for ``card`` (for simulated readers and tests)."""
    values = {f.name: getattr(card, f.name) for f in dataclasses.fields(card)}
    values.update(
        sex=card.sex_code, ethnicity=card.ethnicity_code, birth=card.birth.strftime("%Y%m%d"),
        valid_from=card.valid_from.strftime("%Y%m%d"),
        valid_to=card.valid_to.strftime("%Y%m%d") if card.valid_to else NO_END,
        card_type={CardKind.HMT_RESIDENCE: "J", CardKind.FOREIGN_PERMANENT: "I"}.get(card.kind, ""),
    )
    block = bytearray(" ".encode("utf-16-le") * (TEXT_BLOCK_SIZE // 2))
    for field, (offset, size) in LAYOUTS[card.kind].items():
        data = str(values[field]).encode("utf-16-le")
        if len(data) > size:
            raise ValueError(f"{field} too long for its {size} bytes")
        block[offset:offset + len(data)] = data
    return bytes(block)
