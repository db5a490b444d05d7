"""Frames of the reader protocol: the bytes on the wire, checksums, noise, cut-off frames."""

from __future__ import annotations

import pytest

from clerk_app.devices import sam_protocol as sp


def reader_of(data: bytes):
    buf = bytearray(data)

    def read(n: int) -> bytes:
        out = bytes(buf[:n])
        del buf[:n]
        return out

    return read


@pytest.mark.parametrize(("command", "wire"), [
    (sp.FIND_CARD, "AA AA AA 96 69 00 03 20 01 22"),
    (sp.SELECT_CARD, "AA AA AA 96 69 00 03 20 02 21"),
    (sp.READ_TEXT_PHOTO, "AA AA AA 96 69 00 03 30 01 32"),
    (sp.SAM_STATUS, "AA AA AA 96 69 00 03 11 FF ED"),
])
def test_commands_are_the_published_byte_sequences(command, wire):
    assert sp.encode_command(command) == bytes.fromhex(wire)


def test_a_found_card_answer_decodes_to_status_9f_and_four_bytes():
    wire = bytes.fromhex("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97")
    r = sp.decode_response(sp.read_frame(reader_of(wire)))
    assert (r.sw1, r.sw2, r.sw3, r.data) == (0, 0, sp.Status.CARD_FOUND, bytes(4))
    assert sp.encode_response(sp.Status.CARD_FOUND, bytes(4)) == wire


def test_noise_before_the_preamble_is_skipped_and_too_much_noise_is_an_error():
    frame = sp.encode_response(sp.Status.OK)
    assert sp.read_frame(reader_of(b"\x00\xff\x13" + frame)) == bytes((0, 0, 0x90))
    with pytest.raises(sp.FrameError):
        sp.read_frame(reader_of(b"\x55" * 200 + frame))


def test_a_wrong_checksum_is_a_checksum_error():
    frame = bytearray(sp.encode_response(sp.Status.OK, b"abc"))
    frame[9] ^= 0x01  # one bit of the data flipped on the line
    with pytest.raises(sp.ChecksumError):
        sp.read_frame(reader_of(bytes(frame)))


def test_a_frame_cut_short_is_a_partial_timeout_and_silence_is_not():
    frame = sp.encode_response(sp.Status.OK, bytes(100))
    with pytest.raises(sp.FrameTimeout) as cut:
        sp.read_frame(reader_of(frame[:40]))
    assert cut.value.partial
    with pytest.raises(sp.FrameTimeout) as quiet:
        sp.read_frame(reader_of(b""))
    assert not quiet.value.partial


def test_an_impossible_length_is_refused_before_reading_it():
    with pytest.raises(sp.FrameError, match="length"):
        sp.read_frame(reader_of(sp.PREAMBLE + b"\xff\xff" + bytes(10)))


def test_the_read_answer_splits_into_text_and_photo():
    text, photo = bytes(range(256)), b"W" * 1024
    data = (256).to_bytes(2, "big") + (1024).to_bytes(2, "big") + text + photo
    assert sp.split_text_photo(data) == (text, photo)
    with pytest.raises(sp.FrameError):
        sp.split_text_photo(data[:300])
