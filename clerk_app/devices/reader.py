"""Talk to a certified ID card reader over its serial port (pyserial): find, select, read.

Every failure is a :class:`ReaderError` whose ``str()`` is a message for the clerk; nothing
else escapes :func:`read_card_text`. Port detection tries each serial port at the usual
module speed (115200) and then the slower ones the SAM modules can be set to.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from typing import Protocol

from clerk_app.devices import sam_protocol as sp
from clerk_app.devices.card_text import CardDataError, CardText, parse_text

log = logging.getLogger(__name__)

BAUD_RATES = (115200, 57600, 38400, 19200, 9600)
PROBE_TIMEOUT = 0.4  # a SAM answers its status in a few ms
COMMAND_TIMEOUT = 1.5
READ_TIMEOUT = 3.0  # reading text and photo takes about 1 s on a real reader
FIND_ATTEMPTS = 3  # a card just laid down is often found at the second try


class ReaderError(Exception):
    """A failure to read a card; ``str()`` is a message for the clerk."""


class NoReader(ReaderError):
    pass


class NoCard(ReaderError):
    pass


class CardRemoved(ReaderError):
    pass


class ReaderTimeout(ReaderError):
    pass


class ReaderFault(ReaderError):
    pass


class SerialLike(Protocol):
    timeout: float | None

    def write(self, data: bytes) -> int | None: ...
    def read(self, size: int = 1) -> bytes: ...
    def reset_input_buffer(self) -> None: ...
    def close(self) -> None: ...


class SamReader:
    """One reader on an open serial port."""

    def __init__(self, port: SerialLike, name: str = "", baudrate: int = 0):
        self.port = port
        self.name = name
        self.baudrate = baudrate

    def close(self) -> None:
        try:
            self.port.close()
        except Exception:  # closing a port that vanished (USB pulled) must not hide the real error
            log.debug("closing %s failed", self.name, exc_info=True)

    def __enter__(self) -> SamReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- one command, one answer ---------------------------------------------------------
    def transact(self, command: sp.Command, timeout: float | None = None, retries: int = 1) -> sp.Response:
        """Send ``command`` and return the answer; a garbled answer is asked again ``retries`` times."""
        timeout = COMMAND_TIMEOUT if timeout is None else timeout
        for attempt in range(retries + 1):
            try:
                self.port.reset_input_buffer()
                self.port.write(sp.encode_command(command))
                return sp.decode_response(sp.read_frame(self._reader(timeout)))
            except sp.ChecksumError:
                log.info("reader %s: bad checksum in the answer to %s (attempt %d)", self.name, command, attempt + 1)
                if attempt == retries:
                    raise ReaderFault("阅读器返回的数据校验错误（可能是连接线接触不良），请重新读卡") from None
            except sp.FrameTimeout as exc:
                if exc.partial and command == sp.READ_TEXT_PHOTO:
                    raise CardRemoved("读卡时证件被移开，请将证件平放在阅读器上，读完前不要移动") from None
                raise ReaderTimeout("身份证阅读器没有响应，请检查阅读器的连接后重试") from None
            except sp.FrameError as exc:
                log.info("reader %s: bad frame (%s)", self.name, exc)
                if attempt == retries:
                    raise ReaderFault("阅读器返回的数据无法识别，请检查阅读器后重试") from None
            except OSError as exc:  # serial.SerialException is an OSError: the reader was unplugged
                log.info("reader %s: %s", self.name, exc)
                raise NoReader("与身份证阅读器的连接已断开，请检查连接线后重试") from None
        raise AssertionError("unreachable")

    def _reader(self, timeout: float):
        deadline = time.monotonic() + timeout

        def read(n: int) -> bytes:  # waits up to the command's deadline, b"" once it has passed
            while (left := deadline - time.monotonic()) > 0:
                self.port.timeout = left
                data = self.port.read(n)
                if data:
                    return data
            return b""

        return read

    # -- the reading sequence ------------------------------------------------------------
    def sam_ready(self) -> bool:
        return self.transact(sp.SAM_STATUS, PROBE_TIMEOUT, retries=0).sw3 == sp.Status.OK

    def find_card(self) -> bool:
        r = self.transact(sp.FIND_CARD)
        if r.sw3 == sp.Status.CARD_FOUND:
            return True
        if r.sw3 == sp.Status.FIND_FAILED:
            return False
        raise _fault(r)

    def select_card(self) -> None:
        r = self.transact(sp.SELECT_CARD)
        if r.sw3 == sp.Status.SELECT_FAILED:
            raise CardRemoved("证件没有放稳，请将证件平放在阅读器上重试")
        if r.sw3 != sp.Status.OK:
            raise _fault(r)

    def read_text(self) -> bytes:
        r = self.transact(sp.READ_TEXT_PHOTO, READ_TIMEOUT)
        if r.sw3 == sp.Status.READ_FAILED:
            raise CardRemoved("读卡时证件被移开，请将证件平放在阅读器上，读完前不要移动")
        if r.sw3 != sp.Status.OK:
            raise _fault(r)
        try:
            text, _photo = sp.split_text_photo(r.data)  # the photo (WLT) is not decoded
        except sp.FrameError:
            raise CardRemoved("证件信息没有读完整，请将证件放稳后重新读卡") from None
        return text

    def read_card(self) -> CardText:
        for attempt in range(FIND_ATTEMPTS):
            if self.find_card():
                break
            if attempt < FIND_ATTEMPTS - 1:
                time.sleep(0.1)
        else:
            raise NoCard("阅读器上没有证件，请将身份证平放在阅读器上")
        self.select_card()
        try:
            return parse_text(self.read_text())
        except CardDataError as exc:
            raise ReaderFault(str(exc)) from None


def _fault(r: sp.Response) -> ReaderError:
    if r.sw3 in (sp.Status.SAM_SELF_TEST_FAILED, sp.Status.SAM_NOT_AUTHORISED):
        return ReaderFault(f"身份证阅读器故障：{r.status_text}，请联系信息技术人员")
    if r.sw3 in (sp.Status.CARD_AUTH_FAILED, sp.Status.SAM_AUTH_FAILED, sp.Status.INFO_CHECK_FAILED,
                 sp.Status.UNKNOWN_CARD_TYPE):
        return ReaderFault(f"证件无法通过阅读器验证：{r.status_text}。请核验证件真伪，或改为手工录入")
    return ReaderFault(f"阅读器报告错误：{r.status_text}，请重新读卡")


# -- finding the reader --------------------------------------------------------------------
def serial_ports() -> list[str]:
    """Serial ports of this machine, USB ones (where a reader's bridge appears) first."""
    from serial.tools import list_ports

    ports = sorted(list_ports.comports(), key=lambda p: (p.vid is None, p.device))
    return [p.device for p in ports]


def _open(device: str, baudrate: int) -> SerialLike:
    import serial

    return serial.Serial(device, baudrate, timeout=PROBE_TIMEOUT, write_timeout=1.0)


def probe(device: str, bauds: Sequence[int] = BAUD_RATES) -> SamReader | None:
    """An open :class:`SamReader` on ``device`` at the first speed where a SAM answers, else None."""
    for baud in bauds:
        try:
            port = _open(device, baud)
        except (OSError, ValueError) as exc:
            log.debug("cannot open %s: %s", device, exc)
            return None
        reader = SamReader(port, device, baud)
        try:
            if reader.sam_ready():
                log.info("ID card reader found on %s at %d baud", device, baud)
                return reader
        except ReaderError as exc:
            log.debug("no reader on %s at %d: %s", device, baud, exc)
        reader.close()
    return None


_last_found: tuple[str, int] | None = None


def open_reader(port: str | None = None, candidates: Iterable[str] | None = None,
                bauds: Sequence[int] = BAUD_RATES) -> SamReader:
    """Open the reader on ``port``, or find one among ``candidates`` (default: every serial port)."""
    if port:
        reader = probe(port, bauds)
        if reader is None:
            raise NoReader(f"端口 {port} 上没有身份证阅读器应答，请检查阅读器的连接和端口设置")
        return reader
    global _last_found
    devices = list(serial_ports() if candidates is None else candidates)
    if _last_found and _last_found[0] in devices:  # where the reader was last time: one round trip
        reader = probe(_last_found[0], [_last_found[1]])
        if reader is not None:
            return reader
    for device in devices:
        reader = probe(device, bauds)
        if reader is not None:
            _last_found = (device, reader.baudrate)
            return reader
    _last_found = None
    raise NoReader("未检测到身份证阅读器，请检查阅读器是否已连接并通电，或手工录入")


def read_card_text(port: str | None = None, candidates: Iterable[str] | None = None) -> CardText:
    """Find the reader, read the card on it, close the port again."""
    with open_reader(port, candidates) as reader:
        return reader.read_card()
