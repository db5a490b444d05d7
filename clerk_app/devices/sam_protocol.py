"""Frames of the serial protocol spoken by certified ID card readers (the SAM interface).

Every certified reader module (SAM_V) talks the same framing over its serial port, USB
readers through a USB-serial bridge::

    command:  AA AA AA 96 69 | LEN1 LEN2 | CMD PARA | data... | CHK
    response: AA AA AA 96 69 | LEN1 LEN2 | SW1 SW2 SW3 | data... | CHK

``LEN`` (big-endian) counts every byte after itself, the checksum included; ``CHK`` is the
XOR of the length bytes and everything after them up to the checksum (the preamble is not
part of it). ``SW1 SW2`` are 00 00 and ``SW3`` is the status (0x90 success, 0x9F card found).

Sources (read to learn the layout; no code taken):
- Yangyuanxin/BearPi ``10.ZKT_BearPi/ZKT_SDK/IDReader.h`` and ``IDReader.c``: the preamble,
  the command/parameter pairs (SAM status 0x11/0xFF, find card 0x20/0x01, select card
  0x20/0x02, read text and photo 0x30/0x01), ``LEN = 00 03`` for a bare command and the XOR
  over length, command and parameter.
- lochyhuang/DKCloudID_UART_Andoird ``IDCardData.java``: a read response carries the text
  length at bytes 10-11 and the photo length at 12-13 (after SW1-SW3), text from byte 14.
- Wolf85/gygaczt3 ``IDCardClass.pas`` (Delphi binding of sdtapi.dll): the meaning of each SW3
  status code (0x10 checksum error, 0x11 length error, 0x21 command error, 0x80 find failed,
  0x81 select failed, 0x41 read failed, 0x31-0x33 authentication, 0x60/0x66 SAM faults).
- GA 450-2013《台式居民身份证阅读器通用技术要求》and GA 467-2013《居民身份证验证安全控制
  模块接口技术规范》define this interface; the public code above follows them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple

PREAMBLE = bytes((0xAA, 0xAA, 0xAA, 0x96, 0x69))
MAX_FRAME_LENGTH = 4096  # the largest real answer (text + photo + fingerprint) is about 2.3 KB


class Command(NamedTuple):
    cmd: int
    para: int


SAM_STATUS = Command(0x11, 0xFF)  # answers 0x90 when the security module is ready: used to detect a reader
FIND_CARD = Command(0x20, 0x01)
SELECT_CARD = Command(0x20, 0x02)
READ_TEXT_PHOTO = Command(0x30, 0x01)


class Status(IntEnum):
    """SW3 of a response."""

    OK = 0x90
    NO_CONTENT = 0x91
    CARD_FOUND = 0x9F
    PORT_INVALID = 0x01
    RECEIVE_TIMEOUT = 0x02
    TRANSFER_ERROR = 0x03
    CHECKSUM_ERROR = 0x10
    LENGTH_ERROR = 0x11
    COMMAND_ERROR = 0x21
    NOT_PERMITTED = 0x23
    UNKNOWN_ERROR = 0x24
    CARD_AUTH_FAILED = 0x31
    SAM_AUTH_FAILED = 0x32
    INFO_CHECK_FAILED = 0x33
    UNKNOWN_CARD_TYPE = 0x40
    READ_FAILED = 0x41
    RANDOM_FAILED = 0x47
    SAM_SELF_TEST_FAILED = 0x60
    SAM_NOT_AUTHORISED = 0x66
    FIND_FAILED = 0x80
    SELECT_FAILED = 0x81


STATUS_TEXT: dict[int, str] = {
    Status.OK: "操作成功",
    Status.NO_CONTENT: "证件中此项无内容",
    Status.CARD_FOUND: "找到证件",
    Status.PORT_INVALID: "端口号不合法",
    Status.RECEIVE_TIMEOUT: "阅读器接收超时",
    Status.TRANSFER_ERROR: "数据传输错误",
    Status.CHECKSUM_ERROR: "阅读器收到的命令校验和错误",
    Status.LENGTH_ERROR: "阅读器收到的命令长度错误",
    Status.COMMAND_ERROR: "阅读器不接受该命令",
    Status.NOT_PERMITTED: "越权操作",
    Status.UNKNOWN_ERROR: "阅读器报告无法识别的错误",
    Status.CARD_AUTH_FAILED: "证件认证安全模块失败",
    Status.SAM_AUTH_FAILED: "安全模块认证证件失败（可能不是真实证件）",
    Status.INFO_CHECK_FAILED: "证件信息验证错误",
    Status.UNKNOWN_CARD_TYPE: "无法识别的证件类型",
    Status.READ_FAILED: "读证件操作失败",
    Status.RANDOM_FAILED: "取随机数失败",
    Status.SAM_SELF_TEST_FAILED: "安全模块自检失败",
    Status.SAM_NOT_AUTHORISED: "安全模块未经授权，无法使用",
    Status.FIND_FAILED: "未找到证件",
    Status.SELECT_FAILED: "选取证件失败",
}


class FrameError(Exception):
    """Bytes on the line that are not a valid frame."""


class ChecksumError(FrameError):
    """A complete frame whose checksum does not match its contents."""


class FrameTimeout(FrameError):
    """The line went quiet before a frame was complete; ``partial`` says whether any of it came."""

    def __init__(self, message: str, partial: bool):
        super().__init__(message)
        self.partial = partial


def checksum(data: bytes) -> int:
    x = 0
    for b in data:
        x ^= b
    return x


def _frame(payload: bytes) -> bytes:
    n = len(payload) + 1
    body = n.to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes((checksum(body),))


def encode_command(command: Command, data: bytes = b"") -> bytes:
    return _frame(bytes((command.cmd, command.para)) + data)


def encode_response(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    return _frame(bytes((sw1, sw2, sw3)) + data)


@dataclass(frozen=True)
class Response:
    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @property
    def status_text(self) -> str:
        return STATUS_TEXT.get(self.sw3, f"未知状态码 0x{self.sw3:02X}")


def read_frame(read: Callable[[int], bytes], max_skip: int = 64) -> bytes:
    """Read one frame from ``read(n)`` (returns up to n bytes, b"" on timeout); return its
    payload (between length and checksum). Up to ``max_skip`` bytes of noise before the
    preamble are skipped (a reader at another baud rate sends only noise)."""
    got = bytearray()
    skipped = 0
    while bytes(got[-len(PREAMBLE):]) != PREAMBLE:
        b = read(1)
        if not b:
            raise FrameTimeout("no preamble", partial=bool(got))
        got += b
        if len(got) > len(PREAMBLE):
            skipped += 1
            if skipped > max_skip:
                raise FrameError("no preamble in the bytes received")
    head = _read_exact(read, 2)
    n = int.from_bytes(head, "big")
    if not 2 <= n <= MAX_FRAME_LENGTH:
        raise FrameError(f"impossible frame length {n}")
    rest = _read_exact(read, n)
    if checksum(head + rest[:-1]) != rest[-1]:
        raise ChecksumError("checksum mismatch")
    return rest[:-1]


def _read_exact(read: Callable[[int], bytes], n: int) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        chunk = read(n - len(buf))
        if not chunk:
            raise FrameTimeout(f"frame cut short after {len(buf)} of {n} bytes", partial=True)
        buf += chunk
    return bytes(buf)


def decode_response(payload: bytes) -> Response:
    if len(payload) < 3:
        raise FrameError("response shorter than its status words")
    return Response(payload[0], payload[1], payload[2], payload[3:])


def decode_command(payload: bytes) -> tuple[Command, bytes]:
    if len(payload) < 2:
        raise FrameError("command shorter than command and parameter")
    return Command(payload[0], payload[1]), payload[2:]


def split_text_photo(data: bytes) -> tuple[bytes, bytes]:
    """The data of a successful READ_TEXT_PHOTO: text length, photo length (2 bytes each,
    big-endian), the text block, then the photo (WLT, not decoded here)."""
    if len(data) < 4:
        raise FrameError("read answer without its length fields")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if len(data) < 4 + text_len + photo_len:
        raise FrameError("read answer shorter than its length fields say")
    text = data[4:4 + text_len]
    return text, data[4 + text_len:4 + text_len + photo_len]
