"""Rotating logs in the data folder; ID numbers and secrets never reach them."""

from __future__ import annotations

import logging
import logging.handlers
import re

from clerk_app import paths

_ID = re.compile(r"(?<![0-9A-Z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Z])")
_USCC = re.compile(r"(?<![0-9A-Z])([0-9A-HJ-NPQRTUWXY]{2}\d{6})[0-9A-HJ-NPQRTUWXY]{6}([0-9A-HJ-NPQRTUWXY]{4})(?![0-9A-Z])")
_SECRET = re.compile(r"(?i)(password|passwd|token|secret|code)(['\"]?\s*[:=]\s*['\"]?)([^\s'\",}]+)")


def redact(text: str) -> str:
    text = _ID.sub(lambda m: m.group(1) + "********" + m.group(2), text)
    text = _USCC.sub(lambda m: m.group(1) + "******" + m.group(2), text)
    return _SECRET.sub(lambda m: m.group(1) + m.group(2) + "***", text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


_configured = False


def setup(level: int = logging.INFO, name: str = "clerk.log") -> None:
    global _configured
    if _configured:
        return
    handler = logging.handlers.RotatingFileHandler(
        paths.logs_dir() / name, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = True
