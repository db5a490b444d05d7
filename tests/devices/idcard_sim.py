"""A simulated ID card reader on a pseudo-terminal: it answers real protocol frames.

Test support (the app has no demo mode that needs it). The real reader code opens
``sim.port`` with pyserial exactly as it opens ``/dev/ttyUSB0``. The simulator answers only
at its own baud rate (it reads the line speed the client set, as a UART would) and sends
noise at any other, so port detection is exercised for real.

Modes: ``ok``; ``no_card``; ``bad_checksum`` (every answer's checksum is wrong);
``bad_checksum_once`` (the first answer to a read is garbled, the retry is fine);
``pulled`` (the read answer stops half way: the card was lifted); ``pulled_status`` (the
module reports 0x41, read failed); ``slow`` (each answer waits ``delay`` seconds);
``silent`` (never answers).
"""

from __future__ import annotations

import contextlib
import os
import pty
import select
import termios
import threading
import time
import tty
from datetime import date

from clerk_app.devices import sam_protocol as sp
from clerk_app.devices.card_text import CardKind, CardText, encode_text

SPEEDS = {getattr(termios, f"B{b}"): b for b in (9600, 19200, 38400, 57600, 115200)}
PHOTO = bytes(range(256)) * 4  # stands in for the 1024-byte WLT photo

RESIDENT = CardText(
    kind=CardKind.RESIDENT, name="张三", sex_code="1", ethnicity_code="01", birth=date(1949, 12, 31),
    address="北京市朝阳区建国路88号院3号楼1单元101号", id_number="11010519491231002X",
    authority="北京市公安局朝阳分局", valid_from=date(2015, 6, 1), valid_to=None,
)
RESIDENT_EXPIRED = CardText(
    kind=CardKind.RESIDENT, name="李四", sex_code="2", ethnicity_code="03", birth=date(1990, 3, 7),
    address="上海市普陀区大渡河路1668号", id_number="310107199003070025",
    authority="上海市公安局普陀分局", valid_from=date(2010, 1, 1), valid_to=date(2020, 1, 1),
)
HMT_RESIDENCE = CardText(
    kind=CardKind.HMT_RESIDENCE, name="陈大文", sex_code="1", birth=date(1985, 8, 8),
    address="上海市普陀区长寿路100号", id_number="810000198508080011",
    authority="上海市公安局普陀分局", valid_from=date(2024, 5, 1), valid_to=date(2029, 5, 1),
    pass_number="H60000001", issue_count="01",
)
FOREIGN_PERMANENT = CardText(
    kind=CardKind.FOREIGN_PERMANENT, name="约翰·史密斯", english_name="SMITH, JOHN", sex_code="1",
    birth=date(1975, 4, 2), id_number="USA310075040201", nationality="USA",
    valid_from=date(2021, 9, 1), valid_to=date(2031, 9, 1), card_version="20", authority_code="3101",
)


class SimulatedReader:
    def __init__(self, card: CardText | None = RESIDENT, baud: int = 115200, mode: str = "ok",
                 delay: float = 0.0):
        self.card = card
        self.baud = baud
        self.mode = mode
        self.delay = delay
        self.commands: list[sp.Command] = []
        self._stop = threading.Event()
        self.master, self.slave = pty.openpty()
        tty.setraw(self.slave)  # until pyserial opens it; it sets raw mode itself
        self.port = os.ttyname(self.slave)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def __enter__(self) -> SimulatedReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        for fd in (self.master, self.slave):
            with contextlib.suppress(OSError):
                os.close(fd)

    # -- the line -------------------------------------------------------------------------
    def _read(self, n: int) -> bytes:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    return os.read(self.master, n)
                except OSError:
                    return b""
            return b""
        return b""

    def _line_speed(self) -> int:
        return SPEEDS.get(termios.tcgetattr(self.master)[5], 0)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                payload = sp.read_frame(self._read)
            except sp.FrameTimeout:
                continue
            except sp.FrameError:
                continue
            if self._line_speed() != self.baud:
                os.write(self.master, bytes((0xF0, 0x0F, 0xFF, 0x00)) * 40)  # what a wrong speed looks like
                continue
            command, _data = sp.decode_command(payload)
            self.commands.append(command)
            answer = self.answer(command)
            if answer is None:
                continue
            if self.mode == "slow" and self.delay:
                time.sleep(self.delay)
            try:
                os.write(self.master, answer)
            except OSError:
                return

    # -- what a reader says ------------------------------------------------------------------
    def answer(self, command: sp.Command) -> bytes | None:
        mode = self.mode
        if mode == "silent":
            return None
        if command == sp.SAM_STATUS:
            frame = sp.encode_response(sp.Status.OK)
        elif command == sp.FIND_CARD:
            found = self.card is not None and mode != "no_card"
            frame = sp.encode_response(sp.Status.CARD_FOUND if found else sp.Status.FIND_FAILED,
                                       bytes(4) if found else b"")
        elif command == sp.SELECT_CARD:
            frame = sp.encode_response(sp.Status.OK, bytes(8)) if self.card else sp.encode_response(
                sp.Status.SELECT_FAILED)
        elif command == sp.READ_TEXT_PHOTO:
            if self.card is None:
                return sp.encode_response(sp.Status.READ_FAILED)
            if mode == "pulled_status":
                return sp.encode_response(sp.Status.READ_FAILED)
            text = encode_text(self.card)
            data = len(text).to_bytes(2, "big") + len(PHOTO).to_bytes(2, "big") + text + PHOTO
            frame = sp.encode_response(sp.Status.OK, data)
            if mode == "pulled":
                return frame[: len(frame) // 2]
            if mode == "bad_checksum_once":
                self.mode = "ok"
                return frame[:-1] + bytes((frame[-1] ^ 0xFF,))
        else:
            frame = sp.encode_response(sp.Status.COMMAND_ERROR)
        if mode == "bad_checksum":
            frame = frame[:-1] + bytes((frame[-1] ^ 0xFF,))
        return frame
